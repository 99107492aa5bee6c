/**
 * Selection offsets from REFI-QDA files, converted into Weft's: UTF-16 indices into the text as
 * Weft stores it (no BOM, LF line ends). The standard counts Unicode code points, but real tools
 * differ in two independent ways: whether they count code points or UTF-16 units (only astral
 * characters such as emoji tell them apart), and whether a CRLF line end counts as one or two
 * (only texts with CRLF tell them apart). So a file's convention is one of four, and when a text
 * has neither astral characters nor CRLF all four agree and conversion is the identity.
 *
 * Conversion is event-based: the only places where a raw offset and a stored index drift apart
 * are CRLF line ends and astral characters, so we list those once per text (sorted) and map any
 * offset with a binary search. That keeps 200k selections over 60 MB of text fast.
 */
import type { OffsetConvention } from './model.js';

export interface RawRange {
  start: number;
  end: number;
}

/** Where the stored text differs from what a tool may have counted. */
export interface TextShape {
  /** Length of the stored text in UTF-16 units. */
  length: number;
  /** Stored indices of `\n` characters that were a CRLF in the file. */
  crlfAt: Int32Array;
  /** Stored indices of the high surrogate of each astral character. */
  astralAt: Int32Array;
}

export const CONVENTIONS: readonly OffsetConvention[] = [
  'codepoints',
  'utf16-crlf2',
  'codepoints-crlf1',
  'utf16',
];

const countsCodePoints = (c: OffsetConvention): boolean =>
  c === 'codepoints' || c === 'codepoints-crlf1';
const countsCrlfAsTwo = (c: OffsetConvention): boolean => c === 'codepoints' || c === 'utf16-crlf2';

/** A sentence for the import summary. */
export function describeConvention(c: OffsetConvention): string {
  switch (c) {
    case 'codepoints':
      return 'Unicode code points (the standard)';
    case 'utf16-crlf2':
      return 'UTF-16 units with CRLF line ends counted as 2 (as NVivo for Windows writes)';
    case 'codepoints-crlf1':
      return 'code points with CRLF line ends counted as 1 (as ATLAS.ti writes)';
    case 'utf16':
      return 'UTF-16 units';
  }
}

/** The convention a tool is known to write, from the project's `origin` attribute. */
export function conventionHint(origin: string | undefined): OffsetConvention {
  const o = (origin ?? '').toLowerCase();
  if (o.includes('nvivo') && !/\bmac\b|macos|os x/.test(o)) return 'utf16-crlf2';
  if (o.includes('atlas')) return 'codepoints-crlf1';
  return 'codepoints';
}

/**
 * The stored form of a decoded text (one leading BOM dropped, CRLF and lone CR made LF: the same
 * rules as `normaliseText`) plus its shape. `raw` is the text as decoded from the file.
 */
export function storedText(raw: string): { text: string; shape: TextShape } {
  const body = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const crlf: number[] = [];
  let text = body;
  if (body.includes('\r')) {
    // Stored index of a CRLF's \n = raw index of its \r minus the CRLFs before it.
    for (let at = body.indexOf('\r'); at >= 0; at = body.indexOf('\r', at + 1)) {
      if (body.charCodeAt(at + 1) === 10) crlf.push(at - crlf.length);
    }
    text = body.replace(/\r\n?/g, '\n');
  }
  const astral: number[] = [];
  if (/[\uD800-\uDBFF]/.test(text)) {
    const pattern = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) astral.push(m.index);
  }
  return {
    text,
    shape: {
      length: text.length,
      crlfAt: Int32Array.from(crlf),
      astralAt: Int32Array.from(astral),
    },
  };
}

/** Conventions that give different answers on this text (the first of each equivalent group). */
export function distinctConventions(shape: TextShape): OffsetConvention[][] {
  const crlf = shape.crlfAt.length > 0;
  const astral = shape.astralAt.length > 0;
  if (crlf && astral) return CONVENTIONS.map((c) => [c]);
  if (crlf)
    return [
      ['codepoints', 'utf16-crlf2'],
      ['codepoints-crlf1', 'utf16'],
    ];
  if (astral)
    return [
      ['codepoints', 'codepoints-crlf1'],
      ['utf16-crlf2', 'utf16'],
    ];
  return [[...CONVENTIONS]];
}

/** Maps raw offsets of one convention to stored UTF-16 indices. */
export class OffsetMapper {
  /** Raw length of the text under this convention. */
  readonly rawLength: number;
  /** How many positions fell inside a CRLF or a surrogate pair and were moved to its edge. */
  snapped = 0;
  private readonly at: Int32Array; // stored index of each event
  private readonly rawAt: Float64Array; // raw offset where each event starts
  private readonly width: Uint8Array; // raw width of each event (the stored width is 1 or 2)
  private readonly shift: Float64Array; // raw minus stored, after each event

  constructor(
    private readonly text: string,
    shape: TextShape,
    readonly convention: OffsetConvention,
  ) {
    // Events where raw and stored widths differ: CRLF (1 stored, 2 raw) and astral characters
    // (2 stored, 1 raw). Merge the two sorted lists.
    const crlf = countsCrlfAsTwo(convention) ? shape.crlfAt : new Int32Array(0);
    const astral = countsCodePoints(convention) ? shape.astralAt : new Int32Array(0);
    const n = crlf.length + astral.length;
    this.at = new Int32Array(n);
    this.rawAt = new Float64Array(n);
    this.width = new Uint8Array(n);
    this.shift = new Float64Array(n);
    let i = 0;
    let j = 0;
    let shift = 0;
    for (let k = 0; k < n; k++) {
      const takeCrlf = j >= astral.length || (i < crlf.length && crlf[i]! < astral[j]!);
      const stored = takeCrlf ? crlf[i++]! : astral[j++]!;
      this.at[k] = stored;
      this.rawAt[k] = stored + shift;
      this.width[k] = takeCrlf ? 2 : 1;
      shift += takeCrlf ? 1 : -1;
      this.shift[k] = shift;
    }
    this.rawLength = shape.length + shift;
  }

  /**
   * The stored index for a raw offset, or -1 when it lies beyond the text. A start inside a
   * CRLF or surrogate pair moves to its beginning, an end to its end.
   */
  map(raw: number, side: 'start' | 'end'): number {
    if (raw < 0 || raw > this.rawLength) return -1;
    // Last event starting strictly before `raw`.
    let lo = 0;
    let hi = this.rawAt.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.rawAt[mid]! < raw) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let stored: number;
    if (found < 0) stored = raw;
    else if (raw < this.rawAt[found]! + this.width[found]!) {
      // Between the CR and the LF of a CRLF counted as two.
      this.snapped++;
      stored = side === 'start' ? this.at[found]! : this.at[found]! + 1;
    } else stored = raw - this.shift[found]!;
    return this.snapSurrogate(stored, side);
  }

  // Under UTF-16 counting an offset can split an emoji; keep the whole character.
  private snapSurrogate(stored: number, side: 'start' | 'end'): number {
    if (stored <= 0 || stored >= this.text.length) return stored;
    const c = this.text.charCodeAt(stored);
    if (c < 0xdc00 || c > 0xdfff) return stored;
    const before = this.text.charCodeAt(stored - 1);
    if (before < 0xd800 || before > 0xdbff) return stored;
    this.snapped++;
    return side === 'start' ? stored - 1 : stored + 1;
  }
}

export interface ConvertedSelections {
  convention: OffsetConvention;
  /** Stored ranges in input order; undefined where the selection fell outside the text. */
  ranges: (RawRange | undefined)[];
  /** Selections starting beyond the end of the text (dropped). */
  outside: number;
  /** Selections ending beyond the end of the text (cut at the end). */
  clamped: number;
  /** True when the result equals reading the offsets as the standard says (code points). */
  standardEquivalent: boolean;
}

/**
 * Detects the convention of `selections` over `text` and converts them. The convention that
 * keeps every selection inside the text wins; among those, the one whose selections start and
 * end on word or line boundaries most often (tools let people select words, not half-words);
 * ties go to the tool's known habit (`hint`), then to the standard.
 */
export function convertSelections(
  text: string,
  shape: TextShape,
  selections: readonly RawRange[],
  hint: OffsetConvention = 'codepoints',
): ConvertedSelections {
  const groups = distinctConventions(shape);
  let best:
    | {
        mapper: OffsetMapper;
        outside: number;
        score: number;
        hinted: boolean;
        group: OffsetConvention[];
      }
    | undefined;
  for (const group of groups) {
    const hinted = group.includes(hint);
    const convention = hinted ? hint : group[0]!;
    const mapper = new OffsetMapper(text, shape, convention);
    if (groups.length === 1) {
      best = { mapper, outside: 0, score: 0, hinted, group };
      break;
    }
    let outside = 0;
    let score = 0;
    for (const s of selections) {
      if (s.start > mapper.rawLength || s.end > mapper.rawLength) {
        outside++;
        continue;
      }
      score += boundaryScore(text, mapper.map(s.start, 'start'));
      score += boundaryScore(text, mapper.map(s.end, 'end'));
    }
    score -= 2 * mapper.snapped;
    const better =
      !best ||
      outside < best.outside ||
      (outside === best.outside && score > best.score) ||
      (outside === best.outside && score === best.score && hinted && !best.hinted);
    if (better) best = { mapper, outside, score, hinted, group };
  }
  const mapper = new OffsetMapper(text, shape, best!.mapper.convention);
  let outside = 0;
  let clamped = 0;
  const ranges = selections.map((s): RawRange | undefined => {
    const start = mapper.map(s.start, 'start');
    if (start < 0) {
      outside++;
      return undefined;
    }
    let end = mapper.map(s.end, 'end');
    if (end < 0) {
      clamped++;
      end = text.length;
    }
    return { start, end: Math.max(start, end) };
  });
  return {
    convention: mapper.convention,
    ranges,
    outside,
    clamped,
    standardEquivalent: best!.group.includes('codepoints'),
  };
}

/** 1 when `at` is a plausible edge of a selection: not strictly inside a word. */
function boundaryScore(text: string, at: number): number {
  if (at <= 0 || at >= text.length) return 1;
  return isWordUnit(text.charCodeAt(at - 1)) && isWordUnit(text.charCodeAt(at)) ? 0 : 1;
}

const WORD = /[\p{L}\p{N}\p{M}]/u;

function isWordUnit(code: number): boolean {
  if (code < 0x80)
    return (
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a)
    );
  // Surrogates: a position between two halves is never a boundary.
  if (code >= 0xd800 && code <= 0xdfff) return true;
  return WORD.test(String.fromCharCode(code));
}
