import type { Page } from '@playwright/test';
import { test, expect, dragSelect, codeHighlights, api } from './fixtures.js';

const TEXT = `Interviewer: What changed after the first meeting?

P03: The link worker rang me back the same day. Nobody had ever rung me back before.

Interviewer: And after that?

P03: I went to the allotment group and somebody saved me a seat by the shed.
`;

/** Every code's name with its number of codings, from the project itself. */
async function codeCounts(page: Page): Promise<Record<string, number>> {
  const codes = await api<{ name: string; codings: number }[]>(page, 'codes.list');
  return Object.fromEntries(codes.map((c) => [c.name, c.codings]));
}

test('coding and codebook actions undo and redo with the keyboard, across a reload of the window', async ({
  page,
  weft,
}) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  await api(page, 'project.create', { path: `${weft.projectsDir}/Undo.weft` });
  await expect(page.getByTestId('project-name')).toHaveText('Undo');
  await api(page, 'sources.import', { files: [{ name: 'P03 interview.txt', content: TEXT }] });
  await page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: /P03/ }).click();
  await expect(page.locator('.reader-content')).toContainText('allotment group');

  const undo = page.getByRole('button', { name: /^Undo/ });
  const redo = page.getByRole('button', { name: /^Redo/ });
  await expect(undo).toBeDisabled();

  // A new code, created by applying it to a passage: one step.
  await dragSelect(page, 'rang me back the same day');
  await page.getByLabel('Code name').fill('Being called back');
  await page.getByLabel('Code name').press('Enter');
  await expect.poll(() => codeHighlights(page)).toEqual([['rang me back the same day']]);
  await expect(undo).toHaveAccessibleName('Undo Apply ‘Being called back’');

  // A second coding with the same code.
  await dragSelect(page, 'saved me a seat');
  await page.getByLabel('Code name').fill('Being called back');
  await page.getByLabel('Code name').press('Enter');
  await expect
    .poll(() => codeHighlights(page))
    .toEqual([['rang me back the same day', 'saved me a seat']]);

  // The window is reloaded (a restart of the view): the history lives beside the database.
  await page.reload();
  await page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: /P03/ }).click();
  await expect(page.locator('.reader-content')).toContainText('allotment group');
  await expect(undo).toHaveAccessibleName('Undo Apply ‘Being called back’');

  // Ctrl+Z with the reader focused: the last coding goes, the first stays.
  await page.locator('.reader-content').click();
  await page.keyboard.press('Control+z');
  await expect.poll(() => codeHighlights(page)).toEqual([['rang me back the same day']]);
  expect(await codeCounts(page)).toEqual({ 'Being called back': 1 });
  await page.keyboard.press('Control+z');
  await expect.poll(() => codeHighlights(page)).toEqual([]);
  expect(await codeCounts(page)).toEqual({}); // the code it created went with it
  await expect(undo).toBeDisabled();

  // Redo both, in order (Ctrl+Shift+Z, then the toolbar button).
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => codeHighlights(page)).toEqual([['rang me back the same day']]);
  await redo.click();
  await expect
    .poll(() => codeHighlights(page))
    .toEqual([['rang me back the same day', 'saved me a seat']]);
  expect(await codeCounts(page)).toEqual({ 'Being called back': 2 });
  await expect(redo).toBeDisabled();

  // Typing in a text field keeps its own undo: Ctrl+Z there does not touch the codings.
  await page.getByLabel('Code name').fill('half-typed');
  await page.getByLabel('Code name').press('Control+z');
  expect(await codeCounts(page)).toEqual({ 'Being called back': 2 });
});
