/**
 * The contract's part for issue 4, the coding workbench: the codebook (codes, code sets,
 * merge, move, delete), coding and uncoding, retrieval with attributions, the coder, memos and
 * annotations, and session undo. Merged into contract.ts.
 */
import { z } from 'zod';
import type { Code, Coding, Excerpt, Memo } from '../../db/types.js';
import type {
  Annotation,
  CodeImpact,
  CodeSet,
  Coder,
  CoderSummary,
  MemoPassage,
  MergeResult,
  ProjectSettings,
  UncodeResult,
  UndoResult,
  UndoState,
} from '../../db/workbench-types.js';
import { color, empty, id, name, offset, out } from './schema.js';

export type {
  Annotation,
  CodeImpact,
  CodeSet,
  Coder,
  CoderSummary,
  MemoPassage,
  MergeResult,
  ProjectSettings,
  UncodeResult,
  UndoResult,
  UndoState,
};

export interface CodingCreated {
  coding: Coding;
  code: Code;
  createdCode: boolean;
}

const longText = z.string().max(20_000, 'At most 20,000 characters');
const origin = z.enum(['', 'deductive', 'inductive']);
const ids = z.array(id).min(1).max(10_000);
const passage = { sourceId: id, start: offset, end: offset };
const nonEmptyRange = <T extends { start: number; end: number }>(v: T) => v.end > v.start;
const rangeMessage = { message: 'Select some text', path: ['end'] };

const codeFields = {
  color: color.optional(),
  description: longText.optional(),
  inclusion: longText.optional(),
  exclusion: longText.optional(),
  example: longText.optional(),
  origin: origin.optional(),
};

export const workbenchContract = {
  // ---- Codebook ----
  'codes.list': { input: empty, output: out<Code[]>() },
  'codes.create': {
    input: z.object({ name, parentId: id.nullable().optional(), ...codeFields }).strict(),
    output: out<Code>(),
  },
  'codes.update': {
    input: z.object({ id, name: name.optional(), ...codeFields }).strict(),
    output: out<Code>(),
  },
  /** Nest under `parentId` (null: top level) at `index` among its new siblings. */
  'codes.move': {
    input: z
      .object({ id, parentId: id.nullable(), index: z.number().int().nonnegative().max(100_000) })
      .strict(),
    output: out<Code>(),
  },
  'codes.impact': { input: z.object({ id }).strict(), output: out<CodeImpact>() },
  /** Deletes the code, its descendants and their codings. */
  'codes.delete': { input: z.object({ id }).strict(), output: out<CodeImpact>() },
  /** Moves every coding of `codeIds` to `targetId` (exact duplicates collapse) and deletes them. */
  'codes.merge': {
    input: z.object({ codeIds: ids, targetId: id }).strict(),
    output: out<MergeResult>(),
  },

  'sets.list': { input: empty, output: out<CodeSet[]>() },
  'sets.create': {
    input: z
      .object({
        name,
        description: longText.optional(),
        codeIds: z.array(id).max(10_000).optional(),
      })
      .strict(),
    output: out<CodeSet>(),
  },
  'sets.update': {
    input: z.object({ id, name: name.optional(), description: longText.optional() }).strict(),
    output: out<CodeSet>(),
  },
  'sets.delete': { input: z.object({ id }).strict(), output: out<null>() },
  'sets.addCodes': { input: z.object({ id, codeIds: ids }).strict(), output: out<CodeSet>() },
  'sets.removeCodes': { input: z.object({ id, codeIds: ids }).strict(), output: out<CodeSet>() },

  // ---- Coding ----
  'codings.create': {
    input: z
      .object({
        ...passage,
        codeId: id.optional(),
        codeName: name.optional(),
      })
      .strict()
      .refine(nonEmptyRange, { message: 'Select some text to code', path: ['end'] })
      .refine((v) => (v.codeId === undefined) !== (v.codeName === undefined), {
        message: 'Give either an existing code or a new code name',
        path: ['codeId'],
      }),
    output: out<CodingCreated>(),
  },
  'codings.delete': { input: z.object({ id }).strict(), output: out<null>() },
  /** Takes [start, end) out of the codings of `codeId` (or of every code) there: trims or splits them. */
  'codings.uncode': {
    input: z
      .object({ ...passage, codeId: id.optional() })
      .strict()
      .refine(nonEmptyRange, rangeMessage),
    output: out<UncodeResult>(),
  },
  /** Moves codings (given ones, or all of `fromCodeId`) to another code; duplicates collapse. */
  'codings.move': {
    input: z
      .object({ codingIds: ids.optional(), fromCodeId: id.optional(), toCodeId: id })
      .strict()
      .refine((v) => (v.codingIds === undefined) !== (v.fromCodeId === undefined), {
        message: 'Give either the codings or the code to move them from',
        path: ['codingIds'],
      }),
    output: out<MergeResult>(),
  },
  'codings.forSource': { input: z.object({ sourceId: id }).strict(), output: out<Coding[]>() },

  // ---- Retrieval ----
  'excerpts.forCode': {
    input: z
      .object({
        codeId: id,
        /** Include the codings of the code's descendants. */
        descendants: z.boolean().optional(),
        /** Characters of context either side (cut back to a word boundary); default 160. */
        context: z.number().int().nonnegative().max(2000).optional(),
        coderIds: z.array(id).max(1000).optional(),
      })
      .strict(),
    output: out<Excerpt[]>(),
  },
  /** What `template` would give for one coding: the attribution setting's live preview. */
  'excerpts.attribution': {
    input: z.object({ codingId: id, template: z.string().max(500) }).strict(),
    output: out<string>(),
  },
  'settings.get': { input: empty, output: out<ProjectSettings>() },
  'settings.update': {
    input: z.object({ attributionTemplate: z.string().max(500).optional() }).strict(),
    output: out<ProjectSettings>(),
  },

  // ---- Coders ----
  /** Who is coding in this project on this machine. */
  'coder.get': { input: empty, output: out<Coder>() },
  'coder.set': {
    input: z
      .object({
        name,
        initials: z.string().trim().min(1).max(4, 'Initials are at most 4 characters').optional(),
      })
      .strict(),
    output: out<Coder>(),
  },
  'coders.list': { input: empty, output: out<CoderSummary[]>() },

  // ---- Memos and annotations ----
  'memos.list': {
    input: z
      .object({
        /** Words to find in titles and text. */
        query: z.string().max(200).optional(),
        targetType: z.enum(['project', 'source', 'code', 'case', 'coding']).optional(),
        targetId: id.optional(),
      })
      .strict(),
    output: out<Memo[]>(),
  },
  'memos.get': { input: z.object({ id }).strict(), output: out<Memo>() },
  'memos.create': {
    input: z
      .object({
        title: name,
        body: z.string().max(10_000_000).optional(),
        rich: z.string().max(20_000_000).nullable().optional(),
        targetType: z.enum(['project', 'source', 'code', 'case', 'coding']).optional(),
        targetId: id.optional(),
      })
      .strict(),
    output: out<Memo>(),
  },
  'memos.update': {
    input: z
      .object({
        id,
        title: name.optional(),
        body: z.string().max(10_000_000).optional(),
        rich: z.string().max(20_000_000).nullable().optional(),
      })
      .strict(),
    output: out<Memo>(),
  },
  'memos.delete': { input: z.object({ id }).strict(), output: out<null>() },
  'memos.passages': { input: z.object({ id }).strict(), output: out<MemoPassage[]>() },
  'memos.linkPassage': {
    input: z
      .object({ memoId: id, ...passage })
      .strict()
      .refine(nonEmptyRange, rangeMessage),
    output: out<MemoPassage>(),
  },
  'memos.unlinkPassage': { input: z.object({ id }).strict(), output: out<null>() },

  'annotations.list': {
    input: z.object({ sourceId: id.optional(), query: z.string().max(200).optional() }).strict(),
    output: out<Annotation[]>(),
  },
  'annotations.create': {
    input: z
      .object({ ...passage, body: z.string().trim().min(1, 'Write the annotation').max(20_000) })
      .strict()
      .refine(nonEmptyRange, rangeMessage),
    output: out<Annotation>(),
  },
  'annotations.update': {
    input: z
      .object({ id, body: z.string().trim().min(1, 'Write the annotation').max(20_000) })
      .strict(),
    output: out<Annotation>(),
  },
  'annotations.delete': { input: z.object({ id }).strict(), output: out<null>() },

  // ---- Undo (coding and codebook actions, for the session) ----
  'undo.state': { input: empty, output: out<UndoState>() },
  'undo.undo': { input: empty, output: out<UndoResult>() },
  'undo.redo': { input: empty, output: out<UndoResult>() },
} satisfies Record<string, { input: z.ZodType; output: unknown }>;
