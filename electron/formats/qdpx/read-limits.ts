/**
 * What the REFI-QDA reader refuses, and the error it refuses with. Every limit is far above what
 * a real project needs (a 10M-word project is ~60 MB of text and ~40 MB of XML) and far below
 * what would hurt the machine, so a hostile or broken file fails fast with a clear sentence.
 */
import { WeftError } from '../../../db/errors.js';

export type RefiErrorCode =
  | 'not-qdpx' // not a zip and not REFI-QDA XML, or no project inside
  | 'not-qdc' // not a codebook
  | 'unsafe' // zip-slip, DOCTYPE/entities, overlapping entries, size lies
  | 'too-large' // beyond one of the limits below
  | 'malformed' // damaged zip, XML that is not well-formed
  | 'unsupported'; // encryption or a compression method we cannot inflate

/** A file the reader refuses. `message` is written for the researcher, not the developer. */
export class RefiError extends WeftError {
  constructor(
    override readonly code: RefiErrorCode,
    message: string,
  ) {
    super(code, message);
    this.name = 'RefiError';
  }
}

const MiB = 1024 * 1024;

/** Sum of every byte the reader inflates from one archive (the standard's own per-file cap). */
export const MAX_TOTAL_INFLATED_BYTES = 2 * 1024 * MiB;
/** One entry (the project XML or one source file) after inflation. */
export const MAX_ENTRY_INFLATED_BYTES = 512 * MiB;
/** Entries in the central directory (a project with 20,000 sources stays well below). */
export const MAX_ZIP_ENTRIES = 50_000;
/** Inflated/compressed ratio above which an entry is treated as a zip bomb. Ordinary text and
 *  XML compress 3-20x; deflate cannot exceed ~1032x, so bombs sit right at the top. */
export const MAX_COMPRESSION_RATIO = 200;
/** Entries smaller than this are not ratio-checked: a 1 KB file of spaces is not a bomb. */
export const RATIO_CHECK_FLOOR_BYTES = 1 * MiB;
/** Nesting of XML elements; real files nest codes a dozen levels at most. */
export const MAX_XML_DEPTH = 256;
/** Characters in one attribute value (names, paths, GUIDs are short; 1 MiB is absurd). */
export const MAX_ATTRIBUTE_LENGTH = 1 * MiB;
/** Characters in one text element (Description, PlainTextContent of a note or source). */
export const MAX_TEXT_ELEMENT_LENGTH = 256 * MiB;
/** A file read from disk for a relative:// or absolute:// path. */
export const MAX_EXTERNAL_FILE_BYTES = 256 * MiB;

export interface ReadLimits {
  totalInflatedBytes: number;
  entryInflatedBytes: number;
  entries: number;
  compressionRatio: number;
  ratioCheckFloorBytes: number;
  xmlDepth: number;
  attributeLength: number;
  textElementLength: number;
}

export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  totalInflatedBytes: MAX_TOTAL_INFLATED_BYTES,
  entryInflatedBytes: MAX_ENTRY_INFLATED_BYTES,
  entries: MAX_ZIP_ENTRIES,
  compressionRatio: MAX_COMPRESSION_RATIO,
  ratioCheckFloorBytes: RATIO_CHECK_FLOOR_BYTES,
  xmlDepth: MAX_XML_DEPTH,
  attributeLength: MAX_ATTRIBUTE_LENGTH,
  textElementLength: MAX_TEXT_ELEMENT_LENGTH,
});

/** "12.3 MB" for messages. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < MiB) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * MiB) return `${(n / MiB).toFixed(1)} MB`;
  return `${(n / (1024 * MiB)).toFixed(2)} GB`;
}
