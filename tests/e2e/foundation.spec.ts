import fs from 'node:fs';
import path from 'node:path';
import { test, expect, dragSelect, selectAcross, codeHighlights, highlights } from './fixtures.js';

const INTERVIEW = `Interviewer: Thank you for joining me. Could you tell me about your week?

P07: Well, the week started badly. The bus to the surgery never came, so I walked the whole way in the rain. By the time I arrived the waiting room was full.

Interviewer: And how did the link worker help?

P07: She listened properly, which nobody had done for months. Then she found me a walking group on Thursdays, and now I have people to talk to.
`;
const NOTES = `# Fieldnote, Tuesday

The practice huddle started late. The link worker sat by the door and said very little until the practice manager asked about referrals.
`;

function writeInputs(dir: string): { interview: string; notes: string } {
  const interview = path.join(dir, 'interview.txt');
  const notes = path.join(dir, 'notes.md');
  fs.writeFileSync(interview, INTERVIEW.replace(/\n/g, '\r\n')); // a Windows file: CRLF must not shift offsets
  fs.writeFileSync(notes, NOTES);
  return { interview, notes };
}

test('a researcher creates a project, imports, codes, retrieves excerpts, and finds it all after a restart', async ({
  page,
  weft,
}, testInfo) => {
  const files = writeInputs(weft.dir);

  // 1. First run opens the demo study.
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  await expect(page.getByRole('list', { name: 'Sources' }).getByRole('listitem')).toHaveCount(24);

  // 2. Create a new project in the in-app picker.
  await page.getByRole('button', { name: 'New project…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Project file name').fill('Study.weft');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('project-name')).toHaveText('Study');
  expect(fs.existsSync(path.join(weft.projectsDir, 'Study.weft'))).toBe(true);
  await expect(page.getByText('No sources yet')).toBeVisible();

  // 3. Import two files.
  await page.getByTestId('import-input').setInputFiles([files.interview, files.notes]);
  const importDialog = page.getByRole('dialog', { name: 'Import' });
  await expect(importDialog.getByTestId('import-status')).toContainText(
    '2 of 2 files · 2 imported',
  );
  await importDialog.getByRole('button', { name: 'Close' }).click();
  const sources = page.getByRole('list', { name: 'Sources' });
  await expect(sources.getByRole('button', { name: /interview/ })).toBeVisible();
  await expect(sources.getByRole('button', { name: /notes/ })).toBeVisible();

  // 4. Open a source: paragraphs and speaker turns.
  await sources.getByRole('button', { name: /interview/ }).click();
  const reader = page.locator('.reader-content');
  await expect(reader.locator('p')).toHaveCount(4);
  await expect(reader.locator('.speaker').first()).toHaveText('Interviewer: ');
  await expect(reader.locator('.speaker').nth(1)).toHaveText('P07: ');

  // 5. Select with the mouse, then code from the keyboard: Ctrl+K, type a new code, Enter.
  await dragSelect(page, 'She listened properly, which nobody had done for months');
  await expect(page.getByTestId('selection-box')).toContainText(
    'She listened properly, which nobody had done for months',
  );
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Being heard');
  await page.keyboard.press('Enter');
  const codeList = page.getByRole('tree', { name: 'Code list' });
  await expect(codeList.getByRole('treeitem', { name: 'Being heard', exact: true })).toContainText(
    '1',
  );

  // An overlapping passage with another new code, and a third passage with an existing code.
  await dragSelect(page, 'nobody had done for months. Then she found me a walking group');
  await page.getByLabel('Code name').fill('Groups and activities');
  await page.getByLabel('Code name').press('Enter');
  await dragSelect(page, 'walking group on Thursdays');
  await page.getByRole('button', { name: 'Apply Being heard' }).click();
  await expect(
    codeList.getByRole('treeitem', { name: 'Being heard', exact: true }).locator('.count'),
  ).toHaveText('2');
  await expect(
    codeList
      .getByRole('treeitem', { name: 'Groups and activities', exact: true })
      .locator('.count'),
  ).toHaveText('1');
  await expect(page.locator('.reader-meta')).toContainText('3 codings');
  await expect(sources.getByRole('button', { name: /interview/ }).locator('.count')).toHaveText(
    '3',
  );
  await expect(page.locator('.pane.left .pane-head')).toContainText('2');

  // Both codes are painted, overlapping, on exactly the words coded.
  await expect
    .poll(async () => (await codeHighlights(page)).map((t) => [...t].sort()).sort())
    .toEqual([
      ['She listened properly, which nobody had done for months', 'walking group on Thursdays'],
      ['nobody had done for months. Then she found me a walking group'],
    ]);
  await page.mouse.click(5, 890); // clear the mouse selection before the screenshot
  const shot = testInfo.outputPath('weft-three-pane.png');
  await page.screenshot({ path: shot });
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  fs.copyFileSync(shot, 'test-results/screenshots/weft-three-pane.png');
  await testInfo.attach('three-pane layout', { path: shot, contentType: 'image/png' });

  // A selection across a speaker turn is coded too.
  await selectAcross(page, 'And how did the link worker help?', 'She listened properly');
  await page.getByRole('button', { name: 'Apply Groups and activities' }).click();
  await expect(
    codeList
      .getByRole('treeitem', { name: 'Groups and activities', exact: true })
      .locator('.count'),
  ).toHaveText('2');

  // 6. A code's excerpts, with their source; choosing one opens the source at that passage.
  await codeList.getByRole('button', { name: 'Being heard', exact: true }).click();
  const excerpts = page.getByTestId('excerpts');
  await expect(excerpts.getByRole('listitem')).toHaveCount(2);
  await expect(excerpts.getByRole('listitem').first()).toContainText('interview');
  await excerpts.getByRole('button', { name: /walking group on Thursdays/ }).click();
  await expect(page.locator('.reader-title')).toHaveText('interview');
  await expect
    .poll(async () => (await highlights(page))['weft-focus'])
    .toEqual(['walking group on Thursdays']);

  // 7. Close and reopen from the recent list; then restart the whole app.
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Weft', level: 1 })).toBeVisible();
  await page.locator('.recent-list').getByRole('button', { name: /Study/ }).click();
  await expect(page.getByTestId('project-name')).toHaveText('Study');
  await expect(
    codeList.getByRole('treeitem', { name: 'Being heard', exact: true }).locator('.count'),
  ).toHaveText('2');

  const url = await weft.restart();
  await page.goto(url);
  await expect(page.getByTestId('project-name')).toHaveText('Study');
  await page
    .getByRole('list', { name: 'Sources' })
    .getByRole('button', { name: /interview/ })
    .click();
  await expect
    .poll(async () => (await codeHighlights(page)).flat().sort())
    .toEqual(
      [
        'She listened properly, which nobody had done for months',
        'walking group on Thursdays',
        'nobody had done for months. Then she found me a walking group',
        'And how did the link worker help?P07: She listened properly', // the DOM has no newline between paragraphs
      ].sort(),
    );
  // The stored excerpt keeps the source's own text between the turns.
  await page
    .getByRole('tree', { name: 'Code list' })
    .getByRole('button', { name: 'Groups and activities', exact: true })
    .click();
  await expect(page.getByTestId('excerpts').getByRole('listitem').first()).toContainText(
    'And how did the link worker help?',
  );
  await expect(page.getByTestId('excerpts').getByRole('listitem').first()).toContainText(
    'P07: She listened properly',
  );
});

test('open an existing project from the picker and the recent menu', async ({ page, weft }) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: 'Open project…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open project' });
  await dialog.getByRole('button', { name: /Threads of Connection\.weft/ }).click();
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  await page.locator('.recent-menu summary').click();
  await expect(page.getByRole('list', { name: 'Recent projects' })).toContainText(
    'Threads of Connection',
  );
});

test('bad input gets a clear message and changes nothing', async ({ page, weft }) => {
  const files = writeInputs(weft.dir);
  const docx = path.join(weft.dir, 'broken.docx');
  fs.writeFileSync(docx, 'PK not really a docx');
  const junk = path.join(weft.projectsDir, 'junk.weft');
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  fs.writeFileSync(junk, 'this is not a database');

  // A broken file among good ones: the good one imports, the broken one is named with why.
  await page.getByTestId('import-input').setInputFiles([files.notes, docx]);
  const importDialog = page.getByRole('dialog', { name: 'Import' });
  await expect(importDialog.getByTestId('import-status')).toContainText('1 imported, 1 failed');
  await expect(importDialog.getByRole('listitem').filter({ hasText: 'broken.docx' })).toContainText(
    'broken.docx',
  );
  await importDialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('list', { name: 'Sources' }).getByRole('listitem')).toHaveCount(25);

  // Opening something that is not a project: an error, and the open project stays open.
  await page.getByRole('button', { name: 'Open…' }).click();
  await page
    .getByRole('dialog', { name: 'Open project' })
    .getByRole('button', { name: /junk\.weft/ })
    .click();
  await expect(page.getByRole('alert').filter({ hasText: 'not a Weft project' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  expect(fs.readFileSync(junk, 'utf8')).toBe('this is not a database');
});
