import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import type { Annotation } from '../workbench-types.js';
import { WeftError } from '../errors.js';
import { newGuid, nowIso } from '../ids.js';
import { compareNames } from './cases.js';
import { matchesAll, searchWords } from './memos.js';
import { sourceText } from './sources.js';

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Checks that [start, end) is a passage of the source, as codings are checked: inside the
 * text, not empty, and not splitting a character (a surrogate pair). Returns the source's text.
 */
export function assertPassage(db: Db, sourceId: number, start: number, end: number): string {
  const text = sourceText(db, sourceId);
  if (text === undefined)
    throw new WeftError('not_found', `There is no source with id ${sourceId}.`);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start)
    throw new WeftError('out_of_range', `[${start}, ${end}) is not a passage.`);
  if (end > text.length)
    throw new WeftError(
      'out_of_range',
      `The passage ends at ${end}, past the end of the source (${text.length}).`,
    );
  if (isLowSurrogate(text.charCodeAt(start)) || isLowSurrogate(text.charCodeAt(end)))
    throw new WeftError('bad_offset', 'The passage boundary splits a character.');
  return text;
}

const COLUMNS = `a.id, a.guid, a.source_id AS sourceId, s.name AS sourceName, a.start, a.end,
  a.body, ifnull(u.name, '') AS author, a.created_at AS createdAt, a.updated_at AS updatedAt
  FROM annotations a JOIN sources s ON s.id = a.source_id LEFT JOIN users u ON u.id = a.created_by`;

type Row = Omit<Annotation, 'text'>;

function withText(db: Db, rows: Row[]): Annotation[] {
  const texts = new Map<number, string>();
  return rows.map((r) => {
    let text = texts.get(r.sourceId);
    if (text === undefined) texts.set(r.sourceId, (text = sourceText(db, r.sourceId) ?? ''));
    return { ...r, text: text.slice(r.start, r.end) };
  });
}

/**
 * Annotations of one source (or all), by source name then position. A query's words must all
 * appear in the note or in the annotated words, ignoring case.
 */
export function listAnnotations(
  db: Db,
  f: { sourceId?: number; query?: string } = {},
): Annotation[] {
  const rows = (
    f.sourceId === undefined
      ? prep(db, `SELECT ${COLUMNS}`).all()
      : prep(db, `SELECT ${COLUMNS} WHERE a.source_id = ?`).all(f.sourceId)
  ) as Row[];
  rows.sort(
    (a, b) =>
      compareNames(a.sourceName, b.sourceName) ||
      a.sourceId - b.sourceId ||
      a.start - b.start ||
      a.end - b.end ||
      a.id - b.id,
  );
  const all = withText(db, rows);
  const words = searchWords(f.query);
  return words.length ? all.filter((a) => matchesAll(words, a.body, a.text)) : all;
}

export function getAnnotation(db: Db, id: number): Annotation | undefined {
  const row = prep(db, `SELECT ${COLUMNS} WHERE a.id = ?`).get(id) as Row | undefined;
  return row && withText(db, [row])[0];
}

export function insertAnnotation(
  db: Db,
  a: { sourceId: number; start: number; end: number; body: string; createdBy: number | null },
): number {
  const now = nowIso();
  return Number(
    prep(
      db,
      `INSERT INTO annotations (guid, source_id, start, end, body, created_at, updated_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(newGuid(), a.sourceId, a.start, a.end, a.body, now, now, a.createdBy).lastInsertRowid,
  );
}

export function setAnnotationBody(db: Db, id: number, body: string): boolean {
  return (
    prep(db, 'UPDATE annotations SET body = ?, updated_at = ? WHERE id = ?').run(body, nowIso(), id)
      .changes > 0
  );
}

export function deleteAnnotation(db: Db, id: number): boolean {
  return prep(db, 'DELETE FROM annotations WHERE id = ?').run(id).changes > 0;
}
