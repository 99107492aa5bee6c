// Pure helpers for the concepts board and a concept's view: checking a name, filtering the code
// list, what a drop onto a column does, and the counts table's rows. No React, no API.
import type { Code, CodeSet, Concept, ConceptView } from '../../../electron/api/contract';

/** The same limit the contract's `name` schema applies, said before the call is made. */
export const NAME_MAX = 200;

/** Why a concept name cannot be saved, or null when it can. */
export function conceptNameError(
  name: string,
  concepts: readonly Concept[],
  selfId?: number,
): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'A concept needs a name.';
  if (trimmed.length > NAME_MAX) return `A concept name is at most ${NAME_MAX} characters.`;
  const lower = trimmed.toLowerCase();
  const clash = concepts.find((c) => c.id !== selfId && c.name.toLowerCase() === lower);
  return clash ? `A concept named “${clash.name}” already exists.` : null;
}

/** Codes whose name holds every word of the query (any order, any case); all for no query. */
export function filterCodes(codes: readonly Code[], query: string): Code[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...codes];
  return codes.filter((c) => {
    const name = c.name.toLowerCase();
    return words.every((w) => name.includes(w));
  });
}

/** Sets whose name holds every word of the query, like filterCodes. */
export function filterSets(sets: readonly CodeSet[], query: string): CodeSet[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...sets];
  return sets.filter((s) => words.every((w) => s.name.toLowerCase().includes(w)));
}

/** What is dragged on the board: a code or a set, from the list or from a concept's column. */
export interface DragItem {
  kind: 'code' | 'set';
  id: number;
  /** The column it was picked up from; null from the side list. */
  fromConceptId: number | null;
}

/** The drag payload's type, so columns accept only the board's own drags. */
export const CONCEPT_ITEM_TYPE = 'application/x-weft-concept-item';

export function encodeDragItem(item: DragItem): string {
  return JSON.stringify(item);
}

/** The drag payload read back; null for anything that is not a well-formed item. */
export function decodeDragItem(raw: string): DragItem | null {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const { kind, id, fromConceptId } = v as Record<string, unknown>;
  if (kind !== 'code' && kind !== 'set') return null;
  if (!isId(id)) return null;
  if (fromConceptId !== null && !isId(fromConceptId)) return null;
  return { kind, id, fromConceptId };
}

const isId = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x > 0;

/**
 * What dropping an item on a concept does. The rule the board shows: a drop always adds (a code
 * may sit in several concepts), so dragging between columns copies; only × takes one out.
 */
export type DropOutcome = { kind: 'add' } | { kind: 'already' } | { kind: 'same-column' };

export function dropOutcome(item: DragItem, target: Concept): DropOutcome {
  if (item.fromConceptId === target.id) return { kind: 'same-column' };
  const present = item.kind === 'code' ? target.codeIds : target.setIds;
  return present.includes(item.id) ? { kind: 'already' } : { kind: 'add' };
}

/** The concepts a code sits in directly (not through a set), in board order. */
export function conceptsHolding(concepts: readonly Concept[], codeId: number): Concept[] {
  return concepts.filter((c) => c.codeIds.includes(codeId));
}

/** The number of excerpts the view shows, across its groups. */
export function excerptTotal(view: Pick<ConceptView, 'groups'>): number {
  return view.groups.reduce((n, g) => n + g.excerpts.length, 0);
}

export interface CountRow {
  /** As shown: a missing value reads "No value". */
  label: string;
  codings: number;
  /** Share of the largest row, 0–1, for the bar. */
  share: number;
}

/** The counts table's rows for one attribute, with the total they add up to. */
export function countRows(values: readonly { value: string; codings: number }[]): {
  rows: CountRow[];
  total: number;
} {
  const max = values.reduce((m, v) => Math.max(m, v.codings), 0);
  return {
    rows: values.map((v) => ({
      label: v.value === '' ? 'No value' : v.value,
      codings: v.codings,
      share: max ? v.codings / max : 0,
    })),
    total: values.reduce((n, v) => n + v.codings, 0),
  };
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
