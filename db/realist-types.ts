/** Row shapes for realist analysis (issue 5): concepts, CMOCs, their evidence and history. */

export interface Concept {
  id: number;
  guid: string;
  name: string;
  description: string;
  color: string;
  /** Codes clustered in the concept, in board order. */
  codeIds: number[];
  /** Code sets clustered in it (their codes count as its codes). */
  setIds: number[];
  /** Codings under its codes and its sets' codes (each coding once). */
  codings: number;
  cmocs: number;
}

export type CmocPart = 'context' | 'mechanism' | 'resource' | 'reasoning' | 'outcome';
export type CmocStatus = 'untested' | 'supported' | 'refined' | 'refuted';
export type CmocProvenance = '' | 'review' | 'theory' | 'data';
export type CmocConfidence = '' | 'low' | 'medium' | 'high';

export interface Evidence {
  id: number;
  guid: string;
  cmocId: number;
  part: CmocPart;
  /** null once the source was deleted. */
  sourceId: number | null;
  sourceName: string;
  start: number;
  end: number;
  codingId: number | null;
  /** The passage's words now (or as they were, when lost). */
  quote: string;
  /** Built from the project's attribution template ('' when the source is gone). */
  attribution: string;
  /** '' when sound; what was deleted otherwise. */
  lost: '' | 'source' | 'coding' | 'text';
}

export interface CmocFields {
  title: string;
  conceptId: number | null;
  context: string;
  mechanism: string;
  resource: string;
  reasoning: string;
  outcome: string;
  /** The If–Then–Because statement as edited; null while it is drafted from the parts. */
  statement: string | null;
  provenance: CmocProvenance;
  status: CmocStatus;
  statusReason: string;
  confidence: CmocConfidence;
  notes: string;
}

export interface Cmoc extends CmocFields {
  id: number;
  guid: string;
  conceptName: string | null;
  /** The statement shown: the edited one, or one drafted from the parts. */
  shownStatement: string;
  /** Parts with no text and no evidence, e.g. ['mechanism'] ('mechanism' counts as present when resource or reasoning is). */
  missing: ('context' | 'mechanism' | 'outcome')[];
  /** Evidence counts by part. */
  evidence: Record<CmocPart, number>;
  /** Evidence whose source, coding or words were deleted. */
  lostEvidence: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CmocDetail extends Cmoc {
  evidenceItems: Evidence[];
}

export interface CmocHistoryEntry {
  version: number;
  action: 'created' | 'edited' | 'status' | 'evidence added' | 'evidence removed' | 'deleted';
  before: Partial<CmocFields> | null;
  after: Partial<CmocFields> | null;
  /** Evidence added or removed, as "quote (source)". */
  evidence: string | null;
  reason: string;
  by: string;
  at: string;
}

export type ExportFormat = 'docx' | 'md' | 'csv' | 'html';
