import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, api } from './fixtures.js';

async function newProject(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New project…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Project file name').fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('No sources yet')).toBeVisible();
}

test('a batch import shows progress and can be cancelled without leaving half a file', async ({
  page,
  weft,
}) => {
  const dir = path.join(weft.dir, 'batch');
  fs.mkdirSync(dir);
  const body =
    'Interviewer: How was the group?\n\nP01: ' +
    'We talked about the allotment and the weather. '.repeat(400) +
    '\n';
  const files = Array.from({ length: 150 }, (_, i) => {
    const f = path.join(dir, `Interview ${String(i + 1).padStart(3, '0')}.txt`);
    fs.writeFileSync(f, body);
    return f;
  });
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  await newProject(page, 'Batch.weft');

  await page.getByTestId('import-input').setInputFiles(files);
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await expect(dialog.getByTestId('import-status')).toContainText('of 150 files');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByRole('heading', { name: 'Import cancelled' })).toBeVisible({
    timeout: 30_000,
  });
  await dialog.getByRole('button', { name: 'Close' }).click();

  const sources = await api<{ length: number }[]>(page, 'sources.list');
  expect(sources.length).toBeLessThan(150);
  for (const s of sources) expect(s.length).toBe(body.length); // every imported file is whole
  await expect(page.getByRole('list', { name: 'Sources' }).getByRole('listitem')).toHaveCount(
    sources.length,
  );
});

test('files dropped on the window are imported', async ({ page, weft }) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  await newProject(page, 'Dropped.weft');
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(
      new File(
        ['Interviewer: Hello.\n\nP02: Hello there, nice to meet you.\n'],
        'dropped interview.txt',
        { type: 'text/plain' },
      ),
    );
    dt.items.add(
      new File(
        ['WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Amina>We meet on Tuesdays.\n'],
        'captions.vtt',
      ),
    );
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    window.dispatchEvent(
      new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
    );
  });
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog.getByTestId('import-status')).toContainText('2 of 2 files · 2 imported');
  await dialog.getByRole('button', { name: 'Close' }).click();
  const list = page.getByRole('list', { name: 'Sources' });
  await expect(list.getByRole('button', { name: /dropped interview/ })).toBeVisible();
  await list.getByRole('button', { name: /captions/ }).click();
  await expect(page.locator('.reader-content')).toContainText('Amina: We meet on Tuesdays.');
});

test('sources are grouped by their folders', async ({ page, weft }) => {
  await page.goto(weft.url);
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  const sources = await api<{ id: number; name: string }[]>(page, 'sources.list');
  const pick = (name: string) => sources.find((s) => s.name === name)!.id;
  await api(page, 'sources.update', {
    id: pick('Site2_LW02_first'),
    folder: 'Interviews / Site 2',
  });
  await api(page, 'sources.update', {
    id: pick('Site2_LW02_followup'),
    folder: 'Interviews/Site 2',
  });
  const list = page.getByRole('list', { name: 'Sources' });
  const folder = list.getByRole('list', { name: 'Interviews/Site 2' });
  await expect(folder.getByRole('button')).toHaveText([/Site2_LW02_first/, /Site2_LW02_followup/]);
  await expect(list.getByRole('list', { name: 'Not in a folder' }).getByRole('button')).toHaveCount(
    22,
  );
});
