import { WeftError } from '../../../db/errors.js';
import type { Db } from '../../../db/open.js';
import {
  assertPassage,
  deleteAnnotation,
  getAnnotation,
  insertAnnotation,
  listAnnotations,
  setAnnotationBody,
} from '../../../db/queries/annotations.js';
import { sourceLength } from '../../../db/queries/sources.js';
import type { Annotation } from '../contract.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';
import { runUndoable } from '../undoable.js';

function requireAnnotation(db: Db, id: number): Annotation {
  const a = getAnnotation(db, id);
  if (!a) throw new WeftError('not_found', `There is no annotation with id ${id}.`);
  return a;
}

function changed(ctx: Ctx, sourceId: number): void {
  ctx.emit('project.changed', { what: 'annotations', sourceId });
}

/** Annotations are part of the coding: each write is one step of the session's undo. */
export const annotationHandlers = {
  'annotations.list': (ctx: Ctx, input: { sourceId?: number; query?: string }): Annotation[] => {
    const db = requireDb(ctx);
    if (input.sourceId !== undefined && sourceLength(db, input.sourceId) === undefined)
      throw new WeftError('not_found', `There is no source with id ${input.sourceId}.`);
    return listAnnotations(db, input);
  },
  'annotations.create': (
    ctx: Ctx,
    input: { sourceId: number; start: number; end: number; body: string },
  ): Annotation => {
    const id = runUndoable(ctx, 'Annotate passage', (db) => {
      assertPassage(db, input.sourceId, input.start, input.end);
      return insertAnnotation(db, { ...input, createdBy: requireCoder(ctx) });
    });
    changed(ctx, input.sourceId);
    return getAnnotation(requireDb(ctx), id)!;
  },
  'annotations.update': (ctx: Ctx, input: { id: number; body: string }): Annotation => {
    const a = runUndoable(ctx, 'Edit annotation', (db) => {
      requireAnnotation(db, input.id);
      setAnnotationBody(db, input.id, input.body);
      return getAnnotation(db, input.id)!;
    });
    changed(ctx, a.sourceId);
    return a;
  },
  'annotations.delete': (ctx: Ctx, input: { id: number }): null => {
    const a = runUndoable(ctx, 'Delete annotation', (db) => {
      const a = requireAnnotation(db, input.id);
      deleteAnnotation(db, input.id);
      return a;
    });
    changed(ctx, a.sourceId);
    return null;
  },
};
