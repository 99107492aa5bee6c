import {
  addToSet,
  createSet,
  deleteSet,
  listSets,
  removeFromSet,
  requireSet,
  updateSet,
} from '../../../db/queries/code-sets.js';
import type { Db } from '../../../db/open.js';
import type { CodeSet } from '../contract.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';
import { quoted, runUndoable } from '../undoable.js';

const codes = (n: number) => (n === 1 ? '1 code' : `${n} codes`);

/** Runs a set action as one undoable step, then tells the windows. */
function setStep<T>(ctx: Ctx, label: string, fn: (db: Db) => T): T {
  const value = runUndoable(ctx, label, fn);
  ctx.emit('project.changed', { what: 'sets' });
  return value;
}

export const setHandlers = {
  'sets.list': (ctx: Ctx): CodeSet[] => listSets(requireDb(ctx)),

  'sets.create': (
    ctx: Ctx,
    input: { name: string; description?: string; codeIds?: number[] },
  ): CodeSet => {
    const id = setStep(ctx, `New set ${quoted(input.name)}`, (db) =>
      createSet(db, { ...input, createdBy: requireCoder(ctx) }),
    );
    return requireSet(requireDb(ctx), id);
  },

  'sets.update': (
    ctx: Ctx,
    input: { id: number; name?: string; description?: string },
  ): CodeSet => {
    const { id, ...fields } = input;
    const before = requireSet(requireDb(ctx), id);
    const label =
      fields.name !== undefined && fields.name !== before.name
        ? `Rename set ${quoted(before.name)} to ${quoted(fields.name)}`
        : `Edit set ${quoted(before.name)}`;
    setStep(ctx, label, (db) => updateSet(db, id, fields));
    return requireSet(requireDb(ctx), id);
  },

  'sets.delete': (ctx: Ctx, input: { id: number }): null => {
    const set = requireSet(requireDb(ctx), input.id);
    setStep(ctx, `Delete set ${quoted(set.name)}`, (db) => deleteSet(db, input.id));
    return null;
  },

  'sets.addCodes': (ctx: Ctx, input: { id: number; codeIds: number[] }): CodeSet => {
    const set = requireSet(requireDb(ctx), input.id);
    const n = new Set(input.codeIds).size;
    setStep(ctx, `Add ${codes(n)} to ${quoted(set.name)}`, (db) =>
      addToSet(db, input.id, input.codeIds),
    );
    return requireSet(requireDb(ctx), input.id);
  },

  'sets.removeCodes': (ctx: Ctx, input: { id: number; codeIds: number[] }): CodeSet => {
    const set = requireSet(requireDb(ctx), input.id);
    const n = new Set(input.codeIds).size;
    setStep(ctx, `Remove ${codes(n)} from ${quoted(set.name)}`, (db) =>
      removeFromSet(db, input.id, input.codeIds),
    );
    return requireSet(requireDb(ctx), input.id);
  },
};
