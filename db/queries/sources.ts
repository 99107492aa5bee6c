import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import type { Source, SourceSummary } from '../types.js';
import { newGuid, nowIso } from '../ids.js';

export interface NewSource {
  name: string;
  kind?: string;
  text: string;
  originalName?: string | null;
  createdBy?: number | null;
  guid?: string;
}

const SUMMARY = `s.id, s.guid, s.name, s.kind, s.folder, s.text_length AS length,
  (SELECT count(*) FROM codings c WHERE c.source_id = s.id) AS codings`;

/** Words as runs of non-space characters; a plain loop, as imports count megabytes of text. */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || c === 12 || c === 11;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/**
 * Recently read source texts, per database handle. Coding checks offsets against the text on
 * every click; reading a whole transcript from SQLite each time would dominate. Every write to
 * a source's text through this handle drops its entry (forgetText); a write through another
 * connection to the same file changes SQLite's data_version, which empties the cache.
 */
const textCache = new WeakMap<Db, { version: number; texts: Map<number, string> }>();
const TEXT_CACHE_SIZE = 16;

export function sourceText(db: Db, id: number): string | undefined {
  const version = prep(db, 'PRAGMA data_version').pluck().get() as number;
  let cache = textCache.get(db);
  if (!cache || cache.version !== version)
    textCache.set(db, (cache = { version, texts: new Map() }));
  const hit = cache.texts.get(id);
  if (hit !== undefined) return hit;
  const text = prep(db, 'SELECT text FROM sources WHERE id = ?').pluck().get(id) as
    string | undefined;
  if (text !== undefined) {
    if (cache.texts.size >= TEXT_CACHE_SIZE) cache.texts.delete(cache.texts.keys().next().value!);
    cache.texts.set(id, text);
  }
  return text;
}

/** Drops a source's cached text: every write to a source's text must call this. */
export function forgetText(db: Db, id: number): void {
  textCache.get(db)?.texts.delete(id);
}

export function insertSource(db: Db, s: NewSource): number {
  const info = db
    .prepare(
      `INSERT INTO sources (guid, name, kind, text, text_length, original_name, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      s.guid ?? newGuid(),
      s.name,
      s.kind ?? 'document',
      s.text,
      s.text.length,
      s.originalName ?? null,
      nowIso(),
      s.createdBy ?? null,
    );
  return Number(info.lastInsertRowid);
}

export function listSources(db: Db): SourceSummary[] {
  return prep(
    db,
    `SELECT ${SUMMARY} FROM sources s ORDER BY s.name COLLATE NOCASE, s.id`,
  ).all() as SourceSummary[];
}

export function getSourceSummary(db: Db, id: number): SourceSummary | undefined {
  return prep(db, `SELECT ${SUMMARY} FROM sources s WHERE s.id = ?`).get(id) as
    SourceSummary | undefined;
}

/** A whole source. Words are counted here, for the one source being read, not at import. */
export function getSource(db: Db, id: number): Source | undefined {
  const row = db
    .prepare(
      `SELECT ${SUMMARY}, s.text, s.rich, s.created_at AS createdAt FROM sources s WHERE s.id = ?`,
    )
    .get(id) as Omit<Source, 'words'> | undefined;
  return row && { ...row, words: countWords(row.text) };
}

export function sourceLength(db: Db, id: number): number | undefined {
  const row = prep(db, 'SELECT text_length AS n FROM sources WHERE id = ?').get(id) as
    { n: number } | undefined;
  return row?.n;
}

export function sourceNameExists(db: Db, name: string): boolean {
  return prep(db, 'SELECT 1 FROM sources WHERE name = ? COLLATE NOCASE').get(name) !== undefined;
}

export function deleteSource(db: Db, id: number): boolean {
  forgetText(db, id);
  return prep(db, 'DELETE FROM sources WHERE id = ?').run(id).changes > 0;
}
