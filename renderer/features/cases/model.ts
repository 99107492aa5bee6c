// Shapes and pure helpers shared by the cases store and its components.
import type { Input } from '../../../electron/api/contract';
import type { Attribute, CaseGrid } from '../../../electron/api/contract-cases';

export type ValueMap = CaseGrid['rows'][number]['values'];
export type AttributeValue = ValueMap[number];
export type AttributeType = Attribute['type'];
export type SourceKind = NonNullable<Input<'sources.update'>['kind']>;

/** Whose values a grid holds: cases of a classification, or sources. */
export type Owner = 'case' | 'source';
/** A grid column: the row's name, a source's kind or folder, or an attribute (by id). */
export type ColumnKey = 'name' | 'kind' | 'folder' | number;
/** Which cases the case grid shows: a classification, or the cases without one. */
export type Chosen = number | 'unclassified';

export const ATTRIBUTE_TYPES: readonly { type: AttributeType; label: string }[] = [
  { type: 'text', label: 'Text' },
  { type: 'number', label: 'Number' },
  { type: 'date', label: 'Date' },
  { type: 'boolean', label: 'Yes/no' },
];

export const typeLabel = (type: AttributeType): string =>
  ATTRIBUTE_TYPES.find((t) => t.type === type)?.label ?? type;

// The renderer may not import the contract's runtime list, so it keeps its own; the check
// below fails to compile if the contract gains a kind this list lacks.
export const SOURCE_KINDS = [
  'interview',
  'follow-up interview',
  'fieldnote',
  'debrief',
  'document',
  'memo',
] as const satisfies readonly SourceKind[];
type MissingKind = Exclude<SourceKind, (typeof SOURCE_KINDS)[number]>;
const _everyKindListed: [MissingKind] extends [never] ? true : false = true;

/** A value as the grid shows it and as editing starts from: yes/no for booleans. */
export function displayValue(type: AttributeType, value: AttributeValue | undefined): string {
  if (value === undefined) return '';
  if (type === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

export const cellKey = (owner: Owner, id: number, column: ColumnKey): string =>
  `${owner}:${id}:${column}`;

/** A keyed collection as the store keeps it: entities by id, and their order. */
export interface Keyed<T extends { id: number }> {
  byId: Record<number, T>;
  order: number[];
}

export function keyed<T extends { id: number }>(items: readonly T[]): Keyed<T> {
  return {
    byId: Object.fromEntries(items.map((x) => [x.id, x])) as Record<number, T>,
    order: items.map((x) => x.id),
  };
}

export const emptyKeyed = <T extends { id: number }>(): Keyed<T> => ({ byId: {}, order: [] });

export function listOf<T extends { id: number }>(k: Keyed<T>): T[] {
  const out: T[] = [];
  for (const id of k.order) {
    const x = k.byId[id];
    if (x) out.push(x);
  }
  return out;
}

/**
 * Wraps a loader so that calls made while it runs share one further run: a burst of change
 * events costs at most two loads, and the answers arrive in the order they were asked for.
 */
export function coalesce(run: () => Promise<void>): () => Promise<void> {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = (): Promise<void> => {
    current = run().finally(() => {
      current = null;
    });
    return current;
  };
  return () => {
    if (!current) return start();
    next ??= current.then(() => {
      next = null;
      return start();
    });
    return next;
  };
}

export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`;

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
