import type { Page } from '@playwright/test';
import { test, expect, codeHighlights, dragSelect } from './fixtures.js';

/** Selects `phrase` inside the editor (the contenteditable) through the DOM, as a user's drag would. */
async function selectInEditor(page: Page, phrase: string): Promise<void> {
  await page.evaluate((phrase) => {
    const root = document.querySelector('[data-testid="editor"] .reader-content')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const i = t.textContent!.indexOf(phrase);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(t, i);
      r.setEnd(t, i + phrase.length);
      const sel = document.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(r);
      return;
    }
    throw new Error(`not in the editor: ${phrase}`);
  }, phrase);
}

const sortedHighlights = async (page: Page) => (await codeHighlights(page)).flat().sort();

test('editing a coded fieldnote keeps every coding on its words; deleting coded words is undoable', async ({
  page,
  weft,
}) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  await page
    .getByRole('list', { name: 'Sources' })
    .getByRole('button', { name: /Site1_fieldnotes/ })
    .click();
  await expect(page.locator('.reader-meta')).toContainText('14 codings');
  await expect.poll(async () => (await sortedHighlights(page)).length).toBe(14);
  const before = await sortedHighlights(page);

  // Type a new first paragraph: every coding moves with its words.
  await page.getByRole('button', { name: 'Edit text' }).click();
  const editor = page.getByTestId('editor').locator('.reader-content');
  await editor.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('Added on review: the waiting room was busier than usual.');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('.reader-content')).toContainText('Added on review');
  await expect.poll(() => sortedHighlights(page)).toEqual(before);

  // Delete the words of one coding entirely: it is removed, and Undo brings text and coding back.
  const victim = before.reduce((a, b) => (b.length > a.length ? b : a));
  await page.getByRole('button', { name: 'Edit text' }).click();
  await selectInEditor(page, victim);
  await page.keyboard.press('Backspace');
  await expect(
    page.getByRole('status').filter({ hasText: 'coding was removed with the deleted words' }),
  ).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  await page.getByTestId('editor').locator('.reader-content').press('Control+z');
  await expect(page.getByTestId('editor').locator('.reader-content')).toContainText(victim);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => sortedHighlights(page)).toEqual(before);
  await expect(page.locator('.reader-meta')).toContainText('14 codings');
});

test('a new fieldnote written in Weft keeps its formatting and can be coded', async ({
  page,
  weft,
}) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  await page.getByRole('button', { name: 'New fieldnote' }).click();
  const editor = page.getByTestId('editor').locator('.reader-content');
  await editor.click();
  await page.keyboard.type('Tuesday at the Hub');
  await page.getByRole('button', { name: 'Heading 1' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('The bike workshop opened late because the volunteer was ill.');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Bulleted list' }).click();
  await page.keyboard.type('Three new people came');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Helen handed out leaflets');
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  await page.getByRole('button', { name: 'Done' }).click();

  const reader = page.locator('.reader-content');
  await expect(reader.locator('h1')).toHaveText('Tuesday at the Hub');
  await expect(reader.locator('li')).toHaveText([
    'Three new people came',
    'Helen handed out leaflets',
  ]);

  await dragSelect(page, 'the volunteer was ill');
  await page.getByLabel('Code name').fill('Staff wellbeing');
  await page.getByLabel('Code name').press('Enter');
  await expect
    .poll(async () => (await codeHighlights(page)).flat())
    .toEqual(['the volunteer was ill']);

  // After a restart the note still has its heading, list and coding.
  const url = await weft.restart();
  await page.goto(url);
  await page
    .getByRole('list', { name: 'Sources' })
    .getByRole('button', { name: /Fieldnote/ })
    .click();
  await expect(page.locator('.reader-content h1')).toHaveText('Tuesday at the Hub');
  await expect(page.locator('.reader-content li')).toHaveCount(2);
  await expect
    .poll(async () => (await codeHighlights(page)).flat())
    .toEqual(['the volunteer was ill']);
});
