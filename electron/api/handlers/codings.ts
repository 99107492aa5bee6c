import { WeftError } from '../../../db/errors.js';
import { newGuid, nowIso } from '../../../db/ids.js';
import { findCodeByName, getCode } from '../../../db/queries/codes.js';
import {
  deleteCoding,
  findSameCoding,
  getCoding,
  insertCoding,
  listCodingsForSource,
  listExcerptsForCode,
} from '../../../db/queries/codings.js';
import { sourceLength, sourceText } from '../../../db/queries/sources.js';
import type { Db } from '../../../db/open.js';
import type { CodingCreated } from '../contract.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';
import { addCode } from './codes.js';

export interface CodingInput {
  sourceId: number;
  start: number;
  end: number;
  codeId?: number;
  codeName?: string;
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function textOf(db: Db, id: number): string {
  const text = sourceText(db, id);
  if (text === undefined) throw new WeftError('not_found', `There is no source with id ${id}.`);
  return text;
}

/** Applies a code (existing, or created by name) to [start, end) of a source: one transaction. */
export function createCoding(ctx: Ctx, input: CodingInput): CodingCreated {
  const db = requireDb(ctx);
  const result = db.transaction((): CodingCreated => {
    const text = textOf(db, input.sourceId);
    if (input.end > text.length) {
      throw new WeftError(
        'out_of_range',
        `The passage ends at ${input.end}, past the end of the source (${text.length}).`,
      );
    }
    if (
      isLowSurrogate(text.charCodeAt(input.start)) ||
      isLowSurrogate(text.charCodeAt(input.end))
    ) {
      throw new WeftError('bad_offset', 'The passage boundary splits a character.');
    }
    const coderId = requireCoder(ctx);
    let createdCode = false;
    let code =
      input.codeId !== undefined
        ? getCode(db, input.codeId)
        : findCodeByName(db, input.codeName!, null);
    if (input.codeId !== undefined && !code)
      throw new WeftError('not_found', `There is no code with id ${input.codeId}.`);
    if (!code) {
      code = addCode(db, { name: input.codeName! }, coderId);
      createdCode = true;
    }
    const range = { sourceId: input.sourceId, codeId: code.id, start: input.start, end: input.end };
    const existing = findSameCoding(db, range);
    if (existing) return { coding: existing, code, createdCode };
    const row = { ...range, coderId, guid: newGuid(), createdAt: nowIso() };
    const id = insertCoding(db, row);
    return { coding: { id, ...row }, code: { ...code, codings: code.codings + 1 }, createdCode };
  })();
  if (result.createdCode) ctx.emit('project.changed', { what: 'codes' });
  ctx.emit('project.changed', { what: 'codings', sourceId: input.sourceId });
  return result;
}

const todo = (m: string): never => {
  throw new WeftError('not_implemented', `${m} is not written yet.`);
};

export const codingHandlers = {
  'codings.uncode': (_ctx: Ctx, _input: unknown): never => todo('codings.uncode'),
  'codings.move': (_ctx: Ctx, _input: unknown): never => todo('codings.move'),
  'codings.create': createCoding,
  'codings.delete': (ctx: Ctx, input: { id: number }) => {
    const db = requireDb(ctx);
    const coding = getCoding(db, input.id);
    if (!coding || !deleteCoding(db, input.id))
      throw new WeftError('not_found', `There is no coding with id ${input.id}.`);
    ctx.emit('project.changed', { what: 'codings', sourceId: coding.sourceId });
    return null;
  },
  'codings.forSource': (ctx: Ctx, input: { sourceId: number }) => {
    const db = requireDb(ctx);
    if (sourceLength(db, input.sourceId) === undefined) {
      throw new WeftError('not_found', `There is no source with id ${input.sourceId}.`);
    }
    return listCodingsForSource(db, input.sourceId);
  },
  'excerpts.forCode': (ctx: Ctx, input: { codeId: number }) => {
    const db = requireDb(ctx);
    if (!getCode(db, input.codeId))
      throw new WeftError('not_found', `There is no code with id ${input.codeId}.`);
    return listExcerptsForCode(db, input.codeId);
  },
};
