import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import type { Code } from '../types.js';
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
