// CMOCs: drafting one from quotes selected in two sources, testing it (refined, with a reason),
// its history, the Box 2 table exported to Word and read back, and evidence whose source is
// deleted flagged in the table rather than dropped.
import fs from 'node:fs';
import mammoth from 'mammoth';
import type { Page } from '@playwright/test';
import type { CmocDetail, Concept } from '../../electron/api/contract.js';
import { test, expect, api, dragSelect } from './fixtures.js';

const LW = `Interviewer: How do practice staff see your role now?

LW07: At first the receptionists did not know who I was. Once I had a desk beside the nurses the referrals started to come on their own.

Interviewer: What changed for patients?

LW07: People tell me they felt somebody finally had time for them.
`;

const PATIENT = `Interviewer: What made you go back after the first visit?

P21: The worker remembered my name and my dog's name. After the walking group I stopped ringing the surgery every week.
`;

const Q1 = 'the receptionists did not know who I was';
const Q2 = 'Once I had a desk beside the nurses the referrals started to come on their own';
const Q3 = 'I stopped ringing the surgery every week';

async function shot(page: Page, name: string) {
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

async function openSource(page: Page, name: RegExp, words: string) {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Coding' })
    .click();
  await page.getByRole('list', { name: 'Sources' }).getByRole('button', { name }).click();
  await expect(page.locator('.reader-content')).toContainText(words);
}

/** Selects `phrase` and adds it to a CMOC's part through the selection box's picker. */
async function addEvidence(page: Page, phrase: string, pick: () => Promise<void>, part: string) {
  await dragSelect(page, phrase);
  const box = page.getByTestId('selection-box');
  await expect(box).toContainText(phrase.slice(0, 30));
  await box.getByRole('button', { name: 'Add as evidence to CMOC…' }).click();
  const form = box.getByRole('form', { name: 'Add as evidence' });
  await pick();
  await form
    .getByRole('group', { name: 'Add to part' })
    .getByRole('button', { name: part })
    .click();
  await expect(form).toBeHidden();
}

test('a CMOC drafted from three quotes in two sources is refined with a reason, keeps its history, exports to Word with its quotes, and flags evidence whose source is deleted', async ({
  page,
  weft,
}) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  await api(page, 'project.create', { path: `${weft.projectsDir}/Realist.weft` });
  await expect(page.getByTestId('project-name')).toHaveText('Realist');
  await api(page, 'sources.import', {
    files: [
      { name: 'LW07 interview.txt', content: LW },
      { name: 'P21 interview.txt', content: PATIENT },
    ],
  });
  const theme = await api<Concept>(page, 'concepts.create', { name: 'Fitting in' });

  // The first quote creates the CMOC on the fly, under its theme.
  await openSource(page, /LW07/, 'receptionists');
  const box = page.getByTestId('selection-box');
  await addEvidence(
    page,
    Q1,
    async () => {
      // No CMOC yet: the picker offers a new one straight away; nothing can be added untitled.
      const form = box.getByRole('form', { name: 'Add as evidence' });
      await expect(form.getByRole('option', { name: 'New CMOC…' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      await expect(form.getByRole('button', { name: 'Context' })).toBeDisabled();
      await form.getByLabel('New CMOC title').fill('A desk among the nurses');
      await form.getByLabel('Theme of the new CMOC').selectOption(String(theme.id));
      await shot(page, 'cmocs-add-evidence');
    },
    'Context',
  );
  await expect(page.getByText('Added to A desk among the nurses · Context')).toBeVisible();

  // The second and third quotes go to the same CMOC, found by a word of its title.
  const findIt = async () => {
    const form = box.getByRole('form', { name: 'Add as evidence' });
    await form.getByLabel('Find a CMOC').fill('nurses');
    await form.getByRole('option', { name: /A desk among the nurses/ }).click();
  };
  await addEvidence(page, Q2, findIt, 'Mechanism');
  await expect(page.getByText('Added to A desk among the nurses · Mechanism')).toBeVisible();
  await openSource(page, /P21/, 'walking group');
  await addEvidence(page, Q3, findIt, 'Outcome');
  await expect(page.getByText('Added to A desk among the nurses · Outcome')).toBeVisible();

  // The table: grouped under its theme, one quote behind each part.
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'CMOCs' })
    .click();
  const table = page.getByRole('table', { name: 'CMOC table' });
  const group = table.getByRole('rowgroup', { name: 'Theme Fitting in' });
  const row = group.getByRole('row', { name: 'A desk among the nurses' });
  await expect(row).toBeVisible();
  for (const part of ['context', 'mechanism', 'outcome'])
    await expect(
      row.getByRole('button', { name: `1 quote for the ${part} of A desk among the nurses` }),
    ).toBeVisible();
  await expect(row).toContainText('Untested');

  // Its context quote, with attribution, in the side panel.
  await row.getByRole('button', { name: /for the context of/ }).click();
  const quotes = page.getByTestId('evidence-panel');
  await expect(quotes.locator('.evidence-quote')).toHaveText([Q1]);
  await shot(page, 'cmocs-quotes');
  // A quote opens in its source, in the reader.
  await quotes.getByRole('button', { name: 'Open in source' }).click();
  await expect(page.getByRole('button', { name: 'Coding', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.locator('.reader-content')).toContainText('receptionists');
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'CMOCs' })
    .click();

  // Writing the context in the editor is saved after a pause and reaches the table.
  await row.click();
  const editor = page.getByRole('article', { name: 'CMOC A desk among the nurses' });
  await editor
    .getByRole('region', { name: 'Context' })
    .getByRole('textbox')
    .fill('Practice staff do not yet know the link worker');
  await expect(editor.getByTestId('cmoc-save-status')).toHaveText('Saved');
  await expect(row.locator('[data-column="context"]')).toContainText(
    'Practice staff do not yet know the link worker',
  );
  const statement = editor.getByTestId('cmoc-statement');
  await expect(statement).toContainText('If practice staff do not yet know the link worker');
  await expect(editor.getByTestId('statement-kind')).toHaveText('Drafted from the parts');

  // The statement can be written over, and drafted from the parts again.
  const drafted = await statement.textContent();
  await editor
    .getByRole('region', { name: 'Statement' })
    .getByRole('button', { name: 'Edit' })
    .click();
  await editor
    .getByLabel('If–Then–Because statement')
    .fill('If the worker sits with the nurses, then referrals come, because staff trust her.');
  await editor.getByLabel('CMOC title').focus(); // leaving the statement saves it
  await expect(statement).toHaveText(
    'If the worker sits with the nurses, then referrals come, because staff trust her.',
  );
  await expect(editor.getByTestId('statement-kind')).toHaveText('Edited');
  await expect(editor.getByTestId('cmoc-save-status')).toHaveText('Saved');
  await editor.getByRole('button', { name: 'Use drafted' }).click();
  await expect(statement).toHaveText(drafted!);
  await expect(editor.getByTestId('statement-kind')).toHaveText('Drafted from the parts');

  // Refined needs a reason: the backend's refusal shows, then a reason goes through.
  const status = editor.getByRole('form', { name: 'Test status' });
  await status.getByRole('combobox').selectOption('refined');
  await status.getByRole('button', { name: 'Mark refined' }).click();
  await expect(status.getByRole('alert')).toContainText(/reason is required/);
  await expect(row).toContainText('Untested');
  await status
    .getByRole('textbox')
    .fill('Follow-up interviews show trust grew only where the worker sat with clinical staff');
  await status.getByRole('button', { name: 'Mark refined' }).click();
  await expect(row).toContainText('Refined');
  await expect(status).toContainText('trust grew only where the worker sat with clinical staff');
  await shot(page, 'cmocs-table');

  // The history, newest first: the refinement with its reason, the edit, the three quotes.
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('list', { name: 'Changes' });
  const items = history.getByRole('listitem');
  await expect(items.first()).toContainText('Status changed: Refined');
  await expect(items.first()).toContainText('Untested → Refined');
  await expect(items.first()).toContainText('trust grew only where the worker sat');
  await expect(items.first()).toContainText('E2E Coder');
  await expect(history).toContainText('— → Practice staff do not yet know the link worker');
  await expect(history.getByText(/^\+ /)).toHaveCount(3);
  await expect(history).toContainText(Q3);
  await expect(items.last()).toContainText('Created');
  await shot(page, 'cmocs-history');

  // Export the table to Word, with quotes, and read the document back.
  await page.getByText('Export table…').click();
  const menu = page.getByRole('menu', { name: 'Export the CMOC table' });
  await expect(menu.getByLabel('With supporting quotes')).toBeChecked();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('menuitem', { name: 'Word (DOCX)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const bytes = fs.readFileSync((await download.path())!);
  const { value: text } = await mammoth.extractRawText({ buffer: bytes });
  for (const words of [
    'Fitting in',
    'A desk among the nurses',
    'Practice staff do not yet know the link worker',
    Q1,
    Q2,
    Q3,
    'Refined',
  ])
    expect(text).toContain(words);
  const detail = await api<CmocDetail>(page, 'cmocs.get', {
    id: (await api<{ id: number }[]>(page, 'cmocs.list', {}))[0]!.id,
  });
  for (const e of detail.evidenceItems) if (e.attribution) expect(text).toContain(e.attribution);

  // Deleting the patient's interview flags its quote on the CMOC instead of dropping it.
  const p21 = detail.evidenceItems.find((e) => e.quote === Q3)!;
  await openSource(page, /P21/, 'walking group');
  await page.getByRole('button', { name: 'Delete this source' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Delete ‘P21 interview’' });
  await expect(ask).toContainText(
    '1 quote in it is evidence for 1 CMOC: ‘A desk among the nurses’.',
  );
  await expect(ask).toContainText('flagged “source deleted”');
  await shot(page, 'source-delete-prompt');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  expect((await api<{ id: number }[]>(page, 'sources.list', {})).map((s) => s.id)).toContain(
    p21.sourceId,
  );
  await page
    .getByRole('list', { name: 'Sources' })
    .getByRole('button', { name: /P21/ })
    .press('Delete');
  await ask.getByRole('button', { name: 'Delete source' }).click();
  await expect(page.getByRole('list', { name: 'Sources' })).not.toContainText('P21');
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'CMOCs' })
    .click();
  await expect(row.getByTestId('lost-flag')).toHaveText('1 quote lost');
  await row.getByRole('button', { name: /for the outcome of/ }).click();
  await expect(quotes.locator('.evidence-quote')).toHaveText([Q3]);
  await expect(quotes).toContainText('Its source was deleted');
  await expect(quotes.getByRole('button', { name: 'Open in source' })).toBeDisabled();
  await shot(page, 'cmocs-lost');
});

test('a new CMOC from the toolbar is edited, filtered, and deleted after confirming; bad input changes nothing', async ({
  page,
  weft,
}) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  await api(page, 'project.create', { path: `${weft.projectsDir}/Empty.weft` });
  await expect(page.getByTestId('project-name')).toHaveText('Empty');
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'CMOCs' })
    .click();
  await expect(page.getByText('No CMOCs yet')).toBeVisible();

  await page.getByRole('button', { name: 'New CMOC' }).click();
  const title = page.getByLabel('CMOC title');
  await expect(title).toBeFocused();
  await page.keyboard.type('Walking group as a bridge');
  await title.press('Enter');
  const table = page.getByRole('table', { name: 'CMOC table' });
  const row = table.getByRole('row', { name: 'Walking group as a bridge' });
  await expect(row).toBeVisible();
  // Only a title: every part is flagged as missing.
  await expect(row).toContainText('Incomplete: no context, mechanism, outcome');
  await expect(row.getByLabel('Context missing')).toBeVisible();
  await shot(page, 'cmocs-editor');

  // An emptied title is refused: the old one comes back.
  await title.fill('   ');
  await title.press('Enter');
  await expect(title).toHaveValue('Walking group as a bridge');

  // Typing and leaving at once loses nothing (the page's clock is stopped, so only leaving saves).
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 2000);
  const editor = page.getByRole('article', { name: /CMOC Walking group/ });
  await editor
    .getByRole('region', { name: 'Outcome' })
    .getByRole('textbox')
    .fill('Fewer GP visits');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect
    .poll(async () => (await api<{ outcome: string }[]>(page, 'cmocs.list', {}))[0]!.outcome)
    .toBe('Fewer GP visits');
  await page.clock.resume();
  await expect(row).toContainText('Incomplete: no context, mechanism');

  // Filters: status and provenance.
  await page.getByLabel('Status').first().selectOption('refuted');
  await expect(page.getByText('No CMOC matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(row).toBeVisible();

  // Hostile input through the API changes nothing and says why.
  const err = await page.evaluate(async () => {
    const res = await fetch('/api/call', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Weft-Token': sessionStorage.getItem('weft-token') ?? '',
      },
      body: JSON.stringify({ method: 'cmocs.update', input: { id: 1, status: 'proven' } }),
    });
    return (await res.json()) as { ok: boolean };
  });
  expect(err.ok).toBe(false);
  await expect(row).toContainText('Untested');

  // Deleting asks first.
  await row.click();
  await page.getByRole('button', { name: 'Delete CMOC' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete CMOC' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toBeVisible();
  await page.getByRole('button', { name: 'Delete CMOC' }).click();
  await dialog.getByRole('button', { name: 'Delete CMOC' }).click();
  await expect(page.getByText('No CMOCs yet')).toBeVisible();
  expect(await api<unknown[]>(page, 'cmocs.list', {})).toEqual([]);
});
