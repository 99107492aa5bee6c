import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import type { Memo } from '../types.js';
import type { MemoPassage } from '../workbench-types.js';
import { WeftError } from '../errors.js';
import { newGuid, nowIso } from '../ids.js';
import { sourceText } from './sources.js';

export type MemoTarget = NonNullable<Memo['targetType']>;

export interface NewMemo {
  title: string;
  body?: string;
  rich?: string | null;
  targetType?: Memo['targetType'];
  targetId?: number | null;
  createdBy?: number | null;
}

/** What a memo's target is called, resolved in SQL so a list costs one query. */
const TARGET_NAME = `CASE m.target_type
    WHEN 'project' THEN 'Project'
    WHEN 'code' THEN (SELECT name FROM codes WHERE id = m.target_id)
    WHEN 'source' THEN (SELECT name FROM sources WHERE id = m.target_id)
    WHEN 'case' THEN (SELECT name FROM cases WHERE id = m.target_id)
    WHEN 'coding' THEN (SELECT k.name || ' · ' || s.name FROM codings c
      JOIN codes k ON k.id = c.code_id JOIN sources s ON s.id = c.source_id WHERE c.id = m.target_id)
  END`;

const COLUMNS = `m.id, m.guid, m.title, m.body, m.rich, m.target_type AS targetType,
  m.target_id AS targetId, ${TARGET_NAME} AS targetName,
  (SELECT count(*) FROM memo_passages p WHERE p.memo_id = m.id) AS passages,
  m.created_at AS createdAt, m.updated_at AS updatedAt`;

const TARGET_TABLES: Record<Exclude<MemoTarget, 'project'>, string> = {
  code: 'codes',
  source: 'sources',
  case: 'cases',
  coding: 'codings',
};

/** Throws not_found unless the target exists; a project memo has no id. */
export function assertTarget(db: Db, type: MemoTarget | null | undefined, id: number | null): void {
  if (!type || type === 'project') return;
  const table = TARGET_TABLES[type];
  if (id === null || !prep(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(id))
    throw new WeftError('not_found', `There is no ${type} with id ${String(id)}.`);
}

export function insertMemo(db: Db, m: NewMemo): number {
  const now = nowIso();
  const row = {
    guid: newGuid(),
    title: m.title,
    body: m.body ?? '',
    target_type: m.targetType ?? null,
    target_id: m.targetType === 'project' ? null : (m.targetId ?? null),
    created_at: now,
    updated_at: now,
    created_by: m.createdBy ?? null,
    // Only named when set, so tests can still build files of schemas before v6 with this.
    ...(m.rich != null ? { rich: m.rich } : {}),
  };
  const cols = Object.keys(row);
  const info = prep(
    db,
    `INSERT INTO memos (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
  ).run(row);
  return Number(info.lastInsertRowid);
}

export interface MemoFilter {
  /** Words that must all appear, in the title or the text, ignoring case. */
  query?: string;
  targetType?: MemoTarget;
  targetId?: number;
}

/** Lower-cased words of a search, or none for an empty one. */
export function searchWords(query: string | undefined): string[] {
  return (query ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesAll(words: readonly string[], ...haystacks: string[]): boolean {
  if (!words.length) return true;
  const hay = haystacks.join('\n').toLocaleLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Memos, most recently changed first. Searched in JavaScript: SQLite's lower() knows only ASCII. */
export function listMemos(db: Db, f: MemoFilter = {}): Memo[] {
  const rows = prep(
    db,
    `SELECT ${COLUMNS} FROM memos m
      WHERE (@type IS NULL OR m.target_type = @type) AND (@id IS NULL OR m.target_id = @id)
      ORDER BY m.updated_at DESC, m.id DESC`,
  ).all({ type: f.targetType ?? null, id: f.targetId ?? null }) as Memo[];
  const words = searchWords(f.query);
  return words.length ? rows.filter((m) => matchesAll(words, m.title, m.body)) : rows;
}

export function getMemo(db: Db, id: number): Memo | undefined {
  return prep(db, `SELECT ${COLUMNS} FROM memos m WHERE m.id = ?`).get(id) as Memo | undefined;
}

/** Changes what is given and moves updated_at on, always forwards (even within a millisecond). */
export function updateMemo(
  db: Db,
  id: number,
  change: { title?: string; body?: string; rich?: string | null },
): boolean {
  const old = getMemo(db, id);
  if (!old) return false;
  const now = nowIso();
  const updatedAt =
    now > old.updatedAt ? now : new Date(Date.parse(old.updatedAt) + 1).toISOString();
  prep(db, 'UPDATE memos SET title = ?, body = ?, rich = ?, updated_at = ? WHERE id = ?').run(
    change.title ?? old.title,
    change.body ?? old.body,
    change.rich === undefined ? old.rich : change.rich,
    updatedAt,
    id,
  );
  return true;
}

export function deleteMemo(db: Db, id: number): boolean {
  return prep(db, 'DELETE FROM memos WHERE id = ?').run(id).changes > 0;
}

// ---------------------------------------------------------------- passages

const PASSAGE = `p.id, p.memo_id AS memoId, p.source_id AS sourceId, s.name AS sourceName,
  p.start, p.end FROM memo_passages p JOIN sources s ON s.id = p.source_id`;

function withText(db: Db, rows: Omit<MemoPassage, 'text'>[]): MemoPassage[] {
  return rows.map((r) => ({
    ...r,
    text: (sourceText(db, r.sourceId) ?? '').slice(r.start, r.end),
  }));
}

/** A memo's passages, by source name then position. */
export function listMemoPassages(db: Db, memoId: number): MemoPassage[] {
  const rows = prep(
    db,
    `SELECT ${PASSAGE} WHERE p.memo_id = ? ORDER BY s.name COLLATE NOCASE, p.source_id, p.start, p.end, p.id`,
  ).all(memoId) as Omit<MemoPassage, 'text'>[];
  return withText(db, rows);
}

export function getMemoPassage(db: Db, id: number): MemoPassage | undefined {
  const row = prep(db, `SELECT ${PASSAGE} WHERE p.id = ?`).get(id) as
    Omit<MemoPassage, 'text'> | undefined;
  return row && withText(db, [row])[0];
}

/** Links [start, end) of a source to a memo (offsets checked by the caller); the same range again is the same link. */
export function addMemoPassage(
  db: Db,
  p: { memoId: number; sourceId: number; start: number; end: number },
): number {
  const same = prep(
    db,
    'SELECT id FROM memo_passages WHERE memo_id = ? AND source_id = ? AND start = ? AND end = ?',
  )
    .pluck()
    .get(p.memoId, p.sourceId, p.start, p.end) as number | undefined;
  if (same !== undefined) return same;
  return Number(
    prep(
      db,
      'INSERT INTO memo_passages (guid, memo_id, source_id, start, end, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(newGuid(), p.memoId, p.sourceId, p.start, p.end, nowIso()).lastInsertRowid,
  );
}

export function removeMemoPassage(db: Db, id: number): boolean {
  return prep(db, 'DELETE FROM memo_passages WHERE id = ?').run(id).changes > 0;
}
