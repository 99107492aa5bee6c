// Pure helpers for the CMOC table, editor and history: labels, grouping by theme, sorting, and
// what a history entry changed. No React, no API: unit tested on their own.
import type { Cmoc, CmocHistoryEntry, Concept, Evidence } from '../../../electron/api/contract';

// The contract re-exports the row shapes but not these unions; the renderer may not import db/.
export type CmocPart = Evidence['part'];
export type CmocStatus = Cmoc['status'];
export type CmocProvenance = Cmoc['provenance'];
export type CmocFields = Required<NonNullable<CmocHistoryEntry['before']>>;

export type Column = 'context' | 'mechanism' | 'outcome';
export type SortKey = 'title' | 'status' | 'updated';

export const COLUMNS: Column[] = ['context', 'mechanism', 'outcome'];
export const PARTS: CmocPart[] = ['context', 'mechanism', 'resource', 'reasoning', 'outcome'];

export const PART_LABEL: Record<CmocPart, string> = {
  context: 'Context',
  mechanism: 'Mechanism',
  resource: 'Resource',
  reasoning: 'Reasoning',
  outcome: 'Outcome',
};

/** The parts a column of the table stands for: a split mechanism keeps its halves under it. */
export const COLUMN_PARTS: Record<Column, CmocPart[]> = {
  context: ['context'],
  mechanism: ['mechanism', 'resource', 'reasoning'],
  outcome: ['outcome'],
};

export const STATUS_LABEL: Record<CmocStatus, string> = {
  untested: 'Untested',
  supported: 'Supported',
  refined: 'Refined',
  refuted: 'Refuted',
};
export const STATUSES: CmocStatus[] = ['untested', 'supported', 'refined', 'refuted'];
/** Statuses a researcher must justify (the backend refuses them without a reason). */
export const NEEDS_REASON: CmocStatus[] = ['refined', 'refuted'];

export const PROVENANCE_LABEL: Record<Cmoc['provenance'], string> = {
  '': 'Not stated',
  review: 'Earlier review',
  theory: 'Theory',
  data: 'New from this data',
};
export const CONFIDENCE_LABEL: Record<Cmoc['confidence'], string> = {
  '': 'Not stated',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

export const FIELD_LABEL: Record<keyof CmocFields, string> = {
  title: 'Title',
  conceptId: 'Theme',
  context: 'Context',
  mechanism: 'Mechanism',
  resource: 'Resource',
  reasoning: 'Reasoning',
  outcome: 'Outcome',
  statement: 'Statement',
  provenance: 'Provenance',
  status: 'Status',
  statusReason: 'Reason for status',
  confidence: 'Confidence',
  notes: 'Notes',
};

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
};

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "1 quote lost", "3 quotes lost", or '' when all evidence is sound. */
export function lostText(n: number): string {
  return n > 0 ? `${plural(n, 'quote')} lost` : '';
}

/** How many quotes back a column (a split mechanism counts its resource and reasoning too). */
export function columnCount(c: Pick<Cmoc, 'evidence'>, col: Column): number {
  return COLUMN_PARTS[col].reduce((n, p) => n + (c.evidence[p] ?? 0), 0);
}

/** The words a column's cell shows; '' when the part has no text (the cell says it is missing). */
export function columnText(c: Pick<Cmoc, Column | 'resource' | 'reasoning'>, col: Column): string {
  if (col !== 'mechanism') return c[col].trim();
  const lines = [c.mechanism.trim()];
  if (c.resource.trim()) lines.push(`Resource: ${c.resource.trim()}`);
  if (c.reasoning.trim()) lines.push(`Reasoning: ${c.reasoning.trim()}`);
  return lines.filter(Boolean).join('\n');
}

export function evidenceOf(items: readonly Evidence[], col: Column): Evidence[] {
  const parts = COLUMN_PARTS[col];
  return items.filter((e) => parts.includes(e.part));
}

const STATUS_ORDER: Record<CmocStatus, number> = {
  supported: 0,
  refined: 1,
  refuted: 2,
  untested: 3,
};
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function sortCmocs(list: readonly Cmoc[], key: SortKey): Cmoc[] {
  const byTitle = (a: Cmoc, b: Cmoc) => collator.compare(a.title, b.title) || a.id - b.id;
  return [...list].sort((a, b) => {
    if (key === 'status') return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byTitle(a, b);
    // ISO times compare as strings; the most recently changed first.
    if (key === 'updated') return b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id;
    return byTitle(a, b);
  });
}

export interface ThemeGroup {
  conceptId: number | null;
  name: string;
  cmocs: Cmoc[];
}

/**
 * The table's groups, like Box 2's themes: in the concepts' board order (a theme not listed,
 * e.g. just created, by name after them), "No theme" last; each group sorted by `key`.
 */
export function groupByTheme(
  list: readonly Cmoc[],
  concepts: readonly Pick<Concept, 'id' | 'name'>[],
  key: SortKey,
): ThemeGroup[] {
  const groups = new Map<number | null, ThemeGroup>();
  for (const c of list) {
    const g = groups.get(c.conceptId) ?? {
      conceptId: c.conceptId,
      name: c.conceptId === null ? 'No theme' : (c.conceptName ?? 'Theme'),
      cmocs: [],
    };
    g.cmocs.push(c);
    groups.set(c.conceptId, g);
  }
  const rank = new Map(concepts.map((c, i) => [c.id, i]));
  return [...groups.values()]
    .sort((a, b) => {
      if (a.conceptId === null || b.conceptId === null)
        return (a.conceptId === null ? 1 : 0) - (b.conceptId === null ? 1 : 0);
      const ra = rank.get(a.conceptId) ?? Infinity;
      const rb = rank.get(b.conceptId) ?? Infinity;
      return ra !== rb ? ra - rb : collator.compare(a.name, b.name);
    })
    .map((g) => ({ ...g, cmocs: sortCmocs(g.cmocs, key) }));
}

export interface FieldChange {
  field: keyof CmocFields;
  label: string;
  before: string;
  after: string;
}

/** A field's value as the history shows it (a theme by its concept's name). */
export function shownValue(
  field: keyof CmocFields,
  value: unknown,
  conceptName: (id: number) => string | undefined,
): string {
  if (value === null || value === undefined) {
    if (field === 'statement') return '(drafted from the parts)';
    if (field === 'conceptId') return 'No theme';
    return '—';
  }
  if (field === 'conceptId' && typeof value === 'number')
    return conceptName(value) ?? `Theme #${value}`;
  if (field === 'status') return STATUS_LABEL[value as CmocStatus] ?? String(value);
  if (field === 'provenance') return PROVENANCE_LABEL[value as Cmoc['provenance']] ?? '';
  if (field === 'confidence') return CONFIDENCE_LABEL[value as Cmoc['confidence']] ?? '';
  const s = String(value);
  return s.trim() === '' ? '—' : s;
}

/** Each field an entry changed, before → after, in the editor's order. */
export function changesOf(
  entry: Pick<CmocHistoryEntry, 'before' | 'after'>,
  conceptName: (id: number) => string | undefined = () => undefined,
): FieldChange[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = (Object.keys(FIELD_LABEL) as (keyof CmocFields)[]).filter(
    (f) => f in before || f in after,
  );
  return fields
    .map((field) => ({
      field,
      label: FIELD_LABEL[field],
      before: field in before ? shownValue(field, before[field], conceptName) : '—',
      after: field in after ? shownValue(field, after[field], conceptName) : '—',
    }))
    .filter((c) => c.before !== c.after);
}

/** Newest first (by version, then time), whatever order the backend answered in. */
export function newestFirst(entries: readonly CmocHistoryEntry[]): CmocHistoryEntry[] {
  return [...entries].sort((a, b) => b.version - a.version || b.at.localeCompare(a.at));
}
