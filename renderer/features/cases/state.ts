// The cases store's state, its starting values and its selectors (named functions).
import type {
  Attribute,
  AttributeImportResult,
  Case,
  Classification,
  LinkSuggestion,
  SourceMeta,
  SummaryTable,
} from '../../../electron/api/contract-cases';
import {
  emptyKeyed,
  listOf,
  type AttributeType,
  type Chosen,
  type ColumnKey,
  type Keyed,
  type Owner,
  type ValueMap,
} from './model';

export type CasesTab = 'cases' | 'sources' | 'summary';

/** One attribute value typed or pasted into a grid. '' clears the value. */
export interface CellEdit {
  id: number;
  attributeId: number;
  text: string;
}

export interface AttributeImport {
  phase: 'working' | 'done' | 'failed';
  fileName: string;
  classificationName: string;
  result?: AttributeImportResult;
  error?: string;
}

export interface CasesState {
  tab: CasesTab;
  /** The classification whose cases the grid shows; null until the first load picks one. */
  chosen: Chosen | null;
  classifications: Keyed<Classification>;
  /** How many cases have no classification (shown as a pseudo-classification). */
  unclassified: number;
  /** Which classification `cases`, `caseAttributes` and `caseValues` belong to. */
  gridFor: Chosen | null;
  cases: Keyed<Case>;
  caseAttributes: Keyed<Attribute>;
  caseValues: Record<number, ValueMap>;
  sourcesLoaded: boolean;
  sources: Keyed<SourceMeta>;
  sourceAttributes: Keyed<Attribute>;
  sourceValues: Record<number, ValueMap>;
  /** Cells being saved, with the text typed, shown until the saved value is loaded. */
  pending: Record<string, string>;
  /** Cells whose last edit was refused, with the reason. */
  invalid: Record<string, string>;
  /** Attributes left out of the summary table (new attributes are in by default). */
  summaryOff: Record<number, true>;
  summary: SummaryTable | null;
  suggestions: LinkSuggestion[] | null;
  picked: Record<number, boolean>;
  attributeImport: AttributeImport | null;
  /** A row the grid should scroll to and focus (n changes on every request). */
  reveal: { owner: Owner; id: number; n: number } | null;

  /** The project the store holds (another project starts it over). */
  projectPath: string | null;

  /** Loads what the view shows and reloads it on change events; returns the unsubscribe. */
  follow(projectPath: string): () => void;
  reload(): Promise<void>;
  setTab(tab: CasesTab): void;
  choose(chosen: Chosen): void;
  /** Asks the grid to focus a row; null once it has. */
  revealRow(row: { owner: Owner; id: number } | null): void;

  createClassification(name: string): Promise<Classification | null>;
  renameClassification(id: number, name: string): Promise<boolean>;
  deleteClassification(id: number): Promise<boolean>;
  createCase(name: string): Promise<Case | null>;
  deleteCase(id: number): Promise<boolean>;
  createAttribute(owner: Owner, name: string, type: AttributeType): Promise<Attribute | null>;
  updateAttribute(id: number, change: { name?: string; type?: AttributeType }): Promise<boolean>;
  deleteAttribute(id: number): Promise<boolean>;

  /** Saves one cell: a name, a source's kind or folder, or an attribute value. */
  commit(owner: Owner, id: number, column: ColumnKey, text: string): Promise<boolean>;
  /** Saves many attribute values in one call: all or none. */
  setCells(owner: Owner, edits: CellEdit[]): Promise<boolean>;

  setSummaryAttribute(attributeId: number, on: boolean): void;
  copySummary(): Promise<void>;
  exportSummaryCsv(): Promise<void>;
  exportAttributes(format: 'csv' | 'xlsx'): Promise<void>;
  importAttributes(file: File): Promise<void>;
  dismissImport(): void;

  suggestLinks(): Promise<void>;
  pick(sourceId: number, on: boolean): void;
  pickAll(on: boolean): void;
  applyLinks(classificationName: string): Promise<boolean>;
  closeSuggestions(): void;
}

export const initial = {
  projectPath: null,
  tab: 'cases' as CasesTab,
  chosen: null,
  classifications: emptyKeyed<Classification>(),
  unclassified: 0,
  gridFor: null,
  cases: emptyKeyed<Case>(),
  caseAttributes: emptyKeyed<Attribute>(),
  caseValues: {},
  sourcesLoaded: false,
  sources: emptyKeyed<SourceMeta>(),
  sourceAttributes: emptyKeyed<Attribute>(),
  sourceValues: {},
  pending: {},
  invalid: {},
  summaryOff: {},
  summary: null,
  suggestions: null,
  picked: {},
  attributeImport: null,
  reveal: null,
} satisfies Partial<CasesState>;

export const emptyGrid = {
  gridFor: null,
  cases: emptyKeyed<Case>(),
  caseAttributes: emptyKeyed<Attribute>(),
  caseValues: {},
  summary: null,
} satisfies Partial<CasesState>;

// ---------------------------------------------------------------- selectors

export const selectClassifications = (s: CasesState) => listOf(s.classifications);
export const selectCases = (s: CasesState) => listOf(s.cases);
export const selectCaseAttributes = (s: CasesState) => listOf(s.caseAttributes);
export const selectSources = (s: CasesState) => listOf(s.sources);
export const selectSourceAttributes = (s: CasesState) => listOf(s.sourceAttributes);
export const selectChosenClassification = (s: CasesState): Classification | null =>
  typeof s.chosen === 'number' ? (s.classifications.byId[s.chosen] ?? null) : null;
export const selectSummaryAttributeIds = (s: CasesState): number[] =>
  s.caseAttributes.order.filter((id) => !s.summaryOff[id]);
export const selectPickedCount = (s: CasesState): number =>
  s.suggestions?.filter((x) => s.picked[x.sourceId]).length ?? 0;
