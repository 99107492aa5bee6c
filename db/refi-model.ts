/**
 * The REFI-QDA project as Weft reads and writes it: the meeting point of the format layer
 * (zip + XML, electron/formats/qdpx `read.ts` / `write.ts`) and the project mapping
 * (`db/queries/refi/`).
 *
 * Conventions, so neither side has to guess:
 * - GUIDs are lower-case, without braces (the reader normalises `{ABC-…}` to `abc-…`).
 * - Every text offset in this model is a UTF-16 code-unit index into `TextDoc.text`, which is
 *   the text exactly as Weft stores it (through `normaliseText`: LF line ends, no BOM). The
 *   reader converts from whatever the file used (code points, NVivo's UTF-16 with CRLF as 2…)
 *   and reports which convention it detected; the writer converts to code points.
 * - Dates are ISO 8601 strings or undefined.
 * - Anything a file carries that Weft cannot hold goes into `RefiProject.skipped` as a sentence
 *   a user can read ("2 picture sources imported without their selections").
 */

export type Guid = string;

export interface RefiUser {
  guid: Guid;
  name: string;
  id?: string;
}

export interface RefiCode {
  guid: Guid;
  name: string;
  /** `#rrggbb`, lower-case; the reader converts rgb() and 3-digit forms. */
  color?: string;
  description?: string;
  /** isCodable=false: a folder in the hierarchy. */
  codable: boolean;
  children: RefiCode[];
  noteRefs: Guid[];
}

export type VariableType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date' | 'DateTime';

export interface RefiVariable {
  guid: Guid;
  name: string;
  type: VariableType;
  description?: string;
}

export interface RefiVariableValue {
  variable: Guid;
  value: string | number | boolean;
}

export interface RefiCoding {
  guid: Guid;
  code: Guid;
  creatingUser?: Guid;
  created?: string;
}

/** A passage of a text source: `[start, end)` in UTF-16 units of the stored text. */
export interface RefiSelection {
  guid: Guid;
  name?: string;
  start: number;
  end: number;
  description?: string;
  creatingUser?: Guid;
  created?: string;
  codings: RefiCoding[];
  noteRefs: Guid[];
}

/** How the file counted offsets, as detected by the reader. */
export type OffsetConvention =
  | 'codepoints' // the standard
  | 'utf16-crlf2' // NVivo for Windows: UTF-16 units, CRLF counted as 2, BOM not counted
  | 'codepoints-crlf1' // ATLAS.ti: code points, CRLF counted as 1
  | 'utf16'; // UTF-16 units, LF text

export interface TextDoc {
  guid: Guid;
  name: string;
  /** What kind of source it came from: a text, a PDF's text representation, a transcript. */
  origin: 'text' | 'pdf' | 'transcript' | 'note';
  description?: string;
  text: string;
  convention?: OffsetConvention;
  creatingUser?: Guid;
  created?: string;
  modified?: string;
  selections: RefiSelection[];
  /** Codings of the whole source (REFI `Coding` directly under the source). */
  codings: RefiCoding[];
  noteRefs: Guid[];
  values: RefiVariableValue[];
  /** The original file's bytes, when the archive carries one (e.g. the PDF). */
  original?: { name: string; bytes: Uint8Array };
}

/** A source Weft keeps by name only (picture, audio, video without a transcript). */
export interface MediaDoc {
  guid: Guid;
  name: string;
  kind: 'picture' | 'audio' | 'video' | 'pdf';
  description?: string;
  skippedSelections: number;
  values: RefiVariableValue[];
}

export interface RefiCase {
  guid: Guid;
  name: string;
  description?: string;
  codeRefs: Guid[];
  values: RefiVariableValue[];
  sourceRefs: Guid[];
  selectionRefs: Guid[];
}

export interface RefiNote {
  guid: Guid;
  name: string;
  description?: string;
  text: string;
  creatingUser?: Guid;
  created?: string;
  modified?: string;
  /** Passages inside the note itself (rare; kept as text only by Weft). */
  selections: RefiSelection[];
}

export interface RefiSet {
  guid: Guid;
  name: string;
  description?: string;
  codes: Guid[];
  sources: Guid[];
  notes: Guid[];
}

export interface RefiLink {
  guid: Guid;
  name?: string;
  direction?: 'Associative' | 'OneWay' | 'Bidirectional';
  color?: string;
  origin: Guid;
  target: Guid;
  noteRefs: Guid[];
}

export interface RefiVertex {
  guid: Guid;
  representedGUID?: Guid;
  name?: string;
  x: number;
  y: number;
  width?: number;
  height?: number;
  color?: string;
  shape?: string;
}

export interface RefiEdge {
  guid: Guid;
  source: Guid;
  target: Guid;
  name?: string;
  direction?: 'Associative' | 'OneWay' | 'Bidirectional';
  color?: string;
}

export interface RefiGraph {
  guid: Guid;
  name?: string;
  vertices: RefiVertex[];
  edges: RefiEdge[];
}

export interface RefiProject {
  name: string;
  origin?: string;
  description?: string;
  creatingUser?: Guid;
  created?: string;
  modified?: string;
  users: RefiUser[];
  codes: RefiCode[];
  variables: RefiVariable[];
  cases: RefiCase[];
  texts: TextDoc[];
  media: MediaDoc[];
  notes: RefiNote[];
  /** Notes attached to the project itself (`Project/NoteRef`). */
  projectNoteRefs: Guid[];
  links: RefiLink[];
  sets: RefiSet[];
  graphs: RefiGraph[];
  /** Sentences for the import summary: what was skipped and why. */
  skipped: string[];
  warnings: string[];
}

/** A REFI-QDA codebook (.qdc). */
export interface RefiCodebook {
  origin?: string;
  codes: RefiCode[];
  sets: RefiSet[];
  skipped: string[];
  warnings: string[];
}

export function emptyProject(name: string): RefiProject {
  return {
    name,
    users: [],
    codes: [],
    variables: [],
    cases: [],
    texts: [],
    media: [],
    notes: [],
    projectNoteRefs: [],
    links: [],
    sets: [],
    graphs: [],
    skipped: [],
    warnings: [],
  };
}
