import { useMemo, useState, type FormEvent } from 'react';
import { Dialog } from '../cases/Dialog';
import { useCodebook } from './store';
import { fold, isWithin, visibleRows } from './tree';
import { plural } from './words';

/**
 * Picks the code that `codeIds` are merged into ('merge': their codings and subcodes move
 * there and they are deleted) or that one code's codings move to ('move': the code stays).
 */
export function MergeDialog({
  mode,
  codeIds,
  onClose,
}: {
  mode: 'merge' | 'move';
  codeIds: number[];
  onClose(): void;
}) {
  const byId = useCodebook((s) => s.byId);
  const order = useCodebook((s) => s.order);
  const [query, setQuery] = useState('');
  const [target, setTarget] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  // Any code outside what is being merged; a picked code may itself be the target (the
  // others merge into it), but nothing can merge into its own subcode.
  const rows = useMemo(
    () =>
      visibleRows(order, byId, {}, '').filter(({ code }) =>
        mode === 'move'
          ? code.id !== codeIds[0]
          : (codeIds.length > 1 || code.id !== codeIds[0]) &&
            !codeIds.some((m) => m !== code.id && isWithin(byId, code.id, m)),
      ),
    [order, byId, codeIds, mode],
  );
  const wanted = fold(query);
  const shown = wanted ? rows.filter((r) => fold(r.code.name).includes(wanted)) : rows;
  const from = codeIds.filter((id) => id !== target && byId[id]);
  const moving = from.reduce((n, id) => n + (byId[id]?.codings ?? 0), 0);
  const names = from.map((id) => `‘${byId[id]?.name}’`);
  const withSubcodes = from.some((id) => order.some((c) => byId[c]?.parentId === id));
  const one = codeIds.length === 1 ? byId[codeIds[0]!] : undefined;
  const title =
    mode === 'move'
      ? `Move the codings of ‘${one?.name}’`
      : one
        ? `Merge ‘${one.name}’ into…`
        : `Merge ${codeIds.length} codes into…`;
  const targetName = target === null ? '' : byId[target]?.name;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (target === null || !from.length) return;
    setBusy(true);
    const book = useCodebook.getState();
    const ok =
      mode === 'move' ? await book.moveCodings(from[0]!, target) : await book.merge(from, target);
    setBusy(false);
    if (ok) onClose();
  }

  return (
    <Dialog label={title} onClose={onClose} className="merge-dialog">
      <form onSubmit={(e) => void submit(e)}>
        <h2>{title}</h2>
        <input
          type="search"
          value={query}
          placeholder="Find a code"
          aria-label="Find a code"
          onChange={(e) => setQuery(e.target.value)}
          data-autofocus
        />
        <ul className="merge-targets" role="radiogroup" aria-label="Target code">
          {shown.map(({ code, depth }) => (
            <li key={code.id} style={{ paddingLeft: 8 + (wanted ? 0 : depth * 14) }}>
              <label>
                <input
                  type="radio"
                  name="target"
                  checked={target === code.id}
                  onChange={() => setTarget(code.id)}
                />
                <span className="swatch" style={{ background: code.color }} />
                <span className="name">{code.name}</span>
                <span className="muted small">{code.codings}</span>
              </label>
            </li>
          ))}
          {shown.length === 0 && <li className="muted small">No code matches.</li>}
        </ul>
        <p className="merge-summary" aria-live="polite">
          {target === null
            ? 'Choose the code to move them to.'
            : mode === 'move'
              ? `${plural(moving, 'coding')} will move from ${names[0]} to ‘${targetName}’; ${names[0]} stays, empty. Codings ‘${targetName}’ already has on exactly the same words are merged.`
              : `${plural(moving, 'coding')} will move to ‘${targetName}’ and ${names.join(', ')} will be deleted${withSubcodes ? `; their subcodes move under ‘${targetName}’` : ''}. Exact duplicates are merged. You can undo this.`}
        </p>
        <div className="modal-actions gap">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="primary"
            disabled={target === null || busy || !from.length}
          >
            {mode === 'move' ? 'Move codings' : 'Merge'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
