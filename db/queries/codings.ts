import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import type { Coding, Excerpt } from '../types.js';
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
  const info = db
    .prepare(
      'INSERT INTO codings (guid, source_id, code_id, start, end, coder_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
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
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM codings WHERE source_id = ? AND code_id = ? AND start = ? AND end = ?`,
    )
    .get(c.sourceId, c.codeId, c.start, c.end) as Coding | undefined;
}

export function listCodingsForSource(db: Db, sourceId: number): Coding[] {
  return prep(db, `SELECT ${COLUMNS} FROM codings WHERE source_id = ? ORDER BY start, end, id`).all(
    sourceId,
  ) as Coding[];
}

export function deleteCoding(db: Db, id: number): boolean {
  return prep(db, 'DELETE FROM codings WHERE id = ?').run(id).changes > 0;
}

/**
 * Every excerpt coded with `codeId`, in source order. Each source's text is read once and
 * sliced in JavaScript: offsets are UTF-16 units, which SQLite's substr() does not count.
 */
export function listExcerptsForCode(db: Db, codeId: number): Excerpt[] {
  const rows = db
    .prepare(
      `SELECT c.id AS codingId, c.source_id AS sourceId, s.name AS sourceName, c.code_id AS codeId,
              c.start, c.end, u.name AS coder, c.created_at AS createdAt
         FROM codings c JOIN sources s ON s.id = c.source_id JOIN users u ON u.id = c.coder_id
        WHERE c.code_id = ?
        ORDER BY s.name COLLATE NOCASE, c.source_id, c.start, c.end`,
    )
    .all(codeId) as Omit<Excerpt, 'text'>[];
  const textOf = prep(db, 'SELECT text FROM sources WHERE id = ?').pluck();
  const texts = new Map<number, string>();
  return rows.map((r) => {
    let text = texts.get(r.sourceId);
    if (text === undefined) {
      text = textOf.get(r.sourceId) as string;
      texts.set(r.sourceId, text);
    }
    return { ...r, text: text.slice(r.start, r.end) };
  });
}
