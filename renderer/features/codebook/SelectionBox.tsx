import { useMemo } from 'react';
import { CaseLink } from '../coding/CaseLink';
import { useCoding } from '../coding/store';
import { SelectionActions } from '../memos/SelectionActions';
import { AddEvidence } from '../cmocs/AddEvidence';
import { useCodebook } from './store';

/** The selected passage, the codes already on it (each can be taken off it), and what else to do. */
export function SelectionBox() {
  const selection = useCoding((s) => s.selection);
  const codings = useCoding((s) => s.codings);
  const byId = useCodebook((s) => s.byId);

  // Each code once, however many of its codings overlap the selection.
  const codeIds = useMemo(() => {
    if (!selection) return [];
    const ids = codings
      .filter(
        (c) =>
          c.sourceId === selection.sourceId && c.start < selection.end && c.end > selection.start,
      )
      .map((c) => c.codeId);
    return [...new Set(ids)].filter((id) => byId[id]);
  }, [selection, codings, byId]);

  if (!selection)
    return (
      <div className="selection-box" data-testid="selection-box">
        <span className="muted">
          Select a passage in the text, then choose a code, drag the passage onto one, or type a new
          one.
        </span>
      </div>
    );
  return (
    <div className="selection-box active" data-testid="selection-box">
      <span className="muted">Selected:</span> <q>{truncate(selection.text, 120)}</q>
      {codeIds.length > 0 && (
        <div className="at-selection-wrap">
          <ul className="at-selection" aria-label="Codes on the selected passage">
            {codeIds.map((id) => (
              <li key={id}>
                <span className="swatch" style={{ background: byId[id]!.color }} />
                {byId[id]!.name}
                <button
                  className="link"
                  aria-label={`Uncode ${byId[id]!.name} from the selection`}
                  title="Take the selected words out of this code"
                  onClick={() => void useCodebook.getState().uncodeSelection(id)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <button
            className="uncode-all"
            title="Take the selected words out of every code on them"
            onClick={() => void useCodebook.getState().uncodeSelection()}
          >
            Uncode all
          </button>
        </div>
      )}
      <div className="selection-actions">
        <CaseLink />
        <SelectionActions />
        <AddEvidence />
      </div>
    </div>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
