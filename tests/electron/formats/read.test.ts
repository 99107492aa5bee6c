// readSourceFile: choosing a reader by extension, text encodings, and errors that name the file.
import { describe, expect, it } from 'vitest';
import { WeftError } from '../../../db/errors.js';
import { readSourceFile, SOURCE_EXTENSIONS } from '../../../electron/formats/read.js';
import { expectWeftError, speakers, utf8 } from './helpers.js';

function utf16(s: string, endian: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const [a, b] = endian === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
    out[2 + i * 2] = a;
    out[3 + i * 2] = b;
  }
  return out;
}

const SAMPLE =
  'Interviewer: Ça va? “Yes” — naïve café 👋🏽\nP13: مرحبا / שלום 👩‍👩‍👧\nInterviewer: Merci.\nP13: 🙏';

describe('readSourceFile: text files', () => {
  it('reads UTF-8 and finds the speaker turns, offsets in UTF-16 units', async () => {
    const read = await readSourceFile(utf8(SAMPLE), 'p13.txt');
    expect(read).toMatchObject({ text: SAMPLE, format: 'txt', warnings: [] });
    expect(speakers(read.turns)).toEqual(['Interviewer', 'P13', 'Interviewer', 'P13']);
    const second = read.turns?.[1];
    expect(read.text.slice(second?.start, second?.end)).toBe('P13: مرحبا / שלום 👩‍👩‍👧');
  });

  it('drops a UTF-8 BOM so offsets start at the first real character', async () => {
    const read = await readSourceFile(
      Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)]),
      'a.txt',
    );
    expect(read.text).toBe(SAMPLE);
    expect(read.turns?.[0]?.start).toBe(0);
  });

  it('reads UTF-16 LE and BE with a BOM', async () => {
    expect((await readSourceFile(utf16(SAMPLE, 'le'), 'le.txt')).text).toBe(SAMPLE);
    expect((await readSourceFile(utf16(SAMPLE, 'be'), 'be.txt')).text).toBe(SAMPLE);
  });

  it('turns CRLF and lone CR into LF', async () => {
    const read = await readSourceFile(utf8('Interviewer: Hi\r\nP01: Hello\rmore\r\n'), 'crlf.txt');
    expect(read.text).toBe('Interviewer: Hi\nP01: Hello\nmore\n');
  });

  it('keeps right-to-left text and combining marks exactly', async () => {
    const rtl = 'מראיין: שלום\nמשתתפת: שלום לך\n\u202bنص عربي\u202c e\u0301';
    expect((await readSourceFile(utf8(rtl), 'rtl.txt')).text).toBe(rtl);
  });

  it('falls back to Windows-1252 for files that are not UTF-8, and says so', async () => {
    const bytes = Uint8Array.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x80, 0x35]);
    const read = await readSourceFile(bytes, 'old.txt');
    expect(read.text).toBe('“Café” €5');
    expect(read.warnings.join(' ')).toMatch(/old\.txt.*Windows-1252/);
  });

  it('reads .md, .markdown and .text as text, keeping Markdown as written', async () => {
    const md =
      '# Visit 3\n\n**Interviewer:** Hi.\n**P2:** Hello.\n**Interviewer:** Bye.\n**P2:** Bye.';
    const read = await readSourceFile(utf8(md), 'notes.MD');
    expect(read).toMatchObject({ text: md, format: 'md' });
    expect(speakers(read.turns)).toEqual(['Interviewer', 'P2', 'Interviewer', 'P2']);
    expect((await readSourceFile(utf8('x'), 'a.markdown')).format).toBe('md');
    expect((await readSourceFile(utf8('x'), 'a.text')).format).toBe('txt');
  });

  it('joins a speaker label that stands alone on its line with the text below it', async () => {
    const text = 'Researcher 1:\nOkay.\n\nLisa: \nYeah.\n\nResearcher 1:\nSo.\n\nLisa:\nRight.';
    const read = await readSourceFile(utf8(text), 'lisa.txt');
    expect(read.text).toBe(
      'Researcher 1: Okay.\n\nLisa: Yeah.\n\nResearcher 1: So.\n\nLisa: Right.',
    );
    expect(read.turns?.map((t) => read.text.slice(t.start, t.end))).toEqual([
      'Researcher 1: Okay.',
      'Lisa: Yeah.',
      'Researcher 1: So.',
      'Lisa: Right.',
    ]);
  });

  it('leaves out `turns` when the text is not a transcript', async () => {
    const read = await readSourceFile(utf8('Fieldnotes, 3 May.\nThe room was cold.'), 'notes.txt');
    expect(read.turns).toBeUndefined();
  });

  it('reads a ~50 MB transcript in a few seconds', async () => {
    const block =
      'Interviewer: What did you notice about the waiting room on the first visit?\n' +
      'P13: Émilie said the chairs were comfortable 👍 and the staff said مرحبا to everyone. ' +
      'It was, honestly, the first time anyone asked how I was.\n\n';
    const count = Math.ceil(50_000_000 / new TextEncoder().encode(block).length);
    const bytes = new TextEncoder().encode(block.repeat(count));
    const started = performance.now();
    const read = await readSourceFile(bytes, 'big.txt');
    const seconds = (performance.now() - started) / 1000;
    expect(bytes.length).toBeGreaterThan(50_000_000);
    expect(read.text.length).toBe(block.length * count);
    expect(read.turns).toHaveLength(count * 2);
    expect(seconds).toBeLessThan(5);
  });
});

describe('readSourceFile: errors name the file and say what to do', () => {
  it('rejects an unknown extension and lists what Weft reads', async () => {
    const error = await expectWeftError(
      readSourceFile(utf8('{\\rtf1 hi}'), 'C:\\Users\\me\\Interview 4.rtf'),
      'unsupported_format',
      'Interview 4.rtf',
    );
    for (const ext of SOURCE_EXTENSIONS) expect(error.message).toContain(ext);
    expect(error.message).not.toContain('C:\\Users');
    await expectWeftError(readSourceFile(utf8('hi'), 'README'), 'unsupported_format', 'README');
  });

  it.each(['empty.txt', 'empty.docx', 'empty.pdf', 'empty.vtt', 'empty.html'])(
    'rejects a zero-byte %s as empty',
    async (name) => {
      await expectWeftError(readSourceFile(new Uint8Array(0), name), 'empty', name);
    },
  );

  it('rejects text that is only whitespace (or only markup) as empty', async () => {
    await expectWeftError(readSourceFile(utf8(' \n\t\r\n '), 'blank.txt'), 'empty', 'blank.txt');
    await expectWeftError(readSourceFile(utf8('\ufeff'), 'bom.md'), 'empty', 'bom.md');
    const html = '<html><head><script>var a = 1;</script></head><body> </body></html>';
    await expectWeftError(readSourceFile(utf8(html), 'blank.html'), 'empty', 'blank.html');
  });

  it('rejects binary data in a text file, and recognises a renamed PDF', async () => {
    const binary = Uint8Array.from([0x00, 0x01, 0x02, 0x41, 0x00, 0xff, 0x10]);
    await expectWeftError(readSourceFile(binary, 'photo.txt'), 'not_text', 'photo.txt');
    const pdf = Uint8Array.from([...utf8('%PDF-1.7\n'), 0x00, 0x00, 0xe2]);
    const error = await expectWeftError(
      readSourceFile(pdf, 'report.txt'),
      'not_text',
      'report.txt',
    );
    expect(error.message).toContain('.pdf');
    await expectWeftError(readSourceFile(binary, 'captions.srt'), 'not_text', 'captions.srt');
  });
});

describe('a spreadsheet given as a source', () => {
  it('is refused with a pointer to importing attributes', async () => {
    for (const name of ['Facesheet.xlsx', 'participants.csv']) {
      const e = await readSourceFile(new TextEncoder().encode('ID,Age\nP01,34\n'), name).catch(
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(WeftError);
      expect((e as WeftError).code).toBe('unsupported_format');
      expect((e as WeftError).message).toContain(`“${name}”`);
      expect((e as WeftError).message).toContain('Cases → Import attributes');
    }
  });
});
