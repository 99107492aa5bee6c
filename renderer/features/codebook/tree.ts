// The codebook as a tree: pure functions over the store's byId/order (codes.list gives the
// codes depth-first, siblings in their saved order), so the pane and its tests share them.
import type { Code } from '../../../electron/api/contract';

export type ById = Record<number, Code>;

/** One visible line of the tree. */
export interface TreeRow {
  code: Code;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  /** False for an ancestor shown only because a descendant matches the filter. */
  matches: boolean;
}

/** Children of each code (null: top level), in codebook order. */
export function childrenOf(order: readonly number[], byId: ById): Map<number | null, number[]> {
  const out = new Map<number | null, number[]>();
  for (const id of order) {
    const code = byId[id];
    if (!code) continue;
    // A parent that is missing (deleted under us) leaves its children at the top level.
    const parent = code.parentId !== null && byId[code.parentId] ? code.parentId : null;
    const list = out.get(parent) ?? [];
    list.push(id);
    out.set(parent, list);
  }
  return out;
}

/** Lower-case, accents folded: "Être" is found by "etre". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/**
 * The rows to draw: depth-first, skipping the children of collapsed codes. With a filter,
 * the codes whose names contain it plus their ancestors (expanded, so matches are in view).
 */
export function visibleRows(
  order: readonly number[],
  byId: ById,
  collapsed: Readonly<Record<number, true>>,
  filter = '',
): TreeRow[] {
  const kids = childrenOf(order, byId);
  const wanted = fold(filter);
  let keep: Set<number> | null = null;
  const matched = new Set<number>();
  if (wanted) {
    keep = new Set();
    for (const id of order) {
      const code = byId[id];
      if (!code || !fold(code.name).includes(wanted)) continue;
      matched.add(id);
      for (let p: number | null = id, n = 0; p !== null && byId[p] && n < 1000; n++) {
        if (keep.has(p)) break;
        keep.add(p);
        p = byId[p]!.parentId;
      }
    }
  }
  const rows: TreeRow[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const id of kids.get(parent) ?? []) {
      if (keep && !keep.has(id)) continue;
      const code = byId[id]!;
      const hasChildren = (kids.get(id)?.length ?? 0) > 0;
      const expanded = hasChildren && (keep ? true : !collapsed[id]);
      rows.push({ code, depth, hasChildren, expanded, matches: !keep || matched.has(id) });
      if (expanded) walk(id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

/** True when `id` is `ancestorId` or lies under it. */
export function isWithin(byId: ById, id: number, ancestorId: number): boolean {
  for (let p: number | null = id, n = 0; p !== null && n < 1000; n++) {
    if (p === ancestorId) return true;
    p = byId[p]?.parentId ?? null;
  }
  return false;
}

/** "Belonging › Supervision": the names from the top down. */
export function pathOf(byId: ById, id: number): string {
  const names: string[] = [];
  for (let p: number | null = id, n = 0; p !== null && byId[p] && n < 1000; n++) {
    names.unshift(byId[p]!.name);
    p = byId[p]!.parentId;
  }
  return names.join(' › ');
}

/** Every code under `id` (not `id` itself). */
export function descendantsOf(order: readonly number[], byId: ById, id: number): number[] {
  return order.filter((d) => d !== id && isWithin(byId, d, id));
}

export type DropPosition = 'before' | 'inside' | 'after';

/** Where a drag over a row lands: its top quarter is above it, its bottom quarter below. */
export function dropPosition(y: number, height: number): DropPosition {
  if (height <= 0) return 'inside';
  const f = y / height;
  return f < 0.25 ? 'before' : f > 0.75 ? 'after' : 'inside';
}

/** What `codes.move` takes: the new parent and the place among the new siblings. */
export interface MoveTarget {
  parentId: number | null;
  index: number;
}

function siblingsWithout(
  kids: Map<number | null, number[]>,
  parent: number | null,
  id: number,
): number[] {
  return (kids.get(parent) ?? []).filter((s) => s !== id);
}

/** Null when the move would change nothing, so no empty undo step is made. */
function unlessUnchanged(
  kids: Map<number | null, number[]>,
  byId: ById,
  id: number,
  t: MoveTarget,
): MoveTarget | null {
  const code = byId[id];
  if (!code) return null;
  const now = (kids.get(code.parentId) ?? []).indexOf(id);
  return code.parentId === t.parentId && now === t.index ? null : t;
}

/**
 * Dropping code `draggedId` before, inside or after `targetId`. Dropping "after" a code whose
 * children are showing puts it first among them, where the line was drawn. Null when the drop
 * is impossible (onto itself or its own descendants) or changes nothing.
 */
export function moveTarget(
  order: readonly number[],
  byId: ById,
  draggedId: number,
  targetId: number,
  position: DropPosition,
  targetExpanded: boolean,
): MoveTarget | null {
  const target = byId[targetId];
  if (!target || !byId[draggedId] || isWithin(byId, targetId, draggedId)) return null;
  const kids = childrenOf(order, byId);
  let t: MoveTarget;
  if (position === 'inside') {
    t = { parentId: targetId, index: siblingsWithout(kids, targetId, draggedId).length };
  } else if (position === 'after' && targetExpanded) {
    t = { parentId: targetId, index: 0 };
  } else {
    const siblings = siblingsWithout(kids, target.parentId, draggedId);
    const at = siblings.indexOf(targetId);
    t = { parentId: target.parentId, index: position === 'before' ? at : at + 1 };
  }
  return unlessUnchanged(kids, byId, draggedId, t);
}

/** Dropping a code on the pane's empty space: last at the top level. */
export function topLevelTarget(
  order: readonly number[],
  byId: ById,
  draggedId: number,
): MoveTarget | null {
  const kids = childrenOf(order, byId);
  const t = { parentId: null, index: siblingsWithout(kids, null, draggedId).length };
  return unlessUnchanged(kids, byId, draggedId, t);
}

export type KeyMove = 'up' | 'down' | 'indent' | 'outdent';

/** The keyboard's way to do what dragging does; null when the code cannot go that way. */
export function keyboardMove(
  order: readonly number[],
  byId: ById,
  id: number,
  how: KeyMove,
): MoveTarget | null {
  const code = byId[id];
  if (!code) return null;
  const kids = childrenOf(order, byId);
  const siblings = kids.get(code.parentId) ?? [];
  const at = siblings.indexOf(id);
  switch (how) {
    case 'up':
      return at > 0 ? { parentId: code.parentId, index: at - 1 } : null;
    case 'down':
      return at >= 0 && at < siblings.length - 1
        ? { parentId: code.parentId, index: at + 1 }
        : null;
    case 'indent': {
      const above = siblings[at - 1];
      return above === undefined ? null : { parentId: above, index: kids.get(above)?.length ?? 0 };
    }
    case 'outdent': {
      const parent = code.parentId === null ? undefined : byId[code.parentId];
      if (!parent) return null;
      const parentAt = (kids.get(parent.parentId) ?? []).indexOf(parent.id);
      return { parentId: parent.parentId, index: parentAt + 1 };
    }
  }
}

/** The codes between the anchor and `id` in the rows shown (Shift-click). */
export function rangeBetween(rows: readonly TreeRow[], anchorId: number, id: number): number[] {
  const a = rows.findIndex((r) => r.code.id === anchorId);
  const b = rows.findIndex((r) => r.code.id === id);
  if (a < 0 || b < 0) return [id];
  const [from, to] = a < b ? [a, b] : [b, a];
  return rows.slice(from, to + 1).map((r) => r.code.id);
}

/** "New code", or "New code (2)" when that is taken among the siblings (as the backend names). */
export function freeName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map(fold));
  if (!used.has(fold(base))) return base;
  for (let n = 2; ; n++) if (!used.has(fold(`${base} (${n})`))) return `${base} (${n})`;
}

/** The exact (case-insensitive) name match the code box's Enter should use, if any. */
export function exactMatch(order: readonly number[], byId: ById, name: string): Code | undefined {
  const lower = (s: string) => s.trim().toLowerCase();
  const wanted = lower(name);
  if (!wanted) return undefined;
  const hits = order
    .map((id) => byId[id])
    .filter((c): c is Code => !!c && lower(c.name) === wanted);
  // A top-level code wins over a same-named child elsewhere.
  return hits.find((c) => c.parentId === null) ?? hits[0];
}
