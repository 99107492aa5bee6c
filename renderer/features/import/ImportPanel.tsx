import { useImport } from './store';

const SHOWN_OK = 100;

/** Progress of a running import (files done / total, the current file), Cancel, then results. */
export function ImportPanel() {
  const { phase, done, total, current, cancelled } = useImport();
  const results = useImport((s) => s.results).filter(Boolean);
  // A thousand-file import lists every failure but only the latest successes.
  const shown = results.filter((r, i) => !r.ok || i >= results.length - SHOWN_OK);
  const hidden = results.length - shown.length;
  if (!phase) return null;
  const failed = results.filter((r) => !r.ok);
  const ok = results.filter((r) => r.ok);
  const pct = total ? Math.round((done / total) * 100) : 0;
  const running = phase !== 'finished';
  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal import-panel" role="dialog" aria-modal="true" aria-label="Import">
        <h2>
          {running
            ? phase === 'uploading'
              ? 'Preparing files…'
              : 'Importing…'
            : cancelled
              ? 'Import cancelled'
              : 'Import finished'}
        </h2>
        <div
          className="progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={done}
          aria-label="Import progress"
        >
          <div className="progress-bar" style={{ width: `${pct}%` }} />
        </div>
        <p className="muted" data-testid="import-status">
          {done} of {total} files{running && current ? ` · ${current}` : ''}
          {!running &&
            ` · ${ok.length} imported${failed.length ? `, ${failed.length} failed` : ''}`}
        </p>
        {results.length > 0 && (
          <ul className="import-results" aria-label="Import results">
            {hidden > 0 && <li className="muted">… and {hidden} more imported</li>}
            {shown.map((r, i) => (
              <li key={i} className={r.ok ? 'ok' : 'failed'}>
                <span aria-hidden="true">{r.ok ? '✓' : '✗'}</span> <strong>{r.name}</strong>
                {r.ok ? (
                  r.sourceName !== r.name.replace(/\.[^.]+$/, '') && (
                    <span className="muted"> as “{r.sourceName}”</span>
                  )
                ) : (
                  <span> — {r.message}</span>
                )}
                {r.warnings?.map((w) => (
                  <div key={w} className="muted small">
                    {w}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        )}
        <div className="modal-actions">
          {running ? (
            <button onClick={() => void useImport.getState().cancel()} disabled={cancelled}>
              {cancelled ? 'Cancelling…' : 'Cancel'}
            </button>
          ) : (
            <button className="primary" onClick={() => useImport.getState().dismiss()} autoFocus>
              Close
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
