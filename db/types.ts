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
  description: string;
  codings: number;
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
  start: number;
  end: number;
  text: string;
  coder: string;
  createdAt: string;
}

export interface Memo {
  id: number;
  guid: string;
  title: string;
  body: string;
  targetType: 'project' | 'source' | 'code' | 'coding' | null;
  targetId: number | null;
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
}

export interface ProjectMeta {
  guid: string;
  name: string;
  createdAt: string;
}
