import { useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Memo } from '../../../electron/api/contract';
import { depthOf, selectCodes, useCodebook } from '../codebook/store';
import { selectSources, useSources } from '../sources/store';
import { useCoding } from '../coding/store';
import { useMemos, type MemoKind } from './store';

/** Starts a memo: what it is about (the project, a code, a source or a case) and its title. */
export function NewMemoForm({ onDone }: { onDone(memo: Memo | null): void }) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<MemoKind>('project');
  const [targetId, setTargetId] = useState('');
  const [busy, setBusy] = useState(false);
  const codes = useCodebook(useShallow(selectCodes));
  const codeById = useCodebook((s) => s.byId);
  const sources = useSources(useShallow(selectSources));
  const cases = useCoding((s) => s.allCases);

  useEffect(() => {
    if (kind === 'case') void useCoding.getState().loadCases();
  }, [kind]);

  const options: { id: number; name: string }[] =
    kind === 'code'
      ? codes.map((c) => ({ id: c.id, name: '\u2003'.repeat(depthOf(codeById, c)) + c.name }))
      : kind === 'source'
        ? sources
        : kind === 'case'
          ? cases
          : [];
  const ready = title.trim() !== '' && (kind === 'project' || targetId !== '');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    const memo = await useMemos
      .getState()
      .create(
        kind === 'project'
          ? { title: title.trim(), targetType: 'project' }
          : { title: title.trim(), targetType: kind, targetId: Number(targetId) },
      );
    setBusy(false);
    if (memo) onDone(memo);
  }

  return (
    <form className="memo-panel new-memo" aria-label="New memo" onSubmit={(e) => void submit(e)}>
      <h2>New memo</h2>
      <label>
        Title
        <input
          autoFocus
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          aria-label="New memo title"
        />
      </label>
      <label>
        About
        <select
          value={kind}
          aria-label="What the memo is about"
          onChange={(e) => {
            setKind(e.target.value as MemoKind);
            setTargetId('');
          }}
        >
          <option value="project">The project</option>
          <option value="code">A code</option>
          <option value="source">A source</option>
          <option value="case">A case</option>
        </select>
      </label>
      {kind !== 'project' && (
        <label>
          {kind === 'code' ? 'Code' : kind === 'source' ? 'Source' : 'Case'}
          <select
            value={targetId}
            aria-label={`Which ${kind}`}
            onChange={(e) => setTargetId(e.target.value)}
          >
            <option value="">Choose…</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="annotation-actions">
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!ready || busy}>
          Create memo
        </button>
      </div>
    </form>
  );
}
