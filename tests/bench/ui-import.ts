// UI responsiveness during import: in Chromium against browser mode, a few hundred transcripts
// go through the page's own import flow (the file input: upload each file, then 'import.start'
// with progress events) while the probe records main-thread long tasks (over 50 ms) and
// animation frames. The floor is the same page sitting idle, afterwards, for as long.
import path from 'node:path';
import type { LongFrame, LongTask } from './browser.js';
import { api, pageNow, withWeftPage, type WeftPage } from './browser.js';
import { MB, median, result, writeCorpus, type Result } from './common.js';

const BUDGET_MS = 50;

interface Span {
  from: number;
  to: number;
}
const inside = (t: number, w: Span) => t >= w.from && t <= w.to;

function tasksIn(tasks: LongTask[], w: Span) {
  const mine = tasks.filter((t) => inside(t.start, w));
  return {
    count: mine.length,
    longest: Math.max(0, ...mine.map((t) => t.duration)),
    total: mine.reduce((n, t) => n + t.duration, 0),
  };
}

function longestFrameGap(frames: number[], w: Span): number {
  const mine = frames.filter((t) => inside(t, w));
  let gap = 0;
  for (let i = 1; i < mine.length; i++) gap = Math.max(gap, mine[i]! - mine[i - 1]!);
  return gap;
}

const RENDERING = 'style, layout, paint';

/** Where long frames spent their time: scripts by what invoked them, and rendering. */
function blame(frames: LongFrame[], w: Span): { what: string; ms: number }[] {
  const by = new Map<string, number>();
  const add = (what: string, ms: number) => by.set(what, (by.get(what) ?? 0) + ms);
  for (const f of frames.filter((f) => inside(f.start, w))) {
    for (const s of f.scripts) add(s.invoker, s.duration);
    if (f.styleAndLayoutStart) add(RENDERING, f.start + f.duration - f.styleAndLayoutStart);
  }
  return [...by]
    .map(([what, ms]) => ({ what, ms }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 4);
}

/** The longest frames, each as "duration (script …, rendering …)", for the report. */
function longest(frames: LongFrame[], w: Span, count: number): string {
  return frames
    .filter((f) => inside(f.start, w))
    .sort((a, b) => b.duration - a.duration)
    .slice(0, count)
    .map((f) => {
      const by = new Map<string, { n: number; ms: number }>();
      for (const x of f.scripts) {
        const k = by.get(x.invoker) ?? { n: 0, ms: 0 };
        by.set(x.invoker, { n: k.n + 1, ms: k.ms + x.duration });
      }
      const scripts = [...by]
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([what, k]) => `${what} ×${k.n} ${k.ms.toFixed(0)} ms`)
        .join(', ');
      const rendering = f.styleAndLayoutStart ? f.start + f.duration - f.styleAndLayoutStart : 0;
      return `${f.duration.toFixed(0)} ms at +${((f.start - w.from) / 1000).toFixed(1)} s (${scripts || 'only scripts under 5 ms'}; ${RENDERING} ${rendering.toFixed(0)} ms)`;
    })
    .join('; ');
}

interface Run {
  seconds: number;
  busy: ReturnType<typeof tasksIn>;
  uploading: ReturnType<typeof tasksIn>;
  importing: ReturnType<typeof tasksIn>;
  idle: ReturnType<typeof tasksIn>;
  gapBusy: number;
  gapIdle: number;
  blame: { what: string; ms: number }[];
  longestFrames: string;
  calls: Map<string, { n: number; sync: number }>;
}

/** One import of the corpus into a fresh project, then as long again idle. */
async function measure(w: WeftPage, files: string[], label: string): Promise<Run> {
  const { page, profile } = w;
  const n = files.length;
  await page.evaluate(() => {
    const p = window.__weftBench!;
    p.longTasks.length = p.longFrames.length = p.frames.length = p.calls.length = 0;
    p.startFrames();
  });
  await page.waitForTimeout(500);
  const dialog = page.getByRole('dialog', { name: 'Import' });
  const busy = { from: await pageNow(page), to: 0 };
  await profile(label, async () => {
    await page.getByTestId('import-input').setInputFiles(files);
    await dialog.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 900_000 });
    // Done when the source list has caught up with the import, as the user would see it.
    await page.waitForFunction(
      (n) => document.querySelectorAll('.source-list > li').length === n,
      n,
      { timeout: 120_000 },
    );
  });
  busy.to = await pageNow(page);
  const status = (await dialog.getByTestId('import-status').textContent()) ?? '';
  if (!status.includes(`${n} imported`)) throw new Error(`UI import: ${status}`);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForTimeout(500);
  const idle = { from: await pageNow(page), to: 0 };
  await page.waitForTimeout(busy.to - busy.from);
  idle.to = await pageNow(page);

  const probe = await page.evaluate(() => {
    const p = window.__weftBench!;
    p.stopFrames();
    return {
      longTasks: p.longTasks,
      longFrames: p.longFrames,
      frames: p.frames,
      importStart: p.calls.find((c) => c.method === 'import.start')?.start ?? 0,
      calls: p.calls.map((c) => ({ method: c.method, start: c.start, sync: c.sync })),
    };
  });
  // Per API method: calls, and how long fetch() itself held the main thread.
  const calls = new Map<string, { n: number; sync: number }>();
  for (const c of probe.calls.filter((c) => inside(c.start, busy))) {
    const k = calls.get(c.method) ?? { n: 0, sync: 0 };
    calls.set(c.method, { n: k.n + 1, sync: k.sync + c.sync });
  }
  return {
    seconds: (busy.to - busy.from) / 1000,
    busy: tasksIn(probe.longTasks, busy),
    uploading: tasksIn(probe.longTasks, { from: busy.from, to: probe.importStart }),
    importing: tasksIn(probe.longTasks, { from: probe.importStart, to: busy.to }),
    idle: tasksIn(probe.longTasks, idle),
    gapBusy: longestFrameGap(probe.frames, busy),
    gapIdle: longestFrameGap(probe.frames, idle),
    blame: blame(probe.longFrames, busy),
    longestFrames: longest(probe.longFrames, busy, 3),
    calls,
  };
}

export async function runUiImport(
  dir: string,
  size: { files: number; words: number; runs: number },
  log: (m: string) => void,
  profileDir: string | null = null,
): Promise<Result[]> {
  log(`UI during import: writing ${size.files} files of ${size.words} words…`);
  const corpus = writeCorpus(path.join(dir, 'ui-corpus'), size.files, size.words);
  const n = corpus.files.length;
  const runs = await withWeftPage(
    path.join(dir, 'ui'),
    'Responsiveness 1',
    profileDir,
    async (w) => {
      const out: Run[] = [];
      for (let run = 1; run <= size.runs; run++) {
        if (run > 1) {
          const name = `Responsiveness ${run}`;
          await api(w.page, 'project.create', { path: path.join(w.projectsDir, `${name}.weft`) });
          await w.page.getByTestId('project-name').getByText(name).waitFor();
          await w.page.getByText('No sources yet').waitFor();
        }
        log(`UI during import: run ${run} of ${size.runs}, importing through the page, then idle…`);
        out.push(await measure(w, corpus.files, `ui-import-${run}`));
      }
      return out;
    },
  );

  const med = (f: (r: Run) => number) => median(runs.map(f));
  const each = (f: (r: Run) => number) => runs.map((r) => f(r).toFixed(0)).join(' / ');
  const all = runs.flatMap((r) => r.blame);
  const byCause = new Map<string, number>();
  for (const c of all) byCause.set(c.what, (byCause.get(c.what) ?? 0) + c.ms / runs.length);
  const causes = [...byCause].sort((a, b) => b[1] - a[1]).slice(0, 3);
  const calls = new Map<string, { n: number; sync: number }>();
  for (const r of runs)
    for (const [m, k] of r.calls) {
      const c = calls.get(m) ?? { n: 0, sync: 0 };
      calls.set(m, { n: c.n + k.n / runs.length, sync: c.sync + k.sync / runs.length });
    }
  const over = runs.map((r) => r.busy.count);
  return [
    result(
      'UI during import',
      'ms',
      med((r) => r.busy.longest),
      med((r) => r.idle.longest),
      `longest main-thread task, median of ${runs.length} (${each((r) => r.busy.longest)}); ` +
        `${n} files (${(corpus.bytes / MB).toFixed(0)} MB) through the page's import in ${med((r) => r.seconds).toFixed(1)} s; ` +
        `tasks over ${BUDGET_MS} ms per run: ${over.join(' / ')} ` +
        `(uploading ${each((r) => r.uploading.count)}, importing ${each((r) => r.importing.count)}); ` +
        `idle: ${each((r) => r.idle.count)} over ${BUDGET_MS} ms` +
        (causes.length
          ? `; long frames' time per run: ${causes.map(([what, ms]) => `${what} ${ms.toFixed(0)} ms`).join(', ')}`
          : ''),
      {
        goal: `no task over ${BUDGET_MS} ms`,
        met: over.every((c) => c === 0),
        extra: {
          files: n,
          runs: runs.length,
          seconds: med((r) => r.seconds),
          longestMsPerRun: each((r) => r.busy.longest),
          tasksOver50PerRun: over.join(' '),
          tasksOver50UploadingPerRun: each((r) => r.uploading.count),
          tasksOver50ImportingPerRun: each((r) => r.importing.count),
          longTaskTotalMsPerRun: each((r) => r.busy.total),
          idleLongestMsPerRun: each((r) => r.idle.longest),
          idleTasksOver50PerRun: each((r) => r.idle.count),
          ...Object.fromEntries(causes.map(([what, ms]) => [`longFramesMsPerRun: ${what}`, ms])),
          ...Object.fromEntries(
            runs.map((r, i) => [`longestFrames run ${i + 1}`, r.longestFrames]),
          ),
          ...Object.fromEntries(
            [...calls].map(([m, k]) => [
              `callsPerRun: ${m}`,
              `${k.n.toFixed(0)} calls, fetch() itself ${k.sync.toFixed(0)} ms`,
            ]),
          ),
        },
      },
    ),
    result(
      'UI frame gap in import',
      'ms',
      med((r) => r.gapBusy),
      med((r) => r.gapIdle),
      `longest gap between animation frames, median of ${runs.length} (${each((r) => r.gapBusy)}; ` +
        `idle ${each((r) => r.gapIdle)}; a frame at 60 Hz is ~17 ms)`,
    ),
  ];
}
