/**
 * How Weft's project maps onto REFI-QDA, where the standard has no place for something.
 * projectToRefi (to-refi.ts) writes these conventions and importRefi (from-refi.ts) reads them
 * back, so a Weft project survives export → import → export with the same GUIDs, texts and
 * offsets, while other tools still see ordinary codes, sets, notes and selections.
 *
 * Machine lines. Where Weft must carry more than the standard has fields for, the text ends in
 * one line `[weft:TAG {json}]`, after a blank line, below what a person reads. The JSON is the
 * truth on import; the readable text above it is only shown (edits made to it in another tool
 * are not read back). A text without a machine line is an ordinary one from another tool.
 *
 * Codes. Inclusion and exclusion criteria, example and origin are folded into the Description
 * after the definition, under a line `[Weft codebook entry]`, one `Label: value` line each
 * (a value's own line breaks continue on lines indented by two spaces), so other tools show
 * them readably and Weft parses them back exactly. Folders (isCodable="false") stay folders.
 *
 * Sources. A source's folder and kind become sets of sources: "Folder: Interviews/Site 2" and
 * "Kind: interview" (machine lines `folder` and `kind`). Picture, audio and video sources Weft
 * holds without text go out as media sources again.
 *
 * Codings. Each coding is a selection of its own carrying that one coding; the selection's GUID
 * is derived from the coding's (deriveGuid), so every export gives the same GUIDs.
 *
 * Cases and attributes. Every attribute is a Variable with the attribute's GUID. Classifications
 * have no REFI equivalent: a Text variable "Classification" (a fixed GUID, see
 * CLASSIFICATION_VARIABLE) holds each case's classification name, and its Description's machine
 * line `classifications` lists them with their GUIDs and descriptions. A case attribute's
 * Variable says in its machine line `attribute` which classification it belongs to. Numbers go
 * out as Integer when every value is whole, else Float; dates as Date; yes/no as Boolean.
 * Case passages are selections without codings, named by the case's SelectionRef.
 *
 * Notes. Memos, annotations and CMOCs are Notes; the Description says which: `[weft:memo]`,
 * `[weft:annotation]`, `[weft:cmoc]`. A memo on the project is a Project NoteRef, on a code a
 * Code NoteRef, on a text source a TextSource NoteRef, on a coding a NoteRef of that coding's
 * selection; a memo on a case (or a media source, which has no NoteRef in the model) is a Link
 * from the note to it. A memo's passages are selections without codings that refer to it.
 * An annotation is a note referred to by one selection (GUID derived from the annotation's).
 * A memo's formatting (the editor's JSON) is not carried: only its plain text.
 *
 * Code sets are Sets of codes. Concepts are Sets of codes too, with the machine line `concept`
 * in the Description (its colour and its member code sets, by GUID and name).
 *
 * CMOCs. Each CMOC is a Note whose text reads as the configuration (title, theme, context,
 * mechanism, outcome, statement, status and reason, provenance, confidence, notes, evidence)
 * and ends in the machine line `cmoc` holding every field, its evidence (part, position, the
 * coding it came from, the quote and source name kept for evidence whose source was deleted)
 * and its full history. Evidence in a source that still exists is also a selection in that
 * source, with the evidence's GUID and a NoteRef to the CMOC's note, so other tools show the
 * quotes where they are. Each CMOC also gets a Set "CMOC: title" (machine line `cmoc-set`,
 * derived GUID) holding its note, the sources of its evidence and the codes of its codings;
 * Weft rebuilds that set on every export and ignores it on import.
 *
 * The programme theory canvas is a Graph named "Programme theory [weft:canvas {stages}]";
 * a vertex represents a concept (its set's GUID) or a CMOC (its note's GUID), or is a free note
 * (no representedGUID, shape Note); edges are the labelled links, one-way. Coordinates are
 * rounded to whole units (the schema wants integers).
 *
 * Anything from another tool that Weft cannot show (links between other things, other graphs,
 * sets of sources or notes) is kept as it came (table refi_extras) and written out again.
 */
import { hash } from 'node:crypto';
import type { CmocPart } from '../../realist-types.js';

// ---------------------------------------------------------------- GUIDs

/** The namespace of every GUID Weft derives (a fixed, random UUID's digits). */
const NAMESPACE = '3b0f6f7e4c2a4d51a0c9e8d1b27f6a14';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A UUID derived from an owner's GUID (or a fixed name) and a role, as RFC 4122 version 5
 * derives one (SHA-1 of namespace and name, version and variant bits set): the same inputs
 * give the same GUID on every export, different roles different GUIDs. One-shot hashing in
 * hex: an export derives one per coding, 200,000 of them in a large project.
 */
export function deriveGuid(owner: string, role: string): string {
  const h = hash('sha1', `${NAMESPACE}\u0000${owner}\u0000${role}`, 'hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A Weft GUID as REFI wants it: lower-case UUIDs pass; anything else maps to a derived one. */
export function refiGuid(guid: string): string {
  const lower = guid.toLowerCase();
  return UUID.test(lower) ? lower : deriveGuid(guid, 'weft-guid');
}

export const CLASSIFICATION_VARIABLE = deriveGuid('weft', 'classification-variable');
export const CLASSIFICATION_NAME = 'Classification';
export const CANVAS_GRAPH = deriveGuid('weft', 'programme-theory-canvas');
export const folderSetGuid = (path: string) => deriveGuid(`folder:${path}`, 'set');
export const kindSetGuid = (kind: string) => deriveGuid(`kind:${kind}`, 'set');
export const codingSelectionGuid = (codingGuid: string) => deriveGuid(codingGuid, 'selection');
export const annotationSelectionGuid = (guid: string) => deriveGuid(guid, 'annotation-selection');
export const cmocSetGuid = (cmocGuid: string) => deriveGuid(cmocGuid, 'cmoc-set');
export const memoLinkGuid = (memoGuid: string) => deriveGuid(memoGuid, 'memo-link');
export const canvasVertexGuid = (refGuid: string) => deriveGuid(refGuid, 'canvas-vertex');
export const canvasNoteGuid = (label: string, nth: number) =>
  deriveGuid(`canvas-note:${label}`, String(nth));
export const canvasEdgeGuid = (from: string, to: string) => deriveGuid(`${from}>${to}`, 'edge');

// ---------------------------------------------------------------- note kinds

export const NOTE_MARK = {
  memo: '[weft:memo]',
  annotation: '[weft:annotation]',
  cmoc: '[weft:cmoc]',
} as const;
export type WeftNoteKind = keyof typeof NOTE_MARK;

export function noteKindOf(description: string | undefined): WeftNoteKind | undefined {
  for (const [kind, mark] of Object.entries(NOTE_MARK))
    if (description === mark) return kind as WeftNoteKind;
  return undefined;
}

// ---------------------------------------------------------------- machine lines

const MACHINE = /^\[weft:([a-z][a-z-]*) (\{.*\})\]$/;

/** `readable`, a blank line, and `[weft:tag {json}]` (just the line when nothing is readable). */
export function withMachine(readable: string, tag: string, data: object): string {
  const line = `[weft:${tag} ${JSON.stringify(data)}]`;
  return readable ? `${readable}\n\n${line}` : line;
}

/** The machine line at the end of `text`, if it has one, and the readable text before it. */
export function readMachine(
  text: string | undefined,
): { tag: string; data: unknown; readable: string } | undefined {
  if (!text) return undefined;
  const cut = text.lastIndexOf('\n');
  const last = text.slice(cut + 1);
  const m = MACHINE.exec(last);
  if (!m) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(m[2]!);
  } catch {
    return undefined;
  }
  if (cut < 0) return { tag: m[1]!, data, readable: '' };
  // Written as readable + '\n\n' + line: anything else was not written by Weft.
  if (cut < 1 || text[cut - 1] !== '\n') return undefined;
  return { tag: m[1]!, data, readable: text.slice(0, cut - 1) };
}

/**
 * Whether a set is one Weft derives on every export (a folder, a kind, a CMOC's set) rather
 * than a code set or concept: a codebook (.qdc) should not offer these as sets of codes.
 */
export function isDerivedSet(description: string | undefined): boolean {
  const tag = readMachine(description)?.tag;
  return tag === 'folder' || tag === 'kind' || tag === 'cmoc-set';
}

// ---------------------------------------------------------------- codebook entries

export const ENTRY_MARK = '[Weft codebook entry]';
const LABELS = [
  ['inclusion', 'Inclusion'],
  ['exclusion', 'Exclusion'],
  ['example', 'Example'],
  ['origin', 'Origin'],
] as const;

export interface CodebookEntry {
  description: string;
  inclusion: string;
  exclusion: string;
  example: string;
  origin: '' | 'deductive' | 'inductive';
}

/** The code's definition, then its other fields as labelled lines (see the top of this file). */
export function foldEntry(e: CodebookEntry): string {
  const lines = LABELS.filter(([k]) => e[k] !== '').map(
    ([k, label]) => `${label}: ${e[k].replace(/\n/g, '\n  ')}`,
  );
  // A definition that could be mistaken for a folded one gets an (empty) block of its own.
  const ambiguous =
    e.description.startsWith(`${ENTRY_MARK}\n`) || e.description.includes(`\n\n${ENTRY_MARK}\n`);
  if (!lines.length && !ambiguous) return e.description;
  const block = `${ENTRY_MARK}\n${lines.join('\n')}`;
  return e.description ? `${e.description}\n\n${block}` : block;
}

/** Reverses foldEntry; a description that is not one (another tool's) is all definition. */
export function unfoldEntry(text: string): CodebookEntry {
  const plain: CodebookEntry = {
    description: text,
    inclusion: '',
    exclusion: '',
    example: '',
    origin: '',
  };
  const at = text.lastIndexOf(`\n\n${ENTRY_MARK}\n`);
  const start = at >= 0 ? at + 2 : text.startsWith(`${ENTRY_MARK}\n`) ? 0 : -1;
  if (start < 0) return plain;
  const out: CodebookEntry = { ...plain, description: at >= 0 ? text.slice(0, at) : '' };
  const body = text.slice(start + ENTRY_MARK.length + 1);
  if (body === '') return out;
  let current: (typeof LABELS)[number][0] | undefined;
  const seen = new Set<string>();
  for (const line of body.split('\n')) {
    if (line.startsWith('  ') && current) {
      out[current] = `${out[current]}\n${line.slice(2)}` as never;
      continue;
    }
    const hit = LABELS.find(([, label]) => line.startsWith(`${label}: `));
    if (!hit || seen.has(hit[0])) return plain;
    seen.add(hit[0]);
    current = hit[0];
    out[current] = line.slice(hit[1].length + 2) as never;
  }
  if (!['', 'deductive', 'inductive'].includes(out.origin)) return plain;
  return out;
}

// ---------------------------------------------------------------- CMOC notes

export interface CmocEvidenceBlock {
  guid: string;
  part: CmocPart;
  position: number;
  /** The source's GUID while it exists. */
  source: string | null;
  start: number;
  end: number;
  codingGuid: string | null;
  quote: string;
  sourceName: string;
  lost: '' | 'source' | 'coding' | 'text';
  created: string;
  createdBy: string | null;
}

export interface CmocHistoryBlock {
  version: number;
  action: string;
  /** Field values before and after; conceptId is given as the concept's GUID. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  detail: string | null;
  reason: string;
  at: string;
  by: string | null;
}

export interface CmocBlock {
  title: string;
  /** The theme: the concept's GUID. */
  concept: string | null;
  context: string;
  mechanism: string;
  resource: string;
  reasoning: string;
  outcome: string;
  statement: string | null;
  provenance: string;
  status: string;
  statusReason: string;
  confidence: string;
  notes: string;
  position: number;
  evidence: CmocEvidenceBlock[];
  history: CmocHistoryBlock[];
}

const PART_LABEL: Record<CmocPart, string> = {
  context: 'Context',
  mechanism: 'Mechanism',
  resource: 'Resource',
  reasoning: 'Reasoning',
  outcome: 'Outcome',
};
const LOST_WORDS = {
  '': '',
  source: ' [its source was deleted]',
  coding: ' [its coding was deleted]',
  text: ' [its words were deleted]',
};

/** The CMOC as someone reading the note in another tool sees it, then the machine line. */
export function renderCmocNote(b: CmocBlock, theme: string | null, shown: string): string {
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
  const lines = [`CMOC: ${b.title}`, `Theme: ${theme ?? '(none)'}`];
  for (const part of ['context', 'mechanism', 'resource', 'reasoning', 'outcome'] as const)
    if (b[part]) lines.push(`${PART_LABEL[part]}: ${b[part]}`);
  lines.push(`Statement: ${shown}`);
  lines.push(`Status: ${b.status}${b.statusReason ? ` (${b.statusReason})` : ''}`);
  if (b.provenance) lines.push(`Provenance: ${b.provenance}`);
  if (b.confidence) lines.push(`Confidence: ${b.confidence}`);
  if (b.notes) lines.push(`Notes: ${b.notes}`);
  if (b.evidence.length) {
    lines.push('', 'Evidence:');
    for (const e of b.evidence)
      lines.push(
        `- ${PART_LABEL[e.part]}: “${oneLine(e.quote)}” (${e.sourceName})${LOST_WORDS[e.lost]}`,
      );
  }
  return withMachine(lines.join('\n'), 'cmoc', b);
}

// ---------------------------------------------------------------- the canvas graph

export const CANVAS_NAME = 'Programme theory';
const CANVAS = /^Programme theory \[weft:canvas (\{.*\})\]$/;

export function canvasGraphName(stages: string[]): string {
  return `${CANVAS_NAME} [weft:canvas ${JSON.stringify({ stages })}]`;
}

/** The stages of a graph Weft wrote as its canvas, or undefined for any other graph. */
export function canvasStages(name: string | undefined): string[] | undefined {
  const m = CANVAS.exec(name ?? '');
  if (!m) return undefined;
  try {
    const data = JSON.parse(m[1]!) as { stages?: unknown };
    return Array.isArray(data.stages)
      ? data.stages.filter((s): s is string => typeof s === 'string')
      : [];
  } catch {
    return undefined;
  }
}
