// Offsets from REFI-QDA files → UTF-16 indices into Weft's stored text. The expected raw offsets
// are computed here by a different method than the reader's (counting the raw prefix string
// directly), for each of the four conventions real tools use.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OffsetConvention } from '../../../electron/formats/qdpx/model.js';
import {
  CONVENTIONS,
  OffsetMapper,
  conventionHint,
  convertSelections,
  storedText,
} from '../../../electron/formats/qdpx/offsets.js';
import { decodeRaw } from '../../../electron/formats/text.js';
import { decodeText } from '../../../electron/formats/text.js';

/** The raw offset a tool using `c` writes for stored index `i` of the text built from `raw`. */
function rawOffset(raw: string, i: number, c: OffsetConvention): number {
  // Walk the raw text until `i` stored units have passed; then count that raw prefix.
  const body = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  let stored = 0;
  let at = 0;
  while (stored < i) {
    if (body[at] === '\r' && body[at + 1] === '\n') at += 2;
    else at += 1;
    stored += 1;
  }
  let prefix = body.slice(0, at);
  if (c === 'codepoints-crlf1' || c === 'utf16') prefix = prefix.replace(/\r\n/g, '\n');
  return c === 'codepoints' || c === 'codepoints-crlf1' ? Array.from(prefix).length : prefix.length;
}

function encode(raw: string, ranges: { start: number; end: number }[], c: OffsetConvention) {
  return ranges.map((r) => ({ start: rawOffset(raw, r.start, c), end: rawOffset(raw, r.end, c) }));
}

/** Stored ranges of each listed word (first occurrence after the previous one). */
function rangesOf(text: string, words: string[]): { start: number; end: number }[] {
  let from = 0;
  return words.map((w) => {
    const start = text.indexOf(w, from);
    if (start < 0) throw new Error(`no "${w}" in text`);
    from = start + w.length;
    return { start, end: start + w.length };
  });
}

const sameGroup = (a: OffsetConvention, b: OffsetConvention, raw: string): boolean => {
  const { shape } = storedText(raw);
  const probe = new OffsetMapper(storedText(raw).text, shape, a);
  const other = new OffsetMapper(storedText(raw).text, shape, b);
  return probe.rawLength === other.rawLength;
};

// A fictional interview, written for these tests, with everything that moves offsets: CRLF line
// ends, emoji (astral), combining marks (NFD), right-to-left script.
const INTERVIEW =
  'Interviewer: How did the first week go?\r\n' +
  'Maren: Honestly 😅 it was a blur. The rota changed twice 🔁 and nobody told us.\r\n' +
  'Interviewer: And the new cafe\u0301 on the ward?\r\n' +
  'Maren: It helped. Yosef wrote שלום עולם on the whiteboard 🙂 and people laughed.\r\n' +
  'Interviewer: Would you stay?\r\n' +
  'Maren: Probably, if the night shifts settle down 🌙.\r\n';
const CODED = [
  'blur',
  'rota',
  'nobody told us',
  'cafe\u0301',
  'שלום עולם',
  'laughed',
  'night shifts',
];

describe('storedText', () => {
  it('gives exactly the text decodeText stores, for BOM, CRLF and lone CR files', () => {
    const samples = [
      new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a\r\nb\rc\n')]),
      new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x0d, 0x00, 0x0a, 0x00, 0x3d, 0xd8, 0x00, 0xde]),
      new TextEncoder().encode(INTERVIEW),
      new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0d, 0x0a]), // Windows-1252 "café\r\n"
    ];
    for (const bytes of samples) expect(storedText(decodeRaw(bytes)).text).toBe(decodeText(bytes));
  });

  it('records where CRLFs and astral characters sit in the stored text', () => {
    const { text, shape } = storedText('\uFEFFab\r\ncd😀e\rf');
    expect(text).toBe('ab\ncd😀e\nf');
    expect([...shape.crlfAt]).toEqual([2]); // the lone CR is not a CRLF
    expect([...shape.astralAt]).toEqual([5]);
  });
});

describe('OffsetMapper', () => {
  it('is the identity on text without CRLF or astral characters, whatever the convention', () => {
    const { text, shape } = storedText('plain words\nand lines');
    for (const c of CONVENTIONS) {
      const m = new OffsetMapper(text, shape, c);
      expect(m.map(6, 'start')).toBe(6);
      expect(m.map(text.length, 'end')).toBe(text.length);
      expect(m.map(text.length + 1, 'end')).toBe(-1);
    }
  });

  it('maps every word of the interview back from each convention', () => {
    const { text, shape } = storedText(INTERVIEW);
    const ranges = rangesOf(text, CODED);
    for (const c of CONVENTIONS) {
      const m = new OffsetMapper(text, shape, c);
      const raw = encode(INTERVIEW, ranges, c);
      const back = raw.map((r) => text.slice(m.map(r.start, 'start'), m.map(r.end, 'end')));
      expect(back, c).toEqual(CODED);
    }
  });

  it('moves an offset between CR and LF, or inside an emoji, to the edge of the character', () => {
    const { text, shape } = storedText('ab\r\ncd 😀 ef');
    const crlf2 = new OffsetMapper(text, shape, 'utf16-crlf2');
    expect(crlf2.map(3, 'start')).toBe(2); // between \r and \n → before the line break
    expect(crlf2.map(3, 'end')).toBe(3); // … or after it, for an end
    const utf16 = new OffsetMapper(text, shape, 'utf16');
    const emoji = text.indexOf('😀');
    expect(utf16.map(emoji + 1, 'start')).toBe(emoji);
    expect(utf16.map(emoji + 1, 'end')).toBe(emoji + 2);
    expect(utf16.snapped).toBe(2);
  });

  it('round-trips any position in random text under every convention', () => {
    const piece = fc.constantFrom(
      'a',
      'é',
      'e\u0301',
      'ש',
      '😀',
      '🇳🇴',
      ' ',
      '\r\n',
      '\n',
      '\r',
      '\uFEFF',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.constantFrom(...CONVENTIONS),
        (parts, c) => {
          const raw = parts.join('');
          const { text, shape } = storedText(raw);
          const m = new OffsetMapper(text, shape, c);
          for (let i = 0; i <= text.length; i++) {
            // Only positions on code-point boundaries exist in every convention.
            const code = text.charCodeAt(i);
            if (i > 0 && code >= 0xdc00 && code <= 0xdfff) continue;
            expect(m.map(rawOffset(raw, i, c), 'start')).toBe(i);
          }
          expect(m.map(rawOffset(raw, text.length, c) + 1, 'end')).toBe(-1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('convertSelections', () => {
  it('detects each convention from where the interview selections land', () => {
    const { text, shape } = storedText(INTERVIEW);
    const ranges = rangesOf(text, CODED);
    for (const c of CONVENTIONS) {
      // A neutral hint: the text alone must decide.
      const result = convertSelections(text, shape, encode(INTERVIEW, ranges, c), 'codepoints');
      expect(result.convention, c).toBe(c);
      expect(result.ranges.map((r) => text.slice(r!.start, r!.end))).toEqual(CODED);
      expect(result.standardEquivalent).toBe(c === 'codepoints');
    }
  });

  it('detects NVivo-style offsets in a CRLF text without emoji, and codings land on their words', () => {
    const raw =
      'First answer here.\r\nSecond answer: the rota.\r\nThird answer: too many meetings.\r\n';
    const { text, shape } = storedText(raw);
    const words = ['rota', 'too many meetings'];
    const nvivo = encode(raw, rangesOf(text, words), 'utf16-crlf2');
    const result = convertSelections(text, shape, nvivo, conventionHint('NVivo 14 (Windows)'));
    expect(result.convention).toBe('utf16-crlf2');
    expect(result.ranges.map((r) => text.slice(r!.start, r!.end))).toEqual(words);
    // The same offsets read as ATLAS.ti-style (CRLF as 1) would be shifted mid-word.
    const atlas = encode(raw, rangesOf(text, words), 'codepoints-crlf1');
    const asAtlas = convertSelections(text, shape, atlas, 'codepoints');
    expect(asAtlas.convention).toBe('codepoints-crlf1');
    expect(asAtlas.ranges.map((r) => text.slice(r!.start, r!.end))).toEqual(words);
  });

  it('lets the tool hint decide when the selections cannot tell', () => {
    const raw = 'Only one line 🙂\r\nthen more';
    const { text, shape } = storedText(raw);
    // A selection before any CRLF or emoji reads the same under every convention.
    const early = [{ start: 0, end: 4 }];
    expect(convertSelections(text, shape, early, 'utf16-crlf2').convention).toBe('utf16-crlf2');
    expect(convertSelections(text, shape, early, 'codepoints-crlf1').convention).toBe(
      'codepoints-crlf1',
    );
    expect(convertSelections(text, shape, early).convention).toBe('codepoints');
  });

  it('prefers the convention that keeps selections inside the text', () => {
    const raw = 'ab\r\ncd\r\nef';
    const { text, shape } = storedText(raw);
    // End 10 exists only when CRLF counts as 2 (raw length 10, stored length 8).
    const result = convertSelections(text, shape, [{ start: 8, end: 10 }], 'codepoints-crlf1');
    expect(result.convention === 'codepoints' || result.convention === 'utf16-crlf2').toBe(true);
    expect(text.slice(result.ranges[0]!.start, result.ranges[0]!.end)).toBe('ef');
  });

  it('drops selections that start past the end and cuts those that end past it', () => {
    const { text, shape } = storedText('short text');
    const result = convertSelections(text, shape, [
      { start: 0, end: 5 },
      { start: 6, end: 99 },
      { start: 50, end: 60 },
    ]);
    expect(result.ranges).toEqual([{ start: 0, end: 5 }, { start: 6, end: 10 }, undefined]);
    expect(result.outside).toBe(1);
    expect(result.clamped).toBe(1);
  });

  it('keeps NFD and right-to-left words intact (no astral characters, so no shift)', () => {
    const raw = 'Zoe\u0308 said: مرحبا بكم and left.';
    const { text, shape } = storedText(raw);
    const words = ['Zoe\u0308', 'مرحبا بكم', 'left'];
    const result = convertSelections(text, shape, encode(raw, rangesOf(text, words), 'codepoints'));
    expect(result.ranges.map((r) => text.slice(r!.start, r!.end))).toEqual(words);
    expect(result.ranges[0]).toEqual({ start: 0, end: 4 }); // the combining mark is its own unit
  });

  it('does not count a BOM (NVivo) and maps line selections that end after the line break', () => {
    const raw = '\uFEFFline one\r\nline two\r\nline three\r\n';
    const { text, shape } = storedText(raw);
    const lines = [
      { start: 0, end: 10 }, // "line one\r\n" under CRLF-as-2
      { start: 10, end: 20 },
    ];
    const result = convertSelections(text, shape, lines, 'utf16-crlf2');
    expect(result.ranges.map((r) => text.slice(r!.start, r!.end))).toEqual([
      'line one\n',
      'line two\n',
    ]);
    expect(sameGroup(result.convention, 'codepoints', raw)).toBe(true);
  });

  it('reads the tool from the origin attribute', () => {
    expect(conventionHint('NVivo 14.23.0 (Windows)')).toBe('utf16-crlf2');
    expect(conventionHint('NVivo for Mac 15.0.0')).toBe('codepoints');
    expect(conventionHint('ATLAS.ti Win 23.4.0')).toBe('codepoints-crlf1');
    expect(conventionHint('MAXQDA 24')).toBe('codepoints');
    expect(conventionHint(undefined)).toBe('codepoints');
  });
});
