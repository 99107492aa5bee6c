import { useState } from 'react';
import type { Annotation } from '../../../electron/api/contract';
import { ConfirmDialog } from '../cases/Dialog';
import { openPassage } from '../retrieval/open';
import { useAnnotations } from './annotations';
import { useMemos } from './store';
import { when } from './format';
import { notify } from '../../ui/notices';

/** An annotation from the list: its passage, its text to edit, and a way back to the source. */
export function AnnotationPanel({ id }: { id: number }) {
  const listed = useAnnotations((s) => s.all?.find((x) => x.id === id));
  // After an edit the search may no longer match it; the panel keeps showing what was saved.
  const [saved, setSaved] = useState<Annotation | null>(null);
  const a = listed ?? saved;
  const [body, setBody] = useState(a?.body ?? '');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!a) return <div className="memo-panel muted">This annotation is no longer there.</div>;

  const save = async () => {
    setBusy(true);
    const result = await useAnnotations.getState().update(id, body);
    if (result) {
      setSaved(result);
      notify('Annotation saved.');
    }
    setBusy(false);
  };
  return (
    <article className="memo-panel" aria-label="Annotation">
      <div className="memo-head">
        <h2 className="annotation-title">Annotation</h2>
        <button onClick={() => openPassage(a)}>Open in source</button>
        <button className="danger-link" onClick={() => setConfirming(true)}>
          Delete
        </button>
      </div>
      <p className="memo-about muted">
        On <strong>{a.sourceName}</strong> · {a.author ? `${a.author} · ` : ''}
        {when(a.updatedAt)}
      </p>
      <blockquote className="annotation-words">{a.text}</blockquote>
      <form
        className="annotation-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <textarea
          value={body}
          rows={6}
          maxLength={20000}
          aria-label="Annotation text"
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void save();
            }
          }}
        />
        <div className="annotation-actions">
          <button type="button" disabled={body === a.body} onClick={() => setBody(a.body)}>
            Revert
          </button>
          <button
            type="submit"
            className="primary"
            disabled={busy || !body.trim() || body === a.body}
          >
            Save
          </button>
        </div>
      </form>
      {confirming && (
        <ConfirmDialog
          title="Delete annotation"
          message={<p>Delete this annotation on {a.sourceName}? The passage itself stays.</p>}
          confirmLabel="Delete annotation"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void useAnnotations
              .getState()
              .remove(id)
              .then((ok) => ok && useMemos.getState().select(null));
          }}
        />
      )}
    </article>
  );
}
