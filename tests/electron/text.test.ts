// Reading a transcript's bytes into the text that codings index into.
import { describe, expect, it } from 'vitest';
import { WeftError } from '../../db/errors.js';
import {
  decodeText,
  extensionOf,
  normaliseText,
  sourceNameFromFile,
} from '../../electron/formats/text.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | Uint8Array)[]) =>
  Uint8Array.from(parts.flatMap((p) => Array.from(p)));

function utf16(s: string, endian: 'le' | 'be'): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const hi = unit >> 8;
    const lo = unit & 0xff;
    out.push(...(endian === 'le' ? [lo, hi] : [hi, lo]));
  }
  return out;
}

const SAMPLE = 'Interviewer: Ça va? “Yes” — naïve café 👋🏽\nP13: مرحبا / שלום';

function errorCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WeftError);
    return (e as WeftError).code;
  }
  return undefined;
}

describe('decodeText', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(utf8(SAMPLE))).toBe(SAMPLE);
  });

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const text = decodeText(bytes([0xef, 0xbb, 0xbf], utf8(SAMPLE)));
    expect(text).toBe(SAMPLE);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('reads UTF-16 LE with a BOM', () => {
    expect(decodeText(bytes([0xff, 0xfe], utf16(SAMPLE, 'le')))).toBe(SAMPLE);
  });

  it('reads UTF-16 BE with a BOM', () => {
    expect(decodeText(bytes([0xfe, 0xff], utf16(SAMPLE, 'be')))).toBe(SAMPLE);
  });

  it('normalises line endings in UTF-16 files too', () => {
    const crlf = 'Interviewer: Hi\r\nP01: Hello\r\n';
    expect(decodeText(bytes([0xff, 0xfe], utf16(crlf, 'le')))).toBe(
      'Interviewer: Hi\nP01: Hello\n',
    );
  });

  it('falls back to a single-byte reading when the bytes are not UTF-8', () => {
    // "Café, naïve, señor" as Latin-1 / Windows-1252: 0xE9 é, 0xEF ï, 0xF1 ñ are invalid UTF-8.
    const legacy = bytes(
      utf8('Caf'),
      [0xe9],
      utf8(', na'),
      [0xef],
      utf8('ve, se'),
      [0xf1],
      utf8('or'),
    );
    expect(decodeText(legacy)).toBe('Café, naïve, señor');
    const withBreaks = bytes(utf8('Interviewer: s'), [0xe9], [0x0d, 0x0a], utf8('P2: ok'));
    expect(decodeText(withBreaks)).toBe('Interviewer: sé\nP2: ok');
  });

  // BUG (electron/formats/text.ts decodeText): the fallback uses TextDecoder('windows-1252'),
  // which on Node >= 20.18.3 / 22.13 decodes as ISO-8859-1 (nodejs/node#56542, #60888), so a
  // Windows transcript's smart quotes, dashes and € (0x80-0x9F) become invisible C1 control
  // characters (U+0093 ...). Flip to `it` once Weft maps 0x80-0x9F itself.
  it('reads Windows-1252 smart quotes, dashes and the euro sign', () => {
    // “Café” – 5 € as an old Windows editor saves it.
    const cp1252 = [0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80];
    expect(decodeText(Uint8Array.from(cp1252))).toBe('“Café” – 5 €');
  });

  it('turns CRLF and lone CR into LF', () => {
    expect(decodeText(utf8('a\r\nb\rc\nd\r\n\r\ne\r'))).toBe('a\nb\nc\nd\n\ne\n');
    expect(decodeText(utf8('no line breaks'))).toBe('no line breaks');
  });

  it('keeps offsets stable: decoded length equals the text a user sees', () => {
    const text = decodeText(utf8('Q: x\r\nA: y'));
    expect(text).toHaveLength('Q: x\nA: y'.length);
    expect(text.indexOf('A: y')).toBe(5);
  });

  it('preserves emoji and right-to-left text exactly', () => {
    const text = 'P04: 🏳️‍🌈 👨‍👩‍👧 ok\nP05: العربية لغة جميلة\nP06: עברית זה כיף\n';
    const decoded = decodeText(utf8(text));
    expect(decoded).toBe(text);
    expect(decoded.length).toBe(text.length);
    expect([...decoded]).toEqual([...text]);
  });

  it('accepts an empty file and a BOM-only file as empty text', () => {
    expect(decodeText(new Uint8Array())).toBe('');
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf]))).toBe('');
  });

  it('refuses bytes with NUL characters as not text', () => {
    expect(errorCode(() => decodeText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])))).toBe(
      'not_text',
    );
    expect(errorCode(() => decodeText(bytes(utf8('hello'), [0], utf8('world'))))).toBe('not_text');
    // UTF-16 without a BOM cannot be told from binary, so it is refused rather than garbled.
    expect(errorCode(() => decodeText(Uint8Array.from(utf16('Hello', 'le'))))).toBe('not_text');
  });
});

describe('normaliseText', () => {
  it('drops a leading BOM and fixes line endings in already-decoded text', () => {
    expect(normaliseText('\uFEFFa\r\nb\rc')).toBe('a\nb\nc');
  });

  it('keeps a BOM-like character that is not at the start (zero-width no-break space)', () => {
    expect(normaliseText('a\uFEFFb')).toBe('a\uFEFFb');
  });

  it('refuses text holding NUL', () => {
    expect(errorCode(() => normaliseText('a\u0000b'))).toBe('not_text');
  });
});

describe('sourceNameFromFile', () => {
  it.each([
    ['Interview 01.txt', 'Interview 01'],
    ['P13 follow-up.MD', 'P13 follow-up'],
    ['notes.final.v2.txt', 'notes.final.v2'],
    ['archive.tar.gz', 'archive.tar'],
    ['README', 'README'],
    ['.hidden', '.hidden'],
    ['.hidden.txt', '.hidden'],
    ['trailing-dot.', 'trailing-dot'],
    ['C:\\Users\\Ana\\Desktop\\LW02 transcript.txt', 'LW02 transcript'],
    ['C:\\Data.2023\\no-extension', 'no-extension'],
    ['/home/ana/field notes/Site visit.md', 'Site visit'],
    ['  padded  .txt', 'padded'],
    ['مقابلة ١.txt', 'مقابلة ١'],
  ])('%j -> %j', (file, name) => {
    expect(sourceNameFromFile(file)).toBe(name);
  });

  it('never returns an empty name', () => {
    for (const file of ['   .txt', '.txt', 'dir/ .md', 'C:\\x\\ .txt']) {
      expect(sourceNameFromFile(file).trim().length, file).toBeGreaterThan(0);
    }
  });
});

describe('extensionOf', () => {
  it.each([
    ['Interview.txt', '.txt'],
    ['Interview.TXT', '.txt'],
    ['notes.final.v2.md', '.md'],
    ['archive.tar.gz', '.gz'],
    ['README', ''],
    ['.bashrc', ''],
    ['.hidden.txt', '.txt'],
    ['C:\\Data.2023\\no-extension', ''],
    ['C:\\Users\\Ana\\P01.Markdown', '.markdown'],
    ['/srv/data.v1/file', ''],
    ['report.docx', '.docx'],
  ])('%j -> %j', (file, ext) => {
    expect(extensionOf(file)).toBe(ext);
  });
});
