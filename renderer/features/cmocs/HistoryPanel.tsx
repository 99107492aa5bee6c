import { useEffect, useMemo } from 'react';
import type { CmocHistoryEntry } from '../../../electron/api/contract';
import { STATUS_LABEL, changesOf, newestFirst, when } from './model';
import { useCmocs } from './store';

const ACTION_TEXT: Record<CmocHistoryEntry['action'], string> = {
  created: 'Created',
  edited: 'Edited',
  status: 'Status changed',
  'evidence added': 'Evidence added',
  'evidence removed': 'Evidence removed',
  deleted: 'Deleted',
};

/** Every change to the CMOC, newest first: who, when, each field before → after, and why. */
export function HistoryPanel({ id }: { id: number }) {
  const history = useCmocs((s) => s.history);
  const concepts = useCmocs((s) => s.concepts);
  const title = useCmocs((s) => s.byId[id]?.title ?? s.detail?.title ?? '');
  useEffect(() => {
    void useCmocs.getState().loadHistory(id);
  }, [id]);
  const entries = useMemo(() => (history ? newestFirst(history) : null), [history]);
  const conceptName = (cid: number) => concepts.find((c) => c.id === cid)?.name;

  if (!entries) return <p className="muted cmoc-panel">Reading its history…</p>;
  return (
    <section className="cmoc-panel" aria-label={`History of ${title}`}>
      <h3>History · {title}</h3>
      {entries.length === 0 && <p className="muted">No changes recorded yet.</p>}
      <ol className="cmoc-history" aria-label="Changes">
        {entries.map((e, i) => (
          <HistoryItem key={`${e.version}-${e.at}-${i}`} e={e} conceptName={conceptName} />
        ))}
      </ol>
    </section>
  );
}

function HistoryItem({
  e,
  conceptName,
}: {
  e: CmocHistoryEntry;
  conceptName(id: number): string | undefined;
}) {
  // A status reason that is the entry's reason is already shown once, as the reason.
  const changes = changesOf(e, conceptName).filter(
    (c) => !(c.field === 'statusReason' && c.after === e.reason),
  );
  const newStatus = e.after?.status;
  // A refined or refuted version keeps the one before it in view: its fields are the "before".
  const headline =
    e.action === 'status' && newStatus
      ? `${ACTION_TEXT.status}: ${STATUS_LABEL[newStatus]}`
      : ACTION_TEXT[e.action];
  return (
    <li className={`cmoc-history-item ${e.action.replace(' ', '-')}`}>
      <div className="cmoc-history-head">
        <strong>{headline}</strong>
        <span className="muted small">
          version {e.version} · {e.by || 'someone'} · {when(e.at)}
        </span>
      </div>
      {e.reason && (
        <p className="cmoc-history-reason">
          <span className="muted small">Reason: </span>
          {e.reason}
        </p>
      )}
      {e.evidence && (
        <p className="cmoc-history-evidence">
          {e.action === 'evidence removed' ? '− ' : '+ '}
          {e.evidence}
        </p>
      )}
      {changes.length > 0 && e.action !== 'created' && (
        <dl className="cmoc-history-changes">
          {changes.map((c) => (
            <div key={c.field}>
              <dt>{c.label}</dt>
              <dd>
                <span className="before">{c.before}</span>
                <span className="arrow" aria-label="became">
                  {' → '}
                </span>
                <span className="after">{c.after}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {e.action === 'created' && changes.length > 0 && (
        <dl className="cmoc-history-changes">
          {changes
            .filter((c) => c.after !== '—' && c.after !== 'Not stated')
            .map((c) => (
              <div key={c.field}>
                <dt>{c.label}</dt>
                <dd>
                  <span className="after">{c.after}</span>
                </dd>
              </div>
            ))}
        </dl>
      )}
    </li>
  );
}
