// Fuzzy matching for the quick-pick: the typed letters must appear in the code's name in order
// (a subsequence), ignoring case and accents. Among the ways they can appear, the best scoring
// one wins: letters at the start of words and runs of consecutive letters score most, so "gw"
// finds "GP workload" before "engagement with".

export interface FuzzyMatch {
  score: number;
  /** Indices (UTF-16 units) of the matched characters in the original target, ascending. */
  positions: number[];
}

const MARKS = /\p{M}/gu;

/**
 * Folds a string for comparison: lower case, accents and other combining marks removed.
 * Returns the folded characters with, for each, the index of the original character it came
 * from (folding can change lengths: "ﬁ" gives two letters, "é" written as e + ◌́ gives one).
 */
export function fold(s: string): { chars: string[]; from: number[] } {
  const chars: string[] = [];
  const from: number[] = [];
  let i = 0;
  for (const ch of s) {
    const folded = ch.normalize('NFKD').replace(MARKS, '').toLowerCase();
    for (const f of folded) {
      chars.push(f);
      from.push(i);
    }
    i += ch.length;
  }
  return { chars, from };
}

/** Folded form of a whole string, for exact comparisons ("does this name exist already?"). */
export function foldedText(s: string): string {
  return fold(s).chars.join('');
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isUpper = (c: string | undefined) => c !== undefined && c !== c.toLowerCase();

// Scores: every matched letter earns MATCH; a letter starting a word earns WORD_START more;
// a letter right after the previous matched one earns RUN more; every skipped letter between
// two matched ones costs GAP (and opening a gap costs GAP_OPEN), so tight matches win.
const MATCH = 1;
const WORD_START = 8;
const FIRST_LETTER = 4;
const RUN = 6;
const GAP_OPEN = 3;
const GAP = 0.2;
const LEADING = 0.05;

/** Matches `query` against `target`; null when the letters of the query are not all there. */
export function fuzzyMatch(query: string, target: string): FuzzyMatch | null {
  // Spaces in the query only separate the words the user typed; they are not letters to find.
  const q = fold(query).chars.filter((c) => !/\s/u.test(c));
  if (q.length === 0) return { score: 0, positions: [] };
  const t = fold(target);
  const n = t.chars.length;
  const m = q.length;
  if (m > n) return null;

  // Quick rejection: the letters must appear in order at all.
  for (let i = 0, j = 0; i < m; i++, j++) {
    while (j < n && t.chars[j] !== q[i]) j++;
    if (j >= n) return null;
  }

  // Bonus for matching target letter j, from the original text around it.
  const bonus = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    // The original character of this folded letter, and the one before it.
    const oi = t.from[j]!;
    const at = charAt(target, oi);
    const prevIndex = j > 0 ? t.from[j - 1]! : -1;
    const prev = prevIndex >= 0 && prevIndex !== oi ? charAt(target, prevIndex) : undefined;
    const sameOriginal = prevIndex === oi;
    let b = 0;
    if (!sameOriginal && isWordChar(at) && (!isWordChar(prev) || (isUpper(at) && !isUpper(prev))))
      b = WORD_START;
    if (j === 0) b += FIRST_LETTER;
    bonus[j] = b;
  }

  // score[i][j]: best score with query letter i matched at target letter j (or -Infinity).
  // col[i][j]: where query letter i-1 was matched on that best path (for backtracking).
  const NEG = -Infinity;
  const score: Float64Array[] = [];
  const fromCol: Int32Array[] = [];
  for (let i = 0; i < m; i++) {
    const row = new Float64Array(n).fill(NEG);
    const colRow = new Int32Array(n).fill(-1);
    const prevRow = i > 0 ? score[i - 1]! : null;
    // best over k < j-1 of prevRow[k] - GAP * (j - k - 1), kept as we walk j.
    let gapBest = NEG;
    let gapBestCol = -1;
    for (let j = i; j < n; j++) {
      if (prevRow && j >= 2) {
        const cand = prevRow[j - 2]!;
        const decayed = gapBest - GAP;
        if (cand - GAP >= decayed) {
          gapBest = cand - GAP;
          gapBestCol = j - 2;
        } else gapBest = decayed;
      }
      if (t.chars[j] !== q[i]) continue;
      const here = MATCH + bonus[j]!;
      if (!prevRow) {
        row[j] = here - LEADING * j;
        continue;
      }
      const viaRun = j >= 1 && prevRow[j - 1]! > NEG ? prevRow[j - 1]! + RUN : NEG;
      const viaGap = gapBest > NEG ? gapBest - GAP_OPEN : NEG;
      if (viaRun === NEG && viaGap === NEG) continue;
      if (viaRun >= viaGap) {
        row[j] = here + viaRun;
        colRow[j] = j - 1;
      } else {
        row[j] = here + viaGap;
        colRow[j] = gapBestCol;
      }
    }
    score.push(row);
    fromCol.push(colRow);
  }

  const last = score[m - 1]!;
  let bestJ = -1;
  let best = NEG;
  for (let j = 0; j < n; j++)
    if (last[j]! > best) {
      best = last[j]!;
      bestJ = j;
    }
  if (bestJ < 0) return null;

  const folded: number[] = [];
  for (let i = m - 1, j = bestJ; i >= 0; i--) {
    folded.push(j);
    j = fromCol[i]![j]!;
  }
  folded.reverse();
  // Map folded letters back to original indices (two folded letters can share one original).
  const positions = [...new Set(folded.map((j) => t.from[j]!))];
  // Shorter names win ties: "Trust" before "Trust in the link worker" for "trust".
  return { score: best - n * 0.01, positions };
}

function charAt(s: string, i: number): string | undefined {
  const cp = s.codePointAt(i);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
}

export interface Ranked<T> extends FuzzyMatch {
  item: T;
}

/** The items whose name matches `query`, best first (stable for equal scores). */
export function fuzzyFilter<T>(items: readonly T[], query: string, name: (item: T) => string) {
  const out: Ranked<T>[] = [];
  for (const item of items) {
    const m = fuzzyMatch(query, name(item));
    if (m) out.push({ item, ...m });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Splits `text` into runs of matched and unmatched characters, for drawing the highlights. */
export function markRuns(text: string, positions: readonly number[]) {
  const hit = new Set(positions);
  const runs: { text: string; hit: boolean }[] = [];
  let i = 0;
  for (const ch of text) {
    const h = hit.has(i);
    const lastRun = runs[runs.length - 1];
    if (lastRun && lastRun.hit === h) lastRun.text += ch;
    else runs.push({ text: ch, hit: h });
    i += ch.length;
  }
  return runs;
}
