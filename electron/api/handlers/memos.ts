import { WeftError } from '../../../db/errors.js';
import { assertPassage } from '../../../db/queries/annotations.js';
import {
  addMemoPassage,
  assertTarget,
  deleteMemo,
  getMemo,
  getMemoPassage,
  insertMemo,
  listMemoPassages,
  listMemos,
  removeMemoPassage,
  updateMemo,
  type MemoFilter,
  type NewMemo,
} from '../../../db/queries/memos.js';
import type { Db } from '../../../db/open.js';
import type { Memo, MemoPassage } from '../contract.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';

/*
 * Memo writes are plain transactions, not session undo steps: the memo editor keeps its own
 * typing history, and undoing a coding must not take a paragraph of writing with it.
 */

function changed(ctx: Ctx): void {
  ctx.emit('project.changed', { what: 'memos' });
}

function requireMemo(db: Db, id: number): Memo {
  const memo = getMemo(db, id);
  if (!memo) throw new WeftError('not_found', `There is no memo with id ${id}.`);
  return memo;
}

/** A target needs both its kind and its id, except the project, which has no id. */
function checkTargetShape(type: Memo['targetType'] | undefined, id: number | undefined): void {
  if (type === 'project' ? id !== undefined : (type === undefined) !== (id === undefined))
    throw new WeftError(
      'invalid_input',
      type === 'project'
        ? 'A project memo has no target id.'
        : 'A memo linked to something needs both its kind and its id.',
    );
}

export function createMemo(ctx: Ctx, input: NewMemo & { targetId?: number }): Memo {
  const db = requireDb(ctx);
  checkTargetShape(input.targetType ?? undefined, input.targetId);
  const memo = db.transaction(() => {
    assertTarget(db, input.targetType, input.targetId ?? null);
    return getMemo(db, insertMemo(db, { ...input, createdBy: requireCoder(ctx) }))!;
  })();
  changed(ctx);
  return memo;
}

export const memoHandlers = {
  'memos.list': (ctx: Ctx, input: MemoFilter): Memo[] => {
    const db = requireDb(ctx);
    if (input.targetId !== undefined && input.targetType === undefined)
      throw new WeftError('invalid_input', 'Filtering by a target id needs the target’s kind.');
    return listMemos(db, input);
  },
  'memos.get': (ctx: Ctx, input: { id: number }): Memo => requireMemo(requireDb(ctx), input.id),
  'memos.create': createMemo,
  'memos.update': (
    ctx: Ctx,
    input: { id: number; title?: string; body?: string; rich?: string | null },
  ): Memo => {
    const db = requireDb(ctx);
    const { id, ...change } = input;
    const memo = db.transaction(() => {
      requireMemo(db, id);
      updateMemo(db, id, change);
      return getMemo(db, id)!;
    })();
    changed(ctx);
    return memo;
  },
  'memos.delete': (ctx: Ctx, input: { id: number }): null => {
    const db = requireDb(ctx);
    if (!db.transaction(() => deleteMemo(db, input.id))())
      throw new WeftError('not_found', `There is no memo with id ${input.id}.`);
    changed(ctx);
    return null;
  },
  'memos.passages': (ctx: Ctx, input: { id: number }): MemoPassage[] => {
    const db = requireDb(ctx);
    requireMemo(db, input.id);
    return listMemoPassages(db, input.id);
  },
  'memos.linkPassage': (
    ctx: Ctx,
    input: { memoId: number; sourceId: number; start: number; end: number },
  ): MemoPassage => {
    const db = requireDb(ctx);
    const id = db.transaction(() => {
      requireMemo(db, input.memoId);
      assertPassage(db, input.sourceId, input.start, input.end);
      return addMemoPassage(db, input);
    })();
    changed(ctx);
    return getMemoPassage(db, id)!;
  },
  'memos.unlinkPassage': (ctx: Ctx, input: { id: number }): null => {
    const db = requireDb(ctx);
    if (!db.transaction(() => removeMemoPassage(db, input.id))())
      throw new WeftError('not_found', `There is no memo passage with id ${input.id}.`);
    changed(ctx);
    return null;
  },
};
