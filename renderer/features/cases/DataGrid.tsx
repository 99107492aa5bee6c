import {
  useEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { reportError, useNotices } from '../../ui/notices';
import { CellEditor, type EditResult } from './CellEditor';
import { clamp, inRect, navigate, rectOf, step, type Pos } from './grid-nav';
import type { AttributeType, ColumnKey } from './model';
import { parseTsv, toTsv } from './tsv';

export interface GridColumn {
  key: ColumnKey;
  label: string;
  type: AttributeType | 'choice';
  options?: readonly string[];
  /** Pasting blocks and clearing with Delete apply to attribute columns only. */
  bulk: boolean;
  /** Controls in the header, such as the attribute's menu button. */
  tools?: ReactNode;
  hint?: string;
}

export interface GridRow {
  id: number;
  /** The text shown in each column (columns[0] is the row's name). */
  cells: string[];
  invalid: (string | undefined)[];
  saving: boolean[];
}

export interface BulkCell {
  rowId: number;
  column: number;
  text: string;
}

/** The active cell, tied to its row's id so it stays on the row when rows re-sort. */
interface Spot extends Pos {
  id: number | null;
}

interface Editing {
  id: number;
  c: number;
  initial: string;
  replace: boolean;
}

/**
 * A spreadsheet-like grid: one focusable cell (arrow keys, Home/End, Ctrl+arrows, PageUp/Down),
 * Shift or a mouse drag selects a block, a click / Enter / F2 / typing edits in place, Delete
 * clears, Ctrl+C copies and Ctrl+V pastes a block of tab-separated cells in one save.
 */
export function DataGrid({
  label,
  columns,
  rows,
  onCommit,
  onBulk,
  reveal,
  onRevealed,
  empty,
}: {
  label: string;
  columns: GridColumn[];
  rows: GridRow[];
  onCommit(rowId: number, column: ColumnKey, text: string): void;
  onBulk(cells: BulkCell[]): void;
  reveal?: { id: number; n: number } | null;
  /** Called once the revealed row has focus, so the request is not replayed. */
  onRevealed?(): void;
  empty: ReactNode;
}) {
  const [activeSpot, setActiveSpot] = useState<Spot>({ r: 0, c: 0, id: null });
  const [anchorSpot, setAnchorSpot] = useState<Spot>({ r: 0, c: 0, id: null });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [seenReveal, setSeenReveal] = useState<number | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const wantFocus = useRef(false);
  const drag = useRef<{ moved: boolean } | null>(null);
  const revealed = useRef<number | null>(null);

  const nRows = rows.length;
  const nCols = columns.length;
  const resolve = (s: Spot): Pos => {
    const byId = s.id === null ? -1 : rows.findIndex((x) => x.id === s.id);
    return clamp(byId >= 0 ? { r: byId, c: s.c } : s, nRows, nCols);
  };
  const active = resolve(activeSpot);
  const anchor = resolve(anchorSpot);
  const range = rectOf(active, anchor);
  const single = range.r0 === range.r1 && range.c0 === range.c1;
  const spot = (p: Pos): Spot => ({ ...p, id: rows[p.r]?.id ?? null });

  // Another part of the view asked to show a row (a case chosen in the list, a new case).
  if (reveal && reveal.n !== seenReveal) {
    const r = rows.findIndex((x) => x.id === reveal.id);
    if (r >= 0) {
      setSeenReveal(reveal.n);
      const s = { r, c: Math.min(1, nCols - 1), id: reveal.id };
      setActiveSpot(s);
      setAnchorSpot(s);
      setEditing(null);
    }
  }

  // Focus follows the active cell after keyboard moves, edits and reveals.
  useEffect(() => {
    if (editing) return;
    const newReveal = reveal && reveal.n === seenReveal && revealed.current !== reveal.n;
    if (!wantFocus.current && !newReveal) return;
    wantFocus.current = false;
    if (reveal) revealed.current = reveal.n;
    const el = table.current?.querySelector<HTMLElement>(`[data-pos="${active.r}:${active.c}"]`);
    if (el && document.activeElement !== el) el.focus();
    el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    if (newReveal) onRevealed?.();
  });

  const moveTo = (p: Pos, extend = false) => {
    wantFocus.current = true;
    const s = spot(clamp(p, nRows, nCols));
    setActiveSpot(s);
    if (!extend) setAnchorSpot(s);
  };

  const startEdit = (p: Pos, typed?: string) => {
    const row = rows[p.r];
    if (!row) return;
    setEditing({
      id: row.id,
      c: p.c,
      initial: typed ?? row.cells[p.c] ?? '',
      replace: typed !== undefined,
    });
  };

  const finishEdit = (e: Editing, result: EditResult) => {
    setEditing(null);
    const row = rows.find((x) => x.id === e.id);
    const column = columns[e.c];
    if (result.commit && row && column && result.text !== (row.cells[e.c] ?? ''))
      onCommit(row.id, column.key, result.text);
    if (!result.refocus) return;
    const here = { r: row ? rows.indexOf(row) : active.r, c: e.c };
    moveTo(result.move ? (step(here, result.move, nRows, nCols) ?? here) : here);
  };

  const cellsIn = (rect = range) => {
    const out: { row: GridRow; c: number }[] = [];
    for (let r = rect.r0; r <= rect.r1; r++)
      for (let c = rect.c0; c <= rect.c1; c++) {
        const row = rows[r];
        if (row) out.push({ row, c });
      }
    return out;
  };

  const clearRange = () => {
    const cells = cellsIn().filter(({ c }) => columns[c]?.bulk);
    const edits = cells
      .filter(({ row, c }) => (row.cells[c] ?? '') !== '')
      .map(({ row, c }) => ({ rowId: row.id, column: columns[c]!.key as number, text: '' }));
    if (edits.length) onBulk(edits);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (editing || !nRows) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const column = columns[active.c];
    const row = rows[active.r];
    const to = navigate(active, e.key, ctrl, nRows, nCols);
    if (to) {
      moveTo(to, e.shiftKey);
    } else if (e.key === 'Tab') {
      const next = step(active, e.shiftKey ? 'prev' : 'next', nRows, nCols);
      if (!next) return; // past the first or last cell: let focus leave the grid
      moveTo(next);
    } else if (e.key === 'Enter' || e.key === 'F2') {
      startEdit(active);
    } else if (e.key === 'Escape') {
      if (single) return;
      setAnchorSpot(activeSpot);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      clearRange();
    } else if (ctrl && e.key.toLowerCase() === 'a') {
      setAnchorSpot(spot({ r: 0, c: 0 }));
      setActiveSpot(spot({ r: nRows - 1, c: nCols - 1 }));
    } else if (e.key === ' ' && column?.type === 'boolean' && row) {
      onCommit(row.id, column.key, row.cells[active.c] === 'Yes' ? 'No' : 'Yes');
    } else if (e.key.length === 1 && !ctrl && !e.altKey && column?.type !== 'choice') {
      startEdit(active, e.key); // typing replaces the value, as in a spreadsheet
    } else {
      return;
    }
    e.preventDefault();
  };

  const onPaste = (e: ClipboardEvent<HTMLTableElement>) => {
    const text = e.clipboardData.getData('text/plain');
    const oneCell = !/[\t\r\n]/.test(text.replace(/(\r\n|\r|\n)$/, ''));
    if (editing && oneCell) return; // plain text into the editor
    e.preventDefault();
    if (editing) setEditing(null);
    const block = parseTsv(text);
    if (!block.length || !nRows) return;
    const fill = oneCell && !single; // one value into a selected block fills the block
    const h = fill ? range.r1 - range.r0 + 1 : block.length;
    const w = fill ? range.c1 - range.c0 + 1 : Math.max(...block.map((r) => r.length));
    let left = 0;
    const cells: BulkCell[] = [];
    const refused = new Set<string>();
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++) {
        const row = rows[range.r0 + i];
        const column = columns[range.c0 + j];
        if (!row || !column) {
          left++;
          continue;
        }
        if (!column.bulk) {
          refused.add(column.label);
          continue;
        }
        const value = fill ? text.replace(/(\r\n|\r|\n)$/, '') : (block[i]?.[j] ?? '');
        cells.push({ rowId: row.id, column: column.key as number, text: value });
      }
    if (refused.size) {
      const names = [...refused].join(' and ');
      reportError(
        `Paste blocks into attribute columns only: ${names} ${refused.size === 1 ? 'is' : 'are'} edited one cell at a time.`,
      );
      return;
    }
    if (cells.length) onBulk(cells);
    if (left)
      useNotices
        .getState()
        .push('info', `${left} pasted cell${left === 1 ? '' : 's'} fell outside the grid.`);
    wantFocus.current = true;
    setAnchorSpot(spot({ r: range.r0, c: range.c0 }));
    setActiveSpot(spot(clamp({ r: range.r0 + h - 1, c: range.c0 + w - 1 }, nRows, nCols)));
  };

  const onCopy = (e: ClipboardEvent<HTMLTableElement>) => {
    if (editing || !nRows) return;
    e.preventDefault();
    const lines: string[][] = [];
    for (let r = range.r0; r <= range.r1; r++)
      lines.push(
        columns.slice(range.c0, range.c1 + 1).map((_, j) => rows[r]?.cells[range.c0 + j] ?? ''),
      );
    e.clipboardData.setData('text/plain', toTsv(lines));
  };

  const onCellMouseDown = (e: MouseEvent, p: Pos) => {
    if (e.button !== 0) return;
    if (editing && rows[p.r]?.id === editing.id && p.c === editing.c) return;
    wantFocus.current = true;
    drag.current = { moved: false };
    const s = spot(p);
    setActiveSpot(s);
    if (!e.shiftKey) setAnchorSpot(s);
  };
  const onCellMouseEnter = (e: MouseEvent, p: Pos) => {
    if (!drag.current || !(e.buttons & 1)) return;
    drag.current.moved = true;
    setActiveSpot(spot(p));
  };
  const onCellClick = (e: MouseEvent, p: Pos) => {
    const moved = drag.current?.moved;
    drag.current = null;
    if (e.shiftKey || moved) return;
    if (editing && rows[p.r]?.id === editing.id && p.c === editing.c) return;
    startEdit(p);
  };

  return (
    <>
      <table
        ref={table}
        className="data-grid"
        role="grid"
        aria-label={label}
        aria-rowcount={nRows + 1}
        aria-colcount={nCols}
        aria-multiselectable="true"
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onCopy={onCopy}
      >
        <thead>
          <tr>
            {columns.map((col, c) => (
              <th
                key={col.key}
                role="columnheader"
                scope="col"
                aria-label={col.label}
                title={col.hint}
                className={`col-${typeof col.key === 'number' ? col.type : col.key} ${c === 0 ? 'sticky-col' : ''}`}
              >
                <span className="col-head">
                  <span className="col-name">{col.label}</span>
                  {col.hint && (
                    <span className="col-type" aria-hidden="true">
                      {col.hint}
                    </span>
                  )}
                  {col.tools}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={row.id} aria-rowindex={r + 2}>
              {columns.map((col, c) => {
                const isActive = active.r === r && active.c === c;
                const isEditing = editing?.id === row.id && editing.c === c;
                const invalid = row.invalid[c];
                const text = row.cells[c] ?? '';
                const Tag = c === 0 ? 'th' : 'td';
                return (
                  <Tag
                    key={col.key}
                    role={c === 0 ? 'rowheader' : 'gridcell'}
                    scope={c === 0 ? 'row' : undefined}
                    data-pos={`${r}:${c}`}
                    tabIndex={isActive && !isEditing ? 0 : -1}
                    aria-selected={!single && inRect(range, r, c) ? true : undefined}
                    aria-invalid={invalid ? true : undefined}
                    title={invalid ?? (text.length > 24 ? text : undefined)}
                    className={[
                      `cell col-${typeof col.key === 'number' ? col.type : col.key}`,
                      c === 0 ? 'sticky-col' : '',
                      isActive ? 'active' : '',
                      !single && inRect(range, r, c) ? 'in-range' : '',
                      isEditing ? 'editing' : '',
                      invalid ? 'invalid' : '',
                      row.saving[c] ? 'saving' : '',
                    ].join(' ')}
                    onMouseDown={(e) => onCellMouseDown(e, { r, c })}
                    onMouseEnter={(e) => onCellMouseEnter(e, { r, c })}
                    onClick={(e) => onCellClick(e, { r, c })}
                  >
                    {isEditing ? (
                      <CellEditor
                        label={`${col.label} of ${row.cells[0] ?? ''}`}
                        type={col.type}
                        options={col.options}
                        initial={editing.initial}
                        replace={editing.replace}
                        onDone={(result) => finishEdit(editing, result)}
                      />
                    ) : (
                      <span className="cell-text">{text}</span>
                    )}
                  </Tag>
                );
              })}
            </tr>
          ))}
          {!nRows && (
            <tr>
              <td colSpan={nCols} className="grid-empty">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <datalist id="weft-yes-no">
        <option value="Yes" />
        <option value="No" />
      </datalist>
    </>
  );
}
