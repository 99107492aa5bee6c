// The pure half of renderer/lib/offsets.ts: how a source's text becomes the reader's paragraphs
// and how a selection becomes a coding's [start, end). (The DOM half is covered by e2e.)
import { describe, expect, it } from 'vitest';
import {
  clampToCharacters,
  clampToGraphemes,
  inVivoName,
  IN_VIVO_MAX,
  offsetToPoint,
  paragraphAt,
  pieceAt,
  pointToOffset,
  selectionRange,
  withinOf,
  speakerLength,
  splitParagraphs,
  trimRange,
  type Paragraph,
} from '../../renderer/lib/offsets.js';

const lines = (text: string, paras: Paragraph[]) => paras.map((p) => text.slice(p.start, p.end));

/** True when the string holds half of a surrogate pair on its own (a broken character). */
function hasLoneSurrogate(s: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

describe('splitParagraphs', () => {
  it('gives one paragraph per non-blank line, with offsets into the text', () => {
    const text = 'Interviewer: How did it start?\nP13: With a call.\nIt was late.';
    const paras = splitParagraphs(text);
    expect(lines(text, paras)).toEqual([
      'Interviewer: How did it start?',
      'P13: With a call.',
      'It was late.',
    ]);
    expect(paras[0]).toEqual({ start: 0, end: 30, speakerLength: 13 });
    expect(paras[1]).toEqual({ start: 31, end: 48, speakerLength: 5 });
    expect(paras[2]).toEqual({ start: 49, end: 61, speakerLength: 0 });
  });

  it('skips blank and whitespace-only lines without shifting the offsets', () => {
    const text = '\n\nFirst line\n\n   \n\t\nSecond line\n\n';
    const paras = splitParagraphs(text);
    expect(lines(text, paras)).toEqual(['First line', 'Second line']);
    expect(paras[0]!.start).toBe(2);
    expect(paras[1]!.start).toBe(text.indexOf('Second line'));
  });

  it('keeps a last line that has no newline, and adds nothing for a trailing newline', () => {
    expect(lines('a\nb', splitParagraphs('a\nb'))).toEqual(['a', 'b']);
    expect(lines('a\nb\n', splitParagraphs('a\nb\n'))).toEqual(['a', 'b']);
  });

  it('returns no paragraphs for empty or blank text', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs('\n \n\t\n')).toEqual([]);
  });

  it('maps every character of every paragraph back to the text (emoji, RTL, long text)', () => {
    const turns = [
      'Interviewer: Welcome 👋🏽 — tell me about the centre.',
      'LW02: مرحبا، it is a friendly place.',
      'P13: שלום! We meet on Tuesdays.',
      '',
      '[00:01:02] Dr Shah: And the funding?',
    ];
    const text = Array.from({ length: 200 }, (_, i) => turns[i % turns.length]).join('\n');
    const paras = splitParagraphs(text);
    expect(paras).toHaveLength(160);
    const rebuilt = lines(text, paras);
    expect(rebuilt).toEqual(text.split('\n').filter((l) => l.trim()));
    for (let i = 1; i < paras.length; i++)
      expect(paras[i]!.start).toBeGreaterThan(paras[i - 1]!.end);
  });

  it('records the speaker label length of each paragraph', () => {
    const text = 'Interviewer: Hi\n[00:01:02] Dr Shah: Hello\nJust prose here.';
    expect(splitParagraphs(text).map((p) => p.speakerLength)).toEqual([13, 20, 0]);
  });
});

describe('speakerLength', () => {
  it.each([
    ['Interviewer: How are you?', 'Interviewer: '],
    ['LW02: Fine.', 'LW02: '],
    ['P13: Fine.', 'P13: '],
    ['HCP3:\tTabbed answer', 'HCP3:\t'],
    ['Researcher 1: Perfect. So thank you', 'Researcher 1: '],
    ['[00:01:02] Dr Shah: We began in May.', '[00:01:02] Dr Shah: '],
    ['[1:02] Ana: Yes.', '[1:02] Ana: '],
    ['[00:01:02.5] P01: Yes.', '[00:01:02.5] P01: '],
    ["Mrs O'Neill-Smith: Right.", "Mrs O'Neill-Smith: "],
    ['12: numbered turn', '12: '],
  ])('finds the label in %j', (line, label) => {
    expect(speakerLength(line)).toBe(label.length);
    expect(line.slice(0, speakerLength(line))).toBe(label);
  });

  it.each([
    ['However, she said: yes'],
    ['Well, P13: said so'],
    ['and then the Interviewer: asked again'],
    ['note that: lower-case prose'],
    ['  Interviewer: indented'],
    ['The thing I wanted to say: it matters'],
    ['See https://example.org for more'],
    ['10:30 we met at the cafe'],
    ['Interviewer:no space after the colon'],
    ['12-May-2023 - 10:36 - 1h09m31s – Ana'],
  ])('finds no label in %j', (line) => {
    expect(speakerLength(line)).toBe(0);
  });

  it('treats a line of prose with a colon as prose, not a speaker', () => {
    expect(speakerLength('She said: yes, every week.')).toBe(0);
    expect(speakerLength('Note that: the room was cold.')).toBe(0);
    expect(speakerLength('We asked P13: why?')).toBe(0);
  });

  it('recognises speakers with accented and non-Latin capitals', () => {
    expect(speakerLength('Émilie: oui, bien sûr.')).toBe('Émilie: '.length);
    expect(speakerLength('Ana María: sí, claro.')).toBe('Ana María: '.length);
    expect(speakerLength('Participant 3: I think so.')).toBe('Participant 3: '.length);
  });

  it('needs text after the label (a bare label is not a turn)', () => {
    expect(speakerLength('Interviewer: ')).toBe(0);
    expect(speakerLength('Interviewer:')).toBe(0);
    expect(speakerLength('Interviewer: x')).toBe('Interviewer: '.length);
  });
});

describe('paragraphAt', () => {
  // "aaa" [0,3), blank line, "bbb" [5,8), "ccc" [9,12)
  const text = 'aaa\n\nbbb\nccc';
  const paras = splitParagraphs(text);

  it('finds the paragraph holding an offset, including its end (caret after the last char)', () => {
    expect(paras.map((p) => [p.start, p.end])).toEqual([
      [0, 3],
      [5, 8],
      [9, 12],
    ]);
    expect(paragraphAt(paras, 0)).toBe(0);
    expect(paragraphAt(paras, 2)).toBe(0);
    expect(paragraphAt(paras, 3)).toBe(0);
    expect(paragraphAt(paras, 5)).toBe(1);
    expect(paragraphAt(paras, 8)).toBe(1);
    expect(paragraphAt(paras, 9)).toBe(2);
    expect(paragraphAt(paras, 12)).toBe(2);
  });

  it('answers the next paragraph for an offset in a gap between paragraphs', () => {
    expect(paragraphAt(paras, 4)).toBe(1);
  });

  it('answers the last paragraph for an offset past the end', () => {
    expect(paragraphAt(paras, 1000)).toBe(2);
  });

  it('agrees with a linear scan on a long transcript', () => {
    const long = Array.from({ length: 997 }, (_, i) =>
      i % 7 === 3 ? '' : `P${i}: ${'x'.repeat(i % 13)}`,
    ).join('\n');
    const ps = splitParagraphs(long);
    const linear = (offset: number) => {
      const i = ps.findIndex((p) => p.end >= offset);
      return i < 0 ? ps.length - 1 : i;
    };
    for (let offset = 0; offset <= long.length; offset++)
      expect(paragraphAt(ps, offset), `offset ${offset}`).toBe(linear(offset));
  });

  it('handles a single paragraph', () => {
    const one = splitParagraphs('only line');
    expect(paragraphAt(one, 0)).toBe(0);
    expect(paragraphAt(one, 9)).toBe(0);
  });
});

describe('clampToCharacters', () => {
  const text = '😀ab👋🏽'; // 😀 = [0,2), a = 2, b = 3, 👋 = [4,6), 🏽 = [6,8)

  it('widens a selection that would start or end inside an emoji', () => {
    expect(clampToCharacters(text, 1, 3)).toEqual({ start: 0, end: 3 });
    expect(clampToCharacters(text, 2, 5)).toEqual({ start: 2, end: 6 });
    expect(clampToCharacters(text, 1, 7)).toEqual({ start: 0, end: 8 });
    expect(clampToCharacters(text, 1, 1)).toEqual({ start: 0, end: 2 });
  });

  it('leaves whole-character selections alone', () => {
    expect(clampToCharacters(text, 0, 8)).toEqual({ start: 0, end: 8 });
    expect(clampToCharacters(text, 2, 4)).toEqual({ start: 2, end: 4 });
    expect(clampToCharacters('plain text', 3, 7)).toEqual({ start: 3, end: 7 });
  });

  it('never produces a broken character, and only ever widens by one unit', () => {
    const t = '👍x😀\n🏳️‍🌈 ok 𝒜';
    for (let start = 0; start <= t.length; start++) {
      for (let end = start; end <= t.length; end++) {
        const r = clampToCharacters(t, start, end);
        expect(hasLoneSurrogate(t.slice(r.start, r.end)), `${start}-${end}`).toBe(false);
        expect(r.start === start || r.start === start - 1).toBe(true);
        expect(r.end === end || r.end === end + 1).toBe(true);
        expect(r.start).toBeGreaterThanOrEqual(0);
        expect(r.end).toBeLessThanOrEqual(t.length);
      }
    }
  });
});

describe('trimRange', () => {
  it('trims spaces, tabs and newlines off both ends', () => {
    const text = 'P01:  \tWe loved it.\n\n';
    const r = trimRange(text, 4, text.length);
    expect(text.slice(r.start, r.end)).toBe('We loved it.');
  });

  it('keeps whitespace inside the selection', () => {
    const text = ' a  b ';
    expect(trimRange(text, 0, text.length)).toEqual({ start: 1, end: 5 });
  });

  it('trims non-breaking and other Unicode spaces too', () => {
    const text = '\u00a0\u2003word\u00a0';
    const r = trimRange(text, 0, text.length);
    expect(text.slice(r.start, r.end)).toBe('word');
  });

  it('collapses an all-whitespace selection to an empty one', () => {
    const r = trimRange('a   b', 1, 4);
    expect(r.end - r.start).toBe(0);
    expect(r.start).toBeGreaterThanOrEqual(1);
    expect(r.end).toBeLessThanOrEqual(4);
  });

  it('leaves an already tight selection unchanged', () => {
    expect(trimRange('hello world', 0, 5)).toEqual({ start: 0, end: 5 });
    expect(trimRange('hello world', 3, 3)).toEqual({ start: 3, end: 3 });
  });
});

// The reader's model of a source: paragraphs, each drawn as one or two text pieces (a bold
// speaker label, then the turn). A DOM point is (paragraph, piece, offset in the piece).
const piecesOf = (p: Paragraph) =>
  p.speakerLength ? [p.speakerLength, p.end - p.start - p.speakerLength] : [p.end - p.start];

/** Source offset -> the point the reader would use -> back to a source offset. */
function roundTrip(paras: Paragraph[], offset: number, isEnd: boolean): number | null {
  const point = offsetToPoint(paras, offset, isEnd);
  if (!point) return null;
  const lengths = piecesOf(paras[point.index]!);
  const { piece, at } = pieceAt(lengths, point.within);
  return pointToOffset(paras, { index: point.index, within: withinOf(lengths, piece, at) });
}

/** What a user selecting from the start of `from` to the end of `to` gets coded. */
function select(text: string, from: string, to: string): string {
  const paras = splitParagraphs(text);
  const domPoint = (offset: number) => {
    const point = offsetToPoint(paras, offset, false)!;
    return { index: point.index, ...pieceAt(piecesOf(paras[point.index]!), point.within) };
  };
  const back = (d: { index: number; piece: number; at: number }) =>
    pointToOffset(paras, {
      index: d.index,
      within: withinOf(piecesOf(paras[d.index]!), d.piece, d.at),
    })!;
  const a = back(domPoint(text.indexOf(from)));
  const b = back(domPoint(text.indexOf(to) + to.length));
  const r = selectionRange(text, b, a); // backwards, as a Shift+Left selection is
  return r ? text.slice(r.start, r.end) : '';
}

const TURNS = [
  'Interviewer: Welcome 👋🏽 — how was the café?',
  'LW02: مرحبا، the café is friendly.',
  '',
  'P13: שלום! We meet on Tuesdays 🏳️‍🌈.',
  '[00:01:02] Dr Shah: Cafe\u0301 de la gare, ñ and n\u0303.',
  'Just prose, no speaker: 𝒜 mathematical letter.',
].join('\n');

describe('offsets round-trip through the reader model', () => {
  const paras = splitParagraphs(TURNS);

  it('brings every offset inside a paragraph back to itself, as a start and as an end', () => {
    for (const p of paras)
      for (let o = p.start; o <= p.end; o++) {
        expect(roundTrip(paras, o, false), `start ${o}`).toBe(o);
        expect(roundTrip(paras, o, true), `end ${o}`).toBe(o);
      }
  });

  it('moves an offset in the gap between lines to the next line, or for an end the line before', () => {
    const blankGap = paras[1]!.end + 1; // the blank line between LW02 and P13
    expect(roundTrip(paras, blankGap, false)).toBe(paras[2]!.start);
    expect(roundTrip(paras, blankGap, true)).toBe(paras[1]!.end);
  });

  it('splits speaker turns into label and turn pieces at the label boundary', () => {
    const p = paras[0]!;
    expect(piecesOf(p)).toEqual(['Interviewer: '.length, p.end - p.start - 13]);
    // The boundary belongs to the end of the label piece, and maps back to the same offset.
    expect(pieceAt(piecesOf(p), 13)).toEqual({ piece: 0, at: 13 });
    expect(withinOf(piecesOf(p), 1, 0)).toBe(13);
  });

  it('codes exactly the selected words across emoji, RTL text, combining marks and turns', () => {
    expect(select(TURNS, 'Welcome', '👋🏽')).toBe('Welcome 👋🏽');
    expect(select(TURNS, 'مرحبا', 'friendly')).toBe('مرحبا، the café is friendly');
    expect(select(TURNS, 'Cafe\u0301', 'gare')).toBe('Cafe\u0301 de la gare');
    expect(select(TURNS, 'how was', 'Tuesdays')).toBe(
      'how was the café?\nLW02: مرحبا، the café is friendly.\n\nP13: שלום! We meet on Tuesdays',
    );
    expect(select(TURNS, '𝒜', '𝒜')).toBe('𝒜');
  });

  it('has no points for a source with no text', () => {
    expect(offsetToPoint([], 0, false)).toBeNull();
    expect(pointToOffset([], { index: 0, within: 0 })).toBeNull();
    expect(pieceAt([], 3)).toEqual({ piece: -1, at: 0 });
  });
});

describe('clampToGraphemes and selectionRange', () => {
  it('never cuts an accent off its letter, or a skin tone or flag in half', () => {
    const text = 'Cafe\u0301 👋🏽 🏳️‍🌈 n\u0303';
    const e = text.indexOf('e\u0301');
    expect(clampToGraphemes(text, 0, e + 1)).toEqual({ start: 0, end: e + 2 });
    const wave = text.indexOf('👋🏽');
    expect(clampToGraphemes(text, wave, wave + 2)).toEqual({ start: wave, end: wave + 4 });
    const flag = text.indexOf('🏳️‍🌈');
    expect(clampToGraphemes(text, flag + 3, flag + 4)).toEqual({
      start: flag,
      end: flag + '🏳️‍🌈'.length,
    });
    expect(clampToGraphemes(text, text.length - 1, text.length)).toEqual({
      start: text.length - 2,
      end: text.length,
    });
  });

  it('keeps every selection of a mixed text on cluster boundaries (exhaustive)', () => {
    const text = 'a👋🏽b e\u0301 🏳️‍🌈\nש׳ 𝒜';
    const boundaries = new Set<number>([text.length]);
    let i = 0;
    for (const seg of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
      boundaries.add(i);
      i += seg.segment.length;
    }
    for (let s = 0; s <= text.length; s++)
      for (let e = s; e <= text.length; e++) {
        const r = clampToGraphemes(text, s, e);
        expect(boundaries.has(r.start) && boundaries.has(r.end), `${s}-${e}`).toBe(true);
        expect(r.start).toBeLessThanOrEqual(s);
        expect(r.end).toBeGreaterThanOrEqual(Math.max(e, r.start));
      }
  });

  it('gives null for an empty or whitespace-only selection, and accepts either order', () => {
    expect(selectionRange('a   b', 1, 4)).toBeNull();
    expect(selectionRange('hello', 2, 2)).toBeNull();
    expect(selectionRange('hello world', 11, 6)).toEqual({ start: 6, end: 11 });
    expect(selectionRange('hello', -5, 99)).toEqual({ start: 0, end: 5 });
  });
});

describe('inVivoName', () => {
  it('makes the selected words a name: trimmed, whitespace collapsed', () => {
    expect(inVivoName('  a proper\n\n  place   to be ')).toBe('a proper place to be');
  });

  it('keeps names of up to 60 characters whole and cuts longer ones at a word', () => {
    const sixty = 'x'.repeat(IN_VIVO_MAX);
    expect(inVivoName(sixty)).toBe(sixty);
    const long =
      'she listened properly which nobody had done for months and then she found a group';
    const name = inVivoName(long);
    expect(name.length).toBeLessThanOrEqual(IN_VIVO_MAX);
    expect(long.startsWith(name)).toBe(true);
    expect(long[name.length]).toBe(' ');
  });

  it('cuts a name with no spaces without splitting an emoji', () => {
    const name = inVivoName('👋🏽'.repeat(70));
    expect(name).toBe('👋🏽'.repeat(IN_VIVO_MAX));
    expect(hasLoneSurrogate(name)).toBe(false);
  });
});
