import { Dialog } from './Dialog';
import { plural } from './model';
import { useCases } from './store';

/** What importing an attribute table did: cases created and updated, new attributes, or why not. */
export function AttributeImportDialog() {
  const job = useCases((s) => s.attributeImport);
  if (!job) return null;
  const close = () => useCases.getState().dismissImport();
  const r = job.result;
  return (
    // Keyed by phase: when the import ends, focus moves to the (now enabled) Close button.
    <Dialog key={job.phase} label="Import attributes" onClose={close}>
      <h2>
        {job.phase === 'working'
          ? `Importing ${job.fileName}…`
          : job.phase === 'done'
            ? `Imported ${job.fileName} into ${job.classificationName}`
            : `Could not import ${job.fileName}`}
      </h2>
      {job.phase === 'working' && (
        <div className="progress indeterminate" role="progressbar" aria-label="Import progress">
          <div className="progress-bar" />
        </div>
      )}
      {r && (
        <ul className="import-summary" aria-label="Import result">
          <li>{plural(r.casesCreated, 'case')} created</li>
          <li>{plural(r.casesUpdated, 'case')} updated</li>
          <li>
            {r.attributesCreated.length
              ? `${plural(r.attributesCreated.length, 'attribute')} created: ${r.attributesCreated.join(', ')}`
              : 'No new attributes'}
          </li>
          <li>{plural(r.valuesSet, 'value')} set</li>
        </ul>
      )}
      {job.error && (
        <p className="import-error" data-testid="attribute-import-error">
          {job.error}
          <span className="muted small">
            {' '}
            Nothing was changed. The first row must name the columns; the first column holds the
            case names.
          </span>
        </p>
      )}
      <div className="modal-actions">
        <button className="primary" onClick={close} disabled={job.phase === 'working'}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
