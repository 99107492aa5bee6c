import { WeftError } from '../../../db/errors.js';
import { getMemo, insertMemo, listMemos, type NewMemo } from '../../../db/queries/memos.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';

const todo = (m: string): never => {
  throw new WeftError('not_implemented', `${m} is not written yet.`);
};

export const memoHandlers = {
  'memos.list': (ctx: Ctx) => listMemos(requireDb(ctx)),
  'memos.get': (_ctx: Ctx, _input: unknown): never => todo('memos.get'),
  'memos.update': (_ctx: Ctx, _input: unknown): never => todo('memos.update'),
  'memos.delete': (_ctx: Ctx, _input: unknown): never => todo('memos.delete'),
  'memos.passages': (_ctx: Ctx, _input: unknown): never => todo('memos.passages'),
  'memos.linkPassage': (_ctx: Ctx, _input: unknown): never => todo('memos.linkPassage'),
  'memos.unlinkPassage': (_ctx: Ctx, _input: unknown): never => todo('memos.unlinkPassage'),
  'memos.create': (ctx: Ctx, input: NewMemo) => {
    const db = requireDb(ctx);
    if (
      (input.targetType === undefined) !== (input.targetId === undefined) &&
      input.targetType !== 'project'
    ) {
      throw new WeftError(
        'invalid_input',
        'A memo linked to something needs both its kind and its id.',
      );
    }
    return db.transaction(() =>
      getMemo(db, insertMemo(db, { ...input, createdBy: requireCoder(ctx) }))!,
    )();
  },
};
