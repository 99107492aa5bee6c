import type { OffsetConvention, RefiProject } from './model.js';
import type { Db } from '../../open.js';
import { nowIso } from '../../ids.js';
import { prep } from '../../stmt.js';
import { deriveGuid } from './conventions.js';

export const IMPORT_KINDS = [
  'users',
  'codes',
  'sources',
  'codings',
  'classifications',
  'attributes',
  'cases',
  'values',
  'casePassages',
  'memos',
  'memoPassages',
  'annotations',
  'codeSets',
  'concepts',
  'cmocs',
  'evidence',
  'canvasItems',
  'canvasLinks',
  'kept',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type ImportCounts = Record<ImportKind, number>;

export interface ImportSummary {
  /** What came in, by kind. */
  added: ImportCounts;
  /** What the project already had (merge: the same GUID), left as it was. */
  present: ImportCounts;
  /** What was not imported, and why, as sentences a user can read. */
  skipped: string[];
  warnings: string[];
  /** How many text sources used each offset convention (as the reader detected it). */
  conventions: Partial<Record<OffsetConvention, number>>;
}

export interface ImportOptions {
  mode: 'new' | 'merge';
  /** Who made codings the file does not attribute (default "Imported"). */
  coderName?: string;
  onProgress?(done: number, total: number): void;
}

const pl = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Reasons something was skipped, counted while importing and said once at the end. */
const SKIP_SENTENCES = {
  malformed: (n: number) =>
    `${pl(n, 'entry', 'entries')} of the file could not be read (a missing GUID, name or offset) and ${n === 1 ? 'was' : 'were'} left out.`,
  codingRange: (n: number) =>
    `${pl(n, 'coding')} skipped: the passage is empty, splits a character or lies outside its source's text.`,
  codingCode: (n: number) => `${pl(n, 'coding')} of codes the file does not define skipped.`,
  passageRange: (n: number) =>
    `${pl(n, 'passage')} (of cases, memos, annotations or CMOC evidence) skipped: empty or outside their source's text.`,
  sourceText: (n: number) =>
    `${pl(n, 'passage')} skipped because ${n === 1 ? 'its source' : 'their sources'} already in the project ${n === 1 ? 'has' : 'have'} different text.`,
  noteRef: (n: number) => `${pl(n, 'reference')} to notes the file does not contain ignored.`,
  caseRef: (n: number) =>
    `${pl(n, 'reference')} from cases to sources or passages the file does not contain ignored.`,
  caseCodeRef: (n: number) =>
    `${pl(n, 'link')} from cases to codes not imported (Weft links cases to sources and passages).`,
  valueVariable: (n: number) => `${pl(n, 'value')} of variables the file does not define skipped.`,
  valueType: (n: number) => `${pl(n, 'value')} skipped: not of their variable's type.`,
  valueClass: (n: number) =>
    `${pl(n, 'value')} skipped: the variable belongs to another classification than the case.`,
  setMember: (n: number) => `${pl(n, 'set member')} the file does not contain ignored.`,
  noteSelections: (n: number) =>
    `${pl(n, 'passage')} inside notes not imported (Weft keeps a note's text only).`,
  media: (n: number) =>
    `${pl(n, 'picture, audio or video source')} imported by name only, without ${n === 1 ? 'its' : 'their'} contents.`,
  mediaSelections: (n: number) =>
    `${pl(n, 'selection')} in picture, audio or video sources skipped (Weft codes text only).`,
  extraTargets: (n: number) =>
    `${pl(n, 'note reference')} beyond a memo's first target ignored (a Weft memo is about one thing).`,
  linkDangling: (n: number) => `${pl(n, 'link')} between things the file does not contain skipped.`,
  canvasMissing: (n: number) =>
    `${pl(n, 'item')} of the theory canvas skipped: the concept or CMOC it shows is missing.`,
  evidenceBad: (n: number) => `${pl(n, 'piece')} of CMOC evidence with unreadable offsets skipped.`,
} as const;
export type SkipReason = keyof typeof SKIP_SENTENCES;

const zero = (): ImportCounts =>
  Object.fromEntries(IMPORT_KINDS.map((k) => [k, 0])) as ImportCounts;

/** What the steps of one import share: ids by GUID, counts, the coder of last resort. */
export class ImportContext {
  readonly added = zero();
  readonly present = zero();
  readonly warnings: string[] = [];
  readonly conventions: ImportSummary['conventions'] = {};
  private readonly skips = new Map<SkipReason, number>();
  readonly now = nowIso();

  readonly users = new Map<string, number>();
  readonly codes = new Map<string, number>();
  /** Sources by GUID; `text` null when the file's passages must not be placed in it. */
  readonly sources = new Map<string, { id: number; text: string | null }>();
  readonly cases = new Map<string, number>();
  private createdUsers = 0;
  private fallback: number | undefined;
  private done = 0;
  private lastReported = 0;
  readonly total: number;

  constructor(
    readonly db: Db,
    readonly project: RefiProject,
    readonly opts: ImportOptions,
  ) {
    this.total =
      project.texts.length +
      project.texts.reduce((n, t) => n + (t.selections?.length ?? 0), 0) +
      project.notes.length +
      project.cases.length;
  }

  count(kind: ImportKind, isNew: boolean, n = 1): void {
    (isNew ? this.added : this.present)[kind] += n;
  }

  skip(reason: SkipReason, n = 1): void {
    if (n > 0) this.skips.set(reason, (this.skips.get(reason) ?? 0) + n);
  }

  warn(sentence: string): void {
    this.warnings.push(sentence);
  }

  /** Moves progress on; tells the caller every 2,000 steps or so (and at the end). */
  progress(n = 1): void {
    this.done += n;
    if (this.done - this.lastReported >= 2000 || this.done >= this.total) {
      this.lastReported = this.done;
      this.opts.onProgress?.(Math.min(this.done, this.total), this.total);
    }
  }

  /**
   * The user with this GUID: one the file lists, or else one created for it (files refer to
   * coders they do not list); with no GUID, the coder the import was started for.
   */
  userId(guid: string | undefined): number {
    if (!guid) return this.defaultCoder();
    const known = this.users.get(guid);
    if (known !== undefined) return known;
    const existing = prep(this.db, 'SELECT id FROM users WHERE guid = ?').pluck().get(guid) as
      number | undefined;
    if (existing !== undefined) {
      this.users.set(guid, existing);
      return existing;
    }
    const name = `Coder ${guid.slice(0, 8)}`;
    const id = Number(
      prep(this.db, 'INSERT INTO users (guid, name, initials, created_at) VALUES (?, ?, ?, ?)').run(
        guid,
        name,
        'C',
        this.now,
      ).lastInsertRowid,
    );
    this.users.set(guid, id);
    this.createdUsers++;
    this.count('users', true);
    return id;
  }

  /** A user for `guid` when there is one, else null (for rows where nobody may be said). */
  optionalUser(guid: string | undefined): number | null {
    return guid ? this.userId(guid) : null;
  }

  private defaultCoder(): number {
    if (this.fallback !== undefined) return this.fallback;
    const name = this.opts.coderName?.trim() || 'Imported';
    const found = prep(this.db, 'SELECT id FROM users WHERE name = ? ORDER BY id')
      .pluck()
      .get(name) as number | undefined;
    this.fallback =
      found ??
      Number(
        prep(
          this.db,
          'INSERT INTO users (guid, name, initials, created_at) VALUES (?, ?, ?, ?)',
        ).run(deriveGuid(`user:${name}`, 'coder'), name, name.slice(0, 2).toUpperCase(), this.now)
          .lastInsertRowid,
      );
    if (found === undefined) this.count('users', true);
    return this.fallback;
  }

  summary(): ImportSummary {
    const skipped = [...this.project.skipped];
    for (const [reason, n] of this.skips) skipped.push(SKIP_SENTENCES[reason](n));
    const warnings = [...this.project.warnings, ...this.warnings];
    if (this.createdUsers)
      warnings.push(
        `${pl(this.createdUsers, 'coder')} the file refers to without listing ${this.createdUsers === 1 ? 'was' : 'were'} added by GUID.`,
      );
    return {
      added: { ...this.added },
      present: { ...this.present },
      skipped,
      warnings,
      conventions: { ...this.conventions },
    };
  }
}

/** `name`, or "name (2)", "name (3)"… whichever `taken` (lower-cased names) lacks. */
export function freeIn(taken: Set<string>, name: string): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name} (${n})`;
  return candidate;
}

export const isStr = (v: unknown): v is string => typeof v === 'string' && v !== '';
export const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
