import { WeftError } from '../../../db/errors.js';
import type { Db } from '../../../db/open.js';
import { setSourceMeta } from '../../../db/queries/cases.js';
import { editSourceText, restoreRows, type AnchoredRow } from '../../../db/queries/edit-source.js';
import {
  deleteSource,
  getSource,
  getSourceSummary,
  insertSource,
  sourceText,
} from '../../../db/queries/sources.js';
import { sourceImpact } from '../../../db/queries/source-impact.js';
import { prep } from '../../../db/stmt.js';
import { clearUndo, undoState } from '../../../db/undo.js';
import { diffToEdits, invertEdits, type TextEdit } from '../../../db/text-edit.js';
import type { TextEditResult } from '../contract-cases.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';
import { freeSourceName } from '../import-job.js';
import { normaliseText } from '../../formats/text.js';

/** One saved edit of a source's text: enough to undo it exactly (codings included) and redo it. */
interface Step {
  before: string;
  after: string;
  richBefore: string | null;
  richAfter: string | null;
  edits: TextEdit[];
  /** Rows whose words the edit deleted, as they were before it. */
  removed: AnchoredRow[];
  /** Rows the edit clipped or moved inside their words, as they were before it. */
  reshaped: AnchoredRow[];
}

interface History {
  undo: Step[];
  redo: Step[];
}

const MAX_STEPS = 200;
/** Per project file (db handle) and source; kept for the session, like an editor's history. */
const histories = new WeakMap<Db, Map<number, History>>();

function historyOf(db: Db, sourceId: number): History {
  let byId = histories.get(db);
  if (!byId) histories.set(db, (byId = new Map()));
  let h = byId.get(sourceId);
  if (!h) byId.set(sourceId, (h = { undo: [], redo: [] }));
  return h;
}

function currentText(db: Db, id: number): string {
  const text = sourceText(db, id);
  if (text === undefined) throw new WeftError('not_found', `There is no source with id ${id}.`);
  return text;
}

/**
 * Forgets the session's coding undo after a source's text changed or a source went: its older
 * steps hold offsets into the text as it was, and would replay onto the wrong words. Tells the
 * windows when Undo and Redo had something to offer.
 */
export function forgetCodingUndo(ctx: Ctx, db: Db): void {
  const had = undoState(db);
  clearUndo(db);
  if (had.undo !== null || had.redo !== null) ctx.emit('undo.changed', undoState(db));
}

/** Whether any row of an anchored table other than codings points into this source. */
function notesIn(db: Db, id: number): { annotations: boolean; memos: boolean } {
  const has = (table: string) =>
    prep(db, `SELECT EXISTS (SELECT 1 FROM ${table} WHERE source_id = ?)`).pluck().get(id) === 1;
  return { annotations: has('annotations'), memos: has('memo_passages') };
}

function result(
  ctx: Ctx,
  db: Db,
  id: number,
  moved: number,
  removed: number,
  gone: readonly AnchoredRow[] = [],
): TextEditResult {
  const h = historyOf(db, id);
  const notes = notesIn(db, id);
  ctx.emit('project.changed', { what: 'codings', sourceId: id });
  ctx.emit('project.changed', { what: 'sources' });
  // Annotations and memo passages moved with the words (or went with them).
  if (notes.annotations || gone.some((r) => r.table === 'annotations'))
    ctx.emit('project.changed', { what: 'annotations', sourceId: id });
  if (notes.memos || gone.some((r) => r.table === 'memo_passages'))
    ctx.emit('project.changed', { what: 'memos' });
  return {
    source: getSource(db, id)!,
    moved,
    removed,
    canUndo: h.undo.length > 0,
    canRedo: h.redo.length > 0,
  };
}

/**
 * Replaces a source's text. The change is found by diffing, and every coding and case passage
 * is carried through it in the same transaction; ones whose words are gone are removed and kept
 * for Undo. `baseLength` guards against saving over a change made elsewhere meanwhile.
 */
function stillThere(db: Db, r: AnchoredRow): boolean {
  return prep(db, `SELECT guid FROM ${r.table} WHERE id = ?`).pluck().get(r.row.id) === r.row.guid;
}

function richOf(db: Db, id: number): string | null {
  return (
    (prep(db, 'SELECT rich FROM sources WHERE id = ?').pluck().get(id) as
      string | null | undefined) ?? null
  );
}

function setRich(db: Db, id: number, rich: string | null): void {
  prep(db, 'UPDATE sources SET rich = ? WHERE id = ?').run(rich, id);
}

export function editText(
  ctx: Ctx,
  input: { id: number; text: string; rich?: string | null; baseLength: number },
): TextEditResult {
  const db = requireDb(ctx);
  const before = currentText(db, input.id);
  const richBefore = richOf(db, input.id);
  const richAfter = input.rich === undefined ? richBefore : input.rich;
  if (before.length !== input.baseLength) {
    throw new WeftError(
      'conflict',
      'This source changed elsewhere since you started editing. Reopen it and try again.',
    );
  }
  const after = normaliseText(input.text);
  const edits = diffToEdits(before, after);
  if (!edits.length) {
    if (richAfter !== richBefore) db.transaction(() => setRich(db, input.id, richAfter))(); // formatting only
    return result(ctx, db, input.id, 0, 0);
  }
  const r = db.transaction(() => {
    requireCoder(ctx);
    const changed = editSourceText(db, input.id, edits);
    setRich(db, input.id, richAfter);
    return changed;
  })();
  const h = historyOf(db, input.id);
  h.undo.push({
    before,
    after,
    richBefore,
    richAfter,
    edits,
    removed: r.removed,
    reshaped: r.reshaped,
  });
  if (h.undo.length > MAX_STEPS) h.undo.shift();
  h.redo = [];
  forgetCodingUndo(ctx, db);
  return result(ctx, db, input.id, r.moved, r.removed.length, r.removed);
}

export function undoEdit(ctx: Ctx, input: { id: number }): TextEditResult {
  const db = requireDb(ctx);
  const h = historyOf(db, input.id);
  const step = h.undo.at(-1);
  if (!step) throw new WeftError('nothing_to_undo', 'There is no edit of this source to undo.');
  if (currentText(db, input.id) !== step.after)
    throw new WeftError('conflict', 'The source changed since that edit; it cannot be undone.');
  const r = db.transaction(() => {
    const back = editSourceText(db, input.id, invertEdits(step.before, step.edits));
    // Bring back what the edit deleted; reshape only what still exists (a coding the user
    // deleted after the edit stays deleted).
    restoreRows(db, [...step.removed, ...step.reshaped.filter((r) => stillThere(db, r))]);
    setRich(db, input.id, step.richBefore);
    return back;
  })();
  h.undo.pop();
  h.redo.push(step);
  forgetCodingUndo(ctx, db);
  return result(ctx, db, input.id, r.moved, 0, step.removed);
}

export function redoEdit(ctx: Ctx, input: { id: number }): TextEditResult {
  const db = requireDb(ctx);
  const h = historyOf(db, input.id);
  const step = h.redo.at(-1);
  if (!step)
    throw new WeftError('nothing_to_redo', 'There is no undone edit of this source to redo.');
  if (currentText(db, input.id) !== step.before)
    throw new WeftError('conflict', 'The source changed since; that edit cannot be redone.');
  const r = db.transaction(() => {
    const again = editSourceText(db, input.id, step.edits);
    setRich(db, input.id, step.richAfter);
    return again;
  })();
  h.redo.pop();
  h.undo.push({ ...step, removed: r.removed, reshaped: r.reshaped });
  forgetCodingUndo(ctx, db);
  return result(ctx, db, input.id, r.moved, r.removed.length, r.removed);
}

export const sourceEditHandlers = {
  'sources.update': (
    ctx: Ctx,
    input: { id: number; name?: string; kind?: string; folder?: string; description?: string },
  ) => {
    const db = requireDb(ctx);
    const { id, ...meta } = input;
    const updated = db.transaction(() => setSourceMeta(db, id, meta))();
    ctx.emit('project.changed', { what: 'sources' });
    return updated;
  },
  'sources.impact': (ctx: Ctx, input: { id: number }) => sourceImpact(requireDb(ctx), input.id),
  'sources.delete': (ctx: Ctx, input: { id: number }) => {
    const db = requireDb(ctx);
    const notes = notesIn(db, input.id);
    const quoted = sourceImpact(db, input.id).cmocs.length > 0;
    if (!db.transaction(() => deleteSource(db, input.id))())
      throw new WeftError('not_found', `There is no source with id ${input.id}.`);
    histories.get(db)?.delete(input.id);
    forgetCodingUndo(ctx, db);
    ctx.emit('project.changed', { what: 'sources' });
    ctx.emit('project.changed', { what: 'codings' });
    if (notes.annotations) ctx.emit('project.changed', { what: 'annotations', sourceId: input.id });
    if (notes.memos) ctx.emit('project.changed', { what: 'memos' });
    if (quoted) ctx.emit('project.changed', { what: 'cmocs' });
    return null;
  },
  'sources.createNote': (ctx: Ctx, input: { name: string; kind: string; text?: string }) => {
    const db = requireDb(ctx);
    const id = db.transaction(() =>
      insertSource(db, {
        name: freeSourceName(db, input.name),
        kind: input.kind,
        text: normaliseText(input.text ?? ''),
        createdBy: requireCoder(ctx),
      }),
    )();
    ctx.emit('project.changed', { what: 'sources' });
    return getSourceSummary(db, id)!;
  },
  'sources.editText': editText,
  'sources.undoEdit': undoEdit,
  'sources.redoEdit': redoEdit,
};
