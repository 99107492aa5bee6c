// Real files researchers have: the Sheffield open qualitative interviews (txt and docx twins)
// and QualCoder's example documents, from /work/shared/corpora.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReadSource } from '../../../electron/formats/read.js';
import { readSourceFile } from '../../../electron/formats/read.js';

const SHEFFIELD = '/work/shared/corpora/sheffield-open-qual-interviews';
const QUALCODER = '/work/shared/corpora/qualcoder-examples';

const read = (file: string) => readSourceFile(fs.readFileSync(file), path.basename(file));
const list = (ext: string) =>
  fs
    .readdirSync(SHEFFIELD)
    .filter((f) => f.endsWith(ext) && !f.startsWith('Readme'))
    .sort();

/** Speaker -> number of turns. */
function turnCounts(source: ReadSource): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of source.turns ?? []) counts.set(t.speaker, (counts.get(t.speaker) ?? 0) + 1);
  return counts;
}

/** Labels at line starts, counted straight from the raw file: the expected turns. */
function labelCounts(raw: string, names: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of raw.split('\n'))
    for (const name of names)
      if (line.startsWith(`${name}:`)) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}’']+/gu) ?? [];

/** Share of `b`'s words (as a multiset) also found in `a`: 1 means none missing. */
function overlap(a: string, b: string): number {
  const pool = new Map<string, number>();
  for (const w of words(a)) pool.set(w, (pool.get(w) ?? 0) + 1);
  let found = 0;
  const wanted = words(b);
  for (const w of wanted) {
    const n = pool.get(w) ?? 0;
    if (n > 0) {
      found++;
      pool.set(w, n - 1);
    }
  }
  return found / wanted.length;
}

describe('Sheffield interview transcripts (.txt)', () => {
  const files = list('.txt');

  it('has the twelve transcripts', () => {
    expect(files).toHaveLength(12);
  });

  it.each(files)('%s: reads the interview with its two speakers', async (file) => {
    const name = file.replace('.txt', '');
    const source = await read(path.join(SHEFFIELD, file));
    const raw = fs.readFileSync(path.join(SHEFFIELD, file), 'utf8');
    expect(source.format).toBe('txt');
    expect(source.warnings).toEqual([]);
    expect(source.text.length).toBeGreaterThan(20_000);
    expect(source.text).toMatch(/^(\d\d-\w{3}-2023|Stephen)/);
    expect(source.text).toContain(`\n${name}: `);
    expect([...turnCounts(source).keys()].sort()).toEqual(['Researcher 1', name].sort());
    // Every labelled line in the file is a turn, and nothing else is.
    expect(turnCounts(source)).toEqual(labelCounts(raw, ['Researcher 1', name]));
  });

  it('Lisa.txt: joins each label with the text on the line below it', async () => {
    const source = await read(path.join(SHEFFIELD, 'Lisa.txt'));
    expect(source.text.split('\n')[1]).toMatch(/^Researcher 1: Okay\. Great\. Well thank you/);
    expect(source.text).toContain('\nLisa: I used NVivo.\n');
    // Three labels carry a time ("Lisa:   40:16", Otter style) and head a timed turn; the
    // spacing is kept as written.
    expect(source.text).toContain('\nResearcher 1:   1:05:33 Thank you very much.');
    expect(source.turns?.filter((t) => t.time).map((t) => `${t.speaker} ${t.time}`)).toEqual([
      'Lisa 00:40:16',
      'Researcher 1 00:40:22',
      'Researcher 1 01:05:33',
    ]);
    // A label alone on its line now only precedes a blank line (Lisa once says nothing).
    expect(source.text).not.toMatch(/^(Researcher 1|Lisa):[ \t\d:]*\n[^\n]/m);
    const first = source.turns?.[0];
    expect(source.text.slice(first?.start, first?.end)).toMatch(
      /^Researcher 1: Okay\..*running since January/s,
    );
  });
});

describe('Sheffield interview transcripts (.docx)', () => {
  const files = list('.docx');

  it('has the ten Word transcripts', () => {
    expect(files).toHaveLength(10);
  });

  it.each(files)('%s: reads like its .txt twin, with the same speakers', async (file) => {
    const name = file.replace('.docx', '');
    const docx = await read(path.join(SHEFFIELD, file));
    const txt = await read(path.join(SHEFFIELD, `${name}.txt`));
    expect(docx.format).toBe('docx');
    expect(docx.warnings).toEqual([]);
    expect(docx.text.split('\n')[0]).toBe(txt.text.split('\n')[0]?.trim());
    expect(overlap(docx.text, txt.text)).toBeGreaterThan(0.99);
    // Stephen.txt was made from an earlier edit: it lacks the "[… REDACTED]" markers and a
    // passage that the .docx has, so only that direction is looser.
    expect(overlap(txt.text, docx.text)).toBeGreaterThan(name === 'Stephen' ? 0.93 : 0.99);
    expect(turnCounts(docx)).toEqual(labelCounts(docx.text, ['Researcher 1', name]));
    // Stephen.docx's extra passage holds one more turn of Stephen's.
    const extra = name === 'Stephen' ? new Map([[name, 1]]) : new Map<string, number>();
    for (const [speaker, n] of turnCounts(txt))
      expect(turnCounts(docx).get(speaker)).toBe(n + (extra.get(speaker) ?? 0));
    // The docx has no blank lines between paragraphs: one paragraph per line.
    expect(docx.text).not.toContain('\n\n');
  });

  it('Readme - Interviews.docx: an ordinary document, read without speaker turns', async () => {
    const source = await read(path.join(SHEFFIELD, 'Readme - Interviews.docx'));
    expect(source.text).toMatch(/^ReadMe:\nFostering cultures of open qualitative research/);
    expect(source.text).toContain('£13,913.85');
    expect(source.turns).toBeUndefined();
  });
});

describe('QualCoder examples', () => {
  it('special.chars.docx keeps smart quotes, ellipsis and dashes exactly', async () => {
    const source = await read(path.join(QUALCODER, 'special.chars.docx'));
    expect(source.text).toBe(
      [
        'This is a test with ‘single smart quotes’, “double smart quotes”.',
        'It’s a test.',
        'And here is an ellipsis: …',
        'and a dash, n-dash, m-dash: ‐, –, — (for -, --, ---)',
      ].join('\n'),
    );
  });

  it('ID1.docx reads three paragraphs, with the euro sign', async () => {
    const source = await read(path.join(QUALCODER, 'ID1.docx'));
    const paragraphs = source.text.split('\n');
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]).toMatch(/^I really like learning new things\./);
    expect(source.text).toContain('€200');
  });

  it('transcript.txt finds the [id1] [id2] [id3] focus-group speakers', async () => {
    const source = await read(path.join(QUALCODER, 'transcript.txt'));
    expect(source.text).toMatch(/^\[id1\] hello, I like the course\./);
    expect(source.turns?.map((t) => t.speaker)).toEqual([
      'id1',
      'id2',
      'id3',
      'id1',
      'id3',
      'id1',
      'id2',
    ]);
  });

  it('NOTES.txt reads as plain text without turns', async () => {
    const source = await read(path.join(QUALCODER, 'NOTES.txt'));
    expect(source.text).toMatch(/^These files can be used to test file imort/);
    expect(source.turns).toBeUndefined();
  });

  it('ID2.odt is not a format Weft reads, and the message names it', async () => {
    await expect(read(path.join(QUALCODER, 'ID2.odt'))).rejects.toMatchObject({
      code: 'unsupported_format',
      message: expect.stringContaining('ID2.odt') as unknown,
    });
  });
});
