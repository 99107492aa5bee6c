import { WeftError } from '../errors.js';
import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import {
  applyEdits,
  touchesRange,
  transformRange,
  type Range,
  type TextEdit,
} from '../text-edit.js';
import { forgetText } from './sources.js';

/** Tables whose rows point into a source's text by UTF-16 offsets (start, end, source_id). */
const ANCHORED = [
  'codings',
  'case_passages',
  'memo_passages',
  'annotations',
  'cmoc_evidence',
] as const;
export type AnchoredTable = (typeof ANCHORED)[number];

/** A whole row, with its column names, so an undo can put it back as it was. */
export interface AnchoredRow {
  table: AnchoredTable;
  row: Record<string, unknown>;
}

export interface EditResult {
  text: string;
  /** Rows that survived with new offsets (including the reshaped ones). */
  moved: number;
  /**
   * Deleted rows, as they were before the edit: those whose words are all gone, and case
   * passages that landed on exactly the range of another passage of the same case (the
   * schema allows one).
   */
  removed: AnchoredRow[];
  /**
   * Surviving rows whose words the edit touched, as they were before it. Undo needs them: the
   * inverse edit alone cannot regrow a clipped range (re-inserted words at a range's edge go
   * outside it). Rows that only shifted come back exactly through the inverse edit.
   */
  reshaped: AnchoredRow[];
}

type Row = Record<string, unknown> & { id: number; start: number; end: number };

/**
 * Replaces parts of a source's text and carries every coding (and case passage, memo passage,
 * annotation and piece of CMOC evidence) along, in one transaction. Rows whose words are all
 * gone are deleted and returned for undo, except CMOC evidence: that is never dropped silently,
 * so it stays, flagged lost = 'text' (even if its coding had gone already) with the words it
 * last held, and is returned in `reshaped`. Undo is
 * `editSourceText(db, id, invertEdits(oldText, edits))` then
 * `restoreRows(db, [...removed, ...reshaped])`.
 */
export function editSourceText(db: Db, sourceId: number, edits: readonly TextEdit[]): EditResult {
  return db.transaction((): EditResult => {
    // Read from the table, not the sourceText cache: the text we write must derive from the
    // stored truth.
    const old = prep(db, 'SELECT text FROM sources WHERE id = ?').pluck().get(sourceId) as
      string | undefined;
    if (old === undefined)
      throw new WeftError('not_found', `There is no source with id ${sourceId}.`);
    const text = applyEdits(old, edits); // refuses bad edits before anything is written
    prep(db, 'UPDATE sources SET text = ?, text_length = ? WHERE id = ?').run(
      text,
      text.length,
      sourceId,
    );
    const result: EditResult = { text, moved: 0, removed: [], reshaped: [] };
    const park = old.length + text.length + 1;
    for (const table of anchoredTables(db))
      reanchor(db, table, sourceId, edits, park, result, old, text);
    forgetText(db, sourceId);
    return result;
  })();
}

interface Plan {
  row: Row;
  to: Range | null;
}

function reanchor(
  db: Db,
  table: AnchoredTable,
  sourceId: number,
  edits: readonly TextEdit[],
  park: number,
  result: EditResult,
  oldText: string,
  newText: string,
): void {
  const evidence = table === 'cmoc_evidence';
  // Evidence whose words went earlier keeps the offsets it had then: they no longer point at
  // anything, so they are not carried through later edits.
  const rows = prep(
    db,
    `SELECT * FROM ${table} WHERE source_id = ? ${evidence ? "AND lost <> 'text'" : ''} ORDER BY id`,
  ).all(sourceId) as Row[];
  const plans: Plan[] = rows.map((row) => ({ row, to: transformRange(row, edits) }));
  const uniques = uniqueRangeKeys(db, table);
  for (const key of uniques) dropTwins(plans, key);

  const drop = prep(db, `DELETE FROM ${table} WHERE id = ?`);
  const move = prep(db, `UPDATE ${table} SET start = ?, "end" = ? WHERE id = ?`);
  const moving = plans.filter(
    (p) => p.to && (p.to.start !== p.row.start || p.to.end !== p.row.end),
  );
  for (const { row, to } of plans) {
    if (to) continue;
    if (evidence) {
      prep(db, "UPDATE cmoc_evidence SET lost = 'text', quote = ? WHERE id = ?").run(
        oldText.slice(row.start, row.end),
        row.id,
      );
      result.reshaped.push({ table, row });
      continue;
    }
    drop.run(row.id);
    result.removed.push({ table, row });
  }
  // A unique index on the range could trip over a row's new range while another row still
  // holds it (it moves later): park the moving rows past the end of any text first.
  const taken = new Set(rows.map((r) => `${r.start}:${r.end}`));
  if (uniques.length > 0 && moving.some((p) => taken.has(`${p.to!.start}:${p.to!.end}`))) {
    for (const { row, to } of moving) move.run(to!.start + park, to!.end + park, row.id);
  }
  // Evidence keeps the words it now points at, so a later deletion of the source leaves them.
  const requote = evidence ? prep(db, 'UPDATE cmoc_evidence SET quote = ? WHERE id = ?') : null;
  for (const { row, to } of moving) {
    move.run(to!.start, to!.end, row.id);
    requote?.run(newText.slice(to!.start, to!.end), row.id);
    result.moved++;
    if (edits.some((e) => touchesRange(e, row))) result.reshaped.push({ table, row });
  }
}

/** Marks for deletion every row that would land on a range its twin (same `key`) keeps. */
function dropTwins(plans: Plan[], key: string[]): void {
  const stays = (p: Plan) => p.to?.start === p.row.start && p.to.end === p.row.end;
  // Unmoved rows keep their place; among moved ones the oldest wins.
  const order = [...plans.filter(stays), ...plans.filter((p) => !stays(p))];
  const seen = new Set<string>();
  for (const p of order) {
    if (!p.to) continue;
    const k = JSON.stringify([...key.map((c) => p.row[c]), p.to.start, p.to.end]);
    if (seen.has(k)) p.to = null;
    else seen.add(k);
  }
}

/** The other columns of each unique index that includes start and end (case_passages has one). */
function uniqueRangeKeys(db: Db, table: AnchoredTable): string[][] {
  const indexes = prep(db, 'SELECT name FROM pragma_index_list(?) WHERE "unique" = 1')
    .pluck()
    .all(table) as string[];
  const keys: string[][] = [];
  for (const index of indexes) {
    const cols = prep(db, 'SELECT name FROM pragma_index_info(?) ORDER BY seqno')
      .pluck()
      .all(index) as (string | null)[];
    if (cols.includes('start') && cols.includes('end') && !cols.includes(null))
      keys.push(cols.filter((c): c is string => c !== 'start' && c !== 'end'));
  }
  return keys;
}

/**
 * Puts rows back as they were: re-inserts removed ones with their ids and guids (memos and
 * exports refer to both), and resets surviving ones to their saved columns. Call it after the
 * source's text is back to what the rows were cut from. Rows may come from the renderer, so
 * tables and columns are checked against the schema before they reach SQL. All or nothing.
 */
export function restoreRows(db: Db, rows: readonly AnchoredRow[]): void {
  db.transaction(() => {
    const present = anchoredTables(db);
    const texts = new Map<number, string | undefined>();
    for (const { table, row } of rows) {
      if (!present.includes(table))
        throw new WeftError('bad_input', `Cannot restore a row of ${String(table)}.`);
      const columns = columnsOf(db, table);
      const unknown = Object.keys(row).find((k) => !columns.includes(k));
      if (unknown !== undefined || !Number.isInteger(row.id) || typeof row.guid !== 'string')
        throw new WeftError('bad_input', `A ${table} row to restore has the wrong columns.`);
      const sourceId = Number(row.source_id);
      if (!texts.has(sourceId)) texts.set(sourceId, storedText(db, sourceId));
      assertFits(row, texts.get(sourceId));
    }
    // Rows still present may sit on a range another row is about to take back (a unique index
    // on case passages would refuse that): park them out of the way first, each on its own.
    const park = Math.max(0, ...[...texts.values()].map((t) => t?.length ?? 0)) + 1;
    rows.forEach(({ table, row }, i) => {
      if (holderOf(db, table, row) !== undefined)
        prep(db, `UPDATE ${table} SET start = ?, "end" = ? WHERE id = ?`).run(
          park + 2 * i,
          park + 2 * i + 1,
          row.id,
        );
    });
    for (const { table, row } of rows) putBack(db, table, row);
  })();
}

function holderOf(db: Db, table: AnchoredTable, row: Record<string, unknown>): unknown {
  return prep(db, `SELECT guid FROM ${table} WHERE id = ?`).pluck().get(row.id);
}

function putBack(db: Db, table: AnchoredTable, row: Record<string, unknown>): void {
  const keys = Object.keys(row);
  const values = keys.map((k) => row[k]);
  const cols = keys.map((k) => `"${k}"`);
  const holder = holderOf(db, table, row);
  try {
    if (holder === undefined) {
      prep(
        db,
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
      ).run(values);
    } else if (holder === row.guid) {
      prep(db, `UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run([
        ...values,
        row.id,
      ]);
    } else {
      // SQLite reuses the highest rowid once it is deleted: a new row may hold the old id.
      throw new WeftError('conflict', `Another ${table} row now has id ${String(row.id)}.`);
    }
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT'))
      throw new WeftError('conflict', `Could not restore a ${table} row: ${(e as Error).message}`);
    throw e;
  }
}

function assertFits(row: Record<string, unknown>, text: string | undefined): void {
  const { start, end } = row;
  const fits =
    text !== undefined &&
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    (start as number) >= 0 &&
    (start as number) < (end as number) &&
    (end as number) <= text.length &&
    !splitsPair(text, start as number) &&
    !splitsPair(text, end as number);
  if (!fits)
    throw new WeftError('out_of_range', 'A passage to restore does not fit its source’s text.');
}

function splitsPair(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const at = text.charCodeAt(i);
  return before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff;
}

function storedText(db: Db, id: number): string | undefined {
  return prep(db, 'SELECT text FROM sources WHERE id = ?').pluck().get(id) as string | undefined;
}

/**
 * The anchored tables this file's schema has: case_passages arrives with migration 0002,
 * memo_passages and annotations with 0006, cmoc_evidence with 0007; before them, only codings
 * exist.
 */
function anchoredTables(db: Db): AnchoredTable[] {
  const names = prep(
    db,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (SELECT value FROM json_each(?))",
  )
    .pluck()
    .all(JSON.stringify(ANCHORED)) as string[];
  return ANCHORED.filter((t) => names.includes(t));
}

function columnsOf(db: Db, table: AnchoredTable): string[] {
  return prep(db, 'SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
}

/** Drops the source's cached text (see queries/sources.ts). */
export { forgetText as forgetSourceText } from './sources.js';
