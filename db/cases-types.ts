/** Row shapes for cases, classifications, attributes and source metadata (schema v2). */

export type AttributeScope = 'case' | 'source';
export type AttributeType = 'text' | 'number' | 'date' | 'boolean';
export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['text', 'number', 'date', 'boolean'];

/** A stored value: text, a finite number, an ISO date 'YYYY-MM-DD', or a yes/no. */
export type AttributeValue = string | number | boolean;
/** What a user may type into a cell; '' and null clear the value. */
export type RawValue = string | number | boolean | null;

export interface Classification {
  id: number;
  guid: string;
  name: string;
  description: string;
  cases: number;
  attributes: number;
}

export interface Case {
  id: number;
  guid: string;
  name: string;
  description: string;
  classificationId: number | null;
  classificationName: string | null;
  /** Whole sources linked to the case. */
  sources: number;
  /** Passages of sources linked to the case. */
  passages: number;
  createdAt: string;
}

export interface Attribute {
  id: number;
  guid: string;
  scope: AttributeScope;
  /** The classification a case attribute belongs to; null for source attributes. */
  classificationId: number | null;
  name: string;
  type: AttributeType;
  position: number;
}

/** Keyed by attribute id; an attribute without a value has no key. */
export type ValueMap = Record<number, AttributeValue>;

export interface CaseGrid {
  attributes: Attribute[];
  rows: { case: Case; values: ValueMap }[];
}

export interface SourceMeta {
  id: number;
  guid: string;
  name: string;
  kind: string;
  folder: string;
  description: string;
}

export interface SourceGrid {
  attributes: Attribute[];
  rows: { source: SourceMeta; values: ValueMap }[];
}

/** One cell edit from a grid: a case's or a source's value for an attribute. */
export type ValueEdit =
  | { caseId: number; attributeId: number; value: RawValue }
  | { sourceId: number; attributeId: number; value: RawValue };

export interface CasePassage {
  id: number;
  guid: string;
  caseId: number;
  sourceId: number;
  sourceName: string;
  /** Half-open [start, end) in UTF-16 code units of the source text, like codings. */
  start: number;
  end: number;
  text: string;
  createdAt: string;
}

/** A case passage as the reader draws it: offsets only, no text. */
export interface PassageMark {
  id: number;
  caseId: number;
  caseName: string;
  start: number;
  end: number;
}

/** A case a source belongs to, wholly (`whole`) and/or through some of its passages. */
export interface CaseOfSource {
  id: number;
  guid: string;
  name: string;
  classificationId: number | null;
  classificationName: string | null;
  whole: boolean;
  passages: number;
}

/** A source a case draws on, wholly and/or through passages. */
export interface SourceOfCase {
  id: number;
  guid: string;
  name: string;
  whole: boolean;
  passages: number;
}

export interface CategorySummary {
  attributeId: number;
  name: string;
  type: 'text' | 'date' | 'boolean';
  /** Most frequent first, then by value. Booleans read 'Yes' / 'No'. */
  counts: { value: string; count: number }[];
  notRecorded: number;
}

export interface NumberSummary {
  attributeId: number;
  name: string;
  type: 'number';
  n: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Sample standard deviation (n - 1); null with fewer than two values. */
  sd: number | null;
  missing: number;
}

export type AttributeSummary = CategorySummary | NumberSummary;

export interface SummaryTable {
  classificationId: number;
  classificationName: string;
  /** Cases in the classification: the N every percentage is taken of. */
  cases: number;
  rows: AttributeSummary[];
}
