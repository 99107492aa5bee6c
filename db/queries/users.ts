import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import type { User } from '../types.js';
import { newGuid, nowIso } from '../ids.js';

const COLUMNS = 'id, guid, name, initials';

export function listUsers(db: Db): User[] {
  return prep(db, `SELECT ${COLUMNS} FROM users ORDER BY name`).all() as User[];
}

export function getUser(db: Db, id: number): User | undefined {
  return prep(db, `SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id) as User | undefined;
}

/** The coder called `name`, created on first use. */
export function ensureUser(db: Db, name: string): User {
  const found = prep(db, `SELECT ${COLUMNS} FROM users WHERE name = ?`).get(name) as
    User | undefined;
  if (found) return found;
  const info = db
    .prepare('INSERT INTO users (guid, name, initials, created_at) VALUES (?, ?, ?, ?)')
    .run(newGuid(), name, initialsOf(name), nowIso());
  return getUser(db, Number(info.lastInsertRowid))!;
}

export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 3)
    .map((w) => Array.from(w)[0]!.toUpperCase())
    .join('');
}
