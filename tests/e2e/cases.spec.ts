import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, api } from './fixtures.js';

interface Grid {
  attributes: { id: number; name: string; type: string }[];
  rows: { case: { id: number; name: string }; values: Record<number, string | number | boolean> }[];
}

/** The case grid of a classification, as {case name: {attribute name: value}}. */
async function personValues(page: Page): Promise<Record<string, Record<string, unknown>>> {
  const classifications = await api<{ id: number; name: string }[]>(page, 'classifications.list');
  const person = classifications.find((c) => c.name === 'Person')!;
  const grid = await api<Grid>(page, 'grid.cases', { classificationId: person.id });
  return Object.fromEntries(
    grid.rows.map((r) => [
      r.case.name,
      Object.fromEntries(grid.attributes.map((a) => [a.name, r.values[a.id]])),
    ]),
  );
}

/** A cell of a grid by its row's name and its column's name. */
async function cell(grid: Locator, row: string, column: string): Promise<Locator> {
  await expect(grid.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  const headers = await grid
    .getByRole('columnheader')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  const c = headers.indexOf(column);
  expect(c, `column ${column}`).toBeGreaterThan(0);
  return grid
    .getByRole('row')
    .filter({ has: grid.page().getByRole('rowheader', { name: row, exact: true }) })
    .getByRole('gridcell')
    .nth(c - 1);
}

async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

test('the Cases view: edit and paste in the attribute grid, import a table, summarise, link sources', async ({
  page,
  weft,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/call'))
      calls.push((JSON.parse(r.postData() ?? '{}') as { method: string }).method);
  });
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  // The first-run welcome fades by itself; dismissed now so it does not cover the screenshots.
  await page
    .getByRole('status')
    .filter({ hasText: 'Welcome' })
    .getByRole('button', { name: 'Dismiss' })
    .click({ timeout: 5_000 })
    .catch(() => undefined);

  // Open the Cases tab: classifications on the left, Person's 18 cases in the grid.
  await page.getByRole('button', { name: 'Cases', exact: true }).click();
  const classifications = page.getByRole('list', { name: 'Classifications' });
  await expect(classifications.getByRole('button', { name: /^Person/ })).toBeVisible();
  await expect(classifications.getByRole('button', { name: /^Site/ })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Attributes of Person' });
  await expect(grid.getByRole('rowheader')).toHaveCount(18);
  for (const name of ['Case', 'Role', 'Site', 'Gender', 'Age'])
    await expect(grid.getByRole('columnheader', { name, exact: true })).toBeVisible();
  await expect(await cell(grid, 'LW01', 'Age')).toHaveText('34');

  // Click a cell, type, Enter: saved, and the next row's cell is active.
  await (await cell(grid, 'LW01', 'Age')).click();
  const editor = grid.getByRole('textbox', { name: 'Age of LW01' });
  await expect(editor).toBeFocused();
  await editor.fill('35');
  await editor.press('Enter');
  await expect(await cell(grid, 'LW01', 'Age')).toHaveText('35');
  await expect(await cell(grid, 'LW02', 'Age')).toBeFocused();
  await expect.poll(async () => (await personValues(page)).LW01?.Age).toBe(35);

  // A word in a number column is refused with the server's message; the old value stays.
  await page.keyboard.press('Enter');
  await grid.getByRole('textbox', { name: 'Age of LW02' }).fill('old');
  await page.keyboard.press('Enter');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('LW02: "Age" needs a number, not "old".');
  const lw02Age = await cell(grid, 'LW02', 'Age');
  await expect(lw02Age).toHaveText('41');
  await expect(lw02Age).toHaveAttribute('aria-invalid', 'true');
  expect((await personValues(page)).LW02?.Age).toBe(41);
  await alert.getByRole('button', { name: 'Dismiss' }).click();

  // Typing on an active cell starts an edit; Escape cancels it; Tab and arrows move.
  await (await cell(grid, 'LW03', 'Role')).click();
  await page.keyboard.press('Tab'); // saves the unchanged value, moves to Site
  await expect(await cell(grid, 'LW03', 'Site')).toBeFocused();
  await page.keyboard.type('9');
  await expect(grid.getByRole('textbox', { name: 'Site of LW03' })).toHaveValue('9');
  await page.keyboard.press('Escape');
  await expect(await cell(grid, 'LW03', 'Site')).toHaveText('3');
  await page.keyboard.press('ArrowRight');
  await expect(await cell(grid, 'LW03', 'Gender')).toBeFocused();

  // Paste a 2 x 2 block from a spreadsheet at LW05's Gender: one values.set call for 4 cells.
  const order = await grid.getByRole('rowheader').allTextContents();
  const next = order[order.indexOf('LW05') + 1]!;
  const before = calls.filter((m) => m === 'values.set').length;
  await page.evaluate(() => navigator.clipboard.writeText('Male\t46\r\nFemale\t53\r\n'));
  await (await cell(grid, 'LW05', 'Gender')).click();
  await page.keyboard.press('Escape'); // from editing back to the cell
  await page.keyboard.press('Control+V');
  await expect(await cell(grid, 'LW05', 'Age')).toHaveText('46');
  await expect(await cell(grid, next, 'Gender')).toHaveText('Female');
  await expect(await cell(grid, next, 'Age')).toHaveText('53');
  const afterPaste = await personValues(page);
  expect([afterPaste.LW05?.Gender, afterPaste.LW05?.Age]).toEqual(['Male', 46]);
  expect([afterPaste[next]?.Gender, afterPaste[next]?.Age]).toEqual(['Female', 53]);
  expect(calls.filter((m) => m === 'values.set').length - before).toBe(1);

  // Import a CSV of attributes with a new column (Ethnicity) and a new case (P05).
  const csv = path.join(weft.dir, 'participants.csv');
  fs.writeFileSync(
    csv,
    'Participant,Role,Gender,Age,Ethnicity\n' +
      'P05,Patient,Female,58,White British\n' +
      'P01,Patient,Male,72,White British\n' +
      'HCP03,Practice nurse,Female,44,Black British\n',
  );
  await page.getByLabel('Attribute table file').setInputFiles(csv);
  const imported = page.getByRole('dialog', { name: 'Import attributes' });
  await expect(imported.getByRole('heading')).toHaveText('Imported participants.csv into Person');
  await expect(imported.getByRole('list', { name: 'Import result' })).toContainText(
    '1 case created2 cases updated1 attribute created: Ethnicity12 values set',
  );
  await imported.getByRole('button', { name: 'Close' }).click();
  await expect(imported).toBeHidden();
  await expect(grid.getByRole('rowheader')).toHaveCount(19);
  await expect(await cell(grid, 'P05', 'Ethnicity')).toHaveText('White British');
  await expect(await cell(grid, 'HCP03', 'Age')).toHaveText('44');
  await shoot(page, 'cases-grid');

  // Export the attributes as CSV: a download with the new column.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Person attributes.csv');
  const exported = fs.readFileSync(await download.path(), 'utf8');
  expect(exported).toContain('Ethnicity');
  expect(exported).toContain('P05,Patient');

  // The summary table for Person: Role counts with %, Age n, range, mean and SD.
  await page.getByRole('tab', { name: 'Summary' }).click();
  const summary = page.getByRole('table', { name: 'Summary of Person' });
  const people = await personValues(page);
  const n = Object.keys(people).length;
  await expect(summary.getByRole('columnheader', { name: `Person (N = ${n})` })).toBeVisible();
  const roles = new Map<string, number>();
  for (const p of Object.values(people)) {
    const role = p.Role as string;
    roles.set(role, (roles.get(role) ?? 0) + 1);
  }
  for (const [role, count] of roles) {
    const row = summary.getByRole('row').filter({
      has: page.getByRole('rowheader', { name: role, exact: true }),
    });
    await expect(row.getByRole('cell').first()).toHaveText(
      `${count} (${((100 * count) / n).toFixed(1)}%)`,
    );
  }
  const ages = Object.values(people).map((p) => p.Age as number);
  const mean = ages.reduce((s, x) => s + x, 0) / ages.length;
  const sd = Math.sqrt(ages.reduce((s, x) => s + (x - mean) ** 2, 0) / (ages.length - 1));
  const ageRow = (name: string) =>
    summary
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name, exact: true }) })
      .getByRole('cell')
      .first();
  await expect(ageRow('Mean (SD)')).toHaveText(`${mean.toFixed(1)} (${sd.toFixed(1)})`);
  await expect(ageRow('Range')).toHaveText(`${Math.min(...ages)}–${Math.max(...ages)}`);
  await expect(ageRow('n')).toHaveText(String(ages.length));

  // Leave Gender out, then copy the table for Word.
  await page.getByRole('checkbox', { name: /^Gender/ }).uncheck();
  await expect(summary.getByRole('rowheader', { name: 'Gender' })).toHaveCount(0);
  await expect(summary.getByRole('rowheader', { name: 'Ethnicity' })).toBeVisible();
  await shoot(page, 'cases-summary');
  await page.getByRole('button', { name: 'Copy as table' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Summary table copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const lines = copied.trim().split('\n');
  expect(lines[0]).toBe(`Attribute\tCategory\tPerson (N = ${n})`);
  const linkWorkers = roles.get('Link worker')!;
  expect(lines).toContain(
    `Role\tLink worker\t${linkWorkers} (${((100 * linkWorkers) / n).toFixed(1)}%)`,
  );
  expect(lines).toContain(`Age\tMean (SD)\t${mean.toFixed(1)} (${sd.toFixed(1)})`);
  expect(copied).not.toContain('Gender');

  // Import a transcript named like Site3_P09_followup.txt, then review and apply the link.
  const transcript = path.join(weft.dir, 'Site3_P09_followup.txt');
  fs.writeFileSync(
    transcript,
    'Interviewer: How have things been since we last spoke?\n\nP09: Better. I go to the garden group now.\n',
  );
  await page.locator('#import-input').setInputFiles(transcript);
  const importDialog = page.getByRole('dialog', { name: 'Import' });
  await expect(importDialog.getByRole('heading', { name: 'Import finished' })).toBeVisible();
  await importDialog.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('tab', { name: 'Cases' }).click();
  await page.getByRole('button', { name: 'Suggest links from file names' }).click();
  const links = page.getByRole('dialog', { name: 'Link suggestions' });
  const suggestion = links.getByRole('checkbox', { name: 'Link Site3_P09_followup to P09' });
  await expect(suggestion).toBeChecked();
  const suggestionRow = links.getByRole('row').filter({
    has: page.getByRole('checkbox', { name: 'Link Site3_P09_followup to P09' }),
  });
  await expect(suggestionRow).toContainText('new case');
  await expect(suggestionRow.getByRole('cell').nth(3)).toHaveText('3');
  await expect(suggestionRow.getByRole('cell').nth(4)).toHaveText('Follow-up');
  await links.getByRole('button', { name: 'Apply selected' }).click();
  await expect(links).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: 'Linked 1 source to cases; 1 new case in Person.' }),
  ).toBeVisible();
  await expect(await cell(grid, 'P09', 'Site')).toHaveText('3');
  const sources = await api<{ id: number; name: string }[]>(page, 'sources.list');
  const p09 = sources.find((s) => s.name === 'Site3_P09_followup')!;
  const linked = await api<{ name: string; whole: boolean }[]>(page, 'cases.ofSource', {
    sourceId: p09.id,
  });
  expect(linked).toEqual([expect.objectContaining({ name: 'P09', whole: true })]);

  // The Sources tab: the new source's Round, and its folder edited in place.
  await page.getByRole('tab', { name: 'Sources' }).click();
  const sourceGrid = page.getByRole('grid', { name: 'Attributes of sources' });
  await expect(await cell(sourceGrid, 'Site3_P09_followup', 'Round')).toHaveText('follow-up');
  await (await cell(sourceGrid, 'Site3_P09_followup', 'Folder')).click();
  await sourceGrid
    .getByRole('textbox', { name: 'Folder of Site3_P09_followup' })
    .fill('Interviews / Site 3');
  await page.keyboard.press('Enter');
  await expect(await cell(sourceGrid, 'Site3_P09_followup', 'Folder')).toHaveText(
    'Interviews/Site 3',
  );
});
