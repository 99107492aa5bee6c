// Exchange as a researcher meets it: the demo exported as QDPX from the Exchange menu (the file
// validates against the REFI-QDA schema), imported as a new project, and the same codings sit
// on the same words; a damaged file is refused and changes nothing; the codebook and excerpts
// reports download and read back with the project's own figures.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import mammoth from 'mammoth';
import readXlsxFile from 'read-excel-file/node';
import { unzipSync } from 'fflate';
import type { Code, Excerpt, SourceSummary, Stats } from '../../electron/api/contract.js';
import { PROJECT_XSD, xmllint } from '../electron/formats/xmllint.js';
import { test, expect, api, codeHighlights } from './fixtures.js';

async function shot(page: Page, name: string) {
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

async function menu(page: Page, item: string) {
  await page.getByText('Exchange', { exact: true }).click();
  await page.getByRole('list', { name: 'Exchange' }).getByRole('button', { name: item }).click();
}

/** A menu item that asks for a file, answered through the browser's own file chooser. */
async function chooseFile(page: Page, item: string, file: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), menu(page, item)]);
  await chooser.setFiles(file);
  await expect(page.getByRole('list', { name: 'Exchange' })).toBeHidden();
}

/** Every coded passage of a source as the reader paints it: code highlights' words, sorted. */
async function paintedWords(page: Page, source: string): Promise<string[]> {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Coding' })
    .click();
  await page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: source }).click();
  await expect(page.locator('.reader-content')).toBeVisible();
  await expect.poll(async () => (await codeHighlights(page)).flat().length).toBeGreaterThan(0);
  return (await codeHighlights(page)).flat().sort();
}

test('the demo goes out as QDPX and comes back as a new project with the same codings on the same words', async ({
  page,
  weft,
}) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  const before = await api<Stats>(page, 'project.stats', {});
  const sources = await api<SourceSummary[]>(page, 'sources.list', {});
  const busiest = [...sources].sort((a, b) => b.codings - a.codings)[0]!;
  const words = await paintedWords(page, busiest.name);
  expect(words.length).toBe(busiest.codings);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu(page, 'Export project as QDPX…'),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.qdpx$/);
  const file = path.join(weft.dir, download.suggestedFilename());
  await download.saveAs(file);
  const entries = unzipSync(fs.readFileSync(file));
  expect(xmllint(entries['project.qde']!, PROJECT_XSD)).toEqual({ valid: true, errors: '' });
  expect(Object.keys(entries).filter((n) => n.startsWith('sources/'))).toHaveLength(before.sources);

  // Import it as a new project: the summary says what came in, and how offsets were counted.
  await chooseFile(page, 'Import QDPX as a new project…', file);
  const summary = page.getByRole('dialog', { name: 'Imported as a new project' });
  await expect(summary).toBeVisible({ timeout: 20_000 });
  const table = summary.getByRole('table', { name: 'What came in' });
  await expect(table.getByRole('row', { name: /^Sources/ })).toContainText(String(before.sources));
  await expect(table.getByRole('row', { name: /^Codings/ })).toContainText(String(before.codings));
  await expect(table.getByRole('row', { name: /^CMOCs/ })).toContainText(String(before.cmocs));
  await expect(summary).toContainText('Unicode code points (the standard)');
  await shot(page, 'exchange-summary');
  await summary.getByRole('button', { name: 'Close' }).click();

  const project = await api<{ path: string }>(page, 'project.current', {});
  expect(path.dirname(project.path)).toBe(weft.projectsDir);
  expect(await api<Stats>(page, 'project.stats', {})).toEqual(before);
  expect(await paintedWords(page, busiest.name)).toEqual(words);

  // The same file again, into this project: nothing is duplicated.
  await chooseFile(page, 'Import QDPX into this project…', file);
  const again = page.getByRole('dialog', { name: 'Imported into this project' });
  await expect(again).toContainText('Already here');
  await again.getByRole('button', { name: 'Close' }).click();
  expect(await api<Stats>(page, 'project.stats', {})).toEqual(before);

  // A damaged file is refused with a message, and nothing changes.
  const broken = path.join(weft.dir, 'Broken.qdpx');
  fs.writeFileSync(broken, Buffer.concat([fs.readFileSync(file).subarray(0, 4000)]));
  await chooseFile(page, 'Import QDPX into this project…', broken);
  await expect(page.getByRole('alert')).toContainText(/damaged|not a|cut short|zip/i);
  expect(await api<Stats>(page, 'project.stats', {})).toEqual(before);
});

test('the codebook and excerpts reports download with the project’s codes, counts and quotes', async ({
  page,
  weft,
}) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  const codes = await api<Code[]>(page, 'codes.list', {});

  const [doc] = await Promise.all([
    page.waitForEvent('download'),
    menu(page, 'Codebook report (Word)'),
  ]);
  const docFile = path.join(weft.dir, 'codebook.docx');
  await doc.saveAs(docFile);
  const { value: text } = await mammoth.extractRawText({ path: docFile });
  for (const c of codes) expect(text).toContain(c.name);

  // Excerpts of one code, in Excel: one row per excerpt, with the attribution the app shows.
  const code = [...codes].sort((a, b) => b.codings - a.codings)[0]!;
  const excerpts = await api<Excerpt[]>(page, 'excerpts.forCode', { codeId: code.id, context: 0 });
  await menu(page, 'Coded excerpts report…');
  const dialog = page.getByRole('dialog', { name: 'Coded excerpts report' });
  await dialog
    .getByRole('combobox', { name: 'Code', exact: true })
    .selectOption({ label: code.name });
  await dialog.getByLabel('Include child codes').uncheck();
  await dialog.getByLabel('Excel').check();
  await shot(page, 'excerpts-report-dialog');
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Write report' }).click(),
  ]);
  const xlsxFile = path.join(weft.dir, 'excerpts.xlsx');
  await xlsx.saveAs(xlsxFile);
  const sheets = await readXlsxFile(fs.readFileSync(xlsxFile));
  const rows = sheets[0]!.data;
  const header = rows[0]!.map(String);
  expect(header).toEqual(expect.arrayContaining(['Code', 'Source', 'Excerpt', 'Attribution']));
  const body = rows.slice(1);
  expect(body).toHaveLength(excerpts.length);
  const at = (name: string) => header.indexOf(name);
  expect(body.map((r) => String(r[at('Attribution')])).sort()).toEqual(
    excerpts.map((e) => e.attribution).sort(),
  );
  // The Code column gives the code's path in the codebook ("Belonging/Funding").
  for (const r of body) expect(String(r[at('Code')]).split('/').at(-1)).toBe(code.name);
  await expect(dialog).toBeHidden();
});
