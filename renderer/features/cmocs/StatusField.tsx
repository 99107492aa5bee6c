import { useState, type FormEvent } from 'react';
import type { CmocDetail } from '../../../electron/api/contract';
import { NEEDS_REASON, STATUSES, STATUS_LABEL, type CmocStatus } from './model';
import { useCmocs } from './store';

/**
 * The test status. Choosing another status asks why (a refined or refuted CMOC must say why:
 * the backend refuses it otherwise, and its message shows here); the reason goes in the history.
 */
export function StatusField({ detail }: { detail: CmocDetail }) {
  const [next, setNext] = useState<CmocStatus | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const required = next !== null && NEEDS_REASON.includes(next);

  const cancel = () => {
    setNext(null);
    setReason('');
    setError(null);
  };
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (next === null) return;
    setBusy(true);
    const why = reason.trim();
    const refused = await useCmocs
      .getState()
      .update(detail.id, { status: next, statusReason: why }, { reason: why, quiet: true });
    setBusy(false);
    if (refused) setError(refused);
    else cancel();
  }

  return (
    <form className="cmoc-status" aria-label="Test status" onSubmit={(e) => void submit(e)}>
      <label className="cmoc-field">
        Status
        <select
          value={next ?? detail.status}
          onChange={(e) => {
            const s = e.target.value as CmocStatus;
            if (s === detail.status) cancel();
            else {
              setNext(s);
              setError(null);
            }
          }}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      {next === null ? (
        detail.statusReason && (
          <p className="cmoc-status-reason">
            <span className="muted small">Why: </span>
            {detail.statusReason}
          </p>
        )
      ) : (
        <div className="cmoc-status-change">
          <label className="cmoc-field">
            {required
              ? `Why is it ${STATUS_LABEL[next].toLowerCase()}? (required)`
              : 'Why? (optional)'}
            <textarea
              autoFocus
              rows={2}
              value={reason}
              maxLength={20000}
              aria-required={required}
              placeholder="What the new data showed"
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="selection-form-actions">
            <button type="button" onClick={cancel}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy}>
              Mark {STATUS_LABEL[next].toLowerCase()}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
