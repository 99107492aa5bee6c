import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Case } from '../../../electron/api/contract-cases';
import { ConfirmDialog } from './Dialog';
import { plural } from './model';
import { selectCases, selectChosenClassification, useCases } from './store';

/** The cases of the chosen classification: choose one to go to its row, or delete it. */
export function CaseList() {
  const cases = useCases(useShallow(selectCases));
  const classification = useCases(selectChosenClassification);
  const chosen = useCases((s) => s.chosen);
  const loaded = useCases((s) => s.gridFor !== null);
  const values = useCases((s) => s.caseValues);
  const [deleting, setDeleting] = useState<Case | null>(null);
  const title = classification
    ? `Cases in ${classification.name}`
    : chosen === 'unclassified'
      ? 'Unclassified cases'
      : 'Cases';

  return (
    <section className="side-section grow" aria-labelledby="case-list-head">
      <div className="pane-head">
        <h3 id="case-list-head">{title}</h3>
        <span className="muted">{cases.length}</span>
      </div>
      {loaded && !cases.length && <p className="empty small">No cases yet.</p>}
      <ul className="side-list" aria-label={title}>
        {cases.map((c) => (
          <li key={c.id}>
            <button
              className="row"
              onClick={() => {
                useCases.getState().setTab('cases');
                useCases.getState().revealRow({ owner: 'case', id: c.id });
              }}
              title={`${c.name}: ${plural(c.sources, 'source')}, ${plural(c.passages, 'passage')}`}
            >
              <span className="name">{c.name}</span>
              <span className="count" aria-label={plural(c.sources, 'linked source')}>
                {c.sources}
              </span>
            </button>
            <span className="row-tools">
              <button
                className="icon"
                aria-label={`Delete case ${c.name}`}
                title="Delete case"
                onClick={() => setDeleting(c)}
              >
                ×
              </button>
            </span>
          </li>
        ))}
      </ul>
      {deleting && (
        <ConfirmDialog
          title={`Delete case ${deleting.name}?`}
          confirmLabel="Delete case"
          message={
            <p>
              {deleting.name} loses its{' '}
              {plural(Object.keys(values[deleting.id] ?? {}).length, 'attribute value')}, its links
              to {plural(deleting.sources, 'source')} and {plural(deleting.passages, 'passage')}.
              The sources and their codings stay.
            </p>
          }
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const id = deleting.id;
            setDeleting(null);
            void useCases.getState().deleteCase(id);
          }}
        />
      )}
    </section>
  );
}
