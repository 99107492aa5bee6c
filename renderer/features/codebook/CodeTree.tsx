import { useMemo, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useCoding } from '../coding/store';
import { useVisibility } from '../coding/visibility';
import { useRetrieval } from '../retrieval/store';
import { applyCode, focusRow, moveCodeBy, showExcerpts } from './actions';
import { CodeRow, type DropHint } from './CodeRow';
import { draggedCode, endCodeDrag, isPassageDrag, startCodeDrag } from './dnd';
import { useCodebook } from './store';
import {
  dropPosition,
  moveTarget,
  rangeBetween,
  topLevelTarget,
  visibleRows,
  type TreeRow,
} from './tree';
import { useCodeTree } from './view';

/**
 * The codebook as a tree (WAI-ARIA tree, roving tabindex). Codes are dragged to nest and
 * reorder; a passage selected in the reader can be dropped on a code to apply it.
 */
export function CodeTree({ filter }: { filter: string }) {
  const byId = useCodebook((s) => s.byId);
  const order = useCodebook((s) => s.order);
  const collapsed = useCodeTree((s) => s.collapsed);
  const picked = useCodeTree((s) => s.picked);
  const focusId = useCodeTree((s) => s.focusId);
  const renamingId = useCodeTree((s) => s.renamingId);
  const hiddenCodes = useVisibility((s) => s.hiddenCodes);
  const shownCode = useRetrieval((s) => s.codeId);
  const canApply = useCoding((s) => s.selection !== null);
  const [hint, setHint] = useState<{ id: number; hint: DropHint } | null>(null);
  const [draggingCode, setDraggingCode] = useState(false);
  const [overTop, setOverTop] = useState(false);

  const rows = useMemo(
    () => visibleRows(order, byId, collapsed, filter),
    [order, byId, collapsed, filter],
  );
  const tabStop = rows.some((r) => r.code.id === focusId) ? focusId : (rows[0]?.code.id ?? null);

  function click(e: MouseEvent, id: number) {
    const view = useCodeTree.getState();
    if (e.ctrlKey || e.metaKey) return view.togglePicked(id);
    if (e.shiftKey && view.anchor !== null) return view.pick(rangeBetween(rows, view.anchor, id));
    showExcerpts(id);
  }

  function dragOver(e: DragEvent, row: TreeRow) {
    const id = draggedCode(e);
    if (id !== null) {
      const r = e.currentTarget.getBoundingClientRect();
      const pos = dropPosition(e.clientY - r.top, r.height);
      if (!moveTarget(order, byId, id, row.code.id, pos, row.expanded)) return setHint(null);
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      setHint({ id: row.code.id, hint: pos });
    } else if (isPassageDrag(e)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setHint({ id: row.code.id, hint: 'apply' });
    }
  }

  function drop(e: DragEvent, row: TreeRow) {
    e.preventDefault();
    e.stopPropagation();
    setHint(null);
    const id = draggedCode(e);
    endDrag();
    if (id === null) {
      if (useCoding.getState().selection) applyCode(row.code.id);
      return;
    }
    const r = e.currentTarget.getBoundingClientRect();
    const pos = dropPosition(e.clientY - r.top, r.height);
    const t = moveTarget(order, byId, id, row.code.id, pos, row.expanded);
    if (!t) return;
    if (t.parentId !== null) useCodeTree.getState().setCollapsed(t.parentId, false);
    void useCodebook.getState().move(id, t.parentId, t.index);
  }

  function endDrag() {
    endCodeDrag();
    setDraggingCode(false);
    setOverTop(false);
  }

  function keyDown(e: KeyboardEvent) {
    if ((e.target as HTMLElement).tagName === 'INPUT') return;
    const at = rows.findIndex((r) => r.code.id === tabStop);
    const row = rows[at];
    if (!row) return;
    const id = row.code.id;
    const view = useCodeTree.getState();
    const go = (r: TreeRow | undefined) => r && focusRow(r.code.id);
    const parentRow = () => rows.find((r) => r.code.id === row.code.parentId);
    if (e.altKey) {
      const how = { ArrowUp: 'up', ArrowDown: 'down', ArrowRight: 'indent', ArrowLeft: 'outdent' }[
        e.key
      ] as 'up' | 'down' | 'indent' | 'outdent' | undefined;
      if (!how) return;
      void moveCodeBy(id, how);
    } else if (e.key === 'ArrowDown') go(rows[at + 1]);
    else if (e.key === 'ArrowUp') go(rows[at - 1]);
    else if (e.key === 'Home') go(rows[0]);
    else if (e.key === 'End') go(rows[rows.length - 1]);
    else if (e.key === 'ArrowRight') {
      if (row.hasChildren && !row.expanded) view.setCollapsed(id, false);
      else if (row.expanded) go(rows[at + 1]);
    } else if (e.key === 'ArrowLeft') {
      if (row.expanded && !filter) view.setCollapsed(id, true);
      else go(parentRow());
    } else if (e.key === 'Enter') showExcerpts(id);
    else if (e.key === 'F2') view.rename(id);
    else if (e.key === 'Delete' || e.key === 'Backspace')
      view.openDialog({ kind: 'delete', codeId: id });
    else if (e.key === ' ') {
      if (!e.ctrlKey && !e.metaKey && canApply) applyCode(id);
      else view.togglePicked(id);
    } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      const r = (e.target as HTMLElement).getBoundingClientRect();
      view.openMenu({ codeId: id, x: r.left + 24, y: r.bottom });
    } else return;
    e.preventDefault();
  }

  const topTarget = (e: DragEvent) => {
    const id = draggedCode(e);
    return id === null ? null : { id, t: topLevelTarget(order, byId, id) };
  };

  return (
    <div className="code-tree-wrap">
      <ul
        className="code-tree"
        role="tree"
        aria-label="Code list"
        aria-multiselectable
        onKeyDown={keyDown}
        onDragEnd={endDrag}
      >
        {rows.map((row) => {
          const id = row.code.id;
          return (
            <CodeRow
              key={id}
              row={row}
              tabStop={id === tabStop}
              picked={picked.includes(id)}
              shown={shownCode === id}
              hidden={!!hiddenCodes[id]}
              renaming={renamingId === id}
              canApply={canApply}
              hint={hint?.id === id ? hint.hint : null}
              onClick={click}
              onDragStart={(e, code) => {
                if (renamingId === code.id) return e.preventDefault();
                startCodeDrag(e, code);
                // Changing the page inside dragstart can cancel the drag in Chromium.
                setTimeout(() => setDraggingCode(true), 0);
              }}
              onDragOver={dragOver}
              onDrop={drop}
              onDragLeave={(e, rowId) => {
                if (!e.currentTarget.contains(e.relatedTarget as Node | null))
                  setHint((h) => (h?.id === rowId ? null : h));
              }}
            />
          );
        })}
      </ul>
      {rows.length === 0 && (
        <p className="empty small">
          {filter ? 'No code matches.' : 'No codes yet: type a name above and press Enter.'}
        </p>
      )}
      {draggingCode && (
        <div
          className={`top-drop ${overTop ? 'over' : ''}`}
          onDragOver={(e) => {
            const top = topTarget(e);
            if (!top?.t) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'move';
            setOverTop(true);
          }}
          onDragLeave={() => setOverTop(false)}
          onDrop={(e) => {
            e.preventDefault();
            const top = topTarget(e);
            endDrag();
            if (top?.t) void useCodebook.getState().move(top.id, null, top.t.index);
          }}
        >
          Drop here to make it a top-level code
        </div>
      )}
    </div>
  );
}
