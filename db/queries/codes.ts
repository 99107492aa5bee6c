import type { Db } from '../open.js';
import { WeftError } from '../errors.js';
import { prep } from '../stmt.js';
import type { Code } from '../types.js';
import type { CodeImpact, MergeResult } from '../workbench-types.js';
import { codingIdsOfCode, moveCodings } from './codings.js';
import { newGuid, nowIso } from '../ids.js';

/** Distinct, readable highlight colours; new codes take the next one. */
export const PALETTE = [
  '#e03131',
  '#2f9e44',
  '#1c7ed6',
  '#f08c00',
  '#9c36b5',
  '#0c8599',
  '#d6336c',
  '#66a80f',
  '#4263eb',
  '#e8590c',
  '#7048e8',
  '#099268',
  '#c2255c',
  '#5c940d',
  '#1971c2',
  '#d9480f',
  '#6741d9',
  '#0b7285',
];

export type Origin = Code['origin'];

/** The codebook entry's own words, as a user edits them. */
export interface CodeFields {
  color?: string;
  description?: string;
  inclusion?: string;
  exclusion?: string;
  example?: string;
  origin?: Origin;
}

export interface NewCode extends CodeFields {
  name: string;
  parentId?: number | null;
  createdBy?: number | null;
  guid?: string;
}

/** A code without its counts. */
export type CodeRow = Omit<Code, 'codings' | 'sources' | 'totalCodings' | 'totalSources'>;

const BASE = `k.id, k.guid, k.parent_id AS parentId, k.name, k.color, k.description, k.inclusion,
  k.exclusion, k.example, k.origin`;

/**
 * A code and everything below it. `ifnull(parent_id, 0)` lets the walk use the sibling-name
 * index (codes have no plain parent_id index); ids are never 0. UNION, not UNION ALL, so a
 * damaged file with a loop in its tree cannot make the walk endless.
 */
const SUBTREE = `WITH RECURSIVE sub(id) AS (
  SELECT ? UNION SELECT k.id FROM codes k JOIN sub ON ifnull(k.parent_id, 0) = sub.id)`;

/** The position after the last child of `parentId` (null: top level). */
function nextPosition(db: Db, parentId: number | null): number {
  return prep(db, 'SELECT ifnull(max(position) + 1, 0) FROM codes WHERE ifnull(parent_id, 0) = ?')
    .pluck()
    .get(parentId ?? 0) as number;
}

/** Columns added in schema v6; written only when given, so older schemas (in migration tests) work. */
const V6_FIELDS = ['inclusion', 'exclusion', 'example', 'origin'] as const;

export function insertCode(db: Db, c: NewCode): number {
  const extra = V6_FIELDS.filter((k) => c[k] !== undefined);
  const info = prep(
    db,
    `INSERT INTO codes (guid, parent_id, name, color, description, position, created_at,
       created_by${extra.map((k) => `, ${k}`).join('')})
     VALUES (?, ?, ?, ?, ?, ?, ?, ?${', ?'.repeat(extra.length)})`,
  ).run(
    c.guid ?? newGuid(),
    c.parentId ?? null,
    c.name,
    c.color ?? nextColor(db),
    c.description ?? '',
    nextPosition(db, c.parentId ?? null),
    nowIso(),
    c.createdBy ?? null,
    ...extra.map((k) => c[k]),
  );
  return Number(info.lastInsertRowid);
}

export function nextColor(db: Db): string {
  const n = prep(db, 'SELECT count(*) FROM codes').pluck().get() as number;
  return PALETTE[n % PALETTE.length]!;
}

/** Parents before children, siblings by position: the codebook's order. */
function treeOrder<T extends { id: number; parentId: number | null }>(rows: T[]): T[] {
  const children = new Map<number | null, T[]>();
  for (const row of rows) {
    const list = children.get(row.parentId);
    if (list) list.push(row);
    else children.set(row.parentId, [row]);
  }
  const out: T[] = [];
  const walk = (parent: number | null) => {
    for (const c of children.get(parent) ?? []) {
      out.push(c);
      walk(c.id);
    }
  };
  walk(null);
  return out;
}

/** Every code id in codebook order, without counting anything. */
export function codebookOrder(db: Db): number[] {
  const rows = prep(
    db,
    'SELECT id, parent_id AS parentId FROM codes ORDER BY position, id',
  ).all() as { id: number; parentId: number | null }[];
  return treeOrder(rows).map((r) => r.id);
}

/**
 * Codes in codebook order with their counts. One pass over the codings_by_code index gives
 * (code, source, n) triples; each code's totals are then summed up the tree in JavaScript,
 * children before parents, so nothing is counted twice and sources stay distinct.
 */
export function listCodes(db: Db): Code[] {
  const rows = treeOrder(
    prep(db, `SELECT ${BASE} FROM codes k ORDER BY k.position, k.id`).all() as CodeRow[],
  );
  const triples = prep(
    db,
    'SELECT code_id, source_id, count(*) FROM codings GROUP BY code_id, source_id',
  )
    .raw()
    .all() as [number, number, number][];
  const own = new Map<number, { n: number; sources: number[] }>();
  for (const [codeId, sourceId, n] of triples) {
    const c = own.get(codeId);
    if (c) {
      c.n += n;
      c.sources.push(sourceId);
    } else own.set(codeId, { n, sources: [sourceId] });
  }
  const totals = new Map<number, { n: number; sources: Set<number> }>();
  const out = new Array<Code>(rows.length);
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    const mine = own.get(row.id);
    const total = totals.get(row.id) ?? { n: 0, sources: new Set<number>() };
    total.n += mine?.n ?? 0;
    for (const s of mine?.sources ?? []) total.sources.add(s);
    if (row.parentId !== null) {
      const up = totals.get(row.parentId);
      if (up) {
        up.n += total.n;
        for (const s of total.sources) up.sources.add(s);
      } else totals.set(row.parentId, { n: total.n, sources: new Set(total.sources) });
    }
    out[i] = {
      ...row,
      codings: mine?.n ?? 0,
      sources: mine?.sources.length ?? 0,
      totalCodings: total.n,
      totalSources: total.sources.size,
    };
  }
  return out;
}

export function getCodeRow(db: Db, id: number): CodeRow | undefined {
  return prep(db, `SELECT ${BASE} FROM codes k WHERE k.id = ?`).get(id) as CodeRow | undefined;
}

/** The code or a not_found error. */
export function requireCodeRow(db: Db, id: number): CodeRow {
  const row = getCodeRow(db, id);
  if (!row) throw new WeftError('not_found', `There is no code with id ${id}.`);
  return row;
}

/** One code with its counts: its own, and with its descendants' (through the index). */
export function getCode(db: Db, id: number): Code | undefined {
  const row = getCodeRow(db, id);
  if (!row) return undefined;
  const count = (sql: string) => prep(db, sql).raw().get(id) as [number, number];
  const [codings, sources] = count(
    'SELECT count(*), count(DISTINCT source_id) FROM codings WHERE code_id = ?',
  );
  const hasChildren = prep(db, 'SELECT 1 FROM codes WHERE ifnull(parent_id, 0) = ? LIMIT 1').get(
    id,
  );
  const [totalCodings, totalSources] = hasChildren
    ? count(
        `${SUBTREE} SELECT count(*), count(DISTINCT source_id) FROM codings WHERE code_id IN sub`,
      )
    : [codings, sources];
  return { ...row, codings, sources, totalCodings, totalSources };
}

/** The code and all its descendants' ids, the code first. */
export function subtreeIds(db: Db, id: number): number[] {
  return prep(db, `${SUBTREE} SELECT id FROM sub`).pluck().all(id) as number[];
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Children of `parentId` (null: top level), by position. */
function siblings(
  db: Db,
  parentId: number | null,
): { id: number; name: string; position: number }[] {
  return prep(
    db,
    'SELECT id, name, position FROM codes WHERE ifnull(parent_id, 0) = ? ORDER BY position, id',
  ).all(parentId ?? 0) as { id: number; name: string; position: number }[];
}

/**
 * The code called `name` under `parentId`, ignoring case (in any script: SQLite's NOCASE
 * folds only ASCII, so the comparison is made here).
 */
export function findCodeByName(
  db: Db,
  name: string,
  parentId: number | null = null,
): Code | undefined {
  const hit = siblings(db, parentId).find((s) => sameName(s.name, name));
  return hit ? getCode(db, hit.id) : undefined;
}

/** Refuses a name another code under the same parent already has (any case). */
export function assertFreeName(db: Db, name: string, parentId: number | null, self?: number) {
  const clash = siblings(db, parentId).find((s) => s.id !== self && sameName(s.name, name));
  if (clash) {
    throw new WeftError(
      'duplicate',
      `A code named “${clash.name}” already exists ${parentId === null ? 'at the top level' : 'there'}.`,
    );
  }
}

/** `name`, or "name (2)", "name (3)"… whichever no code under `parentId` has. */
export function freeName(db: Db, name: string, parentId: number | null): string {
  const taken = new Set(siblings(db, parentId).map((s) => s.name.toLowerCase()));
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name} (${n})`;
  return candidate;
}

const FIELD_COLUMNS = {
  name: 'name',
  color: 'color',
  description: 'description',
  inclusion: 'inclusion',
  exclusion: 'exclusion',
  example: 'example',
  origin: 'origin',
} as const;

/**
 * Writes the fields that differ from what is stored, and only those (an unchanged save is
 * not a step to undo). A new name must be free among the code's siblings. Returns whether
 * anything changed.
 */
export function updateCode(db: Db, id: number, fields: CodeFields & { name?: string }): boolean {
  const row = requireCodeRow(db, id);
  if (fields.name !== undefined && fields.name !== row.name)
    assertFreeName(db, fields.name, row.parentId, id);
  const changed = (Object.keys(FIELD_COLUMNS) as (keyof typeof FIELD_COLUMNS)[]).filter(
    (k) => fields[k] !== undefined && fields[k] !== row[k],
  );
  if (!changed.length) return false;
  db.prepare(
    `UPDATE codes SET ${changed.map((k) => `${FIELD_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`,
  ).run(...changed.map((k) => fields[k]!), id);
  return true;
}

/** Gives `ids` positions 0, 1, 2… in that order, touching only the rows that move. */
function renumber(db: Db, ids: number[], positions: Map<number, number>): void {
  const set = prep(db, 'UPDATE codes SET position = ? WHERE id = ?');
  ids.forEach((id, i) => {
    if (positions.get(id) !== i) set.run(i, id);
  });
}

/**
 * Nests a code under `parentId` (null: top level) at `index` among its new siblings (past the
 * end: last). Refuses a parent inside the code itself, and a name a new sibling already has.
 */
export function moveCode(db: Db, id: number, parentId: number | null, index: number): void {
  const row = requireCodeRow(db, id);
  if (parentId !== null) {
    const parent = getCodeRow(db, parentId);
    if (!parent) throw new WeftError('not_found', `There is no code with id ${parentId}.`);
    if (subtreeIds(db, id).includes(parentId)) {
      throw new WeftError(
        'invalid_move',
        parentId === id
          ? `“${row.name}” cannot be put inside itself.`
          : `“${row.name}” cannot be put inside “${parent.name}”, which is one of its own subcodes.`,
      );
    }
  }
  const moving = parentId !== row.parentId;
  if (moving) assertFreeName(db, row.name, parentId, id);
  const before = moving ? siblings(db, row.parentId) : [];
  const after = siblings(db, parentId);
  const positions = new Map([...before, ...after].map((s) => [s.id, s.position]));
  const order = after.map((s) => s.id).filter((s) => s !== id);
  order.splice(Math.min(index, order.length), 0, id);
  if (moving) {
    prep(db, 'UPDATE codes SET parent_id = ? WHERE id = ?').run(parentId, id);
    renumber(
      db,
      before.map((s) => s.id).filter((s) => s !== id),
      positions,
    );
  }
  renumber(db, order, positions);
}

/** What deleting the code would take with it: the code, its descendants and their codings. */
export function codeImpact(db: Db, id: number): CodeImpact {
  requireCodeRow(db, id);
  const [codes, codings, sources, sets, memos] = prep(
    db,
    `${SUBTREE}
     SELECT (SELECT count(*) FROM sub),
            (SELECT count(*) FROM codings WHERE code_id IN sub),
            (SELECT count(DISTINCT source_id) FROM codings WHERE code_id IN sub),
            (SELECT count(DISTINCT set_id) FROM code_set_members WHERE code_id IN sub),
            (SELECT count(*) FROM memos
              WHERE (target_type = 'code' AND target_id IN sub)
                 OR (target_type = 'coding'
                     AND target_id IN (SELECT id FROM codings WHERE code_id IN sub)))`,
  )
    .raw()
    .get(id) as number[];
  return {
    codes: codes!,
    codings: codings!,
    sources: sources!,
    sets: sets!,
    memos: memos!,
  };
}

/**
 * Deletes a code with its descendants, their codings, their set memberships and the memos
 * written about them or their codings (all of which undo puts back). Returns what it took.
 */
export function deleteCode(db: Db, id: number): CodeImpact {
  const impact = codeImpact(db, id);
  prep(
    db,
    `${SUBTREE}
     DELETE FROM memos
      WHERE (target_type = 'code' AND target_id IN sub)
         OR (target_type = 'coding' AND target_id IN (SELECT id FROM codings WHERE code_id IN sub))`,
  ).run(id);
  // Descendants, codings and memberships go by ON DELETE CASCADE.
  prep(db, 'DELETE FROM codes WHERE id = ?').run(id);
  return impact;
}

/** Depth of each code below the top level, to merge the deepest codes first. */
function depths(db: Db): Map<number, number> {
  const rows = prep(db, 'SELECT id, parent_id AS parentId FROM codes').all() as {
    id: number;
    parentId: number | null;
  }[];
  const parent = new Map(rows.map((r) => [r.id, r.parentId]));
  const out = new Map<number, number>();
  const depth = (id: number): number => {
    const known = out.get(id);
    if (known !== undefined) return known;
    out.set(id, 0); // a loop in a damaged tree ends here
    const p = parent.get(id) ?? null;
    const d = p === null ? 0 : depth(p) + 1;
    out.set(id, d);
    return d;
  };
  for (const r of rows) depth(r.id);
  return out;
}

/**
 * Merges `codeIds` into `targetId`: their codings move to the target (one that codes exactly
 * the words a target coding codes is dropped), their subcodes move under the target (renamed
 * "Name (2)" where the target already has a subcode of that name), their set memberships and
 * the memos about them go to the target, and they are deleted. Refuses merging a code into
 * itself or into one of its own subcodes. The caller owns the transaction.
 */
export function mergeCodes(db: Db, codeIds: number[], targetId: number): MergeResult {
  const target = requireCodeRow(db, targetId);
  const ids = [...new Set(codeIds)];
  const rows = ids.map((id) => requireCodeRow(db, id));
  for (const row of rows) {
    if (row.id === targetId)
      throw new WeftError('invalid_merge', `“${row.name}” cannot be merged into itself.`);
    if (subtreeIds(db, row.id).includes(targetId)) {
      throw new WeftError(
        'invalid_merge',
        `“${row.name}” cannot be merged into “${target.name}”, which is one of its own subcodes.`,
      );
    }
  }
  // Deepest first: a merged code's merged subcodes are gone before it is deleted, and its
  // other subcodes have already been moved out of the way of the cascade.
  const depth = depths(db);
  rows.sort((a, b) => depth.get(b.id)! - depth.get(a.id)! || a.id - b.id);
  const total: MergeResult = { moved: 0, collapsed: 0 };
  const append = prep(db, 'UPDATE codes SET parent_id = ?, name = ?, position = ? WHERE id = ?');
  for (const row of rows) {
    const r = moveCodings(db, codingIdsOfCode(db, row.id), targetId);
    total.moved += r.moved;
    total.collapsed += r.collapsed;
    for (const child of siblings(db, row.id)) {
      append.run(
        targetId,
        freeName(db, child.name, targetId),
        nextPosition(db, targetId),
        child.id,
      );
    }
    prep(
      db,
      `INSERT OR IGNORE INTO code_set_members (set_id, code_id)
       SELECT set_id, ? FROM code_set_members WHERE code_id = ?`,
    ).run(targetId, row.id);
    prep(db, "UPDATE memos SET target_id = ? WHERE target_type = 'code' AND target_id = ?").run(
      targetId,
      row.id,
    );
    prep(db, 'DELETE FROM codes WHERE id = ?').run(row.id);
  }
  return total;
}
