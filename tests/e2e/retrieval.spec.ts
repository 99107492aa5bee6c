import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type {
  CaseOfSource,
  Code,
  Excerpt,
  SourceGrid,
  SourceSummary,
} from '../../electron/api/contract.js';
import { test, expect, api, highlights } from './fixtures.js';

const TEMPLATE = '(Site {site}, {person}, {Round})';

async function shot(page: Page, name: string) {
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

/**
 * What TEMPLATE should read for each excerpt, worked out here from the demo's data through the
 * API: the source's Site and Round attributes, and the name of its case of classification
 * Person; '?' where there is none (fieldnotes have no person and no round).
 */
async function expectedAttributions(page: Page, excerpts: Excerpt[]): Promise<string[]> {
  const grid = await api<SourceGrid>(page, 'grid.sources');
  const attr = (name: string) => grid.attributes.find((a) => a.name === name)!.id;
  const [site, round] = [attr('Site'), attr('Round')];
  const out: string[] = [];
  for (const e of excerpts) {
    const values = grid.rows.find((r) => r.source.id === e.sourceId)!.values;
    const cases = await api<CaseOfSource[]>(page, 'cases.ofSource', { sourceId: e.sourceId });
    const person = cases.find((c) => c.classificationName === 'Person' && c.whole)?.name;
    out.push(`(Site ${values[site] ?? '?'}, ${person ?? '?'}, ${values[round] ?? '?'})`);
  }
  return out;
}

test('a code’s excerpts show context and attributions from the project’s template; quotes copy with them; an excerpt opens in its source', async ({
  page,
  weft,
  context,
}) => {
  await page.goto(weft.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(weft.url).origin,
  });
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  const codes = await api<Code[]>(page, 'codes.list');
  const supervision = codes.find((c) => c.name === 'Supervision')!;
  const before = await api<Excerpt[]>(page, 'excerpts.forCode', { codeId: supervision.id });
  const expected = await expectedAttributions(page, before);
  // The template is meant to give different, real values (not all gaps).
  expect(new Set(expected).size).toBeGreaterThan(5);
  expect(
    expected.some((a) => /^\(Site \d, (LW|HCP|P|VCSE)\d\d, (first|follow-up)\)$/.test(a)),
  ).toBe(true);

  await page
    .getByRole('tree', { name: 'Code list' })
    .getByRole('button', { name: 'Supervision', exact: true })
    .click();
  const view = page.getByTestId('excerpts');
  const rows = view.getByRole('list', { name: 'Excerpts' }).getByRole('listitem');
  await expect(rows).toHaveCount(before.length);
  await expect(view.getByTestId('excerpt-count')).toContainText(
    `${before.length} excerpts from ${new Set(before.map((e) => e.sourceId)).size} sources`,
  );
  await expect(view).toContainText('Who supervises'); // the code's definition
  // The passage is shown whole with greyed context around it, and who coded it.
  const first = rows.first();
  await expect(first.getByTestId('excerpt-passage')).toHaveText(before[0]!.text);
  await expect(first.locator('.excerpt-context').first()).toContainText(
    before[0]!.before.trim().slice(-30),
  );
  await expect(first).toContainText(before[0]!.coder);

  // Set the template: the preview follows typing (an unknown field shows as a gap).
  await view.getByRole('button', { name: 'Attribution…' }).click();
  const settings = page.getByRole('form', { name: 'Attribution' });
  await expect(settings.getByRole('group', { name: 'Fields' })).toContainText('{Round}');
  await expect(settings.getByRole('group', { name: 'Fields' })).toContainText('{Person}');
  const field = settings.getByLabel('Attribution template');
  await field.fill('({nonsense})');
  await expect(settings.getByTestId('attribution-preview')).toContainText('(?)');
  await field.fill(TEMPLATE);
  await expect(settings.getByTestId('attribution-preview')).toContainText(expected[0]!);
  await shot(page, 'retrieval-attribution-settings');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();
  await expect(view.getByTestId('excerpt-attribution')).toHaveText(expected);
  expect(
    (await api<{ attributionTemplate: string }>(page, 'settings.get')).attributionTemplate,
  ).toBe(TEMPLATE);
  await shot(page, 'retrieval-excerpts');

  // Copy one quote: the passage in curly quotes, a space, its attribution.
  const i = before.findIndex((e) => e.sourceName.startsWith('Site2_LW02'));
  expect(i).toBeGreaterThanOrEqual(0);
  const pick = before[i]!;
  await rows.nth(i).getByRole('button', { name: 'Copy quote' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Quote copied.' })).toBeVisible();
  const quote = `“${pick.text.replace(/\s*\n+\s*/g, ' ').trim()}” ${expected[i]}`;
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(quote);
  expect(quote).toMatch(/^“.+” \(Site 2, LW02, (first|follow-up)\)$/);

  // Copy all: every quote, one paragraph each, in the list's order.
  await view.getByRole('button', { name: 'Copy all' }).click();
  const all = (await page.evaluate(() => navigator.clipboard.readText())).split('\n\n');
  expect(all).toHaveLength(before.length);
  expect(all[i]).toBe(quote);

  // Only one coder's excerpts.
  const sams = await api<Excerpt[]>(page, 'excerpts.forCode', {
    codeId: supervision.id,
    coderIds: [before.find((e) => e.coder === 'Sam Okafor')!.coderId],
  });
  expect(sams.length).toBeGreaterThan(0);
  expect(sams.length).toBeLessThan(before.length);
  await view.getByLabel('Coded by').selectOption({ label: 'Sam Okafor' });
  await expect(rows).toHaveCount(sams.length);
  await expect(rows.filter({ hasText: 'Rosa Lind ·' })).toHaveCount(0);
  await view.getByLabel('Coded by').selectOption({ label: 'Everyone' });
  await expect(rows).toHaveCount(before.length);

  // Open in source: the reader shows the source with the passage lit.
  await rows.nth(i).getByRole('button', { name: 'Open in source' }).click();
  await expect(view).toBeHidden();
  await expect(page.locator('.reader-title')).toHaveText(pick.sourceName);
  await expect.poll(async () => (await highlights(page))['weft-focus']).toEqual([pick.text]);
});

test('a parent code lists its child codes’ excerpts on request', async ({ page, weft }) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  const parent = (await api<Code[]>(page, 'codes.list')).find((c) => c.name === 'Belonging')!;
  expect(parent.totalCodings).toBeGreaterThan(parent.codings);
  await page
    .getByRole('tree', { name: 'Code list' })
    .getByRole('button', { name: 'Belonging', exact: true })
    .click();
  const view = page.getByTestId('excerpts');
  const rows = view.getByRole('list', { name: 'Excerpts' }).getByRole('listitem');
  await expect(view.getByTestId('excerpt-count')).toContainText(`${parent.codings} excerpt`);
  await expect(rows).toHaveCount(parent.codings);
  await view.getByLabel('Include child codes').check();
  await expect(rows).toHaveCount(parent.totalCodings);
  // Each row from a child code says which code it is.
  await expect(rows.first().locator('.excerpt-code')).not.toBeEmpty();
  await shot(page, 'retrieval-child-codes');
});

test('the coder is chosen per project, shown as initials, and counted once they code', async ({
  page,
  weft,
}) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  const badge = page.getByRole('button', { name: /^Coder: / });
  await expect(badge).toHaveText('EC'); // E2E Coder, the fixture's default
  await badge.click();
  const pop = page.getByRole('dialog', { name: 'Who is coding' });
  await expect(pop).toContainText('Kept on this computer');
  await expect(pop.getByRole('list', { name: 'Coders in this project' })).toContainText(
    'Rosa Lind',
  );
  await pop.getByLabel('Coder name').fill('Nadia Pereira');
  await pop.getByLabel('Coder initials').fill('NaP');
  await pop.getByRole('button', { name: 'Save' }).click();
  await expect(pop).toBeHidden();
  await expect(badge).toHaveText('NaP');

  // Initials longer than four letters are refused: nothing changes.
  await badge.click();
  await pop.getByLabel('Coder initials').evaluate((el: HTMLInputElement) => {
    el.removeAttribute('maxlength');
  });
  await pop.getByLabel('Coder initials').fill('ABCDEFG');
  await pop.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('at most 4');
  await page.keyboard.press('Escape');
  await expect(badge).toHaveText('NaP');

  // A coding made now is Nadia's, and the list counts it.
  const sources = await api<SourceSummary[]>(page, 'sources.list');
  const code = (await api<Code[]>(page, 'codes.list')).find((c) => c.name === 'Funding')!;
  await api(page, 'codings.create', {
    sourceId: sources[0]!.id,
    start: 0,
    end: 10,
    codeId: code.id,
  });
  await badge.click();
  await expect(
    pop
      .getByRole('list', { name: 'Coders in this project' })
      .getByRole('listitem')
      .filter({ hasText: 'Nadia Pereira' })
      .locator('.count'),
  ).toHaveText('1');
  await shot(page, 'retrieval-coder-chooser');

  // Kept across a restart of the app.
  const url = await weft.restart();
  await page.goto(url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  await expect(page.getByRole('button', { name: 'Coder: Nadia Pereira' })).toHaveText('NaP');
});
