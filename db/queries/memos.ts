import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import type { Memo } from '../types.js';
import { newGuid, nowIso } from '../ids.js';

export interface NewMemo {
  title: string;
  body?: string;
  targetType?: Memo['targetType'];
  targetId?: number | null;
  createdBy?: number | null;
}

const COLUMNS = `id, guid, title, body, target_type AS targetType, target_id AS targetId,
  created_at AS createdAt, updated_at AS updatedAt`;

export function insertMemo(db: Db, m: NewMemo): number {
  const now = nowIso();
  const info = db
    .prepare(
      `INSERT INTO memos (guid, title, body, target_type, target_id, created_at, updated_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      newGuid(),
      m.title,
      m.body ?? '',
      m.targetType ?? null,
      m.targetId ?? null,
      now,
      now,
      m.createdBy ?? null,
    );
  return Number(info.lastInsertRowid);
}

export function listMemos(db: Db): Memo[] {
  return prep(db, `SELECT ${COLUMNS} FROM memos ORDER BY updated_at DESC, id DESC`).all() as Memo[];
}

export function getMemo(db: Db, id: number): Memo | undefined {
  return prep(db, `SELECT ${COLUMNS} FROM memos WHERE id = ?`).get(id) as Memo | undefined;
}
