import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Classification } from '../../../electron/api/contract-cases';
import { ConfirmDialog } from './Dialog';
import { plural } from './model';
import { selectClassifications, useCases } from './store';
import { NameForm } from './NameForm';

/** The classifications (Person, Site…): choose one, add, rename and delete. */
export function ClassificationList() {
  const classifications = useCases(useShallow(selectClassifications));
  const unclassified = useCases((s) => s.unclassified);
  const chosen = useCases((s) => s.chosen);
  const [renaming, setRenaming] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Classification | null>(null);

  return (
    <section className="side-section" aria-labelledby="classifications-head">
      <div className="pane-head">
        <h3 id="classifications-head">Classifications</h3>
        <span className="muted">{classifications.length}</span>
      </div>
      <ul className="side-list" aria-label="Classifications">
        {classifications.map((k) => (
          <li key={k.id} className={k.id === chosen ? 'selected' : ''}>
            {renaming === k.id ? (
              <NameForm
                label={`New name for ${k.name}`}
                initial={k.name}
                submitLabel="Save"
                onCancel={() => setRenaming(null)}
                onSubmit={async (name) => {
                  if (await useCases.getState().renameClassification(k.id, name)) setRenaming(null);
                }}
              />
            ) : (
              <>
                <button
                  className="row"
                  aria-current={k.id === chosen ? 'true' : undefined}
                  onClick={() => useCases.getState().choose(k.id)}
                  title={k.description || undefined}
                >
                  <span className="name">{k.name}</span>
                  <span className="count" aria-label={plural(k.cases, 'case')}>
                    {k.cases}
                  </span>
                </button>
                <span className="row-tools">
                  <button
                    className="icon"
                    aria-label={`Rename ${k.name}`}
                    title="Rename"
                    onClick={() => setRenaming(k.id)}
                  >
                    ✎
                  </button>
                  <button
                    className="icon"
                    aria-label={`Delete ${k.name}`}
                    title="Delete"
                    onClick={() => setDeleting(k)}
                  >
                    ×
                  </button>
                </span>
              </>
            )}
          </li>
        ))}
        {unclassified > 0 && (
          <li className={chosen === 'unclassified' ? 'selected' : ''}>
            <button
              className="row"
              aria-current={chosen === 'unclassified' ? 'true' : undefined}
              onClick={() => useCases.getState().choose('unclassified')}
            >
              <span className="name muted">Unclassified</span>
              <span className="count" aria-label={plural(unclassified, 'case')}>
                {unclassified}
              </span>
            </button>
          </li>
        )}
      </ul>
      <NameForm
        label="New classification name"
        placeholder="New classification…"
        submitLabel="Add classification"
        shortLabel="Add"
        clearOnSubmit
        onSubmit={(name) => useCases.getState().createClassification(name)}
      />
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete classification"
          message={
            <p>
              {deleting.cases === 0
                ? `${deleting.name} has no cases. `
                : `${plural(deleting.cases, 'case')} will lose ${deleting.cases === 1 ? 'its' : 'their'} values for ${plural(deleting.attributes, 'attribute')} of ${deleting.name}. `}
              The cases themselves stay in the project, unclassified, with their linked sources.
            </p>
          }
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const id = deleting.id;
            setDeleting(null);
            void useCases.getState().deleteClassification(id);
          }}
        />
      )}
    </section>
  );
}
