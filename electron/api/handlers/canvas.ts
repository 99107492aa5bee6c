import {
  getCanvas,
  linkItems,
  moveItem,
  placeItem,
  relabelLink,
  removeItem,
  setStages,
  unlink,
  type Placement,
} from '../../../db/queries/canvas.js';
import type { Db } from '../../../db/open.js';
import type { Canvas } from '../contract-realist.js';
import type { Ctx } from '../context.js';
import { requireDb } from '../context.js';

/**
 * The canvas is a drawing of the analysis, not the codebook: each change is one transaction
 * (not a session-undo step) and answers with the whole canvas, which stays small.
 */
function change(ctx: Ctx, fn: (db: Db) => unknown): Canvas {
  const db = requireDb(ctx);
  const canvas = db.transaction(() => {
    fn(db);
    return getCanvas(db);
  })();
  ctx.emit('project.changed', { what: 'canvas' });
  return canvas;
}

export const canvasHandlers = {
  'canvas.get': (ctx: Ctx): Canvas => {
    const db = requireDb(ctx);
    return db.transaction(() => getCanvas(db))();
  },
  'canvas.place': (ctx: Ctx, input: Placement): Canvas => change(ctx, (db) => placeItem(db, input)),
  'canvas.move': (ctx: Ctx, input: { id: number; x: number; y: number }): Canvas =>
    change(ctx, (db) => moveItem(db, input.id, input.x, input.y)),
  'canvas.remove': (ctx: Ctx, input: { id: number }): Canvas =>
    change(ctx, (db) => removeItem(db, input.id)),
  'canvas.link': (ctx: Ctx, input: { from: number; to: number; label?: string }): Canvas =>
    change(ctx, (db) => linkItems(db, input.from, input.to, input.label)),
  'canvas.relabel': (ctx: Ctx, input: { linkId: number; label: string }): Canvas =>
    change(ctx, (db) => relabelLink(db, input.linkId, input.label)),
  'canvas.unlink': (ctx: Ctx, input: { linkId: number }): Canvas =>
    change(ctx, (db) => unlink(db, input.linkId)),
  'canvas.setStages': (ctx: Ctx, input: { stages: string[] }): Canvas =>
    change(ctx, (db) => setStages(db, input.stages)),
};
