// `npm run bench`: Weft against a floor doing the same work in the same run, each printed with
// the ratio weft / floor.
//   core          import, apply coding, excerpts of one code: Weft's handlers (on their database
//                 thread, as the app runs them) against raw better-sqlite3 (core.ts)
//   large-import  1,000 transcripts × 10k words through 'import.start' (large-import.ts)
//   ui-import     long tasks in Chromium while the page imports 300 files (ui-import.ts)
//   open-source   a 100k-word source, click to painted, in Chromium (open-source.ts)
//   dense         D15 and F100: densely coded sources painted, applying, scrolling and typing,
//                 in Chromium (dense-coding.ts)
// Flags: --json (machine-readable), --quick (smoke sizes: 100 files, 20k words),
// --only NAME[,NAME] (one or more of the names above), --sources/--codings/--words (core),
// --profile DIR (Chromium CPU profiles of the import and of each open, for DevTools; the
// profiler slows the page, so figures from a profiled run are not comparable).
// Progress goes to stderr. The Chromium scenarios are skipped when Chromium is missing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumUnavailable, CHROMIUM } from './browser.js';
import type { Result, Skipped } from './common.js';
import { runCore } from './core.js';
import { runLargeImport } from './large-import.js';
import { runOpenSource } from './open-source.js';
import { runDenseCoding } from './dense-coding.js';
import { runUiImport } from './ui-import.js';
import { runQdpx } from './qdpx.js';

const NAMES = ['core', 'large-import', 'qdpx', 'ui-import', 'open-source', 'dense'] as const;
type Name = (typeof NAMES)[number];

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const opt = (name: string, d: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const only = args.flatMap((a, i) => (args[i - 1] === '--only' ? a.split(',') : []));
for (const n of only)
  if (!NAMES.includes(n as Name)) {
    console.error(`Unknown scenario "${n}": choose from ${NAMES.join(', ')}`);
    process.exit(2);
  }
const runs = (name: Name) => !only.length || only.includes(name);
const profileAt = args.indexOf('--profile');
const profileDir = profileAt >= 0 ? path.resolve(args[profileAt + 1] ?? 'bench-profiles') : null;

const workload = {
  sources: opt('--sources', 50),
  codes: 20,
  codings: opt('--codings', 1195),
  words: opt('--words', 6000),
  largeImport: { files: quick ? 100 : 1000, words: 10_000 },
  uiImport: { files: quick ? 50 : 300, words: 10_000, runs: quick ? 1 : 3 },
  openSource: { words: quick ? 20_000 : 100_000 },
};

const log = (m: string) => process.stderr.write(`· ${m}\n`);

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-'));
  const results: Result[] = [];
  const skipped: Skipped[] = [];
  let failed = 0;
  const scenario = async (name: Name, fn: () => Promise<Result[]>) => {
    if (!runs(name)) return;
    try {
      results.push(...(await fn()));
    } catch (e) {
      failed++;
      console.error(`${name} failed:`, e);
    }
  };
  try {
    await scenario('core', () => {
      log('core: import, apply coding, excerpts…');
      return runCore(path.join(dir, 'core'), workload);
    });
    await scenario('large-import', () =>
      runLargeImport(path.join(dir, 'large'), workload.largeImport, log),
    );
    await scenario('qdpx', async () => [
      // The core workload's size, against QualCoder's 0.23 s QDPX export.
      ...(await runQdpx(
        path.join(dir, 'qdpx'),
        {
          label: 'Q50',
          files: 50,
          words: 6000,
          codings: 1195,
          codes: 20,
          exportGoal: null,
          importGoal: null,
        },
        log,
      )),
      ...(await runQdpx(
        path.join(dir, 'qdpx'),
        quick
          ? {
              label: 'Q1M',
              files: 100,
              words: 10_000,
              codings: 20_000,
              codes: 100,
              exportGoal: 1,
              importGoal: 2,
            }
          : {
              label: 'Q10M',
              files: 1000,
              words: 10_000,
              codings: 200_000,
              codes: 100,
              exportGoal: 10,
              importGoal: 20,
            },
        log,
      )),
    ]);
    const browserScenarios = NAMES.filter(
      (n) => n === 'ui-import' || n === 'open-source' || n === 'dense',
    );
    const noChromium = browserScenarios.some(runs) ? await chromiumUnavailable() : null;
    if (noChromium) {
      for (const n of browserScenarios.filter(runs))
        skipped.push({ scenario: n, reason: noChromium });
    } else {
      await scenario('ui-import', () =>
        runUiImport(path.join(dir, 'ui'), workload.uiImport, log, profileDir),
      );
      await scenario('open-source', () =>
        runOpenSource(path.join(dir, 'open'), workload.openSource.words, log, profileDir),
      );
      await scenario('dense', async () => [
        ...(await runDenseCoding(
          path.join(dir, 'dense'),
          { label: 'D15', words: 15_000, codings: 2000, codes: 100 },
          log,
          profileDir,
        )),
        ...(await runDenseCoding(
          path.join(dir, 'dense'),
          { label: 'F100', words: 100_000, codings: 5000, codes: 100 },
          log,
          profileDir,
        )),
      ]);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  if (json) {
    console.log(
      JSON.stringify(
        { workload: { ...workload, quick, chromium: CHROMIUM }, results, skipped },
        null,
        2,
      ),
    );
  } else print(results, skipped);
  return failed ? 1 : 0;
}

function print(results: Result[], skipped: Skipped[]): void {
  if (runs('core'))
    console.log(
      `Weft bench — ${workload.sources} sources, ${workload.codes} codes, ${workload.codings} codings (${Math.min(300, workload.codings)} on one code)${quick ? ' — quick' : ''}`,
    );
  else console.log(`Weft bench${quick ? ' — quick' : ''}`);
  const num = (x: number, unit: string) =>
    `${x.toFixed(2).padStart(9)} ${unit.split(' ')[0]!.padEnd(2)}`;
  console.log(
    `${'scenario'.padEnd(24)} ${'weft'.padStart(12)} ${'floor'.padStart(12)} ${'ratio'.padStart(8)}  ${'goal'.padEnd(28)} note`,
  );
  for (const r of results) {
    const ratio = r.ratio === null ? 'n/a' : `${r.ratio.toFixed(2)}×`;
    const goal = r.goal ? `${r.goal}: ${r.met ? 'met' : 'MISSED'}` : '';
    console.log(
      `${r.scenario.padEnd(24)} ${num(r.weft, r.unit)} ${num(r.floor, r.unit)} ${ratio.padStart(8)}  ${goal.padEnd(28)} ${r.note}`,
    );
  }
  for (const s of skipped) console.log(`${s.scenario.padEnd(24)} skipped: ${s.reason}`);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
