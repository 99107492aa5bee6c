// The writer's pure pieces: UTF-16 → code point offsets, XML escaping and the XSD value forms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointMapper } from '../../../electron/formats/qdpx/write-offsets.js';
import { typedValueText } from '../../../electron/formats/qdpx/write-values.js';
import {
  escapeAttr,
  escapeText,
  normaliseGuid,
  stripIllegalXml,
  xsdColor,
  xsdDate,
  xsdDateTime,
  xsdDecimal,
} from '../../../electron/formats/qdpx/xml-write.js';

/** What a tool following the standard sees: the text split into code points. */
const codePoints = (s: string) => Array.from(s);

/** For each [start, end) in UTF-16 units, the same words sliced by converted code points. */
function sliceBoth(text: string, start: number, end: number) {
  const map = codePointMapper(text);
  return {
    utf16: text.slice(start, end),
    codePoints: codePoints(text).slice(map(start), map(end)).join(''),
  };
}

describe('codePointMapper', () => {
  const cases: [string, string, string][] = [
    ['emoji with skin tone', 'Hi 👋🏽 there, friend', 'there'],
    ['ZWJ family', 'We 👩‍👩‍👧 went to the garden', 'garden'],
    ['astral symbol in the selection', 'a 𝄞 b 𝄞 c', '𝄞 b 𝄞'],
    ['combining marks (NFD)', 'cafe\u0301 and rese\u0301au', 'rese\u0301au'],
    ['right-to-left', 'he said مرحبا then שלום', 'שלום'],
    ['mixed', '😀é\u0301مر𝄞x', 'x'],
  ];
  for (const [label, text, words] of cases) {
    it(`lands on the same words: ${label}`, () => {
      const start = text.indexOf(words);
      const both = sliceBoth(text, start, start + words.length);
      expect(both.codePoints).toBe(words);
      expect(both.utf16).toBe(words);
    });
  }

  it('counts an emoji as one code point, not two UTF-16 units', () => {
    const map = codePointMapper('👋🏽ab');
    expect([0, 2, 4, 5, 6].map(map)).toEqual([0, 1, 2, 3, 4]);
  });

  it('leaves BMP-only text (combining marks, RTL, NFD) unchanged', () => {
    const text = 'cafe\u0301 مرحبا שלום'.normalize('NFD');
    const map = codePointMapper(text);
    for (let i = 0; i <= text.length; i++) expect(map(i)).toBe(i);
  });

  it('drops characters XML cannot carry only when asked (for text written inside XML)', () => {
    const text = 'a\u0001b\uFFFEc\uD800d🙂e';
    expect(codePointMapper(text)(text.indexOf('e'))).toBe(codePoints(text).indexOf('e'));
    const inXml = codePointMapper(text, { dropIllegalXml: true });
    expect(inXml(text.indexOf('e'))).toBe(codePoints(stripIllegalXml(text)).indexOf('e'));
    expect(inXml(text.indexOf('e'))).toBe(5);
  });

  it('clamps offsets to the text and never decreases (inside a pair counts the pair)', () => {
    const map = codePointMapper('a😀b');
    expect(map(-5)).toBe(0);
    expect(map(99)).toBe(3);
    expect(map(2)).toBe(2);
  });

  it('agrees with splitting into code points, for any text (property)', () => {
    const piece = fc.constantFrom(
      'a',
      ' ',
      '\n',
      'é',
      'e\u0301',
      '😀',
      '👩‍👧',
      '𝄞',
      'م',
      'ש',
      '\u0001',
      '\uFFFF',
      '\uD800',
      '\uDC00',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const text = pieces.join('');
        const i = Math.min(a, b) % (text.length + 1);
        const plain = codePointMapper(text);
        const inXml = codePointMapper(text, { dropIllegalXml: true });
        expect(plain(i)).toBe(codePoints(text.slice(0, i)).length);
        const midPair =
          /[\uD800-\uDBFF]$/.test(text.slice(0, i)) && /^[\uDC00-\uDFFF]/.test(text.slice(i));
        if (!midPair) expect(inXml(i)).toBe(codePoints(stripIllegalXml(text.slice(0, i))).length);
      }),
    );
  });

  it('maps 200k selections over a 10M-character text quickly (no quadratic walk)', () => {
    const text = 'word word 🙂 word\n'.repeat(600_000);
    const started = performance.now();
    const map = codePointMapper(text);
    let sum = 0;
    for (let k = 0; k < 200_000; k++) sum += map((k * 50) % text.length);
    const ms = performance.now() - started;
    expect(sum).toBeGreaterThan(0);
    // Each line holds one astral pair, so code point = index − completed lines past the emoji.
    const at = 18 * 1000 + 15;
    expect(map(at)).toBe(at - 1001);
    expect(ms).toBeLessThan(3000);
  });
});

describe('XML escaping', () => {
  it('escapes the five special characters in attributes, and keeps tabs and line breaks', () => {
    expect(escapeAttr(`a&b<c>d"e'f\tg\nh\ri`)).toBe(
      'a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h&#13;i',
    );
  });

  it('escapes element text, keeping LF and writing CR as a reference', () => {
    expect(escapeText('1 < 2 & 3 > 2\r\nnext')).toBe('1 &lt; 2 &amp; 3 &gt; 2&#13;\nnext');
  });

  it('drops control characters, U+FFFE/U+FFFF and lone surrogates, keeps real pairs', () => {
    expect(stripIllegalXml('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uD800g\uDC00h😀\t\n\r')).toBe(
      'abcdefgh😀\t\n\r',
    );
  });
});

describe('XSD value forms', () => {
  it('normalises GUIDs and refuses what is not one', () => {
    expect(normaliseGuid('{AB12CD34-0000-4000-8000-00000000ABCD}')).toBe(
      'ab12cd34-0000-4000-8000-00000000abcd',
    );
    expect(normaliseGuid('{ab12cd34-0000-4000-8000-00000000abcd')).toBeUndefined();
    expect(normaliseGuid('ab12cd34-0000-4000-8000-00000000abc')).toBeUndefined();
    expect(normaliseGuid('')).toBeUndefined();
  });

  it('writes colours as #rrggbb', () => {
    expect(xsdColor('#ABC')).toBe('#aabbcc');
    expect(xsdColor(' #10A0f0 ')).toBe('#10a0f0');
    expect(xsdColor('rgb(1,2,3)')).toBeUndefined();
    expect(xsdColor('#12345')).toBeUndefined();
  });

  it('writes dates as xsd:dateTime, keeping zones, and refuses impossible ones', () => {
    expect(xsdDateTime('2024-03-02T14:05:00.5-05:30')).toBe('2024-03-02T14:05:00.5-05:30');
    expect(xsdDateTime('2024-03-02 14:05:00')).toBe('2024-03-02T14:05:00');
    expect(xsdDateTime('Tue, 05 Mar 2024 10:00:00 GMT')).toBe('2024-03-05T10:00:00.000Z');
    expect(xsdDateTime('2023-02-29T10:00:00Z')).toBeUndefined();
    expect(xsdDateTime('2024-03-02T25:00:00')).toBeUndefined();
    expect(xsdDateTime('soon')).toBeUndefined();
    expect(xsdDate('2024-02-29')).toBe('2024-02-29');
    expect(xsdDate('2024-03-02T14:05:00Z')).toBe('2024-03-02');
    expect(xsdDate('2023-02-29')).toBeUndefined();
  });

  it('writes decimals without exponents', () => {
    expect(xsdDecimal(1e-7)).toBe('0.0000001');
    expect(xsdDecimal(-2.5e-8)).toBe('-0.000000025');
    expect(xsdDecimal(1.5e21)).toBe('1500000000000000000000');
    expect(xsdDecimal(3.25)).toBe('3.25');
    expect(xsdDecimal(Number.NaN)).toBeUndefined();
    expect(xsdDecimal(Infinity)).toBeUndefined();
  });

  it('types variable values, refusing misfits', () => {
    expect(typedValueText('Integer', 42)).toBe('42');
    expect(typedValueText('Integer', ' -7 ')).toBe('-7');
    expect(typedValueText('Integer', 4.5)).toBeUndefined();
    expect(typedValueText('Integer', 'forty')).toBeUndefined();
    expect(typedValueText('Float', '2.50')).toBe('2.50');
    expect(typedValueText('Float', '1e3')).toBe('1000');
    expect(typedValueText('Float', '')).toBeUndefined();
    expect(typedValueText('Boolean', 'Yes')).toBe('true');
    expect(typedValueText('Boolean', 0)).toBe('false');
    expect(typedValueText('Boolean', 'maybe')).toBeUndefined();
    expect(typedValueText('Date', 20240102 as unknown as string)).toBeUndefined();
    expect(typedValueText('DateTime', '2024-01-02 03:04:05')).toBe('2024-01-02T03:04:05');
    expect(typedValueText('Text', 12)).toBe('12');
  });
});
