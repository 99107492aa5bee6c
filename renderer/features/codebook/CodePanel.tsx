import { useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { depthOf, selectCodes, useCodebook } from './store';
import { useCoding } from '../coding/store';
import { CaseLink } from '../coding/CaseLink';
import { useRetrieval } from '../retrieval/store';

/** The codes pane: every code with its number of codings; apply one to the selection. */
export function CodePanel() {
  const codes = useCodebook(useShallow(selectCodes));
  const byId = useCodebook((s) => s.byId);
  const selection = useCoding((s) => s.selection);
  const shownCode = useRetrieval((s) => s.codeId);
  const codings = useCoding((s) => s.codings);
  const [name, setName] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  const filter = name.trim().toLowerCase();
  const visible = filter ? codes.filter((c) => c.name.toLowerCase().includes(filter)) : codes;
  const atSelection = selection
    ? codings.filter(
        (c) =>
          c.sourceId === selection.sourceId && c.start < selection.end && c.end > selection.start,
      )
    : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const wanted = name.trim();
    if (!wanted) return;
    const existing = codes.find((c) => c.name.toLowerCase() === wanted.toLowerCase());
    if (selection) {
      const ok = await useCoding
        .getState()
        .apply(existing ? { codeId: existing.id } : { codeName: wanted });
      if (ok) setName('');
    } else if (!existing) {
      if (await useCodebook.getState().create(wanted)) setName('');
    }
  }

  return (
    <section className="code-panel" aria-label="Codes">
      <div className="pane-head">
        <h3>Codes</h3>
        <span className="muted">{codes.length}</span>
      </div>
      <div className={`selection-box ${selection ? 'active' : ''}`} data-testid="selection-box">
        {selection ? (
          <>
            <span className="muted">Selected:</span> <q>{truncate(selection.text, 120)}</q>
            {atSelection.length > 0 && (
              <ul className="at-selection" aria-label="Codes on the selected passage">
                {atSelection.map((c) => (
                  <li key={c.id}>
                    <span className="swatch" style={{ background: byId[c.codeId]?.color }} />
                    {byId[c.codeId]?.name}
                    <button
                      className="link"
                      aria-label={`Remove ${byId[c.codeId]?.name} from this passage`}
                      onClick={() => void useCoding.getState().remove(c.id)}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <CaseLink />
          </>
        ) : (
          <span className="muted">
            Select a passage in the text, then choose a code or type a new one.
          </span>
        )}
      </div>
      <form onSubmit={(e) => void submit(e)} className="code-form">
        <input
          ref={inputRef}
          id="code-input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={selection ? 'Code name — Enter applies it' : 'Filter or add a code'}
          aria-label="Code name"
          maxLength={200}
        />
        <button type="submit" disabled={!name.trim()}>
          {selection ? 'Apply' : 'Add'}
        </button>
      </form>
      <ul className="code-list" aria-label="Code list">
        {visible.map((c) => (
          <li key={c.id} style={{ paddingLeft: `${depthOf(byId, c) * 14}px` }}>
            <div className={`row ${shownCode === c.id ? 'selected' : ''}`}>
              <span className="swatch" style={{ background: c.color }} />
              <button
                className="name link-like"
                onClick={() => void useRetrieval.getState().showCode(c.id)}
                title={c.description || 'Show its excerpts'}
              >
                {c.name}
              </button>
              <span className="count" aria-label={`${c.codings} codings`}>
                {c.codings}
              </span>
              {selection && (
                <button
                  className="apply"
                  aria-label={`Apply ${c.name}`}
                  onClick={() => void useCoding.getState().apply({ codeId: c.id })}
                >
                  Apply
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
