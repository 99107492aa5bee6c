import { WeftError } from '../../../db/errors.js';
import { getMemo, insertMemo, listMemos, type NewMemo } from '../../../db/queries/memos.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';

export const memoHandlers = {
  'memos.list': (ctx: Ctx) => listMemos(requireDb(ctx)),
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
