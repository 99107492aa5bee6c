import { WeftError } from '../../../db/errors.js';
import { newGuid, nowIso } from '../../../db/ids.js';
import { findCodeByName, getCode, requireCodeRow } from '../../../db/queries/codes.js';
import {
  codingIdsOfCode,
  deleteCoding,
  findSameCoding,
  getCoding,
  insertCoding,
  listCodingsForSource,
  moveCodings,
  uncode,
  type UncodeRange,
} from '../../../db/queries/codings.js';
import { sourceLength, sourceText } from '../../../db/queries/sources.js';
import type { Db } from '../../../db/open.js';
import type { CodingCreated, MergeResult, UncodeResult } from '../contract.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';
import { quoted, runUndoable } from '../undoable.js';
import { addCode } from './codes.js';

export interface CodingInput {
  sourceId: number;
  start: number;
  end: number;
  codeId?: number;
  codeName?: string;
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

function textOf(db: Db, id: number): string {
  const text = sourceText(db, id);
  if (text === undefined) throw new WeftError('not_found', `There is no source with id ${id}.`);
  return text;
}

/** Applies a code (existing, or created by name) to [start, end) of a source: one undoable step. */
export function createCoding(ctx: Ctx, input: CodingInput): CodingCreated {
  const known =
    input.codeId !== undefined
      ? requireCodeRow(requireDb(ctx), input.codeId)
      : findCodeByName(requireDb(ctx), input.codeName!, null);
  const label = `Apply ${quoted(known?.name ?? input.codeName!)}`;
  const result = runUndoable(ctx, label, (db): CodingCreated => {
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
    // A code made by name is part of the same step: one undo takes both away.
    const codeId = known?.id ?? addCode(db, { name: input.codeName! }, coderId).id;
    const range = { sourceId: input.sourceId, codeId, start: input.start, end: input.end };
    const existing = findSameCoding(db, range);
    const createdCode = known === undefined;
    if (existing) return { coding: existing, code: getCode(db, codeId)!, createdCode };
    const row = { ...range, coderId, guid: newGuid(), createdAt: nowIso() };
    const id = insertCoding(db, row);
    return { coding: { id, ...row }, code: getCode(db, codeId)!, createdCode };
  });
  if (result.createdCode) ctx.emit('project.changed', { what: 'codes' });
  ctx.emit('project.changed', { what: 'codings', sourceId: input.sourceId });
  return result;
}

/**
 * A range that cuts an emoji (or any surrogate pair) in half takes the whole character, so
 * no coding is left holding half of one.
 */
function wholeCharacters(text: string, start: number, end: number) {
  const splits = (i: number) =>
    i > 0 && isLowSurrogate(text.charCodeAt(i)) && isHighSurrogate(text.charCodeAt(i - 1));
  return { start: splits(start) ? start - 1 : start, end: splits(end) ? end + 1 : end };
}

function uncodePassage(ctx: Ctx, input: UncodeRange): UncodeResult {
  const db = requireDb(ctx);
  const text = textOf(db, input.sourceId);
  if (input.end > text.length) {
    throw new WeftError(
      'out_of_range',
      `The passage ends at ${input.end}, past the end of the source (${text.length}).`,
    );
  }
  if (input.codeId !== undefined) requireCodeRow(db, input.codeId);
  const range = { ...input, ...wholeCharacters(text, input.start, input.end) };
  const changed = runUndoable(ctx, 'Uncode passage', (d) => uncode(d, range));
  if (changed) ctx.emit('project.changed', { what: 'codings', sourceId: input.sourceId });
  return { changed };
}

interface MoveInput {
  codingIds?: number[];
  fromCodeId?: number;
  toCodeId: number;
}

function moveToCode(ctx: Ctx, input: MoveInput): MergeResult {
  const db = requireDb(ctx);
  const to = requireCodeRow(db, input.toCodeId);
  if (input.fromCodeId !== undefined) {
    const from = requireCodeRow(db, input.fromCodeId);
    if (from.id === to.id)
      throw new WeftError('invalid_move', `The codings are already coded “${to.name}”.`);
  }
  const ids = [...new Set(input.codingIds ?? codingIdsOfCode(db, input.fromCodeId!))];
  const label = `Move ${ids.length === 1 ? '1 coding' : `${ids.length} codings`} to ${quoted(to.name)}`;
  const result = runUndoable(ctx, label, (d) => moveCodings(d, ids, to.id));
  if (result.moved + result.collapsed) {
    ctx.emit('project.changed', { what: 'codes' });
    ctx.emit('project.changed', { what: 'codings' });
  }
  return result;
}

export const codingHandlers = {
  'codings.create': createCoding,
  'codings.delete': (ctx: Ctx, input: { id: number }) => {
    const db = requireDb(ctx);
    const coding = getCoding(db, input.id);
    if (!coding) throw new WeftError('not_found', `There is no coding with id ${input.id}.`);
    const code = requireCodeRow(db, coding.codeId);
    runUndoable(ctx, `Remove ${quoted(code.name)} from a passage`, (d) =>
      deleteCoding(d, input.id),
    );
    ctx.emit('project.changed', { what: 'codings', sourceId: coding.sourceId });
    return null;
  },
  'codings.uncode': uncodePassage,
  'codings.move': moveToCode,
  'codings.forSource': (ctx: Ctx, input: { sourceId: number }) => {
    const db = requireDb(ctx);
    if (sourceLength(db, input.sourceId) === undefined) {
      throw new WeftError('not_found', `There is no source with id ${input.sourceId}.`);
    }
    return listCodingsForSource(db, input.sourceId);
  },
};
