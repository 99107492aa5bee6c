import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Dialog } from './Dialog';
import { plural } from './model';
import { selectClassifications, selectPickedCount, useCases } from './store';

const ROUND = { first: 'First', 'follow-up': 'Follow-up' } as const;

/**
 * Links read from file names (Site2_LW02_followup.docx: case LW02, site 2, follow-up), to review
 * before anything changes: each has a checkbox; Apply selected links the checked ones.
 */
export function LinkSuggestions() {
  const suggestions = useCases((s) => s.suggestions);
  if (!suggestions) return null;
  return <SuggestionsDialog />;
}

function SuggestionsDialog() {
  const suggestions = useCases((s) => s.suggestions) ?? [];
  const picked = useCases((s) => s.picked);
  const count = useCases(selectPickedCount);
  const classifications = useCases(useShallow(selectClassifications));
  const chosenName = useCases(
    (s) =>
      (typeof s.chosen === 'number' ? s.classifications.byId[s.chosen]?.name : undefined) ?? '',
  );
  const fallback =
    classifications.find((k) => k.name.toLowerCase() === 'person')?.name || chosenName || 'Person';
  const [into, setInto] = useState(fallback);
  const [busy, setBusy] = useState(false);
  const close = () => useCases.getState().closeSuggestions();
  const anyNew = suggestions.some((x) => !x.caseExists && picked[x.sourceId]);
  const all = suggestions.length > 0 && count === suggestions.length;

  return (
    <Dialog label="Link suggestions" onClose={close} className="links-dialog">
      <h2>Link sources to cases</h2>
      {suggestions.length === 0 ? (
        <p className="muted">
          No suggestions: no unlinked source has a participant ID (such as LW02 or P09) or a case’s
          name in its file name.
        </p>
      ) : (
        <>
          <p className="muted small">
            Read from the files’ names. Nothing changes until you apply; untick any that are wrong.
          </p>
          <div className="links-scroll">
            <table className="links-table">
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="Select all suggestions"
                      checked={all}
                      ref={(el) => {
                        if (el) el.indeterminate = count > 0 && !all;
                      }}
                      onChange={(e) => useCases.getState().pickAll(e.target.checked)}
                    />
                  </th>
                  <th scope="col">Source</th>
                  <th scope="col">Case</th>
                  <th scope="col">Site</th>
                  <th scope="col">Round</th>
                </tr>
              </thead>
              <tbody>
                {suggestions.map((x) => (
                  <tr key={x.sourceId} className={picked[x.sourceId] ? '' : 'unpicked'}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Link ${x.sourceName} to ${x.caseName}`}
                        checked={!!picked[x.sourceId]}
                        onChange={(e) => useCases.getState().pick(x.sourceId, e.target.checked)}
                      />
                    </td>
                    <td>{x.sourceName}</td>
                    <td>
                      {x.caseName}
                      {!x.caseExists && <span className="badge new">new case</span>}
                    </td>
                    <td>{x.site ?? <span className="muted">–</span>}</td>
                    <td>{x.round ? ROUND[x.round] : <span className="muted">–</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {anyNew && (
            <div className="field inline">
              <label htmlFor="links-into">New cases go into</label>
              <select id="links-into" value={into} onChange={(e) => setInto(e.target.value)}>
                {!classifications.some((k) => k.name === into) && (
                  <option value={into}>{into} (new)</option>
                )}
                {classifications.map((k) => (
                  <option key={k.id} value={k.name}>
                    {k.name}
                  </option>
                ))}
              </select>
            </div>
          )}
        </>
      )}
      <div className="modal-actions gap">
        <span className="muted small">
          {suggestions.length > 0 && `${count} of ${plural(suggestions.length, 'suggestion')}`}
        </span>
        <span className="spacer" />
        <button onClick={close}>{suggestions.length ? 'Cancel' : 'Close'}</button>
        {suggestions.length > 0 && (
          <button
            className="primary"
            disabled={!count || busy}
            onClick={async () => {
              setBusy(true);
              await useCases.getState().applyLinks(into);
              setBusy(false);
            }}
          >
            Apply selected
          </button>
        )}
      </div>
    </Dialog>
  );
}
