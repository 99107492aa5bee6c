import {
  addConceptCodes,
  addConceptSets,
  conceptView,
  createConcept,
  deleteConcept,
  listConcepts,
  removeConceptCodes,
  removeConceptSets,
  requireConcept,
  updateConcept,
} from '../../../db/queries/concepts.js';
import type { Db } from '../../../db/open.js';
import type { Concept, ConceptView } from '../contract-realist.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';

/**
 * Concepts are analysis, not the codebook: a change is one transaction but not a session-undo
 * step. Each change tells the windows; deleting one also changes its CMOCs (now without a
 * theme) and the canvas (its item goes).
 */
function change<T>(ctx: Ctx, fn: (db: Db) => T, alsoCmocs = false): T {
  const db = requireDb(ctx);
  const value = db.transaction(() => fn(db))();
  ctx.emit('project.changed', { what: 'concepts' });
  if (alsoCmocs) {
    ctx.emit('project.changed', { what: 'cmocs' });
    ctx.emit('project.changed', { what: 'canvas' });
  }
  return value;
}

type Members = { id: number; codeIds: number[] };
type SetMembers = { id: number; setIds: number[] };

export const conceptHandlers = {
  'concepts.list': (ctx: Ctx): Concept[] => listConcepts(requireDb(ctx)),

  'concepts.create': (
    ctx: Ctx,
    input: { name: string; description?: string; color?: string },
  ): Concept => {
    const id = change(ctx, (db) => createConcept(db, { ...input, createdBy: requireCoder(ctx) }));
    return requireConcept(requireDb(ctx), id);
  },

  'concepts.update': (
    ctx: Ctx,
    input: { id: number; name?: string; description?: string; color?: string },
  ): Concept => {
    const { id, ...fields } = input;
    change(ctx, (db) => updateConcept(db, id, fields));
    return requireConcept(requireDb(ctx), id);
  },

  'concepts.delete': (ctx: Ctx, input: { id: number }): null => {
    change(ctx, (db) => deleteConcept(db, input.id), true);
    return null;
  },

  'concepts.addCodes': (ctx: Ctx, input: Members): Concept => {
    change(ctx, (db) => addConceptCodes(db, input.id, input.codeIds));
    return requireConcept(requireDb(ctx), input.id);
  },

  'concepts.removeCodes': (ctx: Ctx, input: Members): Concept => {
    change(ctx, (db) => removeConceptCodes(db, input.id, input.codeIds));
    return requireConcept(requireDb(ctx), input.id);
  },

  'concepts.addSets': (ctx: Ctx, input: SetMembers): Concept => {
    change(ctx, (db) => addConceptSets(db, input.id, input.setIds));
    return requireConcept(requireDb(ctx), input.id);
  },

  'concepts.removeSets': (ctx: Ctx, input: SetMembers): Concept => {
    change(ctx, (db) => removeConceptSets(db, input.id, input.setIds));
    return requireConcept(requireDb(ctx), input.id);
  },

  'concepts.view': (ctx: Ctx, input: { id: number; attributeIds?: number[] }): ConceptView =>
    conceptView(requireDb(ctx), input.id, input.attributeIds),
};
