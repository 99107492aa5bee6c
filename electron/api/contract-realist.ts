/**
 * The contract's part for issue 5, realist analysis: concepts clustering codes, CMOCs with
 * their parts, evidence, status and history, the CMOC table's exports, and the programme
 * theory canvas. Merged into contract.ts.
 */
import { z } from 'zod';
import type { Excerpt } from '../../db/types.js';
import type {
  Cmoc,
  CmocConfidence,
  CmocDetail,
  CmocFields,
  CmocPart,
  CmocProvenance,
  CmocStatus,
  CmocHistoryEntry,
  Concept,
  Evidence,
  ExportFormat,
} from '../../db/realist-types.js';
import type { ExportedFile } from './contract-cases.js';
import { color, empty, id, name, offset, out } from './schema.js';

export type {
  Cmoc,
  CmocConfidence,
  CmocDetail,
  CmocFields,
  CmocHistoryEntry,
  CmocPart,
  CmocProvenance,
  CmocStatus,
  Concept,
  Evidence,
  ExportFormat,
};

/** A concept's view: its excerpts grouped by code, and counts by case attribute value. */
export interface ConceptView {
  concept: Concept;
  groups: { codeId: number; codeName: string; excerpts: Excerpt[] }[];
  /** Per case attribute (e.g. Role, Site): how many of the concept's codings fall in each value. */
  counts: {
    attributeId: number;
    attribute: string;
    values: { value: string; codings: number }[];
  }[];
}

export interface CanvasItem {
  id: number;
  kind: 'concept' | 'cmoc' | 'note';
  refId: number | null;
  /** The concept's name, the CMOC's title, or the note's text. */
  label: string;
  x: number;
  y: number;
}
export interface CanvasLink {
  id: number;
  from: number;
  to: number;
  label: string;
}
export interface Canvas {
  items: CanvasItem[];
  links: CanvasLink[];
  /** Named stages of a continuum, left to right (e.g. bolted on → fitting in → belonging). */
  stages: string[];
}

const text = z.string().max(20_000, 'At most 20,000 characters');
const part = z.enum(['context', 'mechanism', 'resource', 'reasoning', 'outcome']);
const ids = z.array(id).min(1).max(10_000);
const cmocFields = {
  title: name.optional(),
  conceptId: id.nullable().optional(),
  context: text.optional(),
  mechanism: text.optional(),
  resource: text.optional(),
  reasoning: text.optional(),
  outcome: text.optional(),
  statement: text.nullable().optional(),
  provenance: z.enum(['', 'review', 'theory', 'data']).optional(),
  status: z.enum(['untested', 'supported', 'refined', 'refuted']).optional(),
  statusReason: text.optional(),
  confidence: z.enum(['', 'low', 'medium', 'high']).optional(),
  notes: text.optional(),
};
const coord = z.number().finite().min(-100_000).max(100_000);

export const realistContract = {
  // ---- Concepts ----
  'concepts.list': { input: empty, output: out<Concept[]>() },
  'concepts.create': {
    input: z.object({ name, description: text.optional(), color: color.optional() }).strict(),
    output: out<Concept>(),
  },
  'concepts.update': {
    input: z
      .object({ id, name: name.optional(), description: text.optional(), color: color.optional() })
      .strict(),
    output: out<Concept>(),
  },
  'concepts.delete': { input: z.object({ id }).strict(), output: out<null>() },
  'concepts.addCodes': { input: z.object({ id, codeIds: ids }).strict(), output: out<Concept>() },
  'concepts.removeCodes': {
    input: z.object({ id, codeIds: ids }).strict(),
    output: out<Concept>(),
  },
  'concepts.addSets': { input: z.object({ id, setIds: ids }).strict(), output: out<Concept>() },
  'concepts.removeSets': { input: z.object({ id, setIds: ids }).strict(), output: out<Concept>() },
  'concepts.view': {
    input: z.object({ id, attributeIds: z.array(id).max(50).optional() }).strict(),
    output: out<ConceptView>(),
  },

  // ---- CMOCs ----
  'cmocs.list': {
    input: z
      .object({
        conceptId: id.nullable().optional(),
        status: z.enum(['untested', 'supported', 'refined', 'refuted']).optional(),
        provenance: z.enum(['', 'review', 'theory', 'data']).optional(),
      })
      .strict(),
    output: out<Cmoc[]>(),
  },
  'cmocs.get': { input: z.object({ id }).strict(), output: out<CmocDetail>() },
  'cmocs.create': { input: z.object(cmocFields).strict(), output: out<CmocDetail>() },
  /** Any fields; `reason` is kept in the history (required when the status becomes refined or refuted). */
  'cmocs.update': {
    input: z.object({ id, ...cmocFields, reason: text.optional() }).strict(),
    output: out<CmocDetail>(),
  },
  'cmocs.delete': { input: z.object({ id }).strict(), output: out<null>() },
  /** Adds a passage as evidence to a part; without cmocId, creates the CMOC (title, concept) first. */
  'cmocs.addEvidence': {
    input: z
      .object({
        cmocId: id.optional(),
        newCmoc: z.object({ title: name, conceptId: id.nullable().optional() }).strict().optional(),
        part,
        sourceId: id,
        start: offset,
        end: offset,
        codingId: id.optional(),
      })
      .strict()
      .refine((v) => v.end > v.start, { message: 'Select some text', path: ['end'] })
      .refine((v) => (v.cmocId === undefined) !== (v.newCmoc === undefined), {
        message: 'Give either a CMOC or a new CMOC’s title',
        path: ['cmocId'],
      }),
    output: out<CmocDetail>(),
  },
  'cmocs.removeEvidence': { input: z.object({ id }).strict(), output: out<CmocDetail>() },
  'cmocs.history': { input: z.object({ id }).strict(), output: out<CmocHistoryEntry[]>() },
  /** Evidence a source deletion would flag (the deletion asks first). */
  'cmocs.evidenceInSource': {
    input: z.object({ sourceId: id }).strict(),
    output: out<Evidence[]>(),
  },
  'cmocs.export': {
    input: z
      .object({
        format: z.enum(['docx', 'md', 'csv', 'html']),
        quotes: z.boolean(),
        conceptId: id.optional(),
        status: z.enum(['untested', 'supported', 'refined', 'refuted']).optional(),
      })
      .strict(),
    output: out<ExportedFile>(),
  },

  // ---- Programme theory canvas ----
  'canvas.get': { input: empty, output: out<Canvas>() },
  'canvas.place': {
    input: z
      .object({
        kind: z.enum(['concept', 'cmoc', 'note']),
        refId: id.nullable(),
        label: z.string().max(500).optional(),
        x: coord,
        y: coord,
      })
      .strict(),
    output: out<Canvas>(),
  },
  'canvas.move': { input: z.object({ id, x: coord, y: coord }).strict(), output: out<Canvas>() },
  'canvas.remove': { input: z.object({ id }).strict(), output: out<Canvas>() },
  'canvas.link': {
    input: z.object({ from: id, to: id, label: z.string().max(200).optional() }).strict(),
    output: out<Canvas>(),
  },
  'canvas.relabel': {
    input: z.object({ linkId: id, label: z.string().max(200) }).strict(),
    output: out<Canvas>(),
  },
  'canvas.unlink': { input: z.object({ linkId: id }).strict(), output: out<Canvas>() },
  'canvas.setStages': {
    input: z.object({ stages: z.array(z.string().trim().min(1).max(60)).max(12) }).strict(),
    output: out<Canvas>(),
  },
} satisfies Record<string, { input: z.ZodType; output: unknown }>;
