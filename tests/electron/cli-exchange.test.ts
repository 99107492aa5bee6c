// `weft qdpx …`, `weft qdc …` and `weft report …`, run in-process through runCli as the bundled
// command runs them: what the user reads on stdout and stderr, the exit code, and the files
// left on disk (all of them on success, none on a usage error).
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildDemoProject } from '../../electron/api/demo.js';
import { runCli } from '../../electron/cli.js';
import { readQdc } from '../../electron/formats/qdpx/read.js';
import { appRoot, sharedDir, tempDir } from '../helpers.js';
import { CODEBOOK_XSD, xmllint } from './formats/xmllint.js';

const SAMPLES = path.join(sharedDir, 'refi-qda', 'samples');

let demoDir: string;
let demoFile: string;
let dir: string;
let stderr: string[];

beforeAll(() => {
  demoDir = tempDir('weft-cli-exchange-demo-');
  demoFile = path.join(demoDir, 'Demo.weft');
  buildDemoProject(demoFile, path.join(appRoot, 'fixtures', 'demo'));
});

afterAll(() => fs.rmSync(demoDir, { recursive: true, force: true }));

beforeEach(() => {
  dir = tempDir('weft-cli-exchange-');
  stderr = [];
  vi.stubEnv('WEFT_HOME', path.join(dir, 'home'));
  vi.stubEnv('WEFT_PROJECTS', path.join(dir, 'projects'));
  vi.stubEnv('WEFT_CODER', 'Cli Tester');
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr.push(String(s));
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
});

const at = (name: string) => path.join(dir, name);

async function weft(
  ...args: string[]
): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const before = stderr.length;
  const status = await runCli(args, appRoot, (s) => out.push(s));
  return { status, stdout: out.join(''), stderr: stderr.slice(before).join('') };
}

/** The demo study copied to `name` in this test's folder. */
function demo(name = 'Demo.weft'): string {
  fs.copyFileSync(demoFile, at(name));
  return at(name);
}

async function statsOf(project: string): Promise<Record<string, number>> {
  const r = await weft('stats', project);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, number>;
}

/** Every file in the test folder except sidecars SQLite may leave beside an open project. */
const files = () =>
  fs
    .readdirSync(dir)
    .filter((f) => !/-(wal|shm)$/.test(f))
    .sort();

describe('weft qdpx export / import', () => {
  it('exports a project and imports it into a new one, printing what came in', async () => {
    const p = demo();
    const demoStats = await statsOf(p);
    const ex = await weft('qdpx', 'export', p, at('Demo.qdpx'));
    expect(ex.status, ex.stderr).toBe(0);
    expect(ex.stdout).toMatch(new RegExp(`^Wrote ${at('Demo.qdpx')} \\(\\d+ bytes\\)\\n`));
    expect(fs.statSync(at('Demo.qdpx')).size).toBeGreaterThan(1000);

    const im = await weft('qdpx', 'import', at('Demo.qdpx'), at('Copy'));
    expect(im.status, im.stderr).toBe(0);
    expect(im.stdout).toContain(`Imported into ${at('Copy.weft')}: `);
    for (const kind of ['sources', 'codes', 'codings', 'cases', 'cmocs'])
      expect(im.stdout).toMatch(new RegExp(`[:,] ${demoStats[kind]} ${kind}\\b`, 'i'));
    expect(im.stdout).toMatch(/Offsets counted as: 24 codepoints/);
    expect(im.stdout).toMatch(/Took \d+\.\d\d s\n$/);
    expect(im.stderr).toBe('');
    expect(await statsOf(at('Copy.weft'))).toEqual(demoStats);

    // The same file again merges by GUID: nothing new, nothing duplicated.
    const again = await weft('qdpx', 'import', at('Demo.qdpx'), at('Copy.weft'));
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`Imported into ${at('Copy.weft')}: nothing new`);
    expect(again.stdout).toMatch(/Already there \(same GUID\), not duplicated: .*334 codings/);
    expect(await statsOf(at('Copy.weft'))).toEqual(demoStats);
    expect(files()).toEqual(['Copy.weft', 'Demo.qdpx', 'Demo.weft']);
  });

  it('prints the summary in words, not program identifiers', async () => {
    const p = demo();
    expect((await weft('qdpx', 'export', p, at('Demo.qdpx'))).status).toBe(0);
    const im = await weft('qdpx', 'import', at('Demo.qdpx'), at('Copy'));
    expect(im.status, im.stderr).toBe(0);
    const counts = im.stdout.split('\n')[0]!.replace(/^Imported into .*?\.weft: /, '');
    // "2 code sets, 16 canvas items", not "2 codeSets, 16 canvasItems".
    expect(counts).toMatch(/\b2 code sets\b/);
    expect(counts).not.toMatch(/[a-z][A-Z]/);
  });

  it('imports a real tool’s file, telling what it skipped', async () => {
    const r = await weft(
      'qdpx',
      'import',
      path.join(SAMPLES, 'atlasti-8.4_refi-spec-annexA2_Project.qde'),
      at('Atlas'),
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/14 codes/);
    expect(r.stdout).toMatch(/ {2}skipped: .*audio/);
    expect(await statsOf(at('Atlas.weft'))).toMatchObject({ codes: 14, sources: 6 });
  });

  it('refuses a file that is not a project, creating no project', async () => {
    fs.writeFileSync(at('notes.qdpx'), 'Only my notes from the Tuesday drop-in.');
    const r = await weft('qdpx', 'import', at('notes.qdpx'), at('New'));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/^weft: .*not a REFI-QDA project/);
    expect(r.stdout).toBe('');
    expect(files()).toEqual(['notes.qdpx']);
  });

  it('merging a broken file leaves the existing project as it was', async () => {
    const p = demo();
    const before = await statsOf(p);
    fs.writeFileSync(at('cut.qdpx'), fs.readFileSync(p).subarray(0, 0));
    const r = await weft('qdpx', 'import', at('cut.qdpx'), p);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/empty/);
    expect(await statsOf(p)).toEqual(before);
  });
});

describe('weft qdc export / import', () => {
  it('writes a valid codebook and imports it into a new project', async () => {
    const p = demo();
    const ex = await weft('qdc', 'export', p, at('book.qdc'));
    expect(ex.status, ex.stderr).toBe(0);
    expect(ex.stdout).toMatch(/^Wrote .*book\.qdc \(\d+ bytes\)/);
    expect(xmllint({ file: at('book.qdc') }, CODEBOOK_XSD).valid).toBe(true);
    expect(readQdc(fs.readFileSync(at('book.qdc'))).codes.map((c) => c.name)).toContain(
      'Belonging',
    );

    const im = await weft('qdc', 'import', at('book.qdc'), at('Book'));
    expect(im.status, im.stderr).toBe(0);
    expect(im.stdout).toContain(`Imported into ${at('Book.weft')}: 25 codes`);
    expect(await statsOf(at('Book.weft'))).toMatchObject({ codes: 25, sources: 0, codings: 0 });

    const again = await weft('qdc', 'import', at('book.qdc'), at('Book'));
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('nothing new');
    expect(await statsOf(at('Book.weft'))).toMatchObject({ codes: 25 });
  });

  it('refuses a broken codebook without leaving a new project behind', async () => {
    const broken = path.join(SAMPLES, 'atlasti-win-23.4_codebook_TRUNCATED_from-requal-test.qdc');
    const r = await weft('qdc', 'import', broken, at('New'));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/not well-formed XML/);
    // Only the app's own data folder (recent projects) may appear; no project file.
    expect(files().filter((f) => f !== 'home')).toEqual([]);
  });
});

describe('weft report', () => {
  it('writes the codebook as Markdown with every code name', async () => {
    const p = demo();
    const r = await weft('report', 'codebook', p, '--format', 'md', at('codebook.md'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Wrote the codebook report to ${at('codebook.md')}\n`);
    const md = fs.readFileSync(at('codebook.md'), 'utf8');
    for (const name of ['Belonging', 'Funding', 'Patient confidence', 'Staff wellbeing'])
      expect(md).toContain(name);
  });

  it('writes only the Funding excerpts with --code Funding', async () => {
    const p = demo();
    const listed = await weft('excerpts', p, '--code', 'Funding', '--json');
    const funding = JSON.parse(listed.stdout) as { text: string }[];
    expect(funding.length).toBeGreaterThan(0);

    const r = await weft(
      'report',
      'excerpts',
      p,
      '--format=csv',
      '--code',
      'Funding',
      at('funding.csv'),
    );
    expect(r.status, r.stderr).toBe(0);
    const rows = Papa.parse<Record<string, string>>(
      fs.readFileSync(at('funding.csv'), 'utf8').replace(/^\ufeff/, ''),
      { header: true, skipEmptyLines: true },
    ).data;
    expect(rows.length).toBe(funding.length);
    expect(new Set(rows.map((row) => row.Code))).toEqual(new Set(['Belonging/Funding']));
    expect(rows.map((row) => row.Excerpt).sort()).toEqual(funding.map((f) => f.text).sort());

    // Without --code, every coding in the project.
    const all = await weft('report', 'excerpts', p, '--format', 'csv', at('all.csv'));
    expect(all.status).toBe(0);
    const allRows = Papa.parse(fs.readFileSync(at('all.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(allRows.length).toBe((await statsOf(p)).codings);
  });
});

describe('usage errors', () => {
  const cases: [string, (p: string) => string[], RegExp][] = [
    ['qdpx with no subcommand', () => ['qdpx'], /qdpx needs import or export/],
    ['an unknown qdpx subcommand', (p) => ['qdpx', 'send', p, 'x.qdpx'], /needs import or export/],
    ['qdpx import without PROJECT', () => ['qdpx', 'import', 'x.qdpx'], /needs IN and PROJECT/],
    [
      'qdpx export with extra args',
      (p) => ['qdpx', 'export', p, 'a', 'b'],
      /needs PROJECT and OUT/,
    ],
    [
      'a missing input file',
      () => ['qdpx', 'import', 'missing.qdpx', 'New'],
      /missing\.qdpx does not exist/,
    ],
    [
      'a missing codebook',
      () => ['qdc', 'import', 'missing.qdc', 'New'],
      /missing\.qdc does not exist/,
    ],
    ['exporting a missing project', () => ['qdpx', 'export', 'Nope.weft', 'out.qdpx'], /Nope/],
    [
      'exporting into a missing folder',
      (p) => ['qdc', 'export', p, 'no/such/out.qdc'],
      /folder .* does not exist/,
    ],
    ['report with no kind', () => ['report'], /report needs codebook or excerpts/],
    [
      'an unknown report',
      (p) => ['report', 'summary', p, '--format', 'md', 'o.md'],
      /codebook or excerpts/,
    ],
    [
      'report without --format',
      (p) => ['report', 'codebook', p, 'o.md'],
      /needs --format docx\|xlsx\|csv\|md/,
    ],
    ['a bad --format', (p) => ['report', 'codebook', p, '--format', 'pdf', 'o.pdf'], /--format/],
    [
      'Markdown excerpts',
      (p) => ['report', 'excerpts', p, '--format', 'md', 'o.md'],
      /--format docx\|xlsx\|csv$/m,
    ],
    [
      '--code on the codebook',
      (p) => ['report', 'codebook', p, '--format', 'md', '--code', 'Funding', 'o.md'],
      /--code is for excerpts/,
    ],
    [
      'an empty --code',
      (p) => ['report', 'excerpts', p, '--format', 'csv', '--code', '', 'o.csv'],
      /--code needs a code NAME/,
    ],
    [
      'an unknown code',
      (p) => ['report', 'excerpts', p, '--format', 'csv', '--code', 'Nope', 'o.csv'],
      /no code called "Nope"/,
    ],
    [
      'an unknown option',
      (p) => ['report', 'codebook', p, '--format', 'md', '--fast', 'o.md'],
      /unknown option "--fast"/,
    ],
    [
      'report without OUT',
      (p) => ['report', 'codebook', p, '--format', 'md'],
      /needs PROJECT and OUT/,
    ],
  ];

  for (const [what, args, message] of cases) {
    it(`${what}: exits non-zero with a message and creates no files`, async () => {
      const p = demo();
      const before = files();
      const bytes = fs.readFileSync(p);
      // Relative names resolve against the working directory: run from the test folder.
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        const r = await weft(...args(p));
        expect(r.status).not.toBe(0);
        expect(r.stderr).toMatch(/^weft: /);
        expect(r.stderr).toMatch(message);
        expect(r.stdout).toBe('');
      } finally {
        process.chdir(cwd);
      }
      expect(files()).toEqual(before);
      expect(fs.readFileSync(p).equals(bytes)).toBe(true);
    });
  }
});
