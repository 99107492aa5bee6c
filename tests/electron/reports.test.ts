// Codebook and coded-excerpt reports written to DOCX, XLSX, CSV and Markdown, each read back the
// way its reader would (mammoth for Word, read-excel-file for Excel, papaparse for CSV) and
// compared with what the queries say, on a small awkward study and on the demo study.
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WeftError } from '../../db/errors.js';
import { openProject, type Db } from '../../db/open.js';
import { insertCode, updateCode } from '../../db/queries/codes.js';
import { insertCoding } from '../../db/queries/codings.js';
import { setAttributionTemplate } from '../../db/queries/excerpts.js';
import {
  codebookRows,
  excerptReportData,
  pathText,
  type CodebookRow,
  type ExcerptFilter,
  type ExcerptRow,
} from '../../db/queries/report-data.js';
import { insertSource } from '../../db/queries/sources.js';
import { ensureUser, listUsers } from '../../db/queries/users.js';
import { buildDemoProject } from '../../electron/api/demo.js';
import {
  CODEBOOK_COLUMNS,
  codebookReport,
  countsLine,
} from '../../electron/formats/reports/codebook-report.js';
import {
  EXCERPT_COLUMNS,
  excerptsReport,
  NO_EXCERPTS,
} from '../../electron/formats/reports/excerpts-report.js';
import type { ReportFile } from '../../electron/formats/reports/report-file.js';
import { appRoot, tempDir } from '../helpers.js';

const NOW = new Date(2025, 4, 17, 10, 30);
const DAY = '2025-05-17';

// ---------------------------------------------------------------- readers

const docxHtml = async (f: ReportFile) =>
  (await mammoth.convertToHtml({ buffer: Buffer.from(f.bytes) })).value;

/** The document's text as a reader sees it: a line break inside a paragraph stays a '\n'. */
async function docxText(f: ReportFile): Promise<string> {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  return (await docxHtml(f))
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/(p|h\d|li)>/g, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => entities[e]!);
}

/** The sheets of a workbook by name, each a grid of cell values. */
async function workbook(f: ReportFile) {
  const sheets = await readXlsxFile(Buffer.from(f.bytes));
  return new Map(sheets.map((s) => [s.sheet, s.data]));
}

function csvRows(f: ReportFile): string[][] {
  // Excel needs the byte-order mark to read UTF-8.
  expect([...f.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(f.bytes); // drops the BOM
  expect(text).toContain('\r\n');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** What a CSV cell must read for a value: formula-looking text behind an apostrophe. */
const guarded = (v: string | number) =>
  typeof v === 'number' ? String(v) : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------- expected rows

function codebookTable(rows: CodebookRow[]): (string | number)[][] {
  return rows.map((c) => [
    c.depth + 1,
    pathText(c.path),
    c.name,
    c.description,
    c.inclusion,
    c.exclusion,
    c.example,
    c.origin ? c.origin[0]!.toUpperCase() + c.origin.slice(1) : '',
    c.codings,
    c.sources,
    c.totalCodings,
    c.totalSources,
  ]);
}

function excerptTable(rows: ExcerptRow[]): (string | number)[][] {
  return rows.map((r) => [
    pathText(r.codePath),
    r.sourceName,
    r.cases.join(', '),
    r.coder,
    r.createdAt.slice(0, 10),
    r.start,
    r.end,
    r.text,
    r.attribution,
  ]);
}

/** A workbook row as plain values: empty cells '', dates as YYYY-MM-DD. */
const plain = (row: unknown[], width: number) =>
  Array.from({ length: width }, (_, i) => {
    const v = row[i];
    if (v === null || v === undefined) return '';
    return v instanceof Date ? v.toISOString().slice(0, 10) : (v as string | number);
  });

function expectInOrder(haystack: string, needles: string[]) {
  let at = -1;
  for (const n of needles) {
    const next = haystack.indexOf(n, at + 1);
    expect(next, `“${n}” after position ${at}`).toBeGreaterThan(at);
    at = next;
  }
}

// ---------------------------------------------------------------- a small, awkward study

const TEXT =
  'Interviewer: Where do you meet them?\n' +
  'PT04: =SUM(A1:A9) is what my son types, not me. We meet in the café 😀 upstairs.\n' +
  'PT04: مرحبا بكم، the room is borrowed.\nInterviewer: And then?\n' +
  'PT04: @front desk sends them up.\n';

let dir: string;
let db: Db;
let ids: Record<'top' | 'child' | 'deep' | 'formula' | 'rtl' | 'empty' | 'rosa' | 'sam', number>;

function code(codeId: number, quote: string, coderId: number, sourceId = 1) {
  const start = TEXT.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  insertCoding(db, { sourceId, codeId, start, end: start + quote.length, coderId });
}

function smallStudy() {
  db = openProject(path.join(dir, 'small.weft'), { create: true, name: 'Café study: 2025/26' });
  const rosa = ensureUser(db, 'Rosa Lind').id;
  const sam = ensureUser(db, 'Sam Okafor').id;
  const top = insertCode(db, {
    name: 'Meeting places 🏠',
    description: 'Where link workers see people.\nIncludes borrowed rooms.',
    inclusion: 'Any named place.',
    example: 'We meet in the café.',
    origin: 'deductive',
  });
  const child = insertCode(db, { name: 'Rooms/corners', parentId: top, origin: 'inductive' });
  // Seven levels down: deeper than Word's and Markdown's heading levels.
  let deep = child;
  for (const n of ['L3', 'L4', 'L5', 'L6', 'L7'])
    deep = insertCode(db, { name: n, parentId: deep });
  const formula = insertCode(db, { name: '=HYPERLINK("http://x")', exclusion: '-not this' });
  const rtl = insertCode(db, { name: 'ترحيب', description: 'Bell\u0007 rang' });
  const empty = insertCode(db, { name: 'Unused' });
  insertSource(db, { name: 'Site3_PT04', kind: 'interview', text: TEXT });
  setAttributionTemplate(db, '({source}, {coder})');
  code(top, 'We meet in the café 😀 upstairs.', rosa);
  code(child, 'the room is borrowed.\nInterviewer: And then?', sam);
  code(deep, 'borrowed', rosa);
  code(formula, '=SUM(A1:A9) is what my son types', rosa);
  code(rtl, 'مرحبا بكم، the room', sam);
  code(formula, '@front desk sends them up.', sam);
  ids = { top, child, deep, formula, rtl, empty, rosa, sam };
}

describe('codebook report on a small study with awkward names', () => {
  beforeEach(() => {
    dir = tempDir('weft-reports-');
    smallStudy();
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names each file after the project, safely, with the right type', async () => {
    const expected = {
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      csv: 'text/csv',
      md: 'text/markdown',
    } as const;
    for (const format of ['docx', 'xlsx', 'csv', 'md'] as const) {
      const f = await codebookReport(db, format, { now: NOW });
      expect(f.fileName).toBe(`Codebook - Café study_ 2025_26.${format}`);
      expect(f.mime).toBe(expected[format]);
      expect(f.bytes.length).toBeGreaterThan(0);
    }
  });

  it('DOCX: title with project and date, codes in tree order as nested headings', async () => {
    const f = await codebookReport(db, 'docx', { now: NOW });
    const rows = codebookRows(db);
    const text = await docxText(f);
    expect(text).toContain('Codebook: Café study: 2025/26');
    expect(text).toContain(`Exported ${DAY}. ${rows.length} codes`);
    expectInOrder(
      text,
      rows.flatMap((c) => [c.name, countsLine(c)]),
    );
    const html = await docxHtml(f);
    expect(html).toContain('<h2>Meeting places 🏠</h2>');
    expect(html).toContain('<h3>Rooms/corners</h3>');
    expect(html).toContain('<h6>L6</h6>');
    // Past six levels the heading stays at six and the path says where the code sits.
    expect(html).toContain('<h6>L7</h6>');
    expect(text).toContain(pathText(rows.find((r) => r.id === ids.deep)!.path));
    expect(text).toContain('=HYPERLINK("http://x")');
    expect(html).toContain('<h2>ترحيب</h2>');
    // The control character is dropped; the words around it stay.
    expect(text).toContain('Definition: Bell rang');
  });

  it('DOCX: definition sections appear only where filled in', async () => {
    const text = await docxText(await codebookReport(db, 'docx', { now: NOW }));
    const section = (name: string, next: string) =>
      text.slice(text.indexOf(name), text.indexOf(next, text.indexOf(name) + name.length));
    const top = section('Meeting places 🏠', 'Rooms/corners');
    expect(top).toContain('Definition: Where link workers see people.');
    expect(top).toContain('Includes borrowed rooms.');
    expect(top).toContain('Inclusion criteria: Any named place.');
    expect(top).toContain('Example: We meet in the café.');
    expect(top).not.toContain('Exclusion criteria');
    expect(top).toContain('Deductive');
    const unused = text.slice(text.indexOf('Unused'));
    expect(unused).toContain('0 codings in 0 sources');
    expect(unused).not.toMatch(/Definition|criteria|Example/);
    expect(section('=HYPERLINK', 'ترحيب')).toContain('Exclusion criteria: -not this');
  });

  it('XLSX: one row per code with Level and Path, text kept as text', async () => {
    const sheets = await workbook(await codebookReport(db, 'xlsx', { now: NOW }));
    const data = sheets.get('Codebook')!;
    expect(data[0]).toEqual([...CODEBOOK_COLUMNS]);
    const expected = codebookTable(codebookRows(db)).map((r) =>
      r.map((v) => (typeof v === 'string' ? v.replace('\u0007', '') : v)),
    );
    expect(data.slice(1).map((r) => plain(r, CODEBOOK_COLUMNS.length))).toEqual(expected);
    // A formula-looking name is a string cell, shown exactly as typed.
    expect(data.some((r) => r[2] === '=HYPERLINK("http://x")')).toBe(true);
  });

  it('CSV: BOM, one row per code, path with /, formula-looking cells guarded', async () => {
    const rows = csvRows(await codebookReport(db, 'csv', { now: NOW }));
    expect(rows[0]).toEqual([...CODEBOOK_COLUMNS]);
    const expected = codebookTable(codebookRows(db));
    expect(rows.slice(1)).toEqual(expected.map((r) => r.map(guarded)));
    const formula = rows.find((r) => r[2]!.includes('HYPERLINK'))!;
    expect(formula[2]).toBe(`'=HYPERLINK("http://x")`);
    expect(formula[5]).toBe(`'-not this`);
    expect(rows.find((r) => r[2] === 'Rooms/corners')![1]).toBe(
      'Meeting places 🏠/Rooms\\/corners',
    );
  });

  it('Markdown: headings by depth, counts, definitions, syntax escaped', async () => {
    const md = new TextDecoder().decode((await codebookReport(db, 'md', { now: NOW })).bytes);
    expect(md.startsWith('# Codebook: Café study: 2025/26\n')).toBe(true);
    expect(md).toContain(`Exported ${DAY}.`);
    expect(md).toMatch(/^## Meeting places 🏠$/m);
    expect(md).toMatch(/^### Rooms\/corners$/m);
    expect(md).toMatch(/^###### L7$/m);
    expect(md).toContain(
      '**Definition:**\n\n> Where link workers see people.\n> Includes borrowed rooms.',
    );
    expect(md).toContain('**Inclusion criteria:** Any named place.');
    expect(md).toContain('**Exclusion criteria:** -not this');
    expect(md).toMatch(/^## =HYPERLINK\("http:\/\/x"\)$/m);
    const rows = codebookRows(db);
    expectInOrder(
      md,
      rows.map((c) => countsLine(c)),
    );
  });

  it('an empty codebook still gives every format, saying there are no codes', async () => {
    db.close();
    db = openProject(path.join(dir, 'empty.weft'), { create: true });
    expect(await docxText(await codebookReport(db, 'docx'))).toContain('no codes yet');
    expect(csvRows(await codebookReport(db, 'csv'))).toEqual([[...CODEBOOK_COLUMNS]]);
    expect((await workbook(await codebookReport(db, 'xlsx'))).get('Codebook')).toHaveLength(1);
    expect(new TextDecoder().decode((await codebookReport(db, 'md')).bytes)).toContain(
      'no codes yet',
    );
  });

  it('refuses a format it does not write, naming those it does', async () => {
    await expect(codebookReport(db, 'pdf' as 'md')).rejects.toThrow(
      /codebook can be saved as DOCX, XLSX, CSV, MD, not “pdf”/,
    );
    await expect(codebookReport(db, 'pdf' as 'md')).rejects.toBeInstanceOf(WeftError);
  });
});

describe('excerpts report on a small study with awkward text', () => {
  beforeEach(() => {
    dir = tempDir('weft-reports-');
    smallStudy();
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const rowsOf = (filter: ExcerptFilter) =>
    excerptReportData(db, filter).groups.flatMap((g) => g.rows);

  it('DOCX: filters stated at the top, a heading per code, each quote with its attribution', async () => {
    const filter = { codeIds: [ids.top], includeChildren: true, coderIds: [ids.rosa, ids.sam] };
    const f = await excerptsReport(db, 'docx', filter, { now: NOW });
    const text = await docxText(f);
    expect(text).toContain('Coded excerpts: Café study: 2025/26');
    expect(text).toContain(`Exported ${DAY}. 3 excerpts under 3 codes.`);
    expect(text).toContain('Codes: Meeting places 🏠 (with their subcodes)');
    expect(text).toContain('Sources: All');
    expect(text).toContain('Attribute: Any');
    expect(text).toContain('Coders: Rosa Lind, Sam Okafor');
    const data = excerptReportData(db, filter);
    expectInOrder(
      squash(text),
      data.groups.flatMap((g) => [
        pathText(g.codePath),
        ...g.rows.flatMap((r) => [squash(`“${r.text}”`), r.attribution]),
      ]),
    );
    // The multi-line quote keeps its line break.
    expect(text).toContain('“the room is borrowed.\nInterviewer: And then?”');
    const html = await docxHtml(f);
    expect(html).toContain(`<h1>${pathText(data.groups[0]!.codePath)}</h1>`);
  });

  it('XLSX: one row per excerpt in the agreed columns, and an About sheet with the filters', async () => {
    const f = await excerptsReport(db, 'xlsx', {}, { now: NOW });
    const sheets = await workbook(f);
    const data = sheets.get('Excerpts')!;
    expect(data[0]).toEqual([...EXCERPT_COLUMNS]);
    expect(data.slice(1).map((r) => plain(r, EXCERPT_COLUMNS.length))).toEqual(
      excerptTable(rowsOf({})),
    );
    expect(data.slice(1).some((r) => r[7] === '=SUM(A1:A9) is what my son types')).toBe(true);
    const about = new Map(sheets.get('About')!.map((r) => [r[0], r[1]]));
    expect(about.get('Project')).toBe('Café study: 2025/26');
    expect(about.get('Exported')).toBe(DAY);
    expect(about.get('Codes')).toBe('All');
    expect(about.get('Excerpts')).toBe('6');
  });

  it('CSV: BOM, one row per excerpt, formula-looking quotes and names guarded', async () => {
    const rows = csvRows(await excerptsReport(db, 'csv', {}));
    expect(rows[0]).toEqual([...EXCERPT_COLUMNS]);
    expect(rows.slice(1)).toEqual(excerptTable(rowsOf({})).map((r) => r.map(guarded)));
    const texts = rows.slice(1).map((r) => r[7]);
    expect(texts).toContain(`'=SUM(A1:A9) is what my son types`);
    expect(texts).toContain(`'@front desk sends them up.`);
    expect(rows.slice(1).every((r) => r[0] !== '=HYPERLINK("http://x")')).toBe(true);
    // Emoji and Arabic come through whole; offsets count the emoji once.
    const quote = 'We meet in the café 😀 upstairs.';
    const cafe = rows.find((r) => r[7] === quote)!;
    const start = TEXT.indexOf(quote);
    expect(Number(cafe[5])).toBe(start);
    expect(Number(cafe[6])).toBe(start + Array.from(quote).length);
    expect(Number(cafe[6])).toBe(start + quote.length - 1);
    expect(texts).toContain('مرحبا بكم، the room');
  });

  it('applies source and coder filters in every format', async () => {
    const filter = { coderIds: [ids.sam] };
    const expected = excerptTable(rowsOf(filter));
    expect(expected.map((r) => r[3])).toEqual(['Sam Okafor', 'Sam Okafor', 'Sam Okafor']);
    expect(csvRows(await excerptsReport(db, 'csv', filter)).slice(1)).toEqual(
      expected.map((r) => r.map(guarded)),
    );
    const xlsx = (await workbook(await excerptsReport(db, 'xlsx', filter))).get('Excerpts')!;
    expect(xlsx.slice(1).map((r) => plain(r, 9))).toEqual(expected);
    const text = await docxText(await excerptsReport(db, 'docx', filter));
    expect(text).toContain('Coders: Sam Okafor');
    expect(text).not.toContain('We meet in the café');
  });

  it('an empty result is a valid file in every format that says no excerpts match', async () => {
    const filter = { codeIds: [ids.empty] };
    const text = await docxText(await excerptsReport(db, 'docx', filter));
    expect(text).toContain(NO_EXCERPTS);
    expect(text).toContain('Codes: Unused');
    expect(csvRows(await excerptsReport(db, 'csv', filter))).toEqual([
      [...EXCERPT_COLUMNS],
      [NO_EXCERPTS],
    ]);
    const xlsx = await workbook(await excerptsReport(db, 'xlsx', filter));
    expect(xlsx.get('Excerpts')![1]![0]).toBe(NO_EXCERPTS);
    expect(new Map(xlsx.get('About')!.map((r) => [r[0], r[1]])).get('Excerpts')).toBe('0');
  });

  it.each<[string, ExcerptFilter, RegExp]>([
    ['an unknown code', { codeIds: [1, 98765] }, /code that does not exist \(id 98765\)/],
    ['an unknown source', { sourceIds: [404] }, /source that does not exist \(id 404\)/],
    [
      'an unknown attribute',
      { attribute: { attributeId: 31, values: ['x'] } },
      /attribute .*\(id 31\)/,
    ],
    ['a malformed filter', { codeIds: 'all' as unknown as number[] }, /at least one code/],
  ])('refuses %s with a clear error and changes nothing', async (_, filter, message) => {
    const changes = () => db.prepare('SELECT total_changes()').pluck().get();
    const before = changes();
    for (const format of ['docx', 'xlsx', 'csv'] as const) {
      const err = await excerptsReport(db, format, filter).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WeftError);
      expect((err as Error).message).toMatch(message);
    }
    expect(changes()).toBe(before);
  });

  it('refuses Markdown for excerpts, which it does not write', async () => {
    await expect(excerptsReport(db, 'md' as 'csv', {})).rejects.toThrow(
      /excerpts report can be saved as DOCX, XLSX, CSV, not “md”/,
    );
  });
});

describe('reports on the demo study', () => {
  let demoDir: string;
  let demo: Db;
  beforeAll(() => {
    demoDir = tempDir('weft-reports-demo-');
    const file = path.join(demoDir, 'demo.weft');
    buildDemoProject(file, path.join(appRoot, 'fixtures', 'demo'));
    demo = openProject(file);
  });
  afterAll(() => {
    demo.close();
    fs.rmSync(demoDir, { recursive: true, force: true });
  });

  it('writes the whole codebook in every format, matching the codebook query', async () => {
    const rows = codebookRows(demo);
    expect(rows.length).toBeGreaterThan(20);
    const expected = codebookTable(rows);
    expect(csvRows(await codebookReport(demo, 'csv')).slice(1)).toEqual(
      expected.map((r) => r.map(guarded)),
    );
    const xlsx = (await workbook(await codebookReport(demo, 'xlsx'))).get('Codebook')!;
    expect(xlsx.slice(1).map((r) => plain(r, CODEBOOK_COLUMNS.length))).toEqual(expected);
    const text = await docxText(await codebookReport(demo, 'docx'));
    expectInOrder(
      text,
      rows.map((c) => c.name),
    );
    const belonging = rows.find((r) => r.name === 'Belonging')!;
    expect(belonging.hasChildren).toBe(true);
    expect(text).toContain(countsLine(belonging));
    const md = new TextDecoder().decode((await codebookReport(demo, 'md')).bytes);
    expect(md.match(/^#{2,6} /gm)).toHaveLength(rows.length);
  });

  it('writes the Belonging excerpts with their attributions in every format', async () => {
    const belonging = codebookRows(demo).find((r) => r.name === 'Belonging')!;
    const filter = { codeIds: [belonging.id], includeChildren: true };
    const data = excerptReportData(demo, filter);
    const rows = data.groups.flatMap((g) => g.rows);
    expect(rows.length).toBeGreaterThan(10);
    expect(data.groups.length).toBeGreaterThan(1);
    const expected = excerptTable(rows);
    expect(csvRows(await excerptsReport(demo, 'csv', filter)).slice(1)).toEqual(
      expected.map((r) => r.map(guarded)),
    );
    const xlsx = (await workbook(await excerptsReport(demo, 'xlsx', filter))).get('Excerpts')!;
    expect(xlsx.slice(1).map((r) => plain(r, 9))).toEqual(expected);
    const text = squash(await docxText(await excerptsReport(demo, 'docx', filter)));
    expectInOrder(
      text,
      data.groups.flatMap((g) => [
        pathText(g.codePath),
        ...g.rows.flatMap((r) => [squash(`“${r.text}”`), squash(r.attribution)]),
      ]),
    );
    const [coder] = listUsers(demo);
    const one = await excerptsReport(demo, 'csv', { ...filter, coderIds: [coder!.id] });
    expect(
      csvRows(one)
        .slice(1)
        .every((r) => r[3] === coder!.name),
    ).toBe(true);
  });
});

// Keep a code's fields editable through the normal query, so the report reflects edits.
describe('reports follow edits', () => {
  beforeEach(() => {
    dir = tempDir('weft-reports-');
    smallStudy();
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows a definition added after the first export', async () => {
    const before = await docxText(await codebookReport(db, 'docx'));
    expect(before).not.toContain('Things people said about rooms.');
    updateCode(db, ids.child, { description: 'Things people said about rooms.' });
    const after = await docxText(await codebookReport(db, 'docx'));
    expect(after).toContain('Definition: Things people said about rooms.');
  });
});
