import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import type { User } from '../types.js';
import type { CoderSummary } from '../workbench-types.js';
import { newGuid, nowIso } from '../ids.js';

const COLUMNS = 'id, guid, name, initials';

export function listUsers(db: Db): User[] {
  return prep(db, `SELECT ${COLUMNS} FROM users ORDER BY name`).all() as User[];
}

export function getUser(db: Db, id: number): User | undefined {
  return prep(db, `SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id) as User | undefined;
}

export function findUserByName(db: Db, name: string): User | undefined {
  return prep(db, `SELECT ${COLUMNS} FROM users WHERE name = ? ORDER BY id`).get(name) as
    User | undefined;
}

/** The coder called `name`, created on first use (with `initials`, else ones made from the name). */
export function ensureUser(db: Db, name: string, initials?: string): User {
  const found = findUserByName(db, name);
  if (found) return found;
  const info = prep(
    db,
    'INSERT INTO users (guid, name, initials, created_at) VALUES (?, ?, ?, ?)',
  ).run(newGuid(), name, initials || initialsOf(name), nowIso());
  return getUser(db, Number(info.lastInsertRowid))!;
}

export function setUserInitials(db: Db, id: number, initials: string): void {
  prep(db, 'UPDATE users SET initials = ? WHERE id = ?').run(initials, id);
}

/** Every coder in the project with how many codings they made, by name. */
export function listCoderSummaries(db: Db): CoderSummary[] {
  return prep(
    db,
    `SELECT u.id, u.name, u.initials,
            (SELECT count(*) FROM codings c WHERE c.coder_id = u.id) AS codings
       FROM users u ORDER BY u.name COLLATE NOCASE, u.id`,
  ).all() as CoderSummary[];
}

export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 3)
    .map((w) => Array.from(w)[0]!.toUpperCase())
    .join('');
}
