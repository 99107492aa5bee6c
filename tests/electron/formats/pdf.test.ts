// PDFs built in the test: pdf-lib for text and image-only pages, and by hand for an encrypted
// file (pdf-lib cannot encrypt).
import { createHash } from 'node:crypto';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { readSourceFile } from '../../../electron/formats/read.js';
import { expectWeftError, speakers } from './helpers.js';

async function pdfWithPages(pages: { lines: string[]; size?: number }[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const { lines, size = 11 } of pages) {
    const page = doc.addPage([420, 600]);
    // An empty string leaves a blank line, as between paragraphs.
    lines.forEach((line, i) => page.drawText(line, { x: 40, y: 550 - i * size * 1.3, font, size }));
  }
  return doc.save();
}

async function imageOnlyPdf(pageCount: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pageCount; i++)
    doc
      .addPage()
      .drawRectangle({ x: 50, y: 50, width: 300, height: 400, color: rgb(0.4, 0.4, 0.4) });
  return doc.save();
}

describe('reading .pdf', () => {
  it('reads text on two pages and records where each page starts and ends', async () => {
    const bytes = await pdfWithPages([
      { lines: ['Fieldnotes, North hub', 'The waiting room was full.'] },
      { lines: ['Second page: the link worker arrived late.'] },
    ]);
    const read = await readSourceFile(bytes, 'notes.pdf');
    expect(read.format).toBe('pdf');
    expect(read.warnings).toEqual([]);
    expect(read.pages).toHaveLength(2);
    const [one, two] = read.pages ?? [];
    expect(read.text.slice(one?.start, one?.end)).toContain('The waiting room was full.');
    expect(read.text.slice(one?.start, one?.end)).toMatch(/^Fieldnotes, North hub/);
    expect(read.text.slice(two?.start, two?.end)).toBe(
      'Second page: the link worker arrived late.',
    );
    expect(two?.start).toBe((one?.end ?? 0) + 1); // one line break between pages
  });

  it('joins wrapped lines into paragraphs and starts a paragraph at each speaker', async () => {
    const bytes = await pdfWithPages([
      {
        lines: [
          'Interviewer: How did the first visit go? I am asking',
          'because it matters to the study.',
          '',
          'P13: It went well. The link worker was kind and she',
          'listened for a long time about every-',
          'thing that had happened.',
          // The widest line on the page: only its successor's label says a new turn starts.
          'Interviewer: Thank you, that is really helpful to hear for the whole study.',
          'P13: You are welcome.',
        ],
      },
    ]);
    const read = await readSourceFile(bytes, 'p13.pdf');
    expect(read.text).toBe(
      'Interviewer: How did the first visit go? I am asking because it matters to the study.\n' +
        'P13: It went well. The link worker was kind and she listened for a long time about ' +
        'every-thing that had happened.\n' +
        'Interviewer: Thank you, that is really helpful to hear for the whole study.\n' +
        'P13: You are welcome.',
    );
    expect(speakers(read.turns)).toEqual(['Interviewer', 'P13', 'Interviewer', 'P13']);
  });

  it('keeps a larger heading on its own line', async () => {
    const bytes = await pdfWithPages([{ lines: ['Findings'], size: 20 }]);
    const doc = await PDFDocument.load(bytes);
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.getPage(0).drawText('Trust grew slowly.', { x: 40, y: 520, font, size: 11 });
    const read = await readSourceFile(await doc.save(), 'h.pdf');
    expect(read.text).toBe('Findings\nTrust grew slowly.');
  });

  it('reads a PDF whose middle page is a scan, with a warning naming that page', async () => {
    const doc = await PDFDocument.load(await pdfWithPages([{ lines: ['Page one text.'] }]));
    const scan = doc.addPage();
    scan.drawRectangle({ x: 10, y: 10, width: 100, height: 100 });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage().drawText('Page three text.', { x: 40, y: 500, font, size: 11 });
    const read = await readSourceFile(await doc.save(), 'mixed.pdf');
    expect(read.text).toBe('Page one text.\nPage three text.');
    expect(read.pages).toEqual([
      { start: 0, end: 14 },
      { start: 14, end: 14 },
      { start: 15, end: 31 },
    ]);
    expect(read.warnings).toHaveLength(1);
    expect(read.warnings[0]).toMatch(/mixed\.pdf.*page 2 has no text/);
  });

  it('rejects a PDF with no text layer and suggests OCR', async () => {
    const error = await expectWeftError(
      readSourceFile(await imageOnlyPdf(2), 'scanned.pdf'),
      'no_text_layer',
      'scanned.pdf',
    );
    expect(error.message).toMatch(/OCR/);
  });

  it('rejects random bytes and a truncated PDF as corrupt', async () => {
    const noise = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256);
    await expectWeftError(readSourceFile(noise, 'noise.pdf'), 'corrupt', 'noise.pdf');
    const good = await pdfWithPages([{ lines: ['Hello'] }]);
    const cut = good.slice(0, Math.floor(good.length / 2));
    await expectWeftError(readSourceFile(cut, 'cut.pdf'), 'corrupt', 'cut.pdf');
  });

  it('rejects a password-protected PDF as encrypted', async () => {
    const bytes = encryptedPdf('secret', 'Confidential notes');
    // The fixture is a real encrypted PDF: with the password, pdf.js reads its text.
    const doc = await getDocument({ data: bytes.slice(), password: 'secret', verbosity: 0 })
      .promise;
    const content = await (await doc.getPage(1)).getTextContent();
    expect(content.items.map((i) => ('str' in i ? i.str : '')).join('')).toBe('Confidential notes');
    await doc.destroy();

    const error = await expectWeftError(
      readSourceFile(bytes, 'locked.pdf'),
      'encrypted',
      'locked.pdf',
    );
    expect(error.message).toMatch(/password/);
  });
});

// --- A minimal PDF encrypted with the standard security handler (revision 2, RC4 40-bit) ---

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
const padded = (password: string) =>
  Buffer.concat([Buffer.from(password, 'latin1'), PAD]).subarray(0, 32);

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + (s[i] ?? 0) + (key[i % key.length] ?? 0)) % 256;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, k = 0; n < data.length; n++) {
    i = (i + 1) % 256;
    k = (k + (s[i] ?? 0)) % 256;
    [s[i], s[k]] = [s[k] ?? 0, s[i] ?? 0];
    out[n] = (data[n] ?? 0) ^ (s[((s[i] ?? 0) + (s[k] ?? 0)) % 256] ?? 0);
  }
  return out;
}

/** PDF 1.4 algorithms 3.2-3.4: owner entry, file key, and user entry for revision 2. */
function encryptedPdf(userPassword: string, text: string): Uint8Array {
  const id = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
  const permissions = -44;
  const owner = rc4(md5(padded('owner')).subarray(0, 5), padded(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = md5(padded(userPassword), owner, p, id).subarray(0, 5);
  const user = rc4(key, PAD);
  const objectKey = (num: number) =>
    md5(key, Buffer.from([num & 0xff, (num >> 8) & 0xff, num >> 16, 0, 0])).subarray(0, 10);
  const stream = rc4(objectKey(4), Buffer.from(`BT /F1 12 Tf 20 100 Td (${text}) Tj ET`, 'latin1'));

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> >> >>',
    null, // the content stream, written as bytes below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> ` +
      `/U <${user.toString('hex')}> /P ${permissions} >>`,
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0]?.length ?? 0;
  const write = (b: Buffer) => {
    chunks.push(b);
    length += b.length;
  };
  objects.forEach((body, i) => {
    offsets.push(length);
    write(Buffer.from(`${i + 1} 0 obj\n`, 'latin1'));
    if (body === null) {
      write(Buffer.from(`<< /Length ${stream.length} >>\nstream\n`, 'latin1'));
      write(stream);
      write(Buffer.from('\nendstream', 'latin1'));
    } else {
      write(Buffer.from(body, 'latin1'));
    }
    write(Buffer.from('\nendobj\n', 'latin1'));
  });
  const xref = length;
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  write(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}` +
        `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R ` +
        `/ID [<${id.toString('hex')}> <${id.toString('hex')}>] >>\nstartxref\n${xref}\n%%EOF\n`,
      'latin1',
    ),
  );
  return new Uint8Array(Buffer.concat(chunks));
}
