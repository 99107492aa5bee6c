// Word files built in the test with the `docx` package, and files that only claim to be Word.
import fs from 'node:fs';
import {
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { readSourceFile } from '../../../electron/formats/read.js';
import { expectWeftError, speakers } from './helpers.js';

const CORPORA = '/work/shared/corpora';
// A 1×1 PNG, enough for Word (and mammoth) to see a picture.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function docxBytes(children: (Paragraph | Table)[], extra = {}): Promise<Uint8Array> {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'steps',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.' },
            { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2)' },
          ],
        },
      ],
    },
    ...extra,
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const cell = (...texts: string[]) =>
  new TableCell({ children: texts.map((t) => new Paragraph(t)) });

describe('reading .docx', () => {
  it('keeps headings, paragraphs, lists and tables as lines of text', async () => {
    const bytes = await docxBytes(
      [
        new Paragraph({ text: 'Site visit: North', heading: HeadingLevel.HEADING_1 }),
        new Paragraph({
          children: [new TextRun('The hub was busy'), new TextRun({ text: '\tthat morning.' })],
        }),
        new Paragraph({ text: 'Tea urn', bullet: { level: 0 } }),
        new Paragraph({ text: 'Leaflets', bullet: { level: 1 } }),
        new Paragraph({ text: 'Referral', numbering: { reference: 'steps', level: 0 } }),
        new Paragraph({ text: 'First call', numbering: { reference: 'steps', level: 0 } }),
        new Table({
          rows: [
            new TableRow({ children: [cell('Site'), cell('Theme', 'and more')] }),
            new TableRow({ children: [cell('North'), cell('Trust & “warmth”')] }),
          ],
        }),
        new Paragraph({
          children: [new TextRun('Line one'), new TextRun({ text: 'Line two', break: 1 })],
        }),
      ],
      {},
    );
    const read = await readSourceFile(bytes, 'visit.docx');
    expect(read.format).toBe('docx');
    expect(read.text).toBe(
      [
        'Site visit: North',
        'The hub was busy that morning.',
        '- Tea urn',
        '  - Leaflets',
        '1. Referral',
        '2. First call',
        'Site | Theme and more',
        'North | Trust & “warmth”',
        'Line one',
        'Line two',
      ].join('\n'),
    );
    expect(read.warnings).toEqual([]);
  });

  it('keeps footnotes at the end without their back-links, and notes left-out pictures', async () => {
    const bytes = await docxBytes(
      [
        new Paragraph({
          children: [new TextRun('Consent was verbal'), new FootnoteReferenceRun(1)],
        }),
        new Paragraph({
          children: [
            new ImageRun({ type: 'png', data: PIXEL, transformation: { width: 10, height: 10 } }),
          ],
        }),
      ],
      { footnotes: { 1: { children: [new Paragraph('Recorded on the sheet.')] } } },
    );
    const read = await readSourceFile(bytes, 'consent.docx');
    expect(read.text).toBe('Consent was verbal[1]\n1. Recorded on the sheet.');
    expect(read.warnings).toHaveLength(1);
    expect(read.warnings[0]).toMatch(/consent\.docx.*1 picture/);
  });

  it('finds speaker turns and joins labels that stand alone in their paragraph', async () => {
    const bytes = await docxBytes(
      [
        'Interviewer:',
        'How was it?',
        'LW01: Fine.',
        'Interviewer:',
        'And then?',
        'LW01: Home.',
      ].map((t) => new Paragraph(t)),
    );
    const read = await readSourceFile(bytes, 'lw01.docx');
    expect(read.text).toBe(
      'Interviewer: How was it?\nLW01: Fine.\nInterviewer: And then?\nLW01: Home.',
    );
    expect(speakers(read.turns)).toEqual(['Interviewer', 'LW01', 'Interviewer', 'LW01']);
  });

  it('rejects a document with no text as empty', async () => {
    const bytes = await docxBytes([new Paragraph('')]);
    await expectWeftError(readSourceFile(bytes, 'blank.docx'), 'empty', 'blank.docx');
  });

  it('rejects random bytes as a corrupt Word file', async () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256);
    await expectWeftError(readSourceFile(bytes, 'random.docx'), 'corrupt', 'random.docx');
  });

  it('rejects a zip that is not a Word document (a spreadsheet renamed .docx)', async () => {
    const xlsx = fs.readFileSync(
      `${CORPORA}/sheffield-open-qual-interviews/Interview Participant - Facesheet information.xlsx`,
    );
    const error = await expectWeftError(
      readSourceFile(xlsx, 'facesheet.docx'),
      'corrupt',
      'facesheet.docx',
    );
    expect(error.message).toMatch(/save it as a Word document/);
    const odt = fs.readFileSync(`${CORPORA}/qualcoder-examples/ID2.odt`);
    await expectWeftError(readSourceFile(odt, 'ID2.docx'), 'corrupt', 'ID2.docx');
  });

  it('rejects a truncated .docx as corrupt', async () => {
    const bytes = await docxBytes([new Paragraph('Hello')]);
    const cut = bytes.slice(0, bytes.length - 200);
    await expectWeftError(readSourceFile(cut, 'cut.docx'), 'corrupt', 'cut.docx');
  });

  // Word saves a password-protected .docx as an OLE compound file holding an
  // "EncryptedPackage" stream; a Word 97-2003 .doc is the same container without it. These
  // are the first bytes of such files (the container header and a directory entry name), which
  // is all Weft looks at: mammoth cannot open either.
  function compoundFile(streamName: string): Uint8Array {
    const bytes = new Uint8Array(4096);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    bytes.set(Buffer.from(streamName, 'utf16le'), 1024);
    return bytes;
  }

  it('recognises a password-protected .docx', async () => {
    const error = await expectWeftError(
      readSourceFile(compoundFile('EncryptedPackage'), 'secret.docx'),
      'encrypted',
      'secret.docx',
    );
    expect(error.message).toMatch(/password/);
  });

  it('recognises an old .doc renamed to .docx', async () => {
    const error = await expectWeftError(
      readSourceFile(compoundFile('WordDocument'), 'old.docx'),
      'corrupt',
      'old.docx',
    );
    expect(error.message).toMatch(/97–2003/);
  });
});
