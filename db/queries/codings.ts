import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import type { Coding } from '../types.js';
import type { MergeResult } from '../workbench-types.js';
import { WeftError } from '../errors.js';
import { newGuid, nowIso } from '../ids.js';

export interface NewCoding {
  sourceId: number;
  codeId: number;
  start: number;
  end: number;
  coderId: number;
  guid?: string;
  createdAt?: string;
}

const COLUMNS = `id, guid, source_id AS sourceId, code_id AS codeId, start, end, coder_id AS coderId,
  created_at AS createdAt`;

export function insertCoding(db: Db, c: NewCoding): number {
  const info = prep(
    db,
    'INSERT INTO codings (guid, source_id, code_id, start, end, coder_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    c.guid ?? newGuid(),
    c.sourceId,
    c.codeId,
    c.start,
    c.end,
    c.coderId,
    c.createdAt ?? nowIso(),
  );
  return Number(info.lastInsertRowid);
}

export function getCoding(db: Db, id: number): Coding | undefined {
  return prep(db, `SELECT ${COLUMNS} FROM codings WHERE id = ?`).get(id) as Coding | undefined;
}

export function findSameCoding(db: Db, c: Omit<NewCoding, 'coderId'>): Coding | undefined {
  return prep(
    db,
    `SELECT ${COLUMNS} FROM codings WHERE source_id = ? AND code_id = ? AND start = ? AND end = ?`,
  ).get(c.sourceId, c.codeId, c.start, c.end) as Coding | undefined;
}

export function listCodingsForSource(db: Db, sourceId: number): Coding[] {
  return prep(db, `SELECT ${COLUMNS} FROM codings WHERE source_id = ? ORDER BY start, end, id`).all(
    sourceId,
  ) as Coding[];
}

export function deleteCoding(db: Db, id: number): boolean {
  return prep(db, 'DELETE FROM codings WHERE id = ?').run(id).changes > 0;
}

/** Every coding of a code, oldest first. */
export function codingIdsOfCode(db: Db, codeId: number): number[] {
  return prep(db, 'SELECT id FROM codings WHERE code_id = ? ORDER BY id')
    .pluck()
    .all(codeId) as number[];
}

interface Span {
  id: number;
  sourceId: number;
  codeId: number;
  start: number;
  end: number;
  coderId: number;
  createdAt: string;
}
const SPAN = `id, source_id AS sourceId, code_id AS codeId, start, end, coder_id AS coderId,
  created_at AS createdAt`;

/** Another coding of `codeId` on exactly these words, if there is one. */
function twin(db: Db, codeId: number, c: Omit<Span, 'codeId' | 'coderId' | 'createdAt'>) {
  return prep(
    db,
    `SELECT id FROM codings
      WHERE code_id = ? AND source_id = ? AND start = ? AND end = ? AND id <> ? LIMIT 1`,
  )
    .pluck()
    .get(codeId, c.sourceId, c.start, c.end, c.id) as number | undefined;
}

/** Drops a coding that duplicates `keep`; memos written about it now point at `keep`. */
function collapseInto(db: Db, id: number, keep: number): void {
  prep(db, "UPDATE memos SET target_id = ? WHERE target_type = 'coding' AND target_id = ?").run(
    keep,
    id,
  );
  prep(db, 'DELETE FROM codings WHERE id = ?').run(id);
}

/**
 * Moves codings to `codeId`, one at a time so that two moved codings of the same words
 * collapse into one as surely as a moved one and one already there. Codings already on the
 * code are left alone. An unknown id refuses the whole move (the caller's transaction rolls
 * back). The caller owns the transaction.
 */
export function moveCodings(db: Db, ids: number[], codeId: number): MergeResult {
  const get = prep(db, `SELECT ${SPAN} FROM codings WHERE id = ?`);
  const setCode = prep(db, 'UPDATE codings SET code_id = ? WHERE id = ?');
  const out: MergeResult = { moved: 0, collapsed: 0 };
  for (const id of new Set(ids)) {
    const c = get.get(id) as Span | undefined;
    if (!c) throw new WeftError('not_found', `There is no coding with id ${id}.`);
    if (c.codeId === codeId) continue;
    const keep = twin(db, codeId, c);
    if (keep !== undefined) {
      collapseInto(db, id, keep);
      out.collapsed++;
    } else {
      setCode.run(codeId, id);
      out.moved++;
    }
  }
  return out;
}

export interface UncodeRange {
  sourceId: number;
  start: number;
  end: number;
  /** Only this code's codings; all codes' when absent. */
  codeId?: number;
}

/**
 * Takes [start, end) out of the codings there: one inside it is deleted, one over an edge is
 * trimmed, one around it is split in two (the second part a new coding, same coder and time).
 * A piece that would duplicate another coding of its code collapses into it. The caller
 * checks the range against the text and owns the transaction. Returns how many codings
 * changed.
 */
export function uncode(db: Db, r: UncodeRange): number {
  const rows = (
    r.codeId === undefined
      ? prep(
          db,
          `SELECT ${SPAN} FROM codings WHERE source_id = ? AND start < ? AND end > ?
            ORDER BY start, id`,
        ).all(r.sourceId, r.end, r.start)
      : prep(
          db,
          `SELECT ${SPAN} FROM codings
            WHERE code_id = ? AND source_id = ? AND start < ? AND end > ? ORDER BY start, id`,
        ).all(r.codeId, r.sourceId, r.end, r.start)
  ) as Span[];
  const setRange = prep(db, 'UPDATE codings SET start = ?, end = ? WHERE id = ?');
  const del = prep(db, 'DELETE FROM codings WHERE id = ?');
  /** Keeps `c` as [start, end), or drops it if its code already codes exactly that. */
  const reshape = (c: Span, start: number, end: number) => {
    const keep = twin(db, c.codeId, { ...c, start, end });
    if (keep !== undefined) collapseInto(db, c.id, keep);
    else setRange.run(start, end, c.id);
  };
  for (const c of rows) {
    if (c.start >= r.start && c.end <= r.end) del.run(c.id);
    else if (c.start < r.start && c.end > r.end) {
      reshape(c, c.start, r.start);
      const tail = { ...c, id: 0, start: r.end };
      if (twin(db, c.codeId, tail) === undefined) insertCoding(db, { ...tail, guid: newGuid() });
    } else if (c.start < r.start) reshape(c, c.start, r.start);
    else reshape(c, r.end, c.end);
  }
  return rows.length;
}
