import { useState } from 'react';
import { useCoding } from './store';

/** Links the selected passage to a case (a participant who speaks in a group interview, say). */
export function CaseLink() {
  const cases = useCoding((s) => s.allCases);
  const [caseId, setCaseId] = useState<number | ''>('');
  if (!cases.length) return null;
  return (
    <form
      className="case-link"
      onSubmit={(e) => {
        e.preventDefault();
        if (caseId !== '')
          void useCoding
            .getState()
            .linkSelectionToCase(caseId)
            .then((ok) => ok && setCaseId(''));
      }}
    >
      <label>
        <span className="muted">Case:</span>
        <select
          aria-label="Link the passage to a case"
          value={caseId}
          onChange={(e) => setCaseId(e.target.value ? Number(e.target.value) : '')}
        >
          <option value="">Choose…</option>
          {cases.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.classificationName ? ` (${c.classificationName})` : ''}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={caseId === ''}>
        Link passage
      </button>
    </form>
  );
}

/** The cases a source belongs to, for the reader's header. */
export function SourceCases() {
  const cases = useCoding((s) => s.sourceCases);
  if (!cases.length) return null;
  return (
    <p className="source-cases" data-testid="source-cases">
      <span className="muted">Cases:</span>{' '}
      {cases.map((c) => (
        <span
          key={c.id}
          className="case-chip"
          title={
            c.whole ? 'The whole source' : `${c.passages} passage${c.passages === 1 ? '' : 's'}`
          }
        >
          {c.name}
          {!c.whole && (
            <span className="muted small">
              {' '}
              · {c.passages} passage{c.passages === 1 ? '' : 's'}
            </span>
          )}
        </span>
      ))}
    </p>
  );
}
