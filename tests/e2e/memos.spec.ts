import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { Annotation, Code, Memo } from '../../electron/api/contract.js';
import { test, expect, api, dragSelect, highlights } from './fixtures.js';

async function shot(page: Page, name: string) {
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

async function openDemo(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
}

const memoList = (page: Page) => page.getByRole('list', { name: 'Memos', exact: true });

test('a memo about a code keeps its bold text, is found by a word in its body, and survives a restart', async ({
  page,
  weft,
}) => {
  await openDemo(page, weft.url);
  const supervision = (await api<Code[]>(page, 'codes.list')).find(
    (c) => c.name === 'Supervision',
  )!;
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Memos' })
    .click();
  await expect(page.getByText('No memos yet')).toBeVisible();

  // A new memo about a code.
  await page.getByRole('button', { name: 'New memo' }).click();
  const form = page.getByRole('form', { name: 'New memo' });
  await expect(form.getByRole('button', { name: 'Create memo' })).toBeDisabled();
  await form.getByLabel('New memo title').fill('Who supervises whom');
  await form.getByLabel('What the memo is about').selectOption('code');
  await expect(form.getByRole('button', { name: 'Create memo' })).toBeDisabled(); // no code yet
  await form.getByLabel('Which code').selectOption(String(supervision.id));
  await form.getByRole('button', { name: 'Create memo' }).click();

  const memo = page.getByRole('article', { name: 'Memo Who supervises whom' });
  await expect(memo).toContainText('About: code ‘Supervision’');
  const editor = memo.getByRole('textbox', { name: /Text of the memo/ });
  await editor.click();
  await page.keyboard.type('Clinical supervision looks ');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('patchy everywhere');
  await page.keyboard.press('Control+b');
  await page.keyboard.type(' except Site 4.');
  await expect(editor.locator('.bold')).toHaveText('patchy everywhere');
  await expect(memo.getByTestId('memo-status')).toHaveText('Saved');

  const [stored] = await api<Memo[]>(page, 'memos.list', {
    targetType: 'code',
    targetId: supervision.id,
  });
  expect(stored!.body).toBe('Clinical supervision looks patchy everywhere except Site 4.');
  expect(stored!.rich).toContain('"format":1'); // bold kept in the rich text
  await shot(page, 'memos-editor');

  // Typing and leaving at once loses nothing. The page's clock is stopped, so the autosave
  // pause never ends: only leaving the memo can have saved the words.
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 2000);
  await editor.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Ask LW04 who pays for it.');
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Coding' })
    .click();
  await expect
    .poll(async () => (await api<Memo>(page, 'memos.get', { id: stored!.id })).body)
    .toBe('Clinical supervision looks patchy everywhere except Site 4.\nAsk LW04 who pays for it.');
  await page.clock.resume();

  // Search by a word of the body; filter by kind.
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Memos' })
    .click();
  const search = page.getByLabel('Search memos and annotations');
  await search.fill('pays');
  await expect(memoList(page).getByRole('button')).toHaveCount(1);
  await expect(memoList(page)).toContainText('Who supervises whom');
  await expect(memoList(page).locator('mark')).toHaveText('pays');
  await search.fill('helicopter');
  await expect(memoList(page)).toContainText('No memo matches.');
  await search.fill('');
  const kinds = page.getByRole('group', { name: 'Show memos about' });
  await kinds.getByRole('button', { name: 'Cases' }).click();
  await expect(memoList(page).getByRole('button')).toHaveCount(0);
  await kinds.getByRole('button', { name: 'Codes' }).click();
  await expect(memoList(page).getByRole('button')).toHaveCount(1);
  await kinds.getByRole('button', { name: 'All' }).click();

  // An empty title is refused: the old one comes back.
  await memoList(page)
    .getByRole('button', { name: /Who supervises whom/ })
    .click();
  await memo.getByLabel('Memo title').fill('   ');
  await memo.getByLabel('Memo title').press('Enter');
  await expect(memo.getByLabel('Memo title')).toHaveValue('Who supervises whom');

  // After a restart of the whole app, the memo and its bold words are still there.
  const url = await weft.restart();
  await openDemo(page, url);
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Memos' })
    .click();
  await memoList(page)
    .getByRole('button', { name: /Who supervises whom/ })
    .click();
  await expect(editor.locator('.bold')).toHaveText('patchy everywhere');
  await expect(editor).toContainText('Ask LW04 who pays for it.');

  // Deleting asks first.
  await memo.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete memo' });
  await expect(confirm).toContainText('Who supervises whom');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(memoList(page).getByRole('button')).toHaveCount(1);
  await memo.getByRole('button', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Delete memo' }).click();
  await expect(memoList(page).getByRole('button')).toHaveCount(0);
  expect(await api<Memo[]>(page, 'memos.list', {})).toHaveLength(0);
});

test('a passage is linked to a memo and opened from it; an annotation is found, edited and deleted in the memos view', async ({
  page,
  weft,
}) => {
  const PHRASE = 'The café does a decent bacon roll';
  await openDemo(page, weft.url);
  await page
    .getByRole('list', { name: 'Sources' })
    .getByRole('button', { name: /Site2_LW02_first/ })
    .click();

  // Link the passage to a new memo.
  await dragSelect(page, PHRASE);
  const box = page.getByTestId('selection-box');
  await expect(box).toContainText(PHRASE);
  await box.getByRole('button', { name: 'Link to memo…' }).click();
  await expect(box.getByLabel('Memo to link the passage to')).toHaveValue('new');
  await box.getByLabel('New memo title').fill('Where link workers meet people');
  await box.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Passage linked to the memo ‘Where link workers meet people’.' }),
  ).toBeVisible();

  // Annotate the same passage; an annotation of only spaces cannot be saved.
  await box.getByRole('button', { name: 'Annotate…' }).click();
  const note = box.getByLabel('Annotation', { exact: true });
  await note.fill('   ');
  await expect(box.getByRole('button', { name: 'Save' })).toBeDisabled();
  await note.fill('Ask whether the café counts as a clinic room');
  await shot(page, 'memos-selection-actions');
  await box.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Annotation added.' })).toBeVisible();
  const [annotation] = await api<Annotation[]>(page, 'annotations.list', { query: 'clinic room' });
  expect(annotation).toMatchObject({ text: PHRASE, sourceName: 'Site2_LW02_first' });

  // The memo lists the passage; Open shows it in its source.
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Memos' })
    .click();
  await memoList(page)
    .getByRole('button', { name: /Where link workers meet people/ })
    .click();
  const passages = page.getByRole('region', { name: 'Linked passages' });
  await expect(passages.getByRole('listitem')).toHaveCount(1);
  await expect(passages).toContainText(PHRASE);
  await expect(passages).toContainText('Site2_LW02_first');
  await shot(page, 'memos-linked-passage');
  await passages.getByRole('button', { name: 'Open' }).click();
  await expect(page.locator('.reader-title')).toHaveText('Site2_LW02_first');
  await expect.poll(async () => (await highlights(page))['weft-focus']).toEqual([PHRASE]);

  // The annotation is found by its words in the memos view, edited, then deleted.
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Memos' })
    .click();
  await page.getByLabel('Search memos and annotations').fill('clinic');
  const annotations = page.getByRole('list', { name: 'Annotations' });
  await expect(annotations.getByRole('button')).toHaveCount(1);
  await expect(annotations).toContainText(PHRASE);
  await expect(memoList(page).getByRole('button')).toHaveCount(0);
  await annotations.getByRole('button').click();
  const panel = page.getByRole('article', { name: 'Annotation' });
  await panel.getByLabel('Annotation text').fill('The café is where most first meetings happen');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Annotation saved.' })).toBeVisible();
  expect((await api<Annotation[]>(page, 'annotations.list', {}))[0]!.body).toBe(
    'The café is where most first meetings happen',
  );
  // The search still says 'clinic': the edited annotation leaves the list but stays open.
  await expect(annotations.getByRole('button')).toHaveCount(0);
  await expect(panel.getByLabel('Annotation text')).toHaveValue(
    'The café is where most first meetings happen',
  );
  await page.getByLabel('Search memos and annotations').fill('first meetings');
  await expect(annotations.getByRole('button')).toHaveCount(1);
  await shot(page, 'memos-annotation');
  await panel.getByRole('button', { name: 'Delete' }).click();
  await page
    .getByRole('alertdialog', { name: 'Delete annotation' })
    .getByRole('button', { name: 'Delete annotation' })
    .click();
  await expect(annotations.getByRole('button')).toHaveCount(0);
  expect(await api<Annotation[]>(page, 'annotations.list', {})).toHaveLength(0);

  // Unlinking the passage leaves the memo.
  await page.getByLabel('Search memos and annotations').fill('');
  await memoList(page)
    .getByRole('button', { name: /Where link workers meet people/ })
    .click();
  await passages.getByRole('button', { name: 'Unlink' }).click();
  await expect(passages.getByRole('listitem')).toHaveCount(0);
  const [m] = await api<Memo[]>(page, 'memos.list', {});
  expect(m!.passages).toBe(0);
});
