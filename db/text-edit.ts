import { WeftError } from './errors.js';

/**
 * Text edits and how they move offsets. Pure: no database, so the renderer's tests and the db
 * share one definition of where a coding goes when its source changes.
 *
 * Offsets are UTF-16 units of the OLD text (see ARCHITECTURE "Text and offsets"). All edits of
 * one call are against the same old text, may come in any order, must not overlap, and may
 * touch (a replacement may end where the next one starts; an insertion may sit at either end of
 * a replacement). Two insertions at the same point are refused: their order would be a guess.
 *
 * Where a range [start, end) goes, in terms of the old text's characters:
 * - It keeps every character of the range that no edit deleted or replaced ("survivors").
 * - An insertion exactly at `start` goes before the range and one exactly at `end` goes after
 *   it: typing next to a coded passage does not extend the coding.
 * - An insertion strictly inside the range, and a replacement lying within it (it may start at
 *   `start` or end at `end`), join the range: correcting a typo in coded words keeps them coded.
 * - A replacement or deletion that crosses `start` or `end` clips the range to the survivors;
 *   its new text stays outside, as those words were only partly coded.
 * - When no character of the range survives — it lay inside one deleted or replaced span, or
 *   several touching ones ate it from both sides — the range is gone: null. This is also the
 *   only way a range can end up empty, so a surviving range is never empty.
 * An empty input range has nothing to keep, and gives null.
 */

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Range {
  start: number;
  end: number;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** True when offset `i` falls between the two halves of a surrogate pair (inside an emoji). */
function splitsPair(text: string, i: number): boolean {
  return i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHigh(c) && isLow(s.charCodeAt(i + 1))) i++;
    else if (isHigh(c) || isLow(c)) return true;
  }
  return false;
}

function badEdit(message: string): WeftError {
  return new WeftError('bad_edit', message);
}

/** The edits in text order, refused unless well-formed and non-overlapping. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((x, y) => x.start - y.start || x.end - y.end);
  let prev: TextEdit | undefined;
  for (const e of sorted) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start)
      throw badEdit(`The edit [${e.start}, ${e.end}) is not a range of the text.`);
    if (typeof e.text !== 'string' || hasLoneSurrogate(e.text))
      throw badEdit('The new text of an edit holds half a character.');
    if (prev && e.start < prev.end)
      throw badEdit(`The edits at ${prev.start} and ${e.start} overlap.`);
    if (prev && e.start === e.end && prev.start === e.start && prev.end === e.start)
      throw badEdit(`Two insertions at ${e.start}: merge them into one, in the order meant.`);
    prev = e;
  }
  return sorted;
}

/** sortEdits, plus: every edit lies within `text` and cuts no character in half. */
function checkedEdits(text: string, edits: readonly TextEdit[]): TextEdit[] {
  const sorted = sortEdits(edits);
  for (const e of sorted) {
    if (e.end > text.length)
      throw badEdit(`The edit ends at ${e.end}, past the end of the text (${text.length}).`);
    if (splitsPair(text, e.start) || splitsPair(text, e.end))
      throw badEdit('The edit boundary splits a character.');
  }
  return sorted;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of checkedEdits(text, edits)) {
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Edits against the NEW text that turn it back into `oldText`: what an undo applies. Deletions
 * that touched come back as insertions at one point, which would be ambiguous as separate
 * edits, so those are merged, in order.
 */
export function invertEdits(oldText: string, edits: readonly TextEdit[]): TextEdit[] {
  const inverse: TextEdit[] = [];
  let shift = 0;
  for (const e of checkedEdits(oldText, edits)) {
    const start = e.start + shift;
    const back = { start, end: start + e.text.length, text: oldText.slice(e.start, e.end) };
    shift += e.text.length - (e.end - e.start);
    const prev = inverse[inverse.length - 1];
    if (prev && prev.start === start && prev.end === start && back.end === start)
      prev.text += back.text;
    else inverse.push(back);
  }
  return inverse;
}

/** An edit whose new text joins the range (see the rules at the top of this file). */
function joinsRange(e: TextEdit, r: Range): boolean {
  if (e.start === e.end) return r.start < e.start && e.start < r.end;
  return r.start <= e.start && e.end <= r.end;
}

/** True unless the edit lies wholly outside the range (insertions at its ends count as outside). */
export function touchesRange(e: TextEdit, r: Range): boolean {
  return joinsRange(e, r) || (e.start < r.end && e.end > r.start);
}

/** Where old offset `i` of a surviving character lands: edits ending at or before it shift it. */
function newOffset(i: number, sorted: readonly TextEdit[]): number {
  let shift = 0;
  for (const e of sorted) {
    if (e.end > i) break;
    shift += e.text.length - (e.end - e.start);
  }
  return i + shift;
}

export function transformRange(r: Range, edits: readonly TextEdit[]): Range | null {
  const sorted = sortEdits(edits);
  // First and last surviving characters of the range. Edits are sorted and disjoint, so one
  // pass each way skips every deleted span the cursor lands in.
  let first = r.start;
  for (const e of sorted) if (e.start <= first && first < e.end) first = e.end;
  if (first >= r.end) return null;
  let last = r.end - 1;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const e = sorted[i]!;
    if (e.start <= last && last < e.end) last = e.start - 1;
  }
  let start = newOffset(first, sorted);
  let end = newOffset(last, sorted) + 1;
  let shift = 0;
  for (const e of sorted) {
    if (e.text.length > 0 && joinsRange(e, r)) {
      start = Math.min(start, e.start + shift);
      end = Math.max(end, e.start + shift + e.text.length);
    }
    shift += e.text.length - (e.end - e.start);
  }
  return { start, end };
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const isWordAt = (s: string, i: number) => i >= 0 && i < s.length && WORD_CHAR.test(s[i]!);

/**
 * Common prefix and suffix lengths of a and b that never end inside a surrogate pair or inside
 * a word: deleting a false start ("we well" -> "well") must read as deleting "we ", not as
 * cutting letters off the next word (and off a coding that starts there).
 */
function commonEnds(a: string, b: string): [number, number] {
  let [p, q] = commonChars(a, b);
  while (p > 0 && isWordAt(a, p - 1) && (isWordAt(a, p) || isWordAt(b, p))) p--;
  while (
    q > 0 &&
    isWordAt(a, a.length - q) &&
    (isWordAt(a, a.length - q - 1) || isWordAt(b, b.length - q - 1))
  )
    q--;
  return [p, q];
}

/** Common prefix and suffix lengths in characters (never inside a surrogate pair). */
function commonChars(a: string, b: string): [number, number] {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (p > 0 && isHigh(a.charCodeAt(p - 1))) p--;
  let q = 0;
  while (q < max - p && a.charCodeAt(a.length - 1 - q) === b.charCodeAt(b.length - 1 - q)) q++;
  if (q > 0 && isLow(a.charCodeAt(a.length - q))) q--;
  return [p, q];
}

/** Lines, newline included: a transcript's turns, the first level of a diff. */
const LINE = /[^\n]*\n|[^\n]+/g;
/** Words, runs of spaces, and single other characters (a whole emoji is one token). */
const WORD = /[\p{L}\p{N}\p{M}_]+|\s+|[\s\S]/gu;

/**
 * How many tokens may differ before a diff level gives up and hands the whole stretch to the
 * level below. Myers costs (tokens x steps) time and steps squared memory; these keep a
 * 1 MB transcript under a few hundred milliseconds.
 */
const MAX_LINE_STEPS = 1000;
const MAX_WORD_STEPS = 400;

/**
 * Edits that turn oldText into newText. Unchanged words between two changes are kept out of
 * the edits: a single prefix/suffix edit spanning two far-apart typo fixes would delete every
 * coding between them. Myers' diff finds the changed lines, then the changed words within
 * them; each change is trimmed to the characters that differ. A level with too many changes
 * falls back to the next (lines -> words -> one edit), so only a wholesale rewrite becomes a
 * single replacement. Ambiguous moves ("aa" -> "aaa") put the insertion as late as possible;
 * an editor that knows where the user typed should send its own edits.
 */
export function diffToEdits(oldText: string, newText: string): TextEdit[] {
  const byWords = (a: string, b: string) => diffBy(a, b, WORD, MAX_WORD_STEPS, trimmedEdit);
  return diffBy(oldText, newText, LINE, MAX_LINE_STEPS, byWords);
}

type Differ = (oldText: string, newText: string) => TextEdit[];

/** One level of the diff: tokens by `pattern`, each changed stretch refined by `finer`. */
function diffBy(a: string, b: string, pattern: RegExp, steps: number, finer: Differ): TextEdit[] {
  if (a === b) return [];
  const [p, q] = commonEnds(a, b);
  const oldMid = a.slice(p, a.length - q);
  const newMid = b.slice(p, b.length - q);
  const x = oldMid.match(pattern) ?? [];
  const y = newMid.match(pattern) ?? [];
  const hunks = tokenDiff(x, y, steps) ?? [[0, x.length, 0, y.length] as Hunk];
  const xAt = tokenOffsets(x);
  const yAt = tokenOffsets(y);
  const edits: TextEdit[] = [];
  for (const [x0, x1, y0, y1] of hunks) {
    const from = p + xAt[x0]!;
    const inner = finer(oldMid.slice(xAt[x0], xAt[x1]), newMid.slice(yAt[y0], yAt[y1]));
    for (const e of inner) edits.push({ start: from + e.start, end: from + e.end, text: e.text });
  }
  return edits;
}

/** The whole change as one edit, less the characters both ends share. */
function trimmedEdit(a: string, b: string): TextEdit[] {
  if (a === b) return [];
  const [p, q] = commonChars(a, b);
  return [{ start: p, end: a.length - q, text: b.slice(p, b.length - q) }];
}

function tokenOffsets(tokens: readonly string[]): number[] {
  const at = [0];
  for (const t of tokens) at.push(at[at.length - 1]! + t.length);
  return at;
}

/** [oldFrom, oldTo, newFrom, newTo] in tokens. */
type Hunk = [number, number, number, number];

/**
 * Myers' O(ND) diff; null when more than `steps` tokens differ. Round d keeps only the
 * diagonals -d-1..d+1 of the previous round, which is all the walk back reads.
 */
function tokenDiff(a: readonly string[], b: readonly string[], steps: number): Hunk[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, steps);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!);
      let x = down ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return null;
}

/** Walks the trace back from the end, merging adjacent steps into hunks. */
function backtrack(trace: readonly Int32Array[], n: number, m: number): Hunk[] {
  const hunks: Hunk[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const v = trace[d]!; // diagonal k is at k + d + 1
    const k = x - y;
    const down = k === -d || (k !== d && v[k + d]! < v[k + d + 2]!);
    const pk = down ? k + 1 : k - 1;
    const px = v[pk + d + 1]!;
    const py = px - pk;
    const sx = down ? px : px + 1;
    const sy = sx - k;
    const later = hunks[hunks.length - 1];
    if (later && later[0] === sx && later[2] === sy) {
      later[0] = px;
      later[2] = py;
    } else hunks.push([px, sx, py, sy]);
    x = px;
    y = py;
  }
  return hunks.reverse();
}
