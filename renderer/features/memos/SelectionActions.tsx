import { useEffect, useState, type FormEvent } from 'react';
import type { Memo } from '../../../electron/api/contract';
import { useCoding } from '../coding/store';
import { notify } from '../../ui/notices';
import { useAnnotations } from './annotations';
import { useMemos } from './store';
import './memos.css';

type Mode = 'idle' | 'annotate' | 'link';

/** What can be done with the selected passage besides coding it: annotate it, or link a memo. */
export function SelectionActions() {
  const selection = useCoding((s) => s.selection);
  if (!selection) return null;
  // A new selection starts afresh (a half-written annotation belongs to its own passage).
  return <Actions key={`${selection.sourceId}:${selection.start}:${selection.end}`} />;
}

function Actions() {
  const [mode, setMode] = useState<Mode>('idle');
  return (
    <div className="selection-actions">
      {mode === 'idle' && (
        <div className="selection-action-buttons">
          <button onClick={() => setMode('annotate')}>Annotate…</button>
          <button onClick={() => setMode('link')}>Link to memo…</button>
        </div>
      )}
      {mode === 'annotate' && <AnnotateForm onDone={() => setMode('idle')} />}
      {mode === 'link' && <LinkForm onDone={() => setMode('idle')} />}
    </div>
  );
}

function AnnotateForm({ onDone }: { onDone(): void }) {
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e?: FormEvent) {
    e?.preventDefault();
    const sel = useCoding.getState().selection;
    if (!sel || !body.trim()) return;
    setBusy(true);
    const ok = await useAnnotations
      .getState()
      .create({ sourceId: sel.sourceId, start: sel.start, end: sel.end, body: body.trim() });
    setBusy(false);
    if (ok) {
      notify('Annotation added.');
      onDone();
    }
  }
  return (
    <form className="selection-form" onSubmit={(e) => void submit(e)}>
      <textarea
        autoFocus
        rows={3}
        value={body}
        maxLength={20000}
        placeholder="A note on this passage"
        aria-label="Annotation"
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
          else if (e.key === 'Escape') onDone();
        }}
      />
      <div className="selection-form-actions">
        <span className="muted small">Ctrl+Enter saves</span>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!body.trim() || busy}>
          Save
        </button>
      </div>
    </form>
  );
}

const NEW = 'new';

function LinkForm({ onDone }: { onDone(): void }) {
  const [memos, setMemos] = useState<Memo[] | null>(null);
  const [choice, setChoice] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  // Read once when the form opens; a project without memos offers a new one straight away.
  useEffect(() => {
    let live = true;
    void useMemos
      .getState()
      .listAll()
      .then((list) => {
        if (!live) return;
        setMemos(list);
        setChoice(list[0] ? String(list[0].id) : NEW);
      });
    return () => {
      live = false;
    };
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const sel = useCoding.getState().selection;
    if (!sel) return;
    setBusy(true);
    let memo: Memo | null | undefined =
      choice === NEW ? null : memos?.find((m) => String(m.id) === choice);
    if (choice === NEW) {
      if (!title.trim()) return setBusy(false);
      memo = await useMemos.getState().create({ title: title.trim(), targetType: 'project' });
    }
    const ok = memo
      ? await useMemos
          .getState()
          .linkPassage(memo.id, { sourceId: sel.sourceId, start: sel.start, end: sel.end })
      : false;
    setBusy(false);
    if (ok && memo) {
      notify(`Passage linked to the memo ‘${memo.title}’.`);
      onDone();
    }
  }

  return (
    <form className="selection-form" onSubmit={(e) => void submit(e)}>
      <select
        autoFocus
        value={choice}
        aria-label="Memo to link the passage to"
        disabled={memos === null}
        onChange={(e) => setChoice(e.target.value)}
      >
        {memos?.map((m) => (
          <option key={m.id} value={m.id}>
            {m.title}
          </option>
        ))}
        <option value={NEW}>New memo…</option>
      </select>
      {choice === NEW && (
        <input
          autoFocus
          value={title}
          maxLength={200}
          placeholder="Title of the new memo"
          aria-label="New memo title"
          onChange={(e) => setTitle(e.target.value)}
        />
      )}
      <div className="selection-form-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button
          type="submit"
          className="primary"
          disabled={busy || memos === null || (choice === NEW && !title.trim())}
        >
          Link
        </button>
      </div>
    </form>
  );
}
