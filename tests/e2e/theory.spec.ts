// The programme-theory canvas: the demo's continuum, items and labelled links drawn as the
// file holds them; an item dragged with the mouse stays where it was dropped; a new CMOC placed
// from the palette and linked to a concept; and the SVG and PNG exports read back.
import fs from 'node:fs';
import { SaxesParser } from 'saxes';
import type { Locator, Page } from '@playwright/test';
import type { Canvas, CmocDetail } from '../../electron/api/contract.js';
import { test, expect, api } from './fixtures.js';

async function shot(page: Page, name: string) {
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

async function openTheory(page: Page) {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Theory' })
    .click();
  await expect(page.getByRole('group', { name: 'Programme theory canvas' })).toBeVisible();
}

const KIND = { concept: 'Concept', cmoc: 'CMOC', note: 'Note' } as const;

/** The words a box or link label shows, its wrapped lines put back together. */
async function shownText(el: Locator): Promise<string> {
  return el.evaluate((g) =>
    [...g.querySelectorAll(':scope > g > text')].map((t) => t.textContent ?? '').join(' '),
  );
}

/** The board's zoom, from the transform the drawing is shown with. */
async function boardScale(page: Page): Promise<number> {
  const t = await page.locator('.theory-svg > g').getAttribute('transform');
  const m = /scale\(([\d.]+)\)/.exec(t ?? '');
  if (!m) throw new Error(`no scale in ${t}`);
  return Number(m[1]);
}

/** Every <text> of an SVG document in order, parsed strictly (throws when not well-formed). */
function svgTexts(xml: string): { root: string; attrs: Record<string, string>; texts: string[] } {
  const parser = new SaxesParser({ xmlns: false });
  const texts: string[] = [];
  let root = '';
  let attrs: Record<string, string> = {};
  let inText = 0;
  let current = '';
  parser.on('opentag', (node) => {
    if (!root) {
      root = node.name;
      attrs = node.attributes as Record<string, string>;
    }
    if (node.name === 'text') {
      inText++;
      current = '';
    }
  });
  parser.on('text', (t) => {
    if (inText) current += t;
  });
  parser.on('closetag', (node) => {
    if (node.name === 'text') {
      inText--;
      texts.push(current);
    }
  });
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return { root, attrs, texts };
}

test('the demo theory canvas shows its stages, items and links; items move and persist; a new CMOC is placed and linked; SVG and PNG exports read back', async ({
  page,
  weft,
}) => {
  test.setTimeout(120_000);
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  const demo = await api<Canvas>(page, 'canvas.get');
  expect(demo.stages.length).toBeGreaterThan(0);
  expect(demo.links.length).toBeGreaterThan(0);
  await openTheory(page);
  const board = page.getByRole('group', { name: 'Programme theory canvas' });

  // Every stage, item and link label of the file is on screen.
  for (const stage of demo.stages)
    await expect(board.locator('.theory-band text', { hasText: stage })).toBeVisible();
  for (const item of demo.items) {
    const box = board.getByRole('button', {
      name: `${KIND[item.kind]}: ${item.label}`,
      exact: true,
    });
    await expect(box).toBeVisible();
    expect(await shownText(box)).toBe(item.label);
  }
  const labelOf = (id: number) => demo.items.find((i) => i.id === id)!.label;
  for (const link of demo.links) {
    const label = board.getByRole('button', {
      name: `Link from ${labelOf(link.from)} to ${labelOf(link.to)}: ${link.label}`,
      exact: true,
    });
    await expect(label).toBeVisible();
    expect(await shownText(label)).toBe(link.label);
  }
  await shot(page, 'theory-canvas');

  // Drag an item with the mouse; it is saved where it was dropped.
  const dragged = demo.items.find((i) => i.kind === 'note') ?? demo.items[0]!;
  const draggedBox = board.getByRole('button', { name: `${KIND[dragged.kind]}: ${dragged.label}` });
  const scale = await boardScale(page);
  const before = (await draggedBox.boundingBox())!;
  await page.mouse.move(before.x + 40, before.y + 20);
  await page.mouse.down();
  await page.mouse.move(before.x + 140, before.y + 60, { steps: 10 });
  await page.mouse.move(before.x + 200, before.y + 80, { steps: 5 });
  await page.mouse.up();
  // The pointer went 160 × 60 board pixels from where it was pressed.
  const wantX = dragged.x + 160 / scale;
  const wantY = dragged.y + 60 / scale;
  await expect
    .poll(async () => {
      const c = await api<Canvas>(page, 'canvas.get');
      const i = c.items.find((x) => x.id === dragged.id)!;
      return Math.abs(i.x - wantX) <= 2 && Math.abs(i.y - wantY) <= 2;
    })
    .toBe(true);
  const moved = (await api<Canvas>(page, 'canvas.get')).items.find((x) => x.id === dragged.id)!;
  await page.reload();
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  await openTheory(page);
  const movedRect = board.locator(`[data-item-id="${dragged.id}"] > rect.theory-box`);
  await expect(movedRect).toHaveAttribute('x', String(moved.x));
  await expect(movedRect).toHaveAttribute('y', String(moved.y));

  // Arrow keys nudge the focused item, saved once the keys rest.
  const keyed = demo.items.find((i) => i.kind === 'concept')!;
  const keyedNow = (await api<Canvas>(page, 'canvas.get')).items.find((i) => i.id === keyed.id)!;
  await board.getByRole('button', { name: `Concept: ${keyed.label}` }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect
    .poll(async () => {
      const i = (await api<Canvas>(page, 'canvas.get')).items.find((x) => x.id === keyed.id)!;
      return [i.x - keyedNow.x, i.y - keyedNow.y];
    })
    .toEqual([20, 10]);

  // A new CMOC appears in the palette; dragged onto the canvas it becomes an item there.
  const fresh = await api<CmocDetail>(page, 'cmocs.create', {
    title: 'Tea with the practice manager',
    status: 'untested',
  });
  const palette = page.getByRole('list', { name: 'CMOCs to place' });
  const row = palette.getByRole('listitem').filter({ hasText: fresh.title });
  await expect(row).toBeVisible();
  const boardBox = (await board.boundingBox())!;
  await row.dragTo(board, {
    targetPosition: { x: boardBox.width - 120, y: boardBox.height - 100 },
  });
  const freshItem = board.getByRole('button', { name: `CMOC: ${fresh.title}`, exact: true });
  await expect(freshItem).toBeVisible();
  await expect(row).toHaveCount(0);
  const placed = (await api<Canvas>(page, 'canvas.get')).items.find(
    (i) => i.kind === 'cmoc' && i.refId === fresh.id,
  );
  expect(placed).toBeDefined();

  // Link mode: the new CMOC, then a concept, then a label.
  const target = demo.items.find((i) => i.kind === 'concept' && i.id !== keyed.id)!;
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await freshItem.click();
  await expect(page.getByText(`Link from “${fresh.title}”`)).toBeVisible();
  await board.getByRole('button', { name: `Concept: ${target.label}` }).click();
  const form = page.getByRole('form', { name: `Link ${fresh.title} → ${target.label}` });
  await form.getByRole('textbox').fill('invites them in');
  await form.getByRole('textbox').press('Enter');
  await expect(form).toBeHidden();
  const newLink = board.getByRole('button', {
    name: `Link from ${fresh.title} to ${target.label}: invites them in`,
  });
  await expect(newLink).toBeVisible();
  expect(await shownText(newLink)).toBe('invites them in');
  await page.getByRole('button', { name: 'Link', exact: true }).click();

  // A click on a link's label edits it.
  await newLink.click();
  const edit = page.getByRole('form', { name: 'Link label' });
  await edit.getByRole('textbox').fill('asks them to tea');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(
    board.getByRole('button', {
      name: `Link from ${fresh.title} to ${target.label}: asks them to tea`,
    }),
  ).toBeVisible();
  const saved = await api<Canvas>(page, 'canvas.get');
  expect(saved.links.find((l) => l.label === 'asks them to tea')).toMatchObject({
    from: placed!.id,
    to: target.id,
  });

  // Exported as SVG: well-formed, with every stage, item and link label in it.
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  expect(svgDownload.suggestedFilename()).toMatch(/programme theory\.svg$/);
  const svg = fs.readFileSync((await svgDownload.path())!, 'utf8');
  const parsed = svgTexts(svg);
  expect(parsed.root).toBe('svg');
  expect(parsed.attrs.viewBox).toMatch(/^-?\d+ -?\d+ \d+ \d+$/);
  const words = parsed.texts.join(' ');
  for (const stage of saved.stages) expect(parsed.texts).toContain(stage);
  for (const item of saved.items) expect(words).toContain(item.label);
  for (const link of saved.links) expect(words).toContain(link.label);

  // And as PNG, drawn at twice the SVG's size.
  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  expect(pngDownload.suggestedFilename()).toMatch(/programme theory\.png$/);
  const png = fs.readFileSync((await pngDownload.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  expect(png.readUInt32BE(16)).toBe(Number(parsed.attrs.width) * 2);
  expect(png.readUInt32BE(20)).toBe(Number(parsed.attrs.height) * 2);
  expect(png.length).toBeGreaterThan(20_000);
  await shot(page, 'theory-canvas-edited');

  // Double-clicking a CMOC shows it in the CMOCs view.
  await freshItem.dblclick();
  await expect(page.getByRole('button', { name: 'CMOCs', pressed: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'CMOC title' })).toHaveValue(fresh.title);
});

test('stages are added, renamed, reordered and removed, bad names refused with a reason; Delete takes items and links off the canvas; notes are added', async ({
  page,
  weft,
}) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  const demo = await api<Canvas>(page, 'canvas.get');
  await openTheory(page);
  const board = page.getByRole('group', { name: 'Programme theory canvas' });

  // Zoom by buttons and wheel; Fit goes back to showing everything.
  const zoom = page.getByLabel('Zoom level');
  const percent = async () => Number((await zoom.textContent())!.replace('%', ''));
  const fitted = await percent();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(percent).toBe(Math.round(fitted * 1.25));
  const bb = (await board.boundingBox())!;
  await page.mouse.move(bb.x + bb.width / 2, bb.y + bb.height / 2);
  await page.mouse.wheel(0, 400);
  await expect.poll(percent).toBeLessThan(Math.round(fitted * 1.25));
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect.poll(percent).toBe(fitted);

  const stages = page.getByRole('region', { name: 'Stages' });
  const saved = async () => (await api<Canvas>(page, 'canvas.get')).stages;
  const band = (name: string) => board.locator('.theory-band text', { hasText: name });

  await stages.getByRole('textbox', { name: 'New stage name' }).fill('Thriving');
  await stages.getByRole('button', { name: 'Add stage' }).click();
  await expect(band('Thriving')).toBeVisible();
  expect(await saved()).toEqual([...demo.stages, 'Thriving']);

  const first = stages.getByRole('textbox', { name: 'Stage 1 name' });
  await first.fill('Tacked on');
  await first.press('Enter');
  await expect(band('Tacked on')).toBeVisible();
  expect((await saved())[0]).toBe('Tacked on');

  // A blank or overlong name is refused, says why, and changes nothing.
  const second = stages.getByRole('textbox', { name: 'Stage 2 name' });
  await second.fill('   ');
  await second.press('Enter');
  await expect(stages.getByRole('alert')).toHaveText('A stage needs a name.');
  await expect(second).toHaveValue(demo.stages[1]!);
  await second.fill('y'.repeat(61));
  await second.press('Enter');
  await expect(stages.getByRole('alert')).toContainText('at most 60 characters');
  await expect(second).toHaveValue(demo.stages[1]!);
  expect(await saved()).toEqual(['Tacked on', ...demo.stages.slice(1), 'Thriving']);

  await stages.getByRole('button', { name: 'Move Thriving earlier' }).click();
  await expect
    .poll(saved)
    .toEqual(['Tacked on', demo.stages[1], 'Thriving', ...demo.stages.slice(2)]);
  await stages.getByRole('button', { name: 'Remove stage Thriving' }).click();
  await expect.poll(saved).toEqual(['Tacked on', ...demo.stages.slice(1)]);
  await expect(band('Thriving')).toHaveCount(0);

  // An overlong link label cannot be saved; Escape leaves the label as it was.
  const link = demo.links[0]!;
  const labelOf = (id: number) => demo.items.find((i) => i.id === id)!.label;
  const linkName = `Link from ${labelOf(link.from)} to ${labelOf(link.to)}: ${link.label}`;
  await board.getByRole('button', { name: linkName, exact: true }).click();
  const edit = page.getByRole('form', { name: 'Link label' });
  await edit.getByRole('textbox').fill('z'.repeat(201));
  await expect(edit.getByText('At most 200 characters.')).toBeVisible();
  await expect(edit.getByRole('button', { name: 'Save' })).toBeDisabled();
  await edit.getByRole('textbox').press('Escape');
  await expect(edit).toBeHidden();
  expect((await api<Canvas>(page, 'canvas.get')).links.find((l) => l.id === link.id)!.label).toBe(
    link.label,
  );

  // Delete on a focused link removes the link; on a focused item, the item and its links.
  await board.getByRole('button', { name: linkName, exact: true }).focus();
  await page.keyboard.press('Delete');
  await expect(board.getByRole('button', { name: linkName, exact: true })).toHaveCount(0);
  expect((await api<Canvas>(page, 'canvas.get')).links.some((l) => l.id === link.id)).toBe(false);
  const cmoc = demo.items.find(
    (i) =>
      i.kind === 'cmoc' &&
      demo.links.some((l) => l.id !== link.id && (l.from === i.id || l.to === i.id)),
  )!;
  await board.getByRole('button', { name: `CMOC: ${cmoc.label}`, exact: true }).focus();
  await page.keyboard.press('Delete');
  await expect(board.getByRole('button', { name: `CMOC: ${cmoc.label}`, exact: true })).toHaveCount(
    0,
  );
  await expect(
    page
      .getByRole('list', { name: 'CMOCs to place' })
      .getByRole('listitem')
      .filter({ hasText: cmoc.label }),
  ).toBeVisible();
  const after = await api<Canvas>(page, 'canvas.get');
  expect(after.items.some((i) => i.id === cmoc.id)).toBe(false);
  expect(after.links.some((l) => l.from === cmoc.id || l.to === cmoc.id)).toBe(false);
  // The CMOC itself is still in the project.
  expect(
    (await api<{ title: string }[]>(page, 'cmocs.list')).some((c) => c.title === cmoc.label),
  ).toBe(true);

  // A free note: nothing to add while blank; added, it is on the canvas.
  const notes = page.getByRole('form', { name: 'Add a note' });
  await expect(notes.getByRole('button', { name: 'Add note' })).toBeDisabled();
  await notes.getByRole('textbox', { name: 'Note text' }).fill('Check the rota with site 3');
  await notes.getByRole('button', { name: 'Add note' }).click();
  await expect(
    board.getByRole('button', { name: 'Note: Check the rota with site 3' }),
  ).toBeVisible();
  await expect(notes.getByRole('textbox', { name: 'Note text' })).toHaveValue('');
});
