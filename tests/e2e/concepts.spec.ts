// Concepts: the demo's four concepts on the board, a new concept filled by dragging codes (a code
// may sit in several concepts), by the keyboard menu, and emptied with ×; a concept's view with
// its excerpts grouped by code and its codings counted by a case attribute, as the API says.
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import type { Code, CodeSet, Concept, ConceptView } from '../../electron/api/contract.js';
import { test, expect, api } from './fixtures.js';

async function shot(page: Page, name: string) {
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

/** Real mouse drag with intermediate moves, so the page sees dragstart, dragover and drop. */
async function mouseDrag(page: Page, from: Locator, to: Locator) {
  await from.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  await page.mouse.move(a.x + a.width / 3, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 3 + 8, a.y + a.height / 2 + 8, { steps: 4 });
  const b = (await to.boundingBox())!;
  expect(b.y + b.height / 2, 'the drop target is on screen').toBeLessThan(
    page.viewportSize()!.height,
  );
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.move(b.x + b.width / 2 + 2, b.y + b.height / 2 + 2, { steps: 2 });
  await page.mouse.up();
}

const column = (page: Page, name: string) =>
  page.getByRole('region', { name: `Concept ${name}`, exact: true });
const chips = (page: Page, name: string) =>
  column(page, name)
    .getByRole('list', { name: `Codes in ${name}` })
    .getByRole('listitem');
const chipNames = (page: Page, name: string) =>
  chips(page, name).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
const library = (page: Page) => page.getByRole('complementary', { name: 'Codes and code sets' });

async function openBoard(page: Page) {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Concepts' })
    .click();
  await expect(page.getByRole('list', { name: 'Concept board' })).toBeVisible();
}

test('the board shows the demo concepts; a new concept is filled by dragging and by the keyboard, shares a code with other concepts, and loses it with ×', async ({
  page,
  weft,
}) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  const concepts = await api<Concept[]>(page, 'concepts.list');
  const codes = await api<Code[]>(page, 'codes.list');
  const sets = await api<CodeSet[]>(page, 'sets.list');
  expect(concepts).toHaveLength(4);
  const codeNamed = (name: string) => codes.find((c) => c.name === name)!;
  const codeName = (id: number) => codes.find((c) => c.id === id)!.name;
  const setName = (id: number) => sets.find((s) => s.id === id)!.name;

  await openBoard(page);
  // Each demo concept is a column holding its sets and codes, as the API lists them.
  for (const c of concepts) {
    await expect(column(page, c.name)).toBeVisible();
    await expect
      .poll(() => chipNames(page, c.name))
      .toEqual([...c.setIds.map(setName), ...c.codeIds.map(codeName)]);
    await expect(column(page, c.name).getByTestId('concept-totals')).toContainText(
      `${c.codings} codings`,
    );
  }

  // Bad input: an empty name is refused with a visible reason, and nothing is created.
  await page.getByRole('button', { name: 'New concept' }).click();
  const dialog = page.getByRole('dialog', { name: 'New concept' });
  await dialog.getByLabel('Name').fill('   ');
  await dialog.getByRole('button', { name: 'Create concept' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('A concept needs a name.');
  // A name that another concept has is refused too.
  await dialog.getByLabel('Name').fill(concepts[0]!.name.toUpperCase());
  await dialog.getByRole('button', { name: 'Create concept' }).click();
  await expect(dialog.getByRole('alert')).toContainText('already exists');
  expect(await api<Concept[]>(page, 'concepts.list')).toHaveLength(4);

  await dialog.getByLabel('Name').fill('Being trusted');
  await dialog.getByLabel('Description').fill('Patients and staff come to rely on the worker.');
  await dialog.getByRole('button', { name: 'Create concept' }).click();
  await expect(dialog).toBeHidden();
  await expect(column(page, 'Being trusted')).toContainText('Drop codes or code sets here');

  // A code already in two concepts is dragged from the list into the new one with the mouse.
  const shared = codeNamed('Credibility of the link worker role');
  const holders = concepts.filter((c) => c.codeIds.includes(shared.id));
  expect(holders.length).toBeGreaterThanOrEqual(2);
  await library(page).getByLabel('Filter codes').fill('credib');
  const item = library(page).getByRole('button', { name: shared.name, exact: true });
  await mouseDrag(page, item, column(page, 'Being trusted'));
  const chip = chips(page, 'Being trusted').filter({ hasText: shared.name });
  await expect(chip).toBeVisible();
  await expect(chip.getByTestId('chip-count')).toHaveText(String(shared.totalCodings));
  await expect(column(page, 'Being trusted').getByTestId('concept-totals')).toContainText(
    `${shared.totalCodings} coding`,
  );
  // It stays in the concepts it was in.
  for (const h of holders) expect(await chipNames(page, h.name)).toContain(shared.name);

  // Dragging a chip from one column to another copies it.
  const holding = concepts.find((c) => c.name === 'Holding power or sharing it')!;
  const funding = codeNamed('Funding');
  await mouseDrag(
    page,
    chips(page, holding.name).filter({ hasText: 'Funding' }),
    column(page, 'Being trusted'),
  );
  await expect(chips(page, 'Being trusted').filter({ hasText: 'Funding' })).toBeVisible();
  expect(await chipNames(page, holding.name)).toContain('Funding');

  // The keyboard way: Enter on a listed code opens "Add to concept…"; End, Enter adds it.
  await library(page).getByLabel('Filter codes').fill('GP workload');
  await library(page).getByRole('button', { name: 'GP workload', exact: true }).focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Add ‘GP workload’ to concept' });
  await expect(menu).toBeVisible();
  // Where it already sits cannot be chosen again.
  await expect(menu.getByRole('menuitem', { name: /Holding power/ })).toBeDisabled();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Being trusted' })).toBeFocused();
  await shot(page, 'concepts-add-menu');
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect
    .poll(() => chipNames(page, 'Being trusted'))
    .toEqual([shared.name, 'Funding', 'GP workload']);

  const stored = (await api<Concept[]>(page, 'concepts.list')).find(
    (c) => c.name === 'Being trusted',
  )!;
  expect(stored.codeIds).toEqual([shared.id, funding.id, codeNamed('GP workload').id]);
  await library(page).getByLabel('Filter codes').fill('');
  await shot(page, 'concepts-board');

  // × takes a code out of this concept only.
  await column(page, 'Being trusted')
    .getByRole('button', { name: `Remove ${shared.name} from Being trusted` })
    .click();
  await expect(chips(page, 'Being trusted').filter({ hasText: shared.name })).toHaveCount(0);
  for (const h of holders) expect(await chipNames(page, h.name)).toContain(shared.name);
  const after = (await api<Concept[]>(page, 'concepts.list')).find((c) => c.id === stored.id)!;
  expect(after.codeIds).toEqual([funding.id, codeNamed('GP workload').id]);

  // Edit renames (a taken name is refused in the dialog) and keeps the concept's codes.
  await column(page, 'Being trusted').getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit concept ‘Being trusted’' });
  await edit.getByLabel('Name').fill(holding.name);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByRole('alert')).toContainText('already exists');
  await edit.getByLabel('Name').fill('Being relied on');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect.poll(() => chipNames(page, 'Being relied on')).toEqual(['Funding', 'GP workload']);
  expect((await api<Concept[]>(page, 'concepts.list')).map((c) => c.name)).toContain(
    'Being relied on',
  );

  // From the keyboard, Delete on a focused chip takes it out too.
  await chips(page, 'Being relied on')
    .filter({ hasText: 'GP workload' })
    .getByRole('button', { name: /GP workload/ })
    .first()
    .focus();
  await page.keyboard.press('Delete');
  await expect.poll(() => chipNames(page, 'Being relied on')).toEqual(['Funding']);
  expect(await chipNames(page, holding.name)).toContain('GP workload');

  // Deleting asks first; Cancel keeps the concept.
  const trusted = column(page, 'Being relied on');
  await trusted.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete concept' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(trusted).toBeVisible();
  await trusted.getByRole('button', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Delete concept' }).click();
  await expect(trusted).toHaveCount(0);
  expect(await api<Concept[]>(page, 'concepts.list')).toHaveLength(4);
});

test('a concept’s view groups its excerpts by code and counts its codings by a case attribute, as the API does', async ({
  page,
  weft,
}) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  const concepts = await api<Concept[]>(page, 'concepts.list');
  const chosen = concepts.find((c) => c.name === 'Forging relationships')!;
  const view = await api<ConceptView>(page, 'concepts.view', { id: chosen.id });
  const excerpts = view.groups.reduce((n, g) => n + g.excerpts.length, 0);
  expect(excerpts).toBeGreaterThan(0);
  expect(view.counts.length).toBeGreaterThan(0);

  await openBoard(page);
  // The board follows changes made elsewhere (here, straight through the API).
  await api(page, 'concepts.create', { name: 'Made elsewhere' });
  await expect(column(page, 'Made elsewhere')).toBeVisible();
  await column(page, chosen.name).getByRole('button', { name: chosen.name, exact: true }).click();
  await expect(page.getByRole('heading', { name: chosen.name, level: 2 })).toBeVisible();
  await expect(page.getByTestId('concept-summary')).toHaveText(
    `${excerpts} excerpts under ${view.groups.length} codes`,
  );

  const groups = page.getByRole('main', { name: 'Excerpts by code' });
  await expect(groups.getByRole('region')).toHaveCount(view.groups.length);
  for (const g of view.groups) {
    const section = groups.getByRole('region', { name: g.codeName, exact: true });
    const n = g.excerpts.length;
    await expect(section.getByTestId('group-count')).toHaveText(
      `${n} excerpt${n === 1 ? '' : 's'}`,
    );
    if (n === 0) continue;
    const cards = section
      .getByRole('list', { name: `Excerpts of ${g.codeName}` })
      .getByRole('listitem');
    await expect(cards).toHaveCount(Math.min(n, 50));
    // Each excerpt carries the attribution the API gives it.
    await expect(cards.first().getByTestId('excerpt-attribution')).toHaveText(
      g.excerpts[0]!.attribution || g.excerpts[0]!.sourceName,
    );
    await expect(cards.first().locator('blockquote')).toHaveText(g.excerpts[0]!.text);
  }

  // Counts by case attribute: each attribute's rows are the API's, and they add up.
  const counts = page.getByRole('complementary', { name: 'Counts by case attribute' });
  for (const a of view.counts) {
    await counts.getByLabel('Case attribute').selectOption({ label: a.attribute });
    const table = counts.getByRole('table', { name: `Codings by ${a.attribute}` });
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(a.values.length);
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector('th')!.textContent,
        Number(tr.querySelector('td')!.textContent),
      ]),
    );
    expect(shown).toEqual(a.values.map((v) => [v.value || 'No value', v.codings]));
    const total = a.values.reduce((n, v) => n + v.codings, 0);
    await expect(table.getByTestId('counts-total')).toHaveText(String(total));
    // Every coding is counted under at least one value (or "No value").
    expect(total).toBeGreaterThanOrEqual(excerpts);
  }
  const role = view.counts.find((a) => /role/i.test(a.attribute)) ?? view.counts[0]!;
  await counts.getByLabel('Case attribute').selectOption({ label: role.attribute });
  await shot(page, 'concept-view');

  // The open view follows changes made elsewhere: a code added through the API gets its group.
  const codes = await api<Code[]>(page, 'codes.list');
  const extra = codes.find((c) => c.name === 'Supervision')!;
  await api(page, 'concepts.addCodes', { id: chosen.id, codeIds: [extra.id] });
  await expect(groups.getByRole('region')).toHaveCount(view.groups.length + 1);
  await expect(
    groups.getByRole('region', { name: 'Supervision', exact: true }).getByTestId('group-count'),
  ).toHaveText(`${extra.codings} excerpts`);
  await expect(page.getByTestId('concept-summary')).toHaveText(
    `${excerpts + extra.codings} excerpts under ${view.groups.length + 1} codes`,
  );

  // Open in source: the reader shows the excerpt's passage.
  const first = view.groups.find((g) => g.excerpts.length > 0)!;
  await groups
    .getByRole('region', { name: first.codeName, exact: true })
    .getByRole('button', { name: 'Open in source' })
    .first()
    .click();
  await expect(page.locator('.reader-content')).toContainText(first.excerpts[0]!.text.slice(0, 40));

  // Back on Concepts the concept's view is still open; "All concepts" returns to the board.
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Concepts' })
    .click();
  await expect(page.getByRole('heading', { name: chosen.name, level: 2 })).toBeVisible();
  await page.getByRole('button', { name: '← All concepts' }).click();
  await expect(column(page, chosen.name)).toBeVisible();
});
