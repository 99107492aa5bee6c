import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import type { Code } from '../types.js';
import { newGuid, nowIso } from '../ids.js';

/** Distinct, readable highlight colours; new codes take the next one. */
export const PALETTE = [
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#42d4f4',
  '#f032e6',
  '#bfef45',
  '#469990',
  '#9a6324',
  '#800000',
  '#808000',
  '#000075',
  '#fabed4',
  '#ffd8b1',
  '#aaffc3',
  '#dcbeff',
  '#a9a9a9',
];

export interface NewCode {
  name: string;
  parentId?: number | null;
  color?: string;
  description?: string;
  createdBy?: number | null;
  guid?: string;
}

const COLUMNS = `k.id, k.guid, k.parent_id AS parentId, k.name, k.color, k.description,
  (SELECT count(*) FROM codings c WHERE c.code_id = k.id) AS codings`;

export function insertCode(db: Db, c: NewCode): number {
  const color = c.color ?? nextColor(db);
  const position = (
    prep(db, 'SELECT count(*) AS n FROM codes WHERE ifnull(parent_id, 0) = ?').get(
      c.parentId ?? 0,
    ) as {
      n: number;
    }
  ).n;
  const info = db
    .prepare(
      `INSERT INTO codes (guid, parent_id, name, color, description, position, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      c.guid ?? newGuid(),
      c.parentId ?? null,
      c.name,
      color,
      c.description ?? '',
      position,
      nowIso(),
      c.createdBy ?? null,
    );
  return Number(info.lastInsertRowid);
}

export function nextColor(db: Db): string {
  const n = (prep(db, 'SELECT count(*) AS n FROM codes').get() as { n: number }).n;
  return PALETTE[n % PALETTE.length]!;
}

/** Codes in tree order: parents before children, siblings by position. */
export function listCodes(db: Db): Code[] {
  const rows = prep(
    db,
    `SELECT ${COLUMNS}, k.position FROM codes k ORDER BY k.position, k.id`,
  ).all() as (Code & {
    position: number;
  })[];
  const children = new Map<number | null, Code[]>();
  for (const { position: _p, ...row } of rows) {
    const list = children.get(row.parentId) ?? [];
    list.push(row);
    children.set(row.parentId, list);
  }
  const out: Code[] = [];
  const walk = (parent: number | null) => {
    for (const c of children.get(parent) ?? []) {
      out.push(c);
      walk(c.id);
    }
  };
  walk(null);
  return out;
}

export function getCode(db: Db, id: number): Code | undefined {
  return prep(db, `SELECT ${COLUMNS} FROM codes k WHERE k.id = ?`).get(id) as Code | undefined;
}

export function findCodeByName(
  db: Db,
  name: string,
  parentId: number | null = null,
): Code | undefined {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM codes k WHERE ifnull(k.parent_id, 0) = ? AND k.name = ? COLLATE NOCASE`,
    )
    .get(parentId ?? 0, name) as Code | undefined;
}
