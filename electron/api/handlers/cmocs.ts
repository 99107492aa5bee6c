import { forgetOnCanvas } from '../../../db/queries/canvas.js';
import { WeftError } from '../../../db/errors.js';
import { exportCmocTable } from '../../../db/queries/cmoc-export.js';
import {
  cmocHistory,
  deleteCmoc,
  deleteEvidence,
  evidenceInSource,
  insertCmoc,
  insertEvidence,
  listCmocs,
  notFound,
  requireCmoc,
  updateCmoc,
  type CmocChanges,
  type CmocFilter,
} from '../../../db/queries/cmocs.js';
import { sourceLength } from '../../../db/queries/sources.js';
import type { CmocPart, ExportFormat } from '../../../db/realist-types.js';
import type { Db } from '../../../db/open.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';

/**
 * CMOCs keep their own history (cmoc_history) rather than joining the session's undo: each write
 * is one transaction, made by the current coder, and tells the windows the CMOCs changed.
 */
function write<T>(ctx: Ctx, change: (db: Db, userId: number) => T): T {
  const db = requireDb(ctx);
  const value = db.transaction(() => change(db, requireCoder(ctx)))();
  ctx.emit('project.changed', { what: 'cmocs' });
  return value;
}

interface EvidenceInput {
  cmocId?: number;
  newCmoc?: { title: string; conceptId?: number | null };
  part: CmocPart;
  sourceId: number;
  start: number;
  end: number;
  codingId?: number;
}

export const cmocHandlers = {
  'cmocs.list': (ctx: Ctx, input: CmocFilter) => listCmocs(requireDb(ctx), input),
  'cmocs.get': (ctx: Ctx, input: { id: number }) => requireCmoc(requireDb(ctx), input.id),
  'cmocs.create': (ctx: Ctx, input: CmocChanges) =>
    write(ctx, (db, userId) => requireCmoc(db, insertCmoc(db, input, userId))),
  'cmocs.update': (ctx: Ctx, input: CmocChanges & { id: number; reason?: string }) => {
    const { id, reason, ...changes } = input;
    const db = requireDb(ctx);
    const changed = db.transaction(() => updateCmoc(db, id, changes, reason, requireCoder(ctx)))();
    if (changed) ctx.emit('project.changed', { what: 'cmocs' });
    return requireCmoc(db, id);
  },
  'cmocs.delete': (ctx: Ctx, input: { id: number }) =>
    write(ctx, (db) => {
      if (!deleteCmoc(db, input.id)) throw notFound('CMOC', input.id);
      // Its place on the canvas goes too (a later CMOC may reuse the id).
      forgetOnCanvas(db, 'cmoc', input.id);
      return null;
    }),
  'cmocs.addEvidence': (ctx: Ctx, input: EvidenceInput) =>
    write(ctx, (db, userId) => {
      // A new CMOC and its first evidence are one action: a refused passage leaves no CMOC.
      const cmocId = input.cmocId ?? insertCmoc(db, input.newCmoc!, userId);
      const { part, sourceId, start, end, codingId } = input;
      insertEvidence(db, { cmocId, part, sourceId, start, end, codingId }, userId);
      return requireCmoc(db, cmocId);
    }),
  'cmocs.removeEvidence': (ctx: Ctx, input: { id: number }) =>
    write(ctx, (db, userId) => requireCmoc(db, deleteEvidence(db, input.id, userId))),
  'cmocs.history': (ctx: Ctx, input: { id: number }) => cmocHistory(requireDb(ctx), input.id),
  'cmocs.evidenceInSource': (ctx: Ctx, input: { sourceId: number }) => {
    const db = requireDb(ctx);
    if (sourceLength(db, input.sourceId) === undefined)
      throw new WeftError('not_found', `There is no source with id ${input.sourceId}.`);
    return evidenceInSource(db, input.sourceId);
  },
  'cmocs.export': (
    ctx: Ctx,
    input: {
      format: ExportFormat;
      quotes: boolean;
      conceptId?: number;
      status?: CmocFilter['status'];
    },
  ) => {
    const db = requireDb(ctx);
    const { format, quotes, ...filter } = input;
    return exportCmocTable(db, { format, quotes, filter });
  },
};
