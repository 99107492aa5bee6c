import { WeftError } from '../../../db/errors.js';
import { findCodeByName, getCode, insertCode, listCodes } from '../../../db/queries/codes.js';
import type { Db } from '../../../db/open.js';
import type { Code } from '../contract.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';

export interface CodeInput {
  name: string;
  parentId?: number | null;
  color?: string;
  description?: string;
}

/** Creates a code; the caller owns the transaction and the change event. */
export function addCode(db: Db, input: CodeInput, coderId: number): Code {
  const parentId = input.parentId ?? null;
  if (parentId !== null && !getCode(db, parentId))
    throw new WeftError('not_found', `There is no parent code with id ${parentId}.`);
  if (findCodeByName(db, input.name, parentId)) {
    throw new WeftError('duplicate', `A code named "${input.name}" already exists here.`);
  }
  const id = insertCode(db, { ...input, parentId, createdBy: coderId });
  return getCode(db, id)!;
}

const todo = (m: string): never => {
  throw new WeftError('not_implemented', `${m} is not written yet.`);
};

export const codeHandlers = {
  'codes.update': (_ctx: Ctx, _input: unknown): never => todo('codes.update'),
  'codes.move': (_ctx: Ctx, _input: unknown): never => todo('codes.move'),
  'codes.impact': (_ctx: Ctx, _input: unknown): never => todo('codes.impact'),
  'codes.delete': (_ctx: Ctx, _input: unknown): never => todo('codes.delete'),
  'codes.merge': (_ctx: Ctx, _input: unknown): never => todo('codes.merge'),
  'codes.list': (ctx: Ctx) => listCodes(requireDb(ctx)),
  'codes.create': (ctx: Ctx, input: CodeInput) => {
    const db = requireDb(ctx);
    const code = db.transaction(() => addCode(db, input, requireCoder(ctx)))();
    ctx.emit('project.changed', { what: 'codes' });
    return code;
  },
};
