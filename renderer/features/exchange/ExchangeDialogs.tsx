import './exchange.css';
import type { ExchangeSummary } from '../../../electron/api/contract';
import { Dialog } from '../cases/Dialog';
import { ExcerptsReportDialog } from './ExcerptsReportDialog';
import { useExchange } from './store';

const CONVENTIONS: Record<string, string> = {
  codepoints: 'Unicode code points (the standard)',
  'utf16-crlf2': 'UTF-16 units, line ends counted as 2 (NVivo for Windows)',
  'codepoints-crlf1': 'code points, line ends counted as 1 (ATLAS.ti)',
  utf16: 'UTF-16 units',
};

const KINDS: Record<string, string> = {
  users: 'Coders',
  codes: 'Codes',
  sources: 'Sources',
  codings: 'Codings',
  classifications: 'Classifications',
  attributes: 'Attributes',
  cases: 'Cases',
  values: 'Attribute values',
  codeSets: 'Code sets',
  concepts: 'Concepts',
  cmocs: 'CMOCs',
  evidence: 'CMOC evidence',
  canvasItems: 'Canvas items',
  canvasLinks: 'Canvas links',
  memos: 'Memos',
  annotations: 'Annotations',
  memoPassages: 'Memo passages',
  casePassages: 'Case passages',
  kept: 'Kept for the next export',
};

/** "codeSets" → "Code sets": a kind the summary counts, as a person would name it. */
export function kindLabel(kind: string): string {
  if (KINDS[kind]) return KINDS[kind];
  const words = kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function rows(counts: Record<string, number>): [string, number][] {
  return Object.entries(counts).filter(([, n]) => n > 0);
}

function Summary({ summary }: { summary: ExchangeSummary & { title: string } }) {
  const close = () => useExchange.getState().dismiss();
  const added = rows(summary.added);
  const present = rows(summary.present);
  const conventions = rows(summary.conventions);
  return (
    <Dialog label={summary.title} onClose={close} className="exchange-summary">
      <h2>{summary.title}</h2>
      {summary.origin && <p className="muted">Written by {summary.origin}</p>}
      <table aria-label="What came in">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">New</th>
            {present.length > 0 && <th scope="col">Already here</th>}
          </tr>
        </thead>
        <tbody>
          {[...new Set([...added, ...present].map(([k]) => k))].map((k) => (
            <tr key={k}>
              <th scope="row">{kindLabel(k)}</th>
              <td>{summary.added[k] ?? 0}</td>
              {present.length > 0 && <td>{summary.present[k] ?? 0}</td>}
            </tr>
          ))}
          {added.length + present.length === 0 && (
            <tr>
              <td colSpan={2}>Nothing new: everything in the file is already here.</td>
            </tr>
          )}
        </tbody>
      </table>
      {conventions.length > 0 && (
        <p>
          Offsets counted as{' '}
          {conventions.map(([c, n]) => `${CONVENTIONS[c] ?? c} (${n} sources)`).join('; ')}.
        </p>
      )}
      {summary.skipped.length > 0 && (
        <>
          <h3>Skipped</h3>
          <ul aria-label="Skipped">
            {summary.skipped.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      )}
      {summary.warnings.length > 0 && (
        <>
          <h3>Notes</h3>
          <ul aria-label="Notes" className="exchange-warnings">
            {summary.warnings.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small">Took {(summary.ms / 1000).toFixed(1)} s.</p>
      <div className="modal-actions">
        <button onClick={close} data-autofocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/** The import summary, the excerpts report dialog, and progress while exchange work runs. */
export function ExchangeDialogs() {
  const summary = useExchange((s) => s.summary);
  const busy = useExchange((s) => s.busy);
  const progress = useExchange((s) => s.progress);
  const excerpts = useExchange((s) => s.excerptsDialog);
  return (
    <>
      {busy && (
        <div className="exchange-busy" role="status" aria-live="polite">
          <span>{busy}</span>
          {progress && progress.total > 0 && (
            <progress value={progress.done} max={progress.total} aria-label={busy} />
          )}
        </div>
      )}
      {summary && <Summary summary={summary} />}
      {excerpts && <ExcerptsReportDialog />}
    </>
  );
}
