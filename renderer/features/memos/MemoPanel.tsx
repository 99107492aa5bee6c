import { useEffect, useRef, useState } from 'react';
import type { Memo } from '../../../electron/api/contract';
import { ConfirmDialog } from '../cases/Dialog';
import { openPassage } from '../retrieval/open';
import { useMemos } from './store';
import { aboutText, when } from './format';
import { MemoBodyEditor } from './MemoEditor';

type Status = 'saved' | 'editing' | 'saving' | 'error';
const STATUS_TEXT: Record<Status, string> = {
  saved: 'Saved',
  editing: 'Editing…',
  saving: 'Saving…',
  error: 'Not saved',
};

/** One memo: its title, what it is about, its text (autosaved) and the passages it links to. */
export function MemoPanel({ id }: { id: number }) {
  const [memo, setMemo] = useState<Memo | null>(null);
  const [status, setStatus] = useState<Status>('saved');
  const [confirming, setConfirming] = useState(false);
  const listed = useMemos((s) => s.byId[id]);
  const passages = useMemos((s) => s.passages);

  // The editor starts from the stored memo, read fresh (the list may hold an older copy).
  useEffect(() => {
    let live = true;
    void useMemos
      .getState()
      .fetch(id)
      .then((m) => live && setMemo(m));
    return () => {
      live = false;
    };
  }, [id]);

  if (!memo) return <div className="memo-panel muted">Opening the memo…</div>;
  const current = listed ?? memo;
  return (
    <article className="memo-panel" aria-label={`Memo ${current.title}`}>
      <div className="memo-head">
        <TitleField memo={memo} onStatus={setStatus} />
        <span className={`save-status ${status}`} role="status" data-testid="memo-status">
          {STATUS_TEXT[status]}
        </span>
        <button className="danger-link" onClick={() => setConfirming(true)}>
          Delete
        </button>
      </div>
      <p className="memo-about muted">
        About: <strong>{aboutText(current)}</strong> · created {when(current.createdAt)}
      </p>
      <MemoBodyEditor memo={memo} onStatus={setStatus} />
      <section className="memo-passages" aria-label="Linked passages">
        <h3>Linked passages</h3>
        {passages.length === 0 ? (
          <p className="muted small">
            None yet. Select a passage in a source, then choose Link to memo.
          </p>
        ) : (
          <ul>
            {passages.map((p) => (
              <li key={p.id}>
                <div className="memo-passage-source">{p.sourceName}</div>
                <blockquote>{p.text}</blockquote>
                <div className="memo-passage-actions">
                  <button onClick={() => openPassage(p)}>Open</button>
                  <button onClick={() => void useMemos.getState().unlinkPassage(p.id)}>
                    Unlink
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {confirming && (
        <ConfirmDialog
          title="Delete memo"
          message={
            <p>
              Delete the memo ‘{current.title}’? Its text
              {current.passages > 0
                ? ` and its links to ${current.passages} passage${current.passages === 1 ? '' : 's'}`
                : ''}{' '}
              will be gone. The passages themselves stay.
            </p>
          }
          confirmLabel="Delete memo"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void useMemos.getState().remove(id);
          }}
        />
      )}
    </article>
  );
}

/** The title, saved when the field is left or Enter is pressed; an empty title is refused. */
function TitleField({ memo, onStatus }: { memo: Memo; onStatus(s: Status): void }) {
  const [title, setTitle] = useState(memo.title);
  const saved = useRef(memo.title);
  const latest = useRef(title);
  useEffect(() => {
    latest.current = title;
  });

  const commit = async () => {
    const t = latest.current.trim();
    if (!t) return setTitle(saved.current);
    if (t === saved.current) return;
    onStatus('saving');
    const ok = await useMemos.getState().save(memo.id, { title: t });
    if (ok) saved.current = t;
    onStatus(ok ? 'saved' : 'error');
  };
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  });
  // Closing the memo with the title still in the field saves it too.
  useEffect(() => () => void commitRef.current(), []);

  return (
    <input
      className="memo-title"
      value={title}
      maxLength={200}
      aria-label="Memo title"
      onChange={(e) => {
        setTitle(e.target.value);
        onStatus('editing');
      }}
      onBlur={() => void commit()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          void commit();
        }
      }}
    />
  );
}
