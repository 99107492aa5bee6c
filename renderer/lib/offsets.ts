// Source text <-> what the reader shows. A source's plain text is the truth; the reader shows
// one paragraph per non-blank line, and a coding is [start, end) in UTF-16 units of the text.

export interface Paragraph {
  start: number;
  end: number;
  /** Length of a leading speaker label such as "LW02: " (0 when the line has none). */
  speakerLength: number;
}

// A speaker label at the start of a line: an optional "[00:01:02] ", then up to four words that
// each start with a capital or a digit ("Interviewer", "LW02", "Dr Shah", "Ana María"), then
// ": ". Words in lower case ("She said: yes") are prose, not a speaker.
const SPEAKER =
  /^(?:\[\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\]\s*)?(?:\p{Lu}[\p{L}\p{M}\p{N}.'’-]*|\p{N}+)(?: (?:\p{Lu}[\p{L}\p{M}\p{N}.'’-]*|\p{N}+)){0,3}:[ \t]+/u;

export function speakerLength(line: string): number {
  const m = SPEAKER.exec(line);
  return m && m[0].length < line.length ? m[0].length : 0;
}

/** The paragraphs of a text: each non-blank line, with its offsets. */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (line.trim()) out.push({ start, end, speakerLength: speakerLength(line) });
    start = end + 1;
  }
  return out;
}

/** Index of the paragraph holding `offset`, or of the nearest one after it (binary search). */
export function paragraphAt(paras: readonly Paragraph[], offset: number): number {
  let lo = 0;
  let hi = paras.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paras[mid]!.end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A point in the reader as a pure model: paragraph `index`, `within` UTF-16 units into its
 * text. The DOM layer below turns it into a text node and offset and back.
 */
export interface ParaPoint {
  index: number;
  within: number;
}

/**
 * Where source offset `offset` falls in the paragraphs. An offset in the gap between two
 * paragraphs (a newline, a blank line) goes to the start of the next one, except for the end
 * of a range (`isEnd`), which stays at the end of the paragraph before, so a range never
 * spills into a paragraph it does not cover.
 */
export function offsetToPoint(
  paras: readonly Paragraph[],
  offset: number,
  isEnd: boolean,
): ParaPoint | null {
  if (!paras.length) return null;
  let index = paragraphAt(paras, offset);
  let p = paras[index]!;
  if (offset < p.start && isEnd && index > 0) p = paras[--index]!;
  return { index, within: Math.min(Math.max(offset - p.start, 0), p.end - p.start) };
}

/** The source offset of a point in paragraph `index` (clamped to that paragraph). */
export function pointToOffset(paras: readonly Paragraph[], point: ParaPoint): number | null {
  const p = paras[point.index];
  if (!p) return null;
  return p.start + Math.min(Math.max(point.within, 0), p.end - p.start);
}

/**
 * Which of a paragraph's text pieces (lengths in order, e.g. a speaker label then the turn)
 * holds `within`, and where in it. A point on a boundary goes to the end of the earlier piece.
 */
export function pieceAt(lengths: readonly number[], within: number): { piece: number; at: number } {
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i]!;
    if (within <= len) return { piece: i, at: Math.max(within, 0) };
    within -= len;
  }
  const last = lengths.length - 1;
  return last < 0 ? { piece: -1, at: 0 } : { piece: last, at: lengths[last]! };
}

/** The inverse of pieceAt: units of the paragraph before `at` in piece `piece`. */
export function withinOf(lengths: readonly number[], piece: number, at: number): number {
  let n = 0;
  for (let i = 0; i < piece && i < lengths.length; i++) n += lengths[i]!;
  return n + at;
}

/** Text length of everything inside `root` that comes before (node, offset). */
export function textOffsetWithin(root: Node, node: Node, offset: number): number {
  if (node.nodeType !== Node.TEXT_NODE) {
    // A point between children: count the text of the children before it.
    let n = 0;
    for (let i = 0; i < offset && i < node.childNodes.length; i++)
      n += node.childNodes[i]!.textContent?.length ?? 0;
    return (node === root ? 0 : textOffsetWithin(root, node, 0)) + n;
  }
  const texts = textNodes(root);
  const i = texts.indexOf(node as Text);
  if (i < 0) return texts.reduce((n, t) => n + t.length, 0);
  return withinOf(
    texts.map((t) => t.length),
    i,
    offset,
  );
}

/** The DOM point at `offset` characters into `root`'s text. */
export function domPointWithin(root: Node, offset: number): { node: Node; offset: number } {
  const texts = textNodes(root);
  const { piece, at } = pieceAt(
    texts.map((t) => t.length),
    offset,
  );
  const node = texts[piece];
  return node ? { node, offset: at } : { node: root, offset: 0 };
}

function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) out.push(t as Text);
  return out;
}

/**
 * The reader's DOM half: maps source offsets to DOM points and ranges and back, given one
 * element per paragraph (in order) from `elementsOf`. The reader is read-only and rebuilt when
 * its text changes, so the elements are read once and kept while they stay in the document.
 */
export class ReaderMap {
  private cached: HTMLElement[] = [];
  private indexOf = new Map<Node, number>();
  /** Each paragraph's text nodes, read on first use (painting needs thousands of points). */
  private texts: (Text[] | undefined)[] = [];

  constructor(
    readonly text: string,
    readonly paragraphs: readonly Paragraph[],
    private readonly elementsOf: () => HTMLElement[],
  ) {}

  elements(): HTMLElement[] {
    const c = this.cached;
    if (c.length === this.paragraphs.length && c.length > 0 && c[0]!.isConnected) return c;
    this.cached = this.elementsOf();
    this.indexOf = new Map(this.cached.map((el, i) => [el, i]));
    this.texts = [];
    return this.cached;
  }

  /** The DOM point of a source offset (see offsetToPoint for offsets between lines). */
  pointAt(offset: number, isEnd: boolean): { node: Node; offset: number } | null {
    const els = this.elements();
    const point = offsetToPoint(this.paragraphs, offset, isEnd);
    const el = point && els[point.index];
    if (!el) return null;
    const texts = (this.texts[point.index] ??= textNodes(el));
    const { piece, at } = pieceAt(
      texts.map((t) => t.length),
      point.within,
    );
    const node = texts[piece];
    return node ? { node, offset: at } : { node: el, offset: 0 };
  }

  rangeFor(start: number, end: number): Range | null {
    const a = this.pointAt(start, false);
    const b = this.pointAt(end, true);
    if (!a || !b) return null;
    const range = document.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    return range;
  }

  /** Index of the paragraph whose element holds `node`, or -1. */
  paragraphOf(node: Node | null): number {
    this.elements();
    for (let n = node; n; n = n.parentNode) {
      const i = this.indexOf.get(n);
      if (i !== undefined) return i;
    }
    return -1;
  }

  /** The source offset of a DOM point in the reader, or null when it is outside the text. */
  offsetOf(root: Node, node: Node, offset: number): number | null {
    const els = this.elements();
    if (!els.length) return null;
    if (!root.contains(node)) return null;
    if (!this.indexOf.has(node) && node.nodeType !== Node.TEXT_NODE && this.paragraphOf(node) < 0) {
      // A point between blocks (e.g. the root's children): the paragraph starting after it.
      const after = node.childNodes[offset];
      if (!after) return this.paragraphs[this.paragraphs.length - 1]!.end;
      for (let i = 0; i < els.length; i++) {
        const el = els[i]!;
        if (after === el || after.contains(el)) return this.paragraphs[i]!.start;
        if (after.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)
          return this.paragraphs[i]!.start;
      }
      return this.paragraphs[this.paragraphs.length - 1]!.end;
    }
    const i = this.paragraphOf(node);
    if (i < 0) return null;
    return pointToOffset(this.paragraphs, {
      index: i,
      within: textOffsetWithin(els[i]!, node, offset),
    });
  }
}

/** Clamps a selection to whole characters so it never splits a surrogate pair. */
export function clampToCharacters(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } {
  const low = (i: number) => {
    const c = text.charCodeAt(i);
    return c >= 0xdc00 && c <= 0xdfff;
  };
  if (start > 0 && low(start)) start -= 1;
  if (end < text.length && low(end)) end += 1;
  return { start, end };
}

/** Trims whitespace off both ends of a selection, as researchers expect when coding. */
export function trimRange(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

// Grapheme clusters: what a reader sees as one character ("é" as e + ◌́, "👋🏽", a flag, a
// family emoji joined with ZWJ). A coding should never cut one in half.
const graphemes =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : null;
/** How far either side of an offset we look for cluster boundaries (clusters are short). */
const CLUSTER_WINDOW = 64;

/** The start of the grapheme cluster holding `i`, or `i` itself when it is a boundary. */
function clusterStart(text: string, i: number): number {
  if (i <= 0 || i >= text.length || !graphemes) return i;
  const from = Math.max(0, i - CLUSTER_WINDOW);
  let start = from;
  for (const seg of graphemes.segment(
    text.slice(from, Math.min(text.length, i + CLUSTER_WINDOW)),
  )) {
    const s = from + seg.index;
    if (s > i) break;
    start = s;
  }
  return start;
}

/** The end of the grapheme cluster holding `i` (a boundary stays where it is). */
function clusterEnd(text: string, i: number): number {
  const s = clusterStart(text, i);
  if (s === i || !graphemes) return i;
  for (const seg of graphemes.segment(text.slice(s, Math.min(text.length, s + CLUSTER_WINDOW))))
    return s + seg.segment.length;
  return i;
}

/**
 * Widens [start, end) to whole grapheme clusters, so a coding never splits an emoji with its
 * skin tone or a letter from its accent. Also keeps surrogate pairs whole.
 */
export function clampToGraphemes(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } {
  const c = clampToCharacters(text, start, end);
  return { start: clusterStart(text, c.start), end: Math.max(clusterEnd(text, c.end), c.start) };
}

/** A selection between two source offsets (either order) as a coding's range, or null. */
export function selectionRange(
  text: string,
  a: number,
  b: number,
): { start: number; end: number } | null {
  const lo = Math.max(0, Math.min(a, b, text.length));
  const hi = Math.min(text.length, Math.max(a, b));
  const trimmed = trimRange(text, lo, hi);
  const r = clampToGraphemes(text, trimmed.start, trimmed.end);
  return r.end > r.start ? r : null;
}

/** Longest in-vivo code name, in characters (the user can rename it afterwards). */
export const IN_VIVO_MAX = 60;

/**
 * The selected words as a code name (in-vivo coding): whitespace collapsed, trimmed, and cut
 * at a word boundary to at most IN_VIVO_MAX characters without splitting a character.
 */
export function inVivoName(selected: string): string {
  // Only the start matters, however long the selection.
  const words = selected
    .slice(0, IN_VIVO_MAX * 16)
    .replace(/\s+/gu, ' ')
    .trim();
  if (words.length <= IN_VIVO_MAX) return words;
  const chars = graphemes
    ? Array.from(graphemes.segment(words.slice(0, IN_VIVO_MAX * 8)), (s) => s.segment)
    : Array.from(words);
  if (chars.length <= IN_VIVO_MAX) return words;
  const cut = chars.slice(0, IN_VIVO_MAX + 1).join('');
  // The name may end exactly at a word's end: cut at the last space within the limit.
  const space = cut.lastIndexOf(' ');
  const kept = chars.slice(0, IN_VIVO_MAX).join('');
  return (space >= kept.length / 2 ? cut.slice(0, space) : kept).trim();
}
