import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import type { Code, CodeSet, SourceSummary } from '../../electron/api/contract.js';
import { test, expect, api, dragSelect, highlights, type WeftApp } from './fixtures.js';

// Our own fictional interview: a patient talking about a link worker at a surgery.
const LW09 = `Interviewer: How long did you wait for the first appointment?

P11: Three weeks, which felt like forever. The receptionist was kind about it though, she said the link worker would ring.

Interviewer: And did she?

P11: She rang on the Tuesday. She asked what a good week would look like for me, and nobody had asked me that before.

Interviewer: What happened next?

P11: She walked me down to the library for the knitting circle. I would never have gone through that door on my own.
`;
const NOTE = `Fieldnote, Thursday

The surgery car park was full by nine. The link worker took her calls from the staff kitchen because the room she was promised was still being used for flu jabs.
`;

const tree = (page: Page) => page.getByRole('tree', { name: 'Code list' });
const row = (page: Page, name: string) => tree(page).getByRole('treeitem', { name, exact: true });

/** A new project holding the interview and the fieldnote (the demo stays untouched). */
async function freshProject(page: Page, weft: WeftApp, name: string) {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  await api(page, 'project.create', { path: `${weft.projectsDir}/${name}.weft` });
  await expect(page.getByTestId('project-name')).toHaveText(name);
  await api(page, 'sources.import', {
    files: [
      { name: 'P11 interview.txt', content: LW09 },
      { name: 'Car park fieldnote.txt', content: NOTE },
    ],
  });
  const sources = await api<SourceSummary[]>(page, 'sources.list');
  const idOf = (n: string) => sources.find((s) => s.name.startsWith(n))!.id;
  return { interview: idOf('P11'), note: idOf('Car park') };
}

/** Codes `phrase` of a source with a code, through the contract (setting up a test). */
async function codeWith(
  page: Page,
  sourceId: number,
  text: string,
  phrase: string,
  codeId: number,
) {
  const start = text.indexOf(phrase);
  expect(start).toBeGreaterThanOrEqual(0);
  await api(page, 'codings.create', { sourceId, start, end: start + phrase.length, codeId });
}

async function codes(page: Page): Promise<Code[]> {
  return api<Code[]>(page, 'codes.list');
}
/** The rows' names, top to bottom. */
const names = (page: Page) =>
  tree(page)
    .getByRole('treeitem')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
const byName = async (page: Page, name: string) => (await codes(page)).find((c) => c.name === name);

async function openSource(page: Page, name: RegExp) {
  await page.getByRole('list', { name: 'Sources' }).getByRole('button', { name }).click();
  await expect(page.locator('.reader-content')).toBeVisible();
}

/** Real mouse drag with intermediate moves, so the page sees dragstart, dragover and drop. */
async function mouseDrag(page: Page, from: Locator, to: () => Locator, at?: { y: number }) {
  const a = (await from.boundingBox())!;
  await page.mouse.move(a.x + a.width / 3, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 3 + 8, a.y + a.height / 2 + 8, { steps: 4 });
  const target = to();
  await expect(target).toBeVisible();
  const b = (await target.boundingBox())!;
  const y = b.y + (at ? at.y * b.height : b.height / 2);
  await page.mouse.move(b.x + b.width / 3, y, { steps: 8 });
  await page.mouse.move(b.x + b.width / 3 + 2, y, { steps: 2 });
  await page.mouse.up();
}

async function shot(page: Page, name: string) {
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/codebook-${name}.png` });
}

test('a researcher builds a codebook: create, nest by dragging, rename, details, colour, un-nest, keyboard moves', async ({
  page,
  weft,
}) => {
  await freshProject(page, weft, 'Codebook');
  const box = page.getByLabel('Code name');
  for (const name of ['Trust', 'Continuity of care', 'Being listened to']) {
    await box.fill(name);
    await box.press('Enter');
    await expect(row(page, name)).toBeVisible();
  }
  await expect(row(page, 'Being listened to')).toHaveAttribute('aria-level', '1');

  // Dragged onto the middle of another code: nested under it.
  await mouseDrag(page, row(page, 'Being listened to'), () => row(page, 'Trust'));
  await expect(row(page, 'Being listened to')).toHaveAttribute('aria-level', '2');
  await expect(row(page, 'Trust')).toHaveAttribute('aria-expanded', 'true');
  const trust = (await byName(page, 'Trust'))!;
  expect((await byName(page, 'Being listened to'))!.parentId).toBe(trust.id);

  // F2 renames in place.
  await row(page, 'Being listened to').click();
  await page.keyboard.press('F2');
  const rename = page.getByLabel('New name for Being listened to');
  await rename.fill('Feeling heard');
  await rename.press('Enter');
  await expect(row(page, 'Feeling heard')).toBeVisible();
  await expect(row(page, 'Feeling heard')).toBeFocused();
  expect((await byName(page, 'Feeling heard'))!.parentId).toBe(trust.id);

  // Typing an existing name with no passage selected shows that code's excerpts.
  await page.getByLabel('Code name').fill('trust');
  await page.getByLabel('Code name').press('Enter');
  await expect(page.getByTestId('excerpts')).toBeVisible();
  await expect(row(page, 'Trust')).toHaveClass(/shown/);

  // A new child code is named in place; a name a sibling already has is refused.
  await row(page, 'Trust').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'New child code' }).click();
  const childName = page.getByLabel('New name for New code');
  await childName.fill('feeling HEARD');
  await childName.press('Enter');
  await expect(page.locator('.notice.error')).toContainText('already exists');
  await expect(row(page, 'New code')).toHaveAttribute('aria-level', '2');
  expect((await codes(page)).map((c) => c.name).sort()).toEqual(
    ['Continuity of care', 'Feeling heard', 'New code', 'Trust'].sort(),
  );

  // A code dropped onto its own subcode is refused: nothing moves.
  const before = await codes(page);
  await mouseDrag(page, row(page, 'Trust'), () => row(page, 'New code'));
  await expect(row(page, 'Trust')).toHaveAttribute('aria-level', '1');
  expect(await codes(page)).toEqual(before);

  // Edit details from the row menu (the ⋯ button).
  await row(page, 'Feeling heard').hover();
  await page.getByRole('button', { name: 'Actions for Feeling heard' }).click();
  await page.getByRole('menuitem', { name: 'Edit details…' }).click();
  const details = page.getByRole('dialog', { name: 'Details of Feeling heard' });
  await details
    .getByLabel('Definition')
    .fill('The participant says someone gave them time and attention.');
  await details.getByLabel('Inclusion criteria').fill('Being asked, listened to, or remembered.');
  await details
    .getByLabel('Exclusion criteria')
    .fill('Practical help alone: use Continuity of care.');
  await details.getByLabel('Example').fill('She asked what a good week would look like.');
  await details.getByLabel('Inductive (from the data)').check();
  await shot(page, 'details');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details).toBeHidden();
  expect(await byName(page, 'Feeling heard')).toMatchObject({
    description: 'The participant says someone gave them time and attention.',
    inclusion: 'Being asked, listened to, or remembered.',
    exclusion: 'Practical help alone: use Continuity of care.',
    example: 'She asked what a good week would look like.',
    origin: 'inductive',
  });

  // Colour from the palette in the menu.
  await row(page, 'Feeling heard').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Colour' }).click();
  await page.getByRole('menuitemradio', { name: 'Teal' }).click();
  await expect(row(page, 'Feeling heard').locator('.swatch')).toHaveCSS(
    'background-color',
    'rgb(12, 166, 120)',
  );
  expect((await byName(page, 'Feeling heard'))!.color).toBe('#0ca678');

  // Dragged to the top-level area: no longer nested.
  await mouseDrag(page, row(page, 'Feeling heard'), () => page.locator('.top-drop'));
  await expect(row(page, 'Feeling heard')).toHaveAttribute('aria-level', '1');
  expect((await byName(page, 'Feeling heard'))!.parentId).toBeNull();

  await expect
    .poll(() => names(page))
    .toEqual(['Trust', 'New code', 'Continuity of care', 'Feeling heard']);

  // Dragged onto the upper edge of a row: placed just above it, as a sibling.
  await mouseDrag(page, row(page, 'Feeling heard'), () => row(page, 'Trust'), { y: 0.1 });
  await expect
    .poll(() => names(page))
    .toEqual(['Feeling heard', 'Trust', 'New code', 'Continuity of care']);

  // The keyboard does the same: Alt+Down moves a code down, Alt+Right nests it under the
  // code above, Alt+Left takes it out again.
  await row(page, 'Feeling heard').focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect
    .poll(() => names(page))
    .toEqual(['Trust', 'New code', 'Feeling heard', 'Continuity of care']);
  await expect(row(page, 'Feeling heard')).toBeFocused();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(row(page, 'Feeling heard')).toHaveAttribute('aria-level', '2');
  expect((await byName(page, 'Feeling heard'))!.parentId).toBe(trust.id);
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(row(page, 'Feeling heard')).toHaveAttribute('aria-level', '1');
  expect((await byName(page, 'Feeling heard'))!.parentId).toBeNull();

  // Filtering keeps a match's ancestors in view.
  await page.getByLabel('Code name').fill('new co');
  await expect.poll(() => names(page)).toEqual(['Trust', 'New code']);
  await page.getByLabel('Code name').fill('');
  await expect(tree(page).getByRole('treeitem')).toHaveCount(4);
  await shot(page, 'tree');
});

test('merging two codes adds up their counts and repaints their passages in the target’s colour', async ({
  page,
  weft,
}) => {
  const src = await freshProject(page, weft, 'Merge');
  const waiting = await api<Code>(page, 'codes.create', {
    name: 'Waiting times',
    color: '#e03131',
  });
  const access = await api<Code>(page, 'codes.create', { name: 'Access', color: '#1c7ed6' });
  await codeWith(page, src.interview, LW09, 'Three weeks, which felt like forever', waiting.id);
  await codeWith(page, src.note, NOTE, 'The surgery car park was full by nine', waiting.id);
  await codeWith(page, src.interview, LW09, 'She rang on the Tuesday', access.id);
  await page.reload();
  await openSource(page, /P11/);
  await expect(row(page, 'Waiting times').locator('.counts')).toHaveText('2·2');
  await expect(row(page, 'Access').locator('.counts')).toHaveText('1·1');
  await expect
    .poll(async () => (await highlights(page))[`weft-code-${waiting.id}`])
    .toEqual(['Three weeks, which felt like forever']);

  // Pick both (Ctrl-click), then Merge selected into Access.
  await row(page, 'Waiting times').click({ modifiers: ['Control'] });
  await row(page, 'Access').click({ modifiers: ['Control'] });
  await page.getByRole('button', { name: 'Merge selected…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge 2 codes into…' });
  await dialog.getByRole('radio', { name: /Access/ }).check();
  await expect(dialog).toContainText('2 codings will move to ‘Access’');
  await shot(page, 'merge');
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(dialog).toBeHidden();

  await expect(row(page, 'Waiting times')).toHaveCount(0);
  await expect(row(page, 'Access').locator('.counts')).toHaveText('3·2');
  await expect
    .poll(async () => {
      const h = await highlights(page);
      return [h[`weft-code-${waiting.id}`] ?? [], [...(h[`weft-code-${access.id}`] ?? [])].sort()];
    })
    .toEqual([[], ['She rang on the Tuesday', 'Three weeks, which felt like forever']]);
  // The passage once painted red is now painted in Access's blue.
  const rule = await page.evaluate(
    (name) =>
      [...document.querySelectorAll('style')]
        .map((s) => s.textContent ?? '')
        .join('\n')
        .split('\n')
        .find((l) => l.includes(`::highlight(${name})`)) ?? '',
    `weft-code-${access.id}`,
  );
  expect(rule).toContain('rgba(28, 126, 214');

  // Undo puts both back.
  await page.getByRole('button', { name: 'Undo Merge ‘Waiting times’ into ‘Access’' }).click();
  await expect(row(page, 'Waiting times').locator('.counts')).toHaveText('2·2');
  await expect(row(page, 'Access').locator('.counts')).toHaveText('1·1');

  // Move codings to…: the codings go, the code stays (empty).
  await row(page, 'Access').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Move codings to…' }).click();
  const move = page.getByRole('dialog', { name: 'Move the codings of ‘Access’' });
  await move.getByLabel('Find a code').fill('wait');
  await move.getByRole('radio', { name: /Waiting times/ }).check();
  await expect(move).toContainText('1 coding will move from ‘Access’ to ‘Waiting times’');
  await move.getByRole('button', { name: 'Move codings' }).click();
  await expect(row(page, 'Access').locator('.counts')).toHaveText('0·0');
  await expect(row(page, 'Waiting times').locator('.counts')).toHaveText('3·2');
  await expect
    .poll(async () => [...((await highlights(page))[`weft-code-${waiting.id}`] ?? [])].sort())
    .toEqual(['She rang on the Tuesday', 'Three weeks, which felt like forever']);
});

test('deleting a code says exactly what goes with it; cancelling keeps everything; undo brings it back', async ({
  page,
  weft,
}) => {
  const src = await freshProject(page, weft, 'Delete');
  const trust = await api<Code>(page, 'codes.create', { name: 'Trust' });
  const gp = await api<Code>(page, 'codes.create', { name: 'Trust in the GP', parentId: trust.id });
  const lw = await api<Code>(page, 'codes.create', {
    name: 'In the link worker',
    parentId: trust.id,
  });
  await api<Code>(page, 'codes.create', { name: 'Staff wellbeing' });
  await codeWith(page, src.interview, LW09, 'The receptionist was kind about it', trust.id);
  await codeWith(page, src.interview, LW09, 'She rang on the Tuesday', lw.id);
  await codeWith(page, src.note, NOTE, 'took her calls from the staff kitchen', gp.id);
  await page.reload();
  await expect(row(page, 'Trust').locator('.counts')).toHaveText('3·2');
  await expect(row(page, 'Trust').locator('.counts')).toHaveAttribute(
    'title',
    'With its subcodes: 3 codings in 2 sources. ‘Trust’ itself: 1 coding in 1 source.',
  );

  // The Delete key on the focused row asks first; Cancel changes nothing.
  await row(page, 'Trust').click();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('alertdialog', { name: 'Delete ‘Trust’' });
  await expect(confirm).toContainText(
    'Delete ‘Trust’ and its 2 child codes? 3 codings in 2 sources will be removed. You can undo this.',
  );
  await shot(page, 'delete');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(row(page, 'Trust')).toBeFocused();
  expect(await codes(page)).toHaveLength(4);

  // From the menu, confirmed: the code, its subcodes and their codings go.
  await row(page, 'Trust').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await confirm.getByRole('button', { name: 'Delete 3 codes' }).click();
  await expect(row(page, 'Trust')).toHaveCount(0);
  await expect(row(page, 'Trust in the GP')).toHaveCount(0);
  expect((await codes(page)).map((c) => c.name)).toEqual(['Staff wellbeing']);

  await page.getByRole('button', { name: 'Undo Delete ‘Trust’' }).click();
  await expect(row(page, 'Trust').locator('.counts')).toHaveText('3·2');
  await expect(row(page, 'In the link worker')).toBeVisible();
});

test('code sets: create one, add codes by dragging and from the menu, a code in two sets, remove, rename, delete', async ({
  page,
  weft,
}) => {
  await freshProject(page, weft, 'Sets');
  for (const name of ['Supervision', 'GP workload', 'Funding'])
    await api<Code>(page, 'codes.create', { name });
  await page.reload();
  await expect(row(page, 'Funding')).toBeVisible();

  const sets = page.getByRole('region', { name: 'Code sets' });
  await sets.getByRole('button', { name: '+ New set' }).click();
  await sets.getByLabel('New set name').fill('Belonging');
  await sets.getByLabel('New set name').press('Enter');
  const setRow = sets.locator('.set-row', { hasText: 'Belonging' });
  await expect(setRow).toBeVisible();

  // Drag a code onto the set; add another from its row menu.
  await mouseDrag(page, row(page, 'Supervision'), () => setRow);
  await expect(setRow.locator('.count')).toHaveText('1');
  await row(page, 'GP workload').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Add to set' }).click();
  await page.getByRole('menuitemcheckbox', { name: /Belonging/ }).click();
  await expect(setRow.locator('.count')).toHaveText('2');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  // Supervision joins a second set, made from its menu.
  await row(page, 'Supervision').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Add to set' }).click();
  await page.getByRole('menuitem', { name: 'New set with ‘Supervision’…' }).click();
  await page.getByLabel('New set name').fill('Practice life');
  await page.getByLabel('New set name').press('Enter');
  const listed = async () =>
    Object.fromEntries(
      (await api<CodeSet[]>(page, 'sets.list')).map((s) => [s.name, s.codeIds.length]),
    );
  await expect.poll(listed).toEqual({ Belonging: 2, 'Practice life': 1 });

  await sets.getByRole('button', { name: 'Show the codes in Belonging' }).click();
  const members = sets.getByRole('list', { name: 'Codes in Belonging' });
  await expect(members.getByRole('listitem')).toHaveText([/Supervision/, /GP workload/]);
  await shot(page, 'sets');
  await members.getByRole('button', { name: 'Take Supervision out of Belonging' }).click();
  await expect(members.getByRole('listitem')).toHaveText([/GP workload/]);
  await expect.poll(listed).toEqual({ Belonging: 1, 'Practice life': 1 });

  await setRow.hover();
  await sets.getByRole('button', { name: 'Rename the set Belonging' }).click();
  await sets.getByLabel('New name for the set Belonging').fill('Belonging in practice');
  await sets.getByLabel('New name for the set Belonging').press('Enter');
  await expect(
    sets.getByRole('button', { name: 'Belonging in practice', exact: true }),
  ).toBeVisible();

  await sets.locator('.set-row', { hasText: 'Practice life' }).hover();
  await sets.getByRole('button', { name: 'Delete the set Practice life' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete the set ‘Practice life’' });
  await expect(confirm).toContainText('Its one code stays in the codebook');
  await confirm.getByRole('button', { name: 'Delete set' }).click();
  await expect.poll(listed).toEqual({ 'Belonging in practice': 1 });
  expect(await codes(page)).toHaveLength(3); // the codes themselves stay
});

test('uncoding part of a passage from one code, or from all; dropping a selection on a code applies it', async ({
  page,
  weft,
}) => {
  const src = await freshProject(page, weft, 'Uncode');
  const asked = await api<Code>(page, 'codes.create', { name: 'Being asked' });
  const time = await api<Code>(page, 'codes.create', { name: 'Time' });
  const sentence =
    'She asked what a good week would look like for me, and nobody had asked me that before.';
  await codeWith(page, src.interview, LW09, sentence, asked.id);
  await codeWith(page, src.interview, LW09, 'She rang on the Tuesday', time.id);
  await codeWith(page, src.interview, LW09, 'She rang on the Tuesday', asked.id);
  await page.reload();
  await openSource(page, /P11/);
  // Uncoding takes out exactly the selected words, so the pieces keep their edge spaces.
  const painted = async (id: number) =>
    ((await highlights(page))[`weft-code-${id}`] ?? []).map((t) => t.trim()).sort();
  await expect.poll(() => painted(asked.id)).toEqual([sentence, 'She rang on the Tuesday'].sort());

  // Take the middle words out of 'Being asked' only: the coding is split around them.
  await dragSelect(page, 'and nobody had asked me');
  const selectionBox = page.getByTestId('selection-box');
  await expect(
    selectionBox.getByRole('list', { name: 'Codes on the selected passage' }),
  ).toHaveText('Being asked×');
  await selectionBox.getByRole('button', { name: 'Uncode Being asked from the selection' }).click();
  await expect
    .poll(() => painted(asked.id))
    .toEqual(
      [
        'She asked what a good week would look like for me,',
        'that before.',
        'She rang on the Tuesday',
      ].sort(),
    );

  // Uncode all: both codes leave the words selected.
  await dragSelect(page, 'She rang on the Tuesday');
  await expect(selectionBox.getByRole('listitem')).toHaveCount(2);
  await selectionBox.getByRole('button', { name: 'Uncode all' }).click();
  await expect.poll(() => painted(time.id)).toEqual([]);
  await expect
    .poll(() => painted(asked.id))
    .toEqual(['She asked what a good week would look like for me,', 'that before.'].sort());

  // A selection dragged from the reader and dropped on a code row codes it.
  await dragSelect(page, 'the knitting circle');
  const selected = page.locator('.reader-content').getByText('the knitting circle');
  await expect(selected).toBeVisible();
  await dropSelectionOn(page, 'the knitting circle', row(page, 'Time'));
  await expect.poll(() => painted(time.id)).toEqual(['the knitting circle']);
  await expect(row(page, 'Time').locator('.count')).toHaveText('1');
});

/**
 * Drags the reader's selected `phrase` onto `target` with the real mouse. (Chromium starts a
 * native drag when the press lands on selected text.)
 */
async function dropSelectionOn(page: Page, phrase: string, target: Locator) {
  const at = await page.evaluate((phrase) => {
    const sel = document.getSelection()!;
    const r = sel.getRangeAt(0).getBoundingClientRect();
    if (!sel.toString().includes(phrase)) throw new Error(`not selected: ${phrase}`);
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, phrase);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + 10, at.y + 10, { steps: 4 });
  const b = (await target.boundingBox())!;
  await page.mouse.move(b.x + b.width / 3, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();
}

test('the tree from the keyboard: arrows, fold, Enter for excerpts, F2, Delete, the menu; the eye hides a code in the reader', async ({
  page,
  weft,
}) => {
  const src = await freshProject(page, weft, 'Keys');
  const access = await api<Code>(page, 'codes.create', { name: 'Access' });
  const phone = await api<Code>(page, 'codes.create', { name: 'By phone', parentId: access.id });
  await api<Code>(page, 'codes.create', { name: 'Groups' });
  await codeWith(page, src.interview, LW09, 'She rang on the Tuesday', phone.id);
  await page.reload();
  await openSource(page, /P11/);

  // ArrowDown from the code box goes into the tree.
  await page.getByLabel('Code name').focus();
  await page.keyboard.press('ArrowDown');
  await expect(row(page, 'Access')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(row(page, 'By phone')).toBeFocused();
  await page.keyboard.press('ArrowLeft'); // to the parent
  await expect(row(page, 'Access')).toBeFocused();
  await page.keyboard.press('ArrowLeft'); // folds it
  await expect(row(page, 'By phone')).toHaveCount(0);
  await expect(row(page, 'Access')).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowDown');
  await expect(row(page, 'Groups')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight'); // unfolds
  await page.keyboard.press('ArrowRight'); // into the first child
  await expect(row(page, 'By phone')).toBeFocused();

  // Enter lists the code's excerpts.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('excerpts')).toContainText('She rang on the Tuesday');
  await expect(row(page, 'By phone')).toHaveClass(/shown/);

  // Shift+F10 opens the row menu; arrows walk it; Escape gives focus back to the row.
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions for By phone' });
  await expect(menu.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Colour' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(row(page, 'By phone')).toBeFocused();

  // Delete asks; Escape cancels.
  await page.keyboard.press('Delete');
  await expect(page.getByRole('alertdialog')).toContainText(
    'Delete ‘By phone’? 1 coding in 1 source will be removed. You can undo this.',
  );
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog')).toBeHidden();
  expect(await codes(page)).toHaveLength(3);

  // The eye hides the code's highlights in the reader, and shows them again.
  await page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: /P11/ }).click();
  await expect
    .poll(async () => (await highlights(page))[`weft-code-${phone.id}`] ?? [])
    .toEqual(['She rang on the Tuesday']);
  await row(page, 'By phone').hover();
  await page.getByRole('button', { name: 'Hide By phone in the reader' }).click();
  await expect
    .poll(async () => (await highlights(page))[`weft-code-${phone.id}`] ?? [])
    .toEqual([]);
  await page.getByRole('button', { name: 'Show By phone in the reader' }).click();
  await expect
    .poll(async () => (await highlights(page))[`weft-code-${phone.id}`] ?? [])
    .toEqual(['She rang on the Tuesday']);
});
