import type { Db } from './open.js';
import { WeftError } from './errors.js';
import { prep } from './stmt.js';

/**
 * Session undo for coding and codebook actions, after SQLite's own undo/redo recipe
 * (sqlite.org/undoredo.html): temporary triggers on the recorded tables write, for each row an
 * action changes, the SQL that reverses it into a temporary log. An undoable action is one
 * transaction; its log entries are one step. Undoing a step runs its entries backwards, in one
 * transaction, with recording on, so that those changes become the redo step.
 *
 * The log lives in the connection's temp schema, so it lasts as long as the project is open
 * in this process (the whole session, across reloads of the window) and is never saved.
 * Writes to these tables outside `undoable` are not recorded; an UPDATE's inverse touches only
 * the columns it changed, so unrelated later edits (a memo's text, say) survive an undo.
 */

/** Tables whose rows coding and codebook actions change. */
export const RECORDED_TABLES = [
  'codes',
  'codings',
  'code_sets',
  'code_set_members',
  'memos',
  'memo_passages',
  'annotations',
] as const;

interface Step {
  label: string;
  /** Log entries (seq) first..last, inclusive. */
  first: number;
  last: number;
}

interface Log {
  undo: Step[];
  redo: Step[];
}

const logs = new WeakMap<Db, Log>();
const MAX_STEPS = 1000;

function install(db: Db): Log {
  let log = logs.get(db);
  if (log) return log;
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS undo_log (seq INTEGER PRIMARY KEY, sql TEXT NOT NULL);
    CREATE TEMP TABLE IF NOT EXISTS undo_recording (on_ INTEGER NOT NULL);
    DELETE FROM temp.undo_log;
    DELETE FROM temp.undo_recording;
    INSERT INTO temp.undo_recording VALUES (0);
  `);
  for (const table of RECORDED_TABLES) {
    const cols = prep(db, 'SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
    if (!cols.length) continue; // an older schema without this table
    const q = (c: string) => `"${c}"`;
    const when = 'WHEN (SELECT on_ FROM temp.undo_recording)';
    const insertBack = `'INSERT INTO ${table} (rowid, ${cols.map(q).join(', ')}) VALUES (' || OLD.rowid || ', ' || ${cols
      .map((c) => `quote(OLD.${q(c)})`)
      .join(" || ', ' || ")} || ')'`;
    const setBack = cols
      .map(
        (c) =>
          `CASE WHEN OLD.${q(c)} IS NOT NEW.${q(c)} THEN ', ${q(c)} = ' || quote(OLD.${q(c)}) ELSE '' END`,
      )
      .join(' || ');
    db.exec(`
      DROP TRIGGER IF EXISTS temp.undo_${table}_i;
      DROP TRIGGER IF EXISTS temp.undo_${table}_u;
      DROP TRIGGER IF EXISTS temp.undo_${table}_d;
      CREATE TEMP TRIGGER undo_${table}_i AFTER INSERT ON main.${table} ${when} BEGIN
        INSERT INTO temp.undo_log (sql) VALUES ('DELETE FROM ${table} WHERE rowid = ' || NEW.rowid);
      END;
      CREATE TEMP TRIGGER undo_${table}_u AFTER UPDATE ON main.${table} ${when} BEGIN
        INSERT INTO temp.undo_log (sql)
          VALUES ('UPDATE ${table} SET rowid = rowid' || ${setBack} || ' WHERE rowid = ' || OLD.rowid);
      END;
      CREATE TEMP TRIGGER undo_${table}_d AFTER DELETE ON main.${table} ${when} BEGIN
        INSERT INTO temp.undo_log (sql) VALUES (${insertBack});
      END;
    `);
  }
  log = { undo: [], redo: [] };
  logs.set(db, log);
  return log;
}

function lastSeq(db: Db): number {
  return (prep(db, 'SELECT ifnull(max(seq), 0) FROM temp.undo_log').pluck().get() as number) ?? 0;
}

/** Runs fn, recording what it changes, and returns its result after capturing the step. */
function recorded<T>(db: Db, fn: () => T): { value: T; first: number; last: number } {
  const setOn = prep(db, 'UPDATE temp.undo_recording SET on_ = ?');
  const before = lastSeq(db);
  setOn.run(1);
  try {
    const value = fn();
    return { value, first: before + 1, last: lastSeq(db) };
  } finally {
    setOn.run(0);
  }
}

function dropEntries(db: Db, steps: Step[]): void {
  const del = prep(db, 'DELETE FROM temp.undo_log WHERE seq BETWEEN ? AND ?');
  for (const s of steps) del.run(s.first, s.last);
}

/**
 * Runs `fn` as one undoable step, in one transaction (nested inside the caller's, if any).
 * A step that changed nothing is not kept. Any new step clears the redo list.
 */
export function undoable<T>(db: Db, label: string, fn: () => T): T {
  const log = install(db);
  const { value, first, last } = db.transaction(() => recorded(db, fn))();
  if (last >= first) {
    dropEntries(db, log.redo);
    log.redo = [];
    log.undo.push({ label, first, last });
    if (log.undo.length > MAX_STEPS)
      dropEntries(db, log.undo.splice(0, log.undo.length - MAX_STEPS));
  }
  return value;
}

export interface UndoStateRow {
  undo: string | null;
  redo: string | null;
}

export function undoState(db: Db): UndoStateRow {
  const log = logs.get(db);
  return { undo: log?.undo.at(-1)?.label ?? null, redo: log?.redo.at(-1)?.label ?? null };
}

function replay(db: Db, from: Step[], to: Step[], verb: string): string {
  const log = install(db);
  void log;
  const step = from.at(-1);
  if (!step) throw new WeftError('nothing_to_undo', `There is nothing to ${verb}.`);
  const entries = prep(
    db,
    'SELECT sql FROM temp.undo_log WHERE seq BETWEEN ? AND ? ORDER BY seq DESC',
  )
    .pluck()
    .all(step.first, step.last) as string[];
  try {
    const { first, last } = db.transaction(() => {
      // Rows come back in reverse order: a code may return after its codings (cascades), so
      // foreign keys are checked once, at commit.
      db.pragma('defer_foreign_keys = ON');
      return recorded(db, () => {
        for (const sql of entries) db.exec(sql);
      });
    })();
    from.pop();
    dropEntries(db, [step]);
    to.push({ label: step.label, first, last });
    return step.label;
  } catch (e) {
    // Something it depends on went outside the log (a source was deleted, say): this step can
    // never be replayed, so it is dropped, and the project is as it was.
    from.pop();
    dropEntries(db, [step]);
    throw new WeftError(
      'cannot_undo',
      `“${step.label}” cannot be ${verb === 'undo' ? 'undone' : 'redone'}: something it depends on has changed since (${(e as Error).message}).`,
    );
  }
}

/** Undoes the last step; returns its label. */
export function undo(db: Db): string {
  const log = install(db);
  return replay(db, log.undo, log.redo, 'undo');
}

/** Redoes the last undone step; returns its label. */
export function redo(db: Db): string {
  const log = install(db);
  return replay(db, log.redo, log.undo, 'redo');
}

/**
 * Forgets every step: called when a change outside the log (a source's text edited, a source
 * deleted) would make replaying older steps put words in the wrong place.
 */
export function clearUndo(db: Db): void {
  const log = logs.get(db);
  if (!log) return;
  dropEntries(db, [...log.undo, ...log.redo]);
  log.undo = [];
  log.redo = [];
}
