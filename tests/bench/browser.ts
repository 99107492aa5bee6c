// Chromium against browser mode for the renderer scenarios: the real renderer, the real
// handlers and a real project file, driven by Playwright as the e2e tests drive it, with a
// probe injected before the page's own scripts (long tasks, frames, API call timings).
import fs from 'node:fs';
import path from 'node:path';
import type * as Playwright from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../../electron/browser-mode.js';
import { appRoot } from './common.js';

export const CHROMIUM = process.env.WEFT_CHROMIUM ?? '/usr/bin/chromium';

export interface LongTask {
  start: number;
  duration: number;
}

export interface LongFrame {
  start: number;
  duration: number;
  blocking: number;
  /** When the frame's style, layout and paint began (end = start + duration). */
  styleAndLayoutStart: number;
  scripts: { invoker: string; source: string; duration: number; forcedLayout: number }[];
}

export interface ApiCall {
  method: string;
  start: number;
  /** How long the fetch() call itself held the main thread before returning its promise. */
  sync: number;
  /** Response headers arrived. */
  headers: number;
  /** The page's res.json() resolved (0 when the page never parsed it). */
  parsed: number;
}

/** What the injected probe keeps on `window.__weftBench` (page clock, ms). */
export interface Probe {
  longTasks: LongTask[];
  longFrames: LongFrame[];
  /** rAF timestamps while the frame clock runs (startFrames… stopFrames). */
  frames: number[];
  startFrames(): void;
  stopFrames(): void;
  calls: ApiCall[];
  open?: Promise<{ click: number; dom: number; raf: number; painted: number }>;
}

declare global {
  interface Window {
    __weftBench?: Probe;
  }
}

/** Runs in the page before its own scripts. */
function installProbe(): void {
  const probe: Probe = {
    longTasks: [],
    longFrames: [],
    frames: [],
    startFrames() {
      if (running) return;
      running = true;
      requestAnimationFrame(tick);
    },
    stopFrames() {
      running = false;
    },
    calls: [],
  };
  let running = false;
  const tick = (t: number) => {
    if (!running) return;
    probe.frames.push(t);
    requestAnimationFrame(tick);
  };
  window.__weftBench = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Long Animation Frames name the scripts behind a long frame (where supported).
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const f = e as PerformanceEntry & {
          blockingDuration: number;
          styleAndLayoutStart: number;
          scripts: {
            invoker: string;
            sourceFunctionName: string;
            sourceURL: string;
            sourceCharPosition: number;
            duration: number;
            forcedStyleAndLayoutDuration: number;
          }[];
        };
        probe.longFrames.push({
          start: f.startTime,
          duration: f.duration,
          blocking: f.blockingDuration,
          styleAndLayoutStart: f.styleAndLayoutStart,
          scripts: f.scripts.map((s) => ({
            invoker: s.invoker,
            source: `${s.sourceFunctionName || '(anonymous)'}@${s.sourceURL.split('/').pop()}:${s.sourceCharPosition}`,
            duration: s.duration,
            forcedLayout: s.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  }
  // API calls: which method, when sent, when answered, when the page had parsed the answer.
  const byResponse = new WeakMap<Response, ApiCall>();
  const fetch0 = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = typeof init?.body === 'string' ? init.body.slice(0, 200) : '';
    const method = /"method":"([^"]+)"/.exec(body)?.[1] ?? url.replace(/^.*\/api\//, '');
    const call: ApiCall = { method, start: performance.now(), sync: 0, headers: 0, parsed: 0 };
    probe.calls.push(call);
    const pending = fetch0(input, init);
    call.sync = performance.now() - call.start;
    const res = await pending;
    call.headers = performance.now();
    byResponse.set(res, call);
    return res;
  };
  const json0 = Response.prototype.json;
  Response.prototype.json = function (this: Response) {
    const call = byResponse.get(this);
    return json0.call(this).then((v: unknown) => {
      if (call) call.parsed = performance.now();
      return v;
    });
  };
}

import { api } from '../page-api.js';

export { api };

export const pageNow = (page: Page) => page.evaluate(() => performance.now());

export interface WeftPage {
  page: Page;
  app: BrowserMode;
  projectsDir: string;
  dir: string;
  /** Runs fn under the page's CPU profiler when --profile DIR was given (DIR/name.cpuprofile). */
  profile<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** Why the Chromium scenarios cannot run here, or null when they can. */
export async function chromiumUnavailable(): Promise<string | null> {
  if (!fs.existsSync(CHROMIUM))
    return `${CHROMIUM} not found (install Chromium or set WEFT_CHROMIUM)`;
  try {
    await loadPlaywright();
  } catch (e) {
    return `@playwright/test cannot be loaded: ${e instanceof Error ? e.message : String(e)}`;
  }
  return null;
}

function loadPlaywright(): Promise<typeof Playwright> {
  // Loaded at run time from node_modules (a variable keeps esbuild from bundling it).
  const name = '@playwright/test';
  return import(name) as Promise<typeof Playwright>;
}

/**
 * Starts browser mode on a fresh data folder, opens the page in Chromium and creates project
 * `name` through the API from the page (the page follows the project.changed event).
 */
export async function withWeftPage<T>(
  dir: string,
  name: string,
  profileDir: string | null,
  fn: (w: WeftPage) => Promise<T>,
): Promise<T> {
  const { chromium } = await loadPlaywright();
  const env = {
    dataDir: path.join(dir, 'home'),
    projectsDir: path.join(dir, 'projects'),
    coderName: 'Bench',
  };
  const app = await startBrowserMode(appRoot, { env });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.addInitScript(installProbe);
    await page.goto(app.url);
    await page.getByTestId('project-name').getByText('Demo').waitFor(); // first run: the demo
    await api(page, 'project.create', { path: path.join(env.projectsDir, `${name}.weft`) });
    await page.getByTestId('project-name').getByText(name).waitFor();
    await page.getByText('No sources yet').waitFor();
    const profile = async <R>(label: string, run: () => Promise<R>): Promise<R> => {
      if (!profileDir) return run();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      const out = await run();
      const { profile } = await cdp.send('Profiler.stop');
      fs.mkdirSync(profileDir, { recursive: true });
      fs.writeFileSync(path.join(profileDir, `${label}.cpuprofile`), JSON.stringify(profile));
      await cdp.detach();
      return out;
    };
    return await fn({ page, app, projectsDir: env.projectsDir, dir, profile });
  } finally {
    await browser?.close();
    await app.close();
  }
}
