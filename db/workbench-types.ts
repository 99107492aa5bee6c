/** Row shapes for the coding workbench (issue 4): code sets, memos' passages, annotations, undo. */

export interface CodeSet {
  id: number;
  guid: string;
  name: string;
  description: string;
  /** Member codes, in codebook order. */
  codeIds: number[];
}

/** What deleting a code takes with it (the confirmation says so). */
export interface CodeImpact {
  /** The code and its descendants. */
  codes: number;
  /** Codings of the code and its descendants. */
  codings: number;
  sources: number;
  /** Code sets it belongs to. */
  sets: number;
  memos: number;
}

export interface MergeResult {
  /** Codings that moved to the target. */
  moved: number;
  /** Codings dropped because the target already coded exactly the same words. */
  collapsed: number;
}

export interface UncodeResult {
  /** Codings removed, trimmed or split to take the passage out of them. */
  changed: number;
}

export interface MemoPassage {
  id: number;
  memoId: number;
  sourceId: number;
  sourceName: string;
  start: number;
  end: number;
  text: string;
}

export interface Annotation {
  id: number;
  guid: string;
  sourceId: number;
  sourceName: string;
  start: number;
  end: number;
  /** The annotated words. */
  text: string;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export interface Coder {
  /** The user row, once this coder has changed something in the project; else null. */
  id: number | null;
  name: string;
  initials: string;
}

export interface CoderSummary {
  id: number;
  name: string;
  initials: string;
  codings: number;
}

export interface UndoState {
  /** What Undo would undo ("Apply ‘Trust’"), or null when there is nothing. */
  undo: string | null;
  redo: string | null;
}

export interface UndoResult extends UndoState {
  /** What was just undone or redone. */
  did: string;
}

export interface ProjectSettings {
  /** e.g. "(Site {site}, {participant}, {round})"; fields are attribute names, source, case, coder, code. */
  attributionTemplate: string;
  /** Every field name a template can use: the built-in ones, then attribute and classification names. */
  fields: string[];
}
