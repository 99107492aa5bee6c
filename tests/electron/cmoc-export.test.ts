// The CMOC table exported through the real dispatch, each format read back as its reader would:
// CSV parsed, HTML checked for escaping, DOCX unzipped and its text extracted.
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../electron/api/contract.js';
import type { ExportedFile } from '../../electron/api/contract-cases.js';
import type { CmocDetail } from '../../electron/api/contract-realist.js';
import { closeSession } from '../../electron/api/handlers/project.js';
import { tempDir, testCtx, type TestCtx } from '../helpers.js';

const TEXT =
  'PT09: The café knew my order by the second week.\n' +
  'PT09: =SUM(A1) is what my grandson types, not me.\n' +
  'PT09: I stopped going when the volunteer left & nobody <b>said</b> why.\n';

let dir: string;
let ctx: TestCtx;

beforeEach(() => {
  dir = tempDir('weft-cmoc-export-');
  ctx = testCtx(dir);
});

afterEach(() => {
  closeSession(ctx);
  fs.rmSync(dir, { recursive: true, force: true });
});

function concept(name: string, position: number): number {
  return Number(
    ctx.session
      .db!.prepare(
        `INSERT INTO concepts (guid, name, position, created_at) VALUES (?, ?, ?, '2025-01-01')`,
      )
      .run(`guid-${name}`, name, position).lastInsertRowid,
  );
}

/** Two themes, three CMOCs (one incomplete, one with awkward text), evidence on each. */
function study(): { source: number; cmocs: number[] } {
  ctx.ok('project.create', { path: path.join(dir, 'Study') });
  const source = ctx.ok<ImportResult>('sources.import', {
    files: [{ name: 'Site3_PT09.txt', content: TEXT }],
  }).imported[0]!.id;
  const fitting = concept('Fitting in', 0);
  const bolted = concept('Bolted on', 1);
  const add = (cmocId: number, part: string, quote: string) => {
    const start = TEXT.indexOf(quote);
    ctx.ok('cmocs.addEvidence', {
      cmocId,
      part,
      sourceId: source,
      start,
      end: start + quote.length,
    });
  };
  const known = ctx.ok<CmocDetail>('cmocs.create', {
    title: 'Known by name',
    conceptId: fitting,
    context: 'Regulars at a community café',
    mechanism: 'Staff remember them',
    outcome: 'They come back weekly',
    status: 'supported',
  }).id;
  add(known, 'context', 'The café knew my order');
  add(known, 'outcome', 'by the second week');
  const formula = ctx.ok<CmocDetail>('cmocs.create', {
    title: '=HYPERLINK("x")',
    conceptId: fitting,
    context: '+ people, "quoted", with commas\nand a second line',
    resource: 'A volunteer',
    reasoning: 'someone notices',
    outcome: '-1 visits',
  }).id;
  add(formula, 'reasoning', '=SUM(A1) is what my grandson types');
  const gap = ctx.ok<CmocDetail>('cmocs.create', {
    title: 'Left <alone>',
    conceptId: bolted,
    context: 'Support tied to one <volunteer> & no handover',
    status: 'refuted',
    statusReason: 'Site 3 said otherwise',
  }).id;
  add(gap, 'outcome', 'I stopped going when the volunteer left & nobody <b>said</b> why');
  return { source, cmocs: [known, formula, gap] };
}

async function exported(input: Record<string, unknown>): Promise<ExportedFile & { bytes: Buffer }> {
  const r = await ctx.callAsync('cmocs.export', input);
  if (!r.ok) throw new Error(r.error.message);
  const file = r.value as ExportedFile;
  return { ...file, bytes: Buffer.from(file.base64, 'base64') };
}

describe('CMOC table exports', () => {
  it('writes CSV as RFC 4180, one row per CMOC, spreadsheet formulas disarmed', async () => {
    study();
    const file = await exported({ format: 'csv', quotes: true });
    expect(file).toMatchObject({ fileName: 'CMOC table.csv', mime: 'text/csv' });
    const text = file.bytes.toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text.split('\r\n').at(-1)).toBe('');
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual([
      'Theme',
      'CMOC',
      'Context',
      'Mechanism',
      'Resource',
      'Reasoning',
      'Outcome',
      'Status',
      'Status reason',
      'Statement',
      'Context quotes',
      'Mechanism quotes',
      'Outcome quotes',
    ]);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['Fitting in', 'Known by name'],
      ['Fitting in', `'=HYPERLINK("x")`],
      ['Bolted on', 'Left <alone>'],
    ]);
    const odd = rows[1]!;
    expect(odd[2]).toBe(`'+ people, "quoted", with commas\nand a second line`);
    expect(odd[6]).toBe(`'-1 visits`);
    expect(odd[11]).toBe('“=SUM(A1) is what my grandson types” (Site3_PT09)');
    expect(rows[0]![9]).toBe(
      'If regulars at a community café, then they come back weekly, because staff remember them.',
    );
    expect(rows[0]![10]).toBe('“The café knew my order” (Site3_PT09)');
    expect(rows[2]!.slice(7, 9)).toEqual(['Refuted', 'Site 3 said otherwise']);

    const bare = await exported({ format: 'csv', quotes: false });
    const [bareHeader] = Papa.parse<string[]>(bare.bytes.toString('utf8').slice(1)).data;
    expect(bareHeader).toHaveLength(10);
  });

  it('writes a standalone HTML document with everything escaped', async () => {
    study();
    const file = await exported({ format: 'html', quotes: true });
    expect(file).toMatchObject({ fileName: 'CMOC table.html', mime: 'text/html' });
    const html = file.bytes.toString('utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<th scope="rowgroup" rowspan="2">Fitting in</th>');
    expect(html).toContain('<td>Left &lt;alone&gt;</td>');
    expect(html).toContain('Support tied to one &lt;volunteer&gt; &amp; no handover');
    expect(html).toContain(
      '<q>I stopped going when the volunteer left &amp; nobody &lt;b&gt;said&lt;/b&gt; why</q>',
    );
    expect(html).toContain('<p>+ people, &quot;quoted&quot;, with commas</p>');
    expect(html).not.toContain('<b>said</b>');
    expect(html).not.toContain('<alone>');
    // The CMOC that lacks a mechanism and an outcome text says so.
    expect(html).toContain('<p class="empty">(missing)</p>');
    expect((html.match(/<tr>/g) ?? []).length).toBe(4);

    const bare = (await exported({ format: 'html', quotes: false })).bytes.toString('utf8');
    expect(bare).not.toContain('<q>');
  });

  it('writes Markdown as one table grouped by theme, with quotes when asked', async () => {
    study();
    const file = await exported({ format: 'md', quotes: true });
    expect(file).toMatchObject({ fileName: 'CMOC table.md', mime: 'text/markdown' });
    const lines = file.bytes.toString('utf8').split('\n');
    expect(lines[0]).toBe('# CMOC table');
    expect(lines[2]).toBe('| Theme | CMOC | Context | Mechanism | Outcome | Status |');
    expect(lines[3]).toBe('| --- | --- | --- | --- | --- | --- |');
    const rows = lines.slice(4).filter((l) => l.startsWith('|'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe(
      '| **Fitting in** | Known by name | Regulars at a community café<br>*“The café knew my order” (Site3\\_PT09)* | Staff remember them | They come back weekly<br>*“by the second week” (Site3\\_PT09)* | Supported |',
    );
    expect(
      rows[1]!.startsWith(
        '|  | =HYPERLINK("x") | + people, "quoted", with commas<br>and a second line',
      ),
    ).toBe(true);
    expect(rows[1]).toContain('Resource: A volunteer<br>Reasoning: someone notices');
    expect(rows[2]).toContain('| **Bolted on** | Left \\<alone\\> |');
    expect(rows[2]).toContain('| Refuted: Site 3 said otherwise |');
    // Every row has the same number of cells: no text broke the table.
    for (const r of rows) expect(r.replace(/\\\|/g, '').split('|')).toHaveLength(8);
  });

  it('writes DOCX with the table’s rows and quotes, readable back', async () => {
    study();
    const file = await exported({ format: 'docx', quotes: true });
    expect(file.fileName).toBe('CMOC table.docx');
    expect(file.mime).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const zip = await JSZip.loadAsync(file.bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) =>
      [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('|'),
    );
    expect(rows[0]).toBe('Theme|CMOC|Context|Mechanism|Outcome|Status');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toBe(
      'Fitting in|Known by name|Regulars at a community café|“The café knew my order”| (Site3_PT09)|Staff remember them|They come back weekly|“by the second week”| (Site3_PT09)|Supported',
    );
    expect(rows[3]).toContain('Bolted on|Left &lt;alone&gt;');
    // The theme cell is merged down its two rows.
    expect(xml).toContain('w:vMerge');
    const { value } = await mammoth.extractRawText({ buffer: file.bytes });
    expect(value).toContain('“I stopped going when the volunteer left & nobody <b>said</b> why”');
    expect(value).toContain('Refuted: Site 3 said otherwise');

    const bare = await exported({ format: 'docx', quotes: false });
    const text = (await mammoth.extractRawText({ buffer: bare.bytes })).value;
    expect(text).toContain('Known by name');
    expect(text).not.toContain('The café knew my order');
  });

  it('flags evidence whose source was deleted, and filters by theme and status', async () => {
    const { source } = study();
    ctx.ok('sources.delete', { id: source });
    const csv = (await exported({ format: 'csv', quotes: true })).bytes.toString('utf8');
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows[1]![10]).toBe('“The café knew my order” (Site3_PT09) [source deleted]');

    const refuted = (await exported({ format: 'md', quotes: false, status: 'refuted' })).bytes;
    expect(refuted.toString('utf8')).toContain('Left \\<alone\\>');
    expect(refuted.toString('utf8')).not.toContain('Known by name');
    const theme = ctx.ok<{ id: number; conceptId: number }[]>('cmocs.list', {})[2]!.conceptId;
    const byTheme = Papa.parse<string[]>(
      (await exported({ format: 'csv', quotes: false, conceptId: theme })).bytes
        .toString('utf8')
        .slice(1),
      { skipEmptyLines: true },
    ).data;
    expect(byTheme.map((r) => r[1])).toEqual(['CMOC', 'Left <alone>']);
  });

  it('writes an empty table when there are no CMOCs', async () => {
    ctx.ok('project.create', { path: path.join(dir, 'Empty') });
    expect((await exported({ format: 'md', quotes: true })).bytes.toString('utf8')).toContain(
      'No CMOCs.',
    );
    const docx = await exported({ format: 'docx', quotes: true });
    expect((await mammoth.extractRawText({ buffer: docx.bytes })).value).toContain('No CMOCs.');
  });
});
