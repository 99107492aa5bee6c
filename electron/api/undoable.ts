import type { Db } from '../../db/open.js';
import { undoable, undoState } from '../../db/undo.js';
import type { Ctx } from './context.js';
import { requireDb } from './context.js';

/**
 * Runs a coding or codebook action as one undoable step (one transaction), then tells the
 * windows what Undo and Redo now offer. Every such handler goes through here.
 */
export function runUndoable<T>(ctx: Ctx, label: string, fn: (db: Db) => T): T {
  const db = requireDb(ctx);
  const value = undoable(db, label, () => fn(db));
  ctx.emit('undo.changed', undoState(db));
  return value;
}

/** Quotes a name for a step's label: Apply ‘Trust’. */
export const quoted = (s: string) => `‘${s.length > 40 ? `${s.slice(0, 39)}…` : s}’`;
