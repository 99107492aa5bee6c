import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import type { ProjectMeta, Stats } from '../types.js';

export function getMeta(db: Db, key: string): string | undefined {
  const row = prep(db, 'SELECT value FROM project_meta WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  prep(
    db,
    'INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

export function projectMeta(db: Db): ProjectMeta {
  return {
    guid: getMeta(db, 'guid') ?? '',
    name: getMeta(db, 'name') ?? 'Untitled project',
    createdAt: getMeta(db, 'created_at') ?? '',
  };
}

export function stats(db: Db): Stats {
  const count = (table: string) =>
    (prep(db, `SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    sources: count('sources'),
    codes: count('codes'),
    codings: count('codings'),
    users: count('users'),
    cases: count('cases'),
    attributes: count('attributes'),
    concepts: count('concepts'),
    cmocs: count('cmocs'),
  };
}
