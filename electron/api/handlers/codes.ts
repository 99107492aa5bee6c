import {
  assertFreeName,
  codeImpact,
  deleteCode,
  getCode,
  getCodeRow,
  insertCode,
  listCodes,
  mergeCodes,
  moveCode,
  requireCodeRow,
  updateCode,
  type CodeFields,
} from '../../../db/queries/codes.js';
import { WeftError } from '../../../db/errors.js';
import type { Db } from '../../../db/open.js';
import type { Code, CodeImpact, MergeResult } from '../contract.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';
import { quoted, runUndoable } from '../undoable.js';

export interface CodeInput extends CodeFields {
  name: string;
  parentId?: number | null;
}

/** Creates a code; the caller owns the transaction (an undoable step) and the change event. */
export function addCode(db: Db, input: CodeInput, coderId: number): Code {
  const parentId = input.parentId ?? null;
  if (parentId !== null && !getCodeRow(db, parentId))
    throw new WeftError('not_found', `There is no parent code with id ${parentId}.`);
  assertFreeName(db, input.name, parentId);
  const id = insertCode(db, { ...input, parentId, createdBy: coderId });
  return getCode(db, id)!;
}

const changed = (ctx: Ctx, ...what: ('codes' | 'codings' | 'sets' | 'memos')[]) => {
  for (const w of what) ctx.emit('project.changed', { what: w });
};

function requireCode(db: Db, id: number): Code {
  const code = getCode(db, id);
  if (!code) throw new WeftError('not_found', `There is no code with id ${id}.`);
  return code;
}

/** The step's label for an edit: what a user would say they did. */
function editLabel(before: Code, input: CodeFields & { name?: string }): string {
  if (input.name !== undefined && input.name !== before.name)
    return `Rename ${quoted(before.name)} to ${quoted(input.name)}`;
  const only = Object.keys(input).filter((k) => k !== 'id');
  if (only.length === 1 && only[0] === 'color') return `Recolour ${quoted(before.name)}`;
  return `Edit ${quoted(before.name)}`;
}

export const codeHandlers = {
  'codes.list': (ctx: Ctx) => listCodes(requireDb(ctx)),

  'codes.create': (ctx: Ctx, input: CodeInput) => {
    const code = runUndoable(ctx, `New code ${quoted(input.name)}`, (db) =>
      addCode(db, input, requireCoder(ctx)),
    );
    changed(ctx, 'codes');
    return code;
  },

  'codes.update': (ctx: Ctx, input: CodeFields & { id: number; name?: string }) => {
    const { id, ...fields } = input;
    const before = requireCode(requireDb(ctx), id);
    const did = runUndoable(ctx, editLabel(before, fields), (db) => updateCode(db, id, fields));
    if (did) changed(ctx, 'codes');
    return requireCode(requireDb(ctx), id);
  },

  'codes.move': (ctx: Ctx, input: { id: number; parentId: number | null; index: number }) => {
    const row = requireCodeRow(requireDb(ctx), input.id);
    runUndoable(ctx, `Move ${quoted(row.name)}`, (db) =>
      moveCode(db, input.id, input.parentId, input.index),
    );
    changed(ctx, 'codes');
    return requireCode(requireDb(ctx), input.id);
  },

  'codes.impact': (ctx: Ctx, input: { id: number }): CodeImpact =>
    codeImpact(requireDb(ctx), input.id),

  'codes.delete': (ctx: Ctx, input: { id: number }): CodeImpact => {
    const row = requireCodeRow(requireDb(ctx), input.id);
    const impact = runUndoable(ctx, `Delete ${quoted(row.name)}`, (db) => deleteCode(db, input.id));
    changed(ctx, 'codes', 'codings', 'sets', 'memos');
    return impact;
  },

  'codes.merge': (ctx: Ctx, input: { codeIds: number[]; targetId: number }): MergeResult => {
    const db = requireDb(ctx);
    const target = requireCodeRow(db, input.targetId);
    const ids = [...new Set(input.codeIds)];
    const label =
      ids.length === 1
        ? `Merge ${quoted(requireCodeRow(db, ids[0]!).name)} into ${quoted(target.name)}`
        : `Merge ${ids.length} codes into ${quoted(target.name)}`;
    const result = runUndoable(ctx, label, (d) => mergeCodes(d, ids, input.targetId));
    changed(ctx, 'codes', 'codings', 'sets', 'memos');
    return result;
  },
};
