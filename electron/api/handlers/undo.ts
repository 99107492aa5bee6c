import { redo, undo, undoState } from '../../../db/undo.js';
import type { UndoResult } from '../contract.js';
import type { Ctx } from '../context.js';
import { requireDb } from '../context.js';

/** Tells every store to reload what an undo or redo may have changed. */
function afterReplay(ctx: Ctx, did: string): UndoResult {
  const state = undoState(requireDb(ctx));
  for (const what of ['codes', 'sets', 'codings', 'memos', 'annotations'] as const)
    ctx.emit('project.changed', { what });
  ctx.emit('undo.changed', state);
  return { did, ...state };
}

export const undoHandlers = {
  'undo.state': (ctx: Ctx) => undoState(requireDb(ctx)),
  'undo.undo': (ctx: Ctx) => afterReplay(ctx, undo(requireDb(ctx))),
  'undo.redo': (ctx: Ctx) => afterReplay(ctx, redo(requireDb(ctx))),
};
