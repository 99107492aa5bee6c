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

/** Text length of everything inside `root` that comes before (node, offset). */
export function textOffsetWithin(root: Node, node: Node, offset: number): number {
  if (node.nodeType !== Node.TEXT_NODE) {
    // A point between children: count the text of the children before it.
    let n = 0;
    for (let i = 0; i < offset && i < node.childNodes.length; i++)
      n += node.childNodes[i]!.textContent?.length ?? 0;
    return (node === root ? 0 : textOffsetWithin(root, node, 0)) + n;
  }
  let total = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (t === node) return total + offset;
    total += t.textContent?.length ?? 0;
  }
  return total;
}

/** The DOM point at `offset` characters into `root`'s text. */
export function domPointWithin(root: Node, offset: number): { node: Node; offset: number } {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let last: Node | null = null;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const len = t.textContent?.length ?? 0;
    if (offset <= len) return { node: t, offset };
    offset -= len;
    last = t;
  }
  return last ? { node: last, offset: last.textContent?.length ?? 0 } : { node: root, offset: 0 };
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
