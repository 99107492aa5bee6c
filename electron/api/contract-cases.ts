/**
 * The contract's part for issue 3: cases, classifications, typed attributes, participant
 * summaries, source metadata, and writing and editing sources in Weft. Merged into contract.ts.
 */
import { z } from 'zod';
import type {
  Attribute,
  Case,
  CaseGrid,
  CaseOfSource,
  CasePassage,
  Classification,
  PassageMark,
  SourceGrid,
  SourceMeta,
  SummaryTable,
} from '../../db/cases-types.js';
import type { Source, SourceSummary } from '../../db/types.js';
import type { SourceImpact } from '../../db/queries/source-impact.js';
import { empty, filePath, id, name, offset, out } from './schema.js';

export type {
  Attribute,
  Case,
  CaseGrid,
  CaseOfSource,
  CasePassage,
  Classification,
  PassageMark,
  SourceGrid,
  SourceMeta,
  SourceImpact,
  SummaryTable,
};

export const SOURCE_KINDS = [
  'interview',
  'follow-up interview',
  'fieldnote',
  'debrief',
  'document',
  'memo',
] as const;
const kind = z.enum(SOURCE_KINDS);
const scope = z.enum(['case', 'source']);
const attrType = z.enum(['text', 'number', 'date', 'boolean']);
const description = z.string().max(20_000);
const rawValue = z.union([z.string().max(10_000), z.number().finite(), z.boolean(), z.null()]);

export interface LinkSuggestion {
  sourceId: number;
  sourceName: string;
  caseName: string;
  caseExists: boolean;
  site?: string;
  round?: 'first' | 'follow-up';
  kind?: string;
}

export interface AttributeImportResult {
  casesCreated: number;
  casesUpdated: number;
  attributesCreated: string[];
  valuesSet: number;
}

export interface ExportedFile {
  fileName: string;
  mime: string;
  /** The file's bytes, base64 (text files are UTF-8). */
  base64: string;
}

export interface TextEditResult {
  source: Source;
  /** Codings (and case passages) whose offsets moved with the edit. */
  moved: number;
  /** Codings (and case passages) whose words were deleted; Undo brings them back. */
  removed: number;
  canUndo: boolean;
  canRedo: boolean;
}

export const casesContract = {
  'classifications.list': { input: empty, output: out<Classification[]>() },
  'classifications.create': {
    input: z.object({ name, description: description.optional() }).strict(),
    output: out<Classification>(),
  },
  'classifications.update': {
    input: z.object({ id, name: name.optional(), description: description.optional() }).strict(),
    output: out<Classification>(),
  },
  'classifications.delete': { input: z.object({ id }).strict(), output: out<null>() },

  'cases.list': {
    input: z.object({ classificationId: id.nullable().optional() }).strict(),
    output: out<Case[]>(),
  },
  'cases.create': {
    input: z
      .object({
        name,
        classificationId: id.nullable().optional(),
        description: description.optional(),
      })
      .strict(),
    output: out<Case>(),
  },
  'cases.update': {
    input: z
      .object({
        id,
        name: name.optional(),
        description: description.optional(),
        classificationId: id.nullable().optional(),
      })
      .strict(),
    output: out<Case>(),
  },
  'cases.delete': { input: z.object({ id }).strict(), output: out<null>() },
  'cases.ofSource': { input: z.object({ sourceId: id }).strict(), output: out<CaseOfSource[]>() },
  'cases.linkSource': {
    input: z.object({ caseId: id, sourceId: id }).strict(),
    output: out<boolean>(),
  },
  'cases.unlinkSource': {
    input: z.object({ caseId: id, sourceId: id }).strict(),
    output: out<boolean>(),
  },
  'cases.addPassage': {
    input: z
      .object({ caseId: id, sourceId: id, start: offset, end: offset })
      .strict()
      .refine((v) => v.end > v.start, { message: 'Select some text', path: ['end'] }),
    output: out<CasePassage>(),
  },
  'cases.removePassage': { input: z.object({ id }).strict(), output: out<null>() },
  'cases.passages': { input: z.object({ caseId: id }).strict(), output: out<CasePassage[]>() },
  'cases.passageMarks': {
    input: z.object({ sourceId: id }).strict(),
    output: out<PassageMark[]>(),
  },
  /** Proposals from file names (e.g. Site2_LW02_followup.docx -> case LW02, site 2, follow-up). */
  'cases.suggestLinks': { input: empty, output: out<LinkSuggestion[]>() },
  'cases.applyLinks': {
    input: z
      .object({
        links: z
          .array(
            z
              .object({
                sourceId: id,
                caseName: name,
                site: z.string().trim().max(100).optional(),
                round: z.enum(['first', 'follow-up']).optional(),
              })
              .strict(),
          )
          .min(1)
          .max(20_000),
        classificationName: name.default('Person'),
      })
      .strict(),
    output: out<{ linked: number; casesCreated: number }>(),
  },

  'attributes.list': {
    input: z.object({ scope, classificationId: id.nullable().optional() }).strict(),
    output: out<Attribute[]>(),
  },
  'attributes.create': {
    input: z
      .object({ scope, classificationId: id.nullable().optional(), name, type: attrType })
      .strict()
      .refine((v) => (v.scope === 'case') === (v.classificationId != null), {
        message: 'Case attributes belong to a classification; source attributes to none',
        path: ['classificationId'],
      }),
    output: out<Attribute>(),
  },
  'attributes.update': {
    input: z.object({ id, name: name.optional(), type: attrType.optional() }).strict(),
    output: out<Attribute>(),
  },
  'attributes.delete': { input: z.object({ id }).strict(), output: out<null>() },
  'attributes.reorder': {
    input: z.object({ ids: z.array(id).min(1).max(1000) }).strict(),
    output: out<Attribute[]>(),
  },
  'attributes.importTable': {
    input: z
      .object({
        path: filePath,
        classificationId: id,
        fileName: name.optional(),
        sheet: z.string().max(100).optional(),
      })
      .strict(),
    output: out<AttributeImportResult>(),
  },
  'attributes.exportTable': {
    input: z.object({ classificationId: id, format: z.enum(['csv', 'xlsx']) }).strict(),
    output: out<ExportedFile>(),
  },

  'grid.cases': {
    input: z.object({ classificationId: id.nullable() }).strict(),
    output: out<CaseGrid>(),
  },
  'grid.sources': { input: empty, output: out<SourceGrid>() },
  'values.set': {
    input: z
      .object({
        edits: z
          .array(
            z.union([
              z.object({ caseId: id, attributeId: id, value: rawValue }).strict(),
              z.object({ sourceId: id, attributeId: id, value: rawValue }).strict(),
            ]),
          )
          .min(1)
          .max(100_000),
      })
      .strict(),
    output: out<null>(),
  },

  'summary.table': {
    input: z.object({ classificationId: id, attributeIds: z.array(id).min(1).max(200) }).strict(),
    output: out<SummaryTable>(),
  },
  'summary.export': {
    input: z
      .object({
        classificationId: id,
        attributeIds: z.array(id).min(1).max(200),
        format: z.enum(['csv', 'text']),
      })
      .strict(),
    output: out<string>(),
  },

  'sources.update': {
    input: z
      .object({
        id,
        name: name.optional(),
        kind: kind.optional(),
        folder: z.string().max(500).optional(),
        description: description.optional(),
      })
      .strict(),
    output: out<SourceMeta>(),
  },
  /** What deleting the source would take with it (the deletion asks first). */
  'sources.impact': { input: z.object({ id }).strict(), output: out<SourceImpact>() },
  'sources.delete': { input: z.object({ id }).strict(), output: out<null>() },
  /** A fieldnote or memo written in Weft. */
  'sources.createNote': {
    input: z
      .object({
        name,
        kind: z.enum(['fieldnote', 'memo', 'debrief']),
        text: z
          .string()
          .max(64 * 1024 * 1024)
          .optional(),
      })
      .strict(),
    output: out<SourceSummary>(),
  },
  /** New text for a source: codings are carried through the edit in the same transaction. */
  'sources.editText': {
    input: z
      .object({
        id,
        text: z.string().max(64 * 1024 * 1024),
        /** The editor's JSON (formatting); each of its blocks is one line of `text`. */
        rich: z
          .string()
          .max(256 * 1024 * 1024)
          .nullable()
          .optional(),
        baseLength: z.number().int().nonnegative(),
      })
      .strict(),
    output: out<TextEditResult>(),
  },
  'sources.undoEdit': { input: z.object({ id }).strict(), output: out<TextEditResult>() },
  'sources.redoEdit': { input: z.object({ id }).strict(), output: out<TextEditResult>() },
} satisfies Record<string, { input: z.ZodType; output: unknown }>;
