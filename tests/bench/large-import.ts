// Large import: a folder of synthetic transcripts (1,000 × 10k words by default) imported
// through the real handlers ('import.start' on the folder, on the database thread, until the
// final import.progress event), against raw better-sqlite3 reading the same files and inserting
// them with the same schema, pragmas and one commit per file, as Weft commits each file.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportProgress, Stats } from '../../electron/api/contract.js';
import { DbHost } from '../../electron/host/db-host.js';
import { resolveEnv } from '../../electron/host/env.js';
import {
  appRoot,
  MB,
  median,
  now,
  rawDb,
  result,
  unwrap,
  writeCorpus,
  type Result,
} from './common.js';

export interface LargeImportSize {
  files: number;
  words: number;
}

const GOAL_RATIO = 3;
const RUNS = 3;

export async function runLargeImport(
  dir: string,
  size: LargeImportSize,
  log: (m: string) => void,
): Promise<Result[]> {
  const folder = path.join(dir, 'large-corpus');
  log(`large import: writing ${size.files} files of ${size.words} words…`);
  const corpus = writeCorpus(folder, size.files, size.words);
  const n = corpus.files.length;

  // --- Weft: 'import.start' on the folder, as the desktop app's Import does.
  const env = resolveEnv(appRoot, {
    dataDir: path.join(dir, 'large-home'),
    projectsDir: dir,
    coderName: 'Bench',
    remember: false,
  });
  const host = new DbHost(path.join(appRoot, 'dist', 'electron', 'db-worker.js'), env);
  // The database thread runs in this process, so this process's RSS is Weft's whole footprint
  // (less the renderer). The main thread only waits here, so sampling it is cheap and steady.
  const rssBefore = process.memoryUsage.rss();
  let rssPeak = rssBefore;
  let events = 0;
  const weftRun = async (run: number): Promise<number> => {
    await unwrap(host.call('project.create', { path: path.join(dir, `large${run}.weft`) }));
    let finish!: (p: ImportProgress) => void;
    const finished = new Promise<ImportProgress>((r) => (finish = r));
    events = 0;
    const off = host.on((event, payload) => {
      if (event !== 'import.progress') return;
      events++;
      const p = payload as ImportProgress;
      if (p.finished) finish(p);
    });
    const sample = () => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss()));
    const sampler = setInterval(sample, 20);
    const t0 = now();
    const job = await unwrap<{ jobId: string; total: number }>(
      host.call('import.start', { paths: [folder] }),
    );
    const last = await finished;
    const ms = now() - t0;
    clearInterval(sampler);
    sample();
    off();
    const stats = await unwrap<Stats>(host.call('project.stats', {}));
    if (last.jobId !== job.jobId || job.total !== n || last.done !== n || stats.sources !== n)
      throw new Error(
        `large import: expected ${n} files, job ${job.total}, done ${last.done}, sources ${stats.sources}`,
      );
    return ms;
  };

  // --- The floor: the same files read and inserted by raw better-sqlite3.
  const floorRun = (file: string, oneTransaction: boolean): number => {
    const raw = rawDb(file);
    const insert = raw.prepare(
      `INSERT INTO sources (guid, name, kind, text, text_length, original_name, created_at, created_by)
       VALUES (?, ?, 'interview', ?, ?, ?, '', 1)`,
    );
    const insertFile = (i: number) => {
      const name = path.basename(corpus.files[i]!);
      const text = fs.readFileSync(corpus.files[i]!, 'utf8');
      insert.run(`g${i}`, name.replace(/\.txt$/, ''), text, text.length, name);
    };
    const inOwnTransaction = raw.transaction(insertFile);
    const t = now();
    if (oneTransaction) raw.transaction(() => corpus.files.forEach((_, i) => insertFile(i)))();
    else corpus.files.forEach((_, i) => inOwnTransaction(i));
    const ms = now() - t;
    raw.close();
    return ms;
  };

  // Three runs each, each into a fresh file; medians (fsync times vary). Weft's runs come
  // first, so the floor's garbage (it reads the texts on this thread) never counts in its RSS.
  const weftRuns: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    log(`large import: Weft, run ${run + 1} of ${RUNS}…`);
    weftRuns.push(await weftRun(run));
  }
  log('large import: floor…');
  const floorRuns: number[] = [];
  const oneTxRuns: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    floorRuns.push(floorRun(path.join(dir, `large-floor${run}.weft`), false));
    oneTxRuns.push(floorRun(path.join(dir, `large-floor-1tx${run}.weft`), true));
  }
  await host.close();
  const weftMs = median(weftRuns);
  const floorMs = median(floorRuns);
  const floorOneTxMs = median(oneTxRuns);
  fs.rmSync(folder, { recursive: true, force: true });

  const mb = corpus.bytes / MB;
  const rate = (ms: number) => ({ filesPerS: n / (ms / 1000), mbPerS: mb / (ms / 1000) });
  const w = rate(weftMs);
  const f = rate(floorMs);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const r = result(
    'large import',
    's',
    weftMs / 1000,
    floorMs / 1000,
    `median of ${RUNS}; ${n} files, ${(corpus.words / 1e6).toFixed(2)}M words, ${mb.toFixed(1)} MB: ` +
      `${w.filesPerS.toFixed(0)} files/s, ${w.mbPerS.toFixed(1)} MB/s ` +
      `(floor ${f.filesPerS.toFixed(0)} files/s, ${f.mbPerS.toFixed(1)} MB/s; ` +
      `one-transaction floor ${(floorOneTxMs / 1000).toFixed(2)} s); ` +
      `peak RSS ${(rssPeak / MB).toFixed(0)} MB (${(rssBefore / MB).toFixed(0)} MB before)`,
    {
      goal: `≤ ${GOAL_RATIO}× floor`,
      extra: {
        files: n,
        words: corpus.words,
        megabytes: mb,
        weftFilesPerS: w.filesPerS,
        weftMBPerS: w.mbPerS,
        floorFilesPerS: f.filesPerS,
        floorMBPerS: f.mbPerS,
        floorOneTransactionS: floorOneTxMs / 1000,
        progressEvents: events,
        weftRunsS: weftRuns.map((ms) => (ms / 1000).toFixed(2)).join(' '),
        floorRunsS: floorRuns.map((ms) => (ms / 1000).toFixed(2)).join(' '),
        rssBeforeMB: rssBefore / MB,
        peakRssMB: rssPeak / MB,
        processMaxRssMB: maxRss / MB,
      },
    },
  );
  r.met = r.ratio !== null && r.ratio <= GOAL_RATIO;
  return [r];
}
