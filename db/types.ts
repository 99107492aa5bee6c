/** Row shapes returned by db/queries. The contract re-exports these as its output types. */

export interface User {
  id: number;
  guid: string;
  name: string;
  initials: string;
}

export interface SourceSummary {
  id: number;
  guid: string;
  name: string;
  kind: string;
  /** Folder path like "Interviews/Site 2" ('' for none). */
  folder: string;
  length: number;
  codings: number;
}

export interface Source extends SourceSummary {
  text: string;
  words: number;
  /** The editor's JSON for sources written or edited in Weft (formatting); null for imported text. */
  rich: string | null;
  createdAt: string;
}

export interface Code {
  id: number;
  guid: string;
  parentId: number | null;
  name: string;
  color: string;
  /** The definition. */
  description: string;
  inclusion: string;
  exclusion: string;
  example: string;
  /** '' when unspecified. */
  origin: '' | 'deductive' | 'inductive';
  /** Codings with this code itself. */
  codings: number;
  /** Sources with at least one coding of this code itself. */
  sources: number;
  /** Codings of this code and all its descendants. */
  totalCodings: number;
  /** Distinct sources coded with this code or any descendant. */
  totalSources: number;
}

export interface Coding {
  id: number;
  guid: string;
  sourceId: number;
  codeId: number;
  start: number;
  end: number;
  coderId: number;
  createdAt: string;
}

export interface Excerpt {
  codingId: number;
  sourceId: number;
  sourceName: string;
  codeId: number;
  codeName: string;
  start: number;
  end: number;
  text: string;
  /** Some words of context before and after the passage (cut at word boundaries; '' at an edge). */
  before: string;
  after: string;
  coderId: number;
  coder: string;
  createdAt: string;
  /** Built from the project's attribution template, e.g. "(Site 2, LW02, follow-up interview)". */
  attribution: string;
}

export interface Memo {
  id: number;
  guid: string;
  title: string;
  /** Plain text of the memo (searchable). */
  body: string;
  /** The editor's JSON (formatting), or null for plain text. */
  rich: string | null;
  targetType: 'project' | 'source' | 'code' | 'case' | 'coding' | null;
  targetId: number | null;
  /** What the target is called ("Trust", "LW02 interview"), or null. */
  targetName: string | null;
  /** Number of linked passages. */
  passages: number;
  createdAt: string;
  updatedAt: string;
}

export interface Stats {
  sources: number;
  codes: number;
  codings: number;
  users: number;
  cases: number;
  attributes: number;
  concepts: number;
  cmocs: number;
}

export interface ProjectMeta {
  guid: string;
  name: string;
  createdAt: string;
}
