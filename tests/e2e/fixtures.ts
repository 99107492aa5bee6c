import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../../electron/browser-mode.js';

const appRoot = path.resolve(import.meta.dirname, '..', '..');

export interface WeftApp {
  /** The test's own folder: data folder in home/, projects in projects/. */
  dir: string;
  projectsDir: string;
  url: string;
  /** Stops the app (database thread and server) and starts it again on the same folders. */
  restart(): Promise<string>;
}

export const test = base.extend<{ weft: WeftApp }>({
  // eslint-disable-next-line no-empty-pattern
  weft: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-e2e-'));
    const env = {
      dataDir: path.join(dir, 'home'),
      projectsDir: path.join(dir, 'projects'),
      coderName: 'E2E Coder',
    };
    let app: BrowserMode = await startBrowserMode(appRoot, { env });
    const weft: WeftApp = {
      dir,
      projectsDir: env.projectsDir,
      url: app.url,
      async restart() {
        await app.close();
        app = await startBrowserMode(appRoot, { env });
        weft.url = app.url;
        return app.url;
      },
    };
    await use(weft);
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  },
});
export { expect };

/** Selects `phrase` in the reader with a real mouse drag, as a researcher would. */
export async function dragSelect(page: Page, phrase: string): Promise<void> {
  const box = await page.evaluate((phrase) => {
    // A press inside selected text would drag that text instead of selecting anew.
    document.getSelection()?.removeAllRanges();
    const root = document.querySelector('.reader-content')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const i = t.textContent!.indexOf(phrase);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(t, i);
      r.setEnd(t, i + phrase.length);
      (t.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const rects = r.getClientRects();
      const a = rects[0]!;
      const b = rects[rects.length - 1]!;
      return {
        x1: a.left + 1,
        y1: a.top + a.height / 2,
        x2: b.right - 1,
        y2: b.top + b.height / 2,
      };
    }
    throw new Error(`not in the reader: ${phrase}`);
  }, phrase);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 8 });
  await page.mouse.up();
}

/** Selects `phrase` spanning any nodes (e.g. across paragraphs) through the DOM Selection API. */
export async function selectAcross(page: Page, from: string, to: string): Promise<void> {
  await page.evaluate(
    ({ from, to }) => {
      const root = document.querySelector('.reader-content')!;
      const find = (s: string, atEnd: boolean) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          const i = t.textContent!.indexOf(s);
          if (i >= 0) return { node: t, offset: atEnd ? i + s.length : i };
        }
        throw new Error(`not in the reader: ${s}`);
      };
      const a = find(from, false);
      const b = find(to, true);
      const r = document.createRange();
      r.setStart(a.node, a.offset);
      r.setEnd(b.node, b.offset);
      const sel = document.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(r);
      root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    },
    { from, to },
  );
}

/** The text under every painted highlight, by highlight name. */
export async function highlights(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const [name, h] of CSS.highlights)
      out[name] = [...(h as unknown as Iterable<Range>)].map((r) => r.toString());
    return out;
  });
}

export async function codeHighlights(page: Page): Promise<string[][]> {
  const all = await highlights(page);
  return Object.entries(all)
    .filter(([name]) => name.startsWith('weft-code-'))
    .map(([, texts]) => texts);
}

export { api } from '../page-api.js';
