import type { Db } from '../open.js';
import { WeftError } from '../errors.js';
import { newGuid, nowIso } from '../ids.js';
import { prep } from '../stmt.js';
import type { CodeSet } from '../workbench-types.js';
import { codebookOrder } from './codes.js';

/**
 * Code sets: named, many-to-many groups of codes (the study's 'belonging' set). A code can be
 * in several sets; deleting a code takes it out of them (ON DELETE CASCADE).
 */

type SetRow = Omit<CodeSet, 'codeIds'>;
const COLUMNS = 'id, guid, name, description';

/** Each set's members in codebook order, so every list of a set reads like the codebook. */
function withMembers(db: Db, rows: SetRow[]): CodeSet[] {
  if (!rows.length) return [];
  const rank = new Map(codebookOrder(db).map((id, i) => [id, i]));
  const members = new Map<number, number[]>(rows.map((r) => [r.id, []]));
  const pairs = prep(db, 'SELECT set_id, code_id FROM code_set_members').raw().all() as [
    number,
    number,
  ][];
  for (const [setId, codeId] of pairs) members.get(setId)?.push(codeId);
  return rows.map((r) => ({
    ...r,
    codeIds: members.get(r.id)!.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)),
  }));
}

export function listSets(db: Db): CodeSet[] {
  return withMembers(
    db,
    prep(db, `SELECT ${COLUMNS} FROM code_sets ORDER BY position, id`).all() as SetRow[],
  );
}

export function getSet(db: Db, id: number): CodeSet | undefined {
  const row = prep(db, `SELECT ${COLUMNS} FROM code_sets WHERE id = ?`).get(id) as
    SetRow | undefined;
  return row ? withMembers(db, [row])[0] : undefined;
}

export function requireSet(db: Db, id: number): CodeSet {
  const set = getSet(db, id);
  if (!set) throw new WeftError('not_found', `There is no code set with id ${id}.`);
  return set;
}

/** Refuses a name another set has, in any case (any script, not only ASCII). */
function assertFreeSetName(db: Db, name: string, self?: number): void {
  const rows = prep(db, 'SELECT id, name FROM code_sets').all() as { id: number; name: string }[];
  const clash = rows.find((r) => r.id !== self && r.name.toLowerCase() === name.toLowerCase());
  if (clash) throw new WeftError('duplicate', `A code set named “${clash.name}” already exists.`);
}

/** Refuses any id that is not a code, before anything is written. */
function assertCodes(db: Db, codeIds: number[]): void {
  const exists = prep(db, 'SELECT 1 FROM codes WHERE id = ?');
  const missing = [...new Set(codeIds)].filter((id) => !exists.get(id));
  if (missing.length) {
    throw new WeftError(
      'not_found',
      missing.length === 1
        ? `There is no code with id ${missing[0]}.`
        : `There are no codes with ids ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? '…' : ''}.`,
    );
  }
}

export interface NewSet {
  name: string;
  description?: string;
  codeIds?: number[];
  createdBy?: number | null;
  guid?: string;
}

export function createSet(db: Db, s: NewSet): number {
  assertFreeSetName(db, s.name);
  assertCodes(db, s.codeIds ?? []);
  const position = prep(db, 'SELECT ifnull(max(position) + 1, 0) FROM code_sets')
    .pluck()
    .get() as number;
  const info = prep(
    db,
    `INSERT INTO code_sets (guid, name, description, position, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(s.guid ?? newGuid(), s.name, s.description ?? '', position, nowIso(), s.createdBy ?? null);
  const id = Number(info.lastInsertRowid);
  addToSet(db, id, s.codeIds ?? []);
  return id;
}

/** Writes only what differs; returns whether anything changed. */
export function updateSet(
  db: Db,
  id: number,
  fields: { name?: string; description?: string },
): boolean {
  const set = requireSet(db, id);
  const name = fields.name !== undefined && fields.name !== set.name ? fields.name : undefined;
  const description =
    fields.description !== undefined && fields.description !== set.description
      ? fields.description
      : undefined;
  if (name !== undefined) assertFreeSetName(db, name, id);
  if (name === undefined && description === undefined) return false;
  prep(
    db,
    'UPDATE code_sets SET name = ifnull(?, name), description = ifnull(?, description) WHERE id = ?',
  ).run(name ?? null, description ?? null, id);
  return true;
}

/** Deletes the set; its codes stay. */
export function deleteSet(db: Db, id: number): void {
  requireSet(db, id);
  prep(db, 'DELETE FROM code_sets WHERE id = ?').run(id);
}

/** Adds codes to a set (ones already in it are left as they are); returns how many joined. */
export function addToSet(db: Db, id: number, codeIds: number[]): number {
  assertCodes(db, codeIds);
  const add = prep(db, 'INSERT OR IGNORE INTO code_set_members (set_id, code_id) VALUES (?, ?)');
  let n = 0;
  for (const codeId of new Set(codeIds)) n += add.run(id, codeId).changes;
  return n;
}

/** Takes codes out of a set (codes not in it are ignored); returns how many left. */
export function removeFromSet(db: Db, id: number, codeIds: number[]): number {
  assertCodes(db, codeIds);
  const del = prep(db, 'DELETE FROM code_set_members WHERE set_id = ? AND code_id = ?');
  let n = 0;
  for (const codeId of new Set(codeIds)) n += del.run(id, codeId).changes;
  return n;
}
