// REFI-QDA exchange and reports through the real dispatch, as the app and the CLI call them:
// the demo study out to .qdpx / .qdc (validated with xmllint against the real schemas) and back
// in, every real sample file imported, and bad or hostile input refused with a clear error and
// nothing written (no project left behind, the open project's counts unchanged).
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  Code,
  CodeSet,
  Envelope,
  ExchangeProgress,
  ExchangeSummary,
  ExportResult,
  ExportedFile,
  ProjectInfo,
  Stats,
} from '../../electron/api/contract.js';
import type { Concept } from '../../db/realist-types.js';
import { buildDemoProject } from '../../electron/api/demo.js';
import { closeSession } from '../../electron/api/handlers/project.js';
import { readQdc, readQdpx } from '../../electron/formats/qdpx/read.js';
import type { RefiCode, RefiSet } from '../../electron/formats/qdpx/model.js';
import { appRoot, sharedDir, tempDir, testCtx, type TestCtx } from '../helpers.js';
import { buildQdpx, buildZip, codeBookXml, guid, projectXml } from './formats/qdpx-synth.js';
import { CODEBOOK_XSD, PROJECT_XSD, xmllint } from './formats/xmllint.js';

const SAMPLES = path.join(sharedDir, 'refi-qda', 'samples');

let demoDir: string;
let demoFile: string;
let demoStats: Stats;
let dir: string;
let ctxs: TestCtx[];

beforeAll(() => {
  demoDir = tempDir('weft-exchange-demo-');
  demoFile = path.join(demoDir, 'Threads.weft');
  buildDemoProject(demoFile, path.join(appRoot, 'fixtures', 'demo'));
  const ctx = testCtx(demoDir, { remember: false });
  demoStats = ctx.ok<ProjectInfo>('project.open', { path: demoFile }).stats;
  closeSession(ctx);
});

afterAll(() => fs.rmSync(demoDir, { recursive: true, force: true }));

beforeEach(() => {
  dir = tempDir('weft-exchange-');
  ctxs = [];
});

afterEach(() => {
  for (const c of ctxs) closeSession(c);
  fs.rmSync(dir, { recursive: true, force: true });
});

function newCtx(): TestCtx {
  const c = testCtx(dir, { remember: false });
  ctxs.push(c);
  return c;
}

/** A fresh copy of the demo study in this test's folder, opened. */
function openDemo(ctx: TestCtx, name = 'Threads.weft'): string {
  const file = path.join(dir, name);
  fs.copyFileSync(demoFile, file);
  ctx.ok('project.open', { path: file });
  return file;
}

async function okAsync<T>(ctx: TestCtx, method: string, input?: unknown): Promise<T> {
  const r = await ctx.callAsync(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function failAsync(ctx: TestCtx, method: string, input?: unknown) {
  const r: Envelope<unknown> = await ctx.callAsync(method, input);
  if (r.ok) throw new Error(`${method} unexpectedly succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}

const stats = (ctx: TestCtx) => ctx.ok<Stats>('project.stats');
const projectQde = (zip: Uint8Array) => {
  const qde = unzipSync(zip)['project.qde'];
  if (!qde) throw new Error('no project.qde in the archive');
  return Buffer.from(qde).toString('utf8');
};
const weftFiles = (folder: string) =>
  fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.includes('.weft')) : [];

async function exportTo(ctx: TestCtx, name: string): Promise<string> {
  const out = path.join(dir, name);
  await okAsync<ExportResult>(ctx, 'qdpx.export', { path: out });
  return out;
}

describe('qdpx export and import of the demo study', () => {
  it('exports to a file whose project.qde validates, with every source under sources/', async () => {
    const ctx = newCtx();
    openDemo(ctx);
    const out = path.join(dir, 'out.qdpx');
    const r = await okAsync<ExportResult>(ctx, 'qdpx.export', { path: out });
    expect(r.path).toBe(out);
    expect(r.file).toBeNull();
    expect(r.bytes).toBe(fs.statSync(out).size);
    const zip = unzipSync(fs.readFileSync(out));
    const lint = xmllint(projectQde(fs.readFileSync(out)), PROJECT_XSD);
    expect(lint.errors).toBe('');
    expect(lint.valid).toBe(true);
    const texts = Object.keys(zip).filter((n) => n !== 'project.qde');
    expect(texts.length).toBe(demoStats.sources);
    for (const n of texts) expect(n).toMatch(/^sources\/[^/]+\.txt$/);
  });

  it('imports the export as a new project in the projects folder, with the same counts', async () => {
    const ctx = newCtx();
    openDemo(ctx);
    const out = await exportTo(ctx, 'out.qdpx');
    const s = await okAsync<ExchangeSummary>(ctx, 'qdpx.import', { path: out, mode: 'new' });
    const expected = path.join(ctx.env.projectsDir, 'Threads.weft');
    expect(s.projectPath).toBe(expected);
    expect(ctx.ok<ProjectInfo>('project.current').path).toBe(expected);
    expect(stats(ctx)).toEqual(demoStats);
    expect(s.added).toMatchObject({
      codes: demoStats.codes,
      sources: demoStats.sources,
      codings: demoStats.codings,
      cases: demoStats.cases,
      cmocs: demoStats.cmocs,
    });
    expect(s.conventions).toEqual({ codepoints: demoStats.sources });

    // The name is taken now: the second import gets " (2)" and the first is left as it was.
    const again = await okAsync<ExchangeSummary>(ctx, 'qdpx.import', { path: out, mode: 'new' });
    expect(again.projectPath).toBe(path.join(ctx.env.projectsDir, 'Threads (2).weft'));
    expect(stats(ctx)).toEqual(demoStats);
    ctx.ok('project.open', { path: expected });
    expect(stats(ctx)).toEqual(demoStats);
    expect(
      weftFiles(ctx.env.projectsDir)
        .filter((f) => f.endsWith('.weft'))
        .sort(),
    ).toEqual(['Threads (2).weft', 'Threads.weft']);
  });

  it('round-trips: export, import, export gives the same project.qde and source files', async () => {
    const ctx = newCtx();
    openDemo(ctx);
    const first = await exportTo(ctx, 'first.qdpx');
    await okAsync(ctx, 'qdpx.import', {
      path: first,
      mode: 'new',
      newProjectPath: path.join(dir, 'Copy'),
    });
    expect(ctx.ok<ProjectInfo>('project.current').path).toBe(path.join(dir, 'Copy.weft'));
    const second = await exportTo(ctx, 'second.qdpx');
    // Only the project's own name and timestamps may differ.
    const comparable = (xml: string) =>
      xml.replace(/<Project\b[^>]*>/, (tag) =>
        tag.replace(/ (name|creationDateTime|modifiedDateTime)="[^"]*"/g, ''),
      );
    const [a, b] = [fs.readFileSync(first), fs.readFileSync(second)];
    expect(comparable(projectQde(b))).toBe(comparable(projectQde(a)));
    const [za, zb] = [unzipSync(a), unzipSync(b)];
    expect(Object.keys(zb).sort()).toEqual(Object.keys(za).sort());
    for (const n of Object.keys(za))
      if (n !== 'project.qde')
        expect(Buffer.from(zb[n]!).equals(Buffer.from(za[n]!)), n).toBe(true);
  });

  it('merging the same file again adds nothing and changes no counts', async () => {
    const ctx = newCtx();
    openDemo(ctx);
    const out = await exportTo(ctx, 'out.qdpx');
    const s = await okAsync<ExchangeSummary>(ctx, 'qdpx.import', { path: out, mode: 'merge' });
    expect(Object.entries(s.added).filter(([, n]) => n > 0)).toEqual([]);
    expect(s.present).toMatchObject({
      codes: demoStats.codes,
      sources: demoStats.sources,
      codings: demoStats.codings,
    });
    expect(stats(ctx)).toEqual(demoStats);
    expect(weftFiles(ctx.env.projectsDir)).toEqual([]);
  });

  it('without a path, answers with the .qdpx for download, valid and complete', async () => {
    const ctx = newCtx();
    openDemo(ctx);
    const r = await okAsync<ExportResult>(ctx, 'qdpx.export', {});
    expect(r.path).toBeNull();
    const file = r.file!;
    expect(file.fileName).toBe('Threads.qdpx');
    expect(file.mime).toBe('application/zip');
    const bytes = Buffer.from(file.base64, 'base64');
    expect(bytes.length).toBe(r.bytes);
    expect(xmllint(projectQde(bytes), PROJECT_XSD).valid).toBe(true);
    // The downloaded archive imports like a saved one.
    fs.writeFileSync(path.join(dir, 'dl.qdpx'), bytes);
    await okAsync(ctx, 'qdpx.import', { path: path.join(dir, 'dl.qdpx'), mode: 'new' });
    expect(stats(ctx)).toEqual(demoStats);
  });

  it('reports progress for export and import, each phase ending complete', async () => {
    const ctx = newCtx();
    openDemo(ctx);
    const out = await exportTo(ctx, 'out.qdpx');
    await okAsync(ctx, 'qdpx.import', { path: out, mode: 'new' });
    const progress = ctx.events
      .filter((e) => e.event === 'exchange.progress')
      .map((e) => e.payload as ExchangeProgress);
    for (const [task, phase] of [
      ['qdpx.export', 'writing'],
      ['qdpx.import', 'reading'],
      ['qdpx.import', 'saving'],
    ] as const) {
      const mine = progress.filter((p) => p.task === task && p.phase === phase);
      expect(mine.length, `${task} ${phase}`).toBeGreaterThan(0);
      const last = mine.at(-1)!;
      expect(last.total).toBeGreaterThan(0);
      expect(last.done).toBe(last.total);
      for (const [i, p] of mine.entries()) {
        expect(p.done).toBeLessThanOrEqual(p.total);
        if (i > 0) expect(p.done).toBeGreaterThanOrEqual(mine[i - 1]!.done);
      }
    }
  });
});

// ------------------------------------------------------------------ real samples

const countCodes = (codes: RefiCode[]): number =>
  codes.reduce((n, c) => n + 1 + countCodes(c.children), 0);
/** Sets of codes become code sets; sets holding only sources or notes are kept aside. */
const codeSetCount = (sets: RefiSet[]) =>
  sets.filter((s) => s.codes.length > 0 || (s.sources.length === 0 && s.notes.length === 0)).length;

describe('every real sample file', () => {
  const files = fs.readdirSync(SAMPLES).filter((f) => /\.(qdpx|qde|qdc)$/.test(f));

  it('finds the samples', () => expect(files.length).toBeGreaterThanOrEqual(10));

  for (const f of files.filter((n) => !/TRUNCATED/.test(n))) {
    it(`imports ${f} as a new project with the counts the reader finds`, async () => {
      const file = path.join(SAMPLES, f);
      const ctx = newCtx();
      if (f.endsWith('.qdc')) {
        const book = readQdc(fs.readFileSync(file));
        ctx.ok('project.create', { path: path.join(dir, 'Book') });
        const s = await okAsync<ExchangeSummary>(ctx, 'qdc.import', { path: file });
        expect(s.added.codes).toBe(countCodes(book.codes));
        expect(stats(ctx)).toMatchObject({ codes: countCodes(book.codes), sources: 0 });
        expect(ctx.ok<CodeSet[]>('sets.list').length).toBe(codeSetCount(book.sets));
        return;
      }
      const refi = readQdpx(fs.readFileSync(file), { folder: SAMPLES });
      const codings = refi.texts.reduce(
        (n, t) => n + t.codings.length + t.selections.reduce((m, s) => m + s.codings.length, 0),
        0,
      );
      const s = await okAsync<ExchangeSummary>(ctx, 'qdpx.import', { path: file, mode: 'new' });
      expect(path.dirname(s.projectPath)).toBe(ctx.env.projectsDir);
      expect(fs.existsSync(s.projectPath)).toBe(true);
      expect(stats(ctx)).toMatchObject({
        codes: countCodes(refi.codes),
        sources: refi.texts.length + refi.media.length,
        codings,
        users: refi.users.length,
      });
      expect(ctx.ok<CodeSet[]>('sets.list').length).toBe(codeSetCount(refi.sets));
      expect(s.origin).toBe(refi.origin ?? '');
      expect(s.skipped).toEqual(expect.arrayContaining(refi.skipped));
    });
  }

  it('says once, in the summary, what it skipped from the ATLAS.ti media sample', async () => {
    // The reader already names each picture, PDF, audio and video source it keeps by name only
    // and the codings it left out; the summary should not say the same again in other words
    // ("6 picture, audio or video sources…", two of which are PDFs).
    const file = path.join(SAMPLES, 'atlasti-8.4_refi-spec-annexA2_Project.qde');
    const ctx = newCtx();
    const s = await okAsync<ExchangeSummary>(ctx, 'qdpx.import', { path: file, mode: 'new' });
    const byNameOnly = s.skipped.filter((l) => /by name only/.test(l));
    expect(byNameOnly.length).toBe(4); // picture, PDF, audio, video: one sentence each
    expect(s.skipped.filter((l) => /^7 (codings|selections)\b/.test(l)).length).toBe(1);
  });

  it('refuses the truncated ATLAS.ti codebook clearly, changing nothing', async () => {
    const file = path.join(SAMPLES, 'atlasti-win-23.4_codebook_TRUNCATED_from-requal-test.qdc');
    const ctx = newCtx();
    ctx.ok('project.create', { path: path.join(dir, 'Mine') });
    ctx.ok('codes.create', { name: 'Already here' });
    const before = stats(ctx);
    const e = await failAsync(ctx, 'qdc.import', { path: file });
    expect(e.code).toBe('malformed');
    expect(e.message).toMatch(/not well-formed XML.*cut short or damaged/);
    expect(stats(ctx)).toEqual(before);
    expect(ctx.ok<Code[]>('codes.list').map((c) => c.name)).toEqual(['Already here']);
    // Offered as a project instead, it is refused too, and no project is left behind.
    const p = await failAsync(ctx, 'qdpx.import', { path: file, mode: 'new' });
    expect(p.message).toMatch(/codebook|not well-formed/i);
    expect(weftFiles(ctx.env.projectsDir)).toEqual([]);
    expect(ctx.ok<ProjectInfo>('project.current').path).toBe(path.join(dir, 'Mine.weft'));
  });
});

// ------------------------------------------------------------------ bad input

function badFiles(): [string, string, RegExp][] {
  const put = (name: string, data: string | Uint8Array) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, data);
    return file;
  };
  const good = buildQdpx(projectXml(codeBookXml([{ guid: guid(1), name: 'Waiting lists' }])));
  const folder = path.join(dir, 'a-folder.qdpx');
  fs.mkdirSync(folder);
  return [
    ['a missing file', path.join(dir, 'nowhere.qdpx'), /nowhere\.qdpx.*does not exist/],
    ['a directory', folder, /not a file/],
    ['a text file', put('notes.qdpx', 'Just my notes about the walk.'), /neither/],
    ['an empty file', put('empty.qdpx', ''), /empty/],
    [
      'a truncated archive',
      put('cut.qdpx', good.subarray(0, good.length - 30)),
      /damaged or incomplete/,
    ],
    [
      'a zip-slip archive',
      put('slip.qdpx', buildZip({ 'project.qde': projectXml(''), '../evil.txt': 'x' })),
      /outside its folder/,
    ],
  ];
}

describe('bad files offered to qdpx.import', () => {
  it('refuses each as a new project, with a clear message and no project left behind', async () => {
    const ctx = newCtx();
    for (const [what, file, message] of badFiles()) {
      const e = await failAsync(ctx, 'qdpx.import', { path: file, mode: 'new' });
      expect(e.message, what).toMatch(message);
      expect(e.code, what).not.toBe('internal');
      expect(weftFiles(ctx.env.projectsDir), what).toEqual([]);
      expect(ctx.session.db, what).toBeNull();
    }
  });

  it('refuses each when merging, leaving the open project as it was', async () => {
    const ctx = newCtx();
    const file = openDemo(ctx);
    for (const [what, bad, message] of badFiles()) {
      const e = await failAsync(ctx, 'qdpx.import', { path: bad, mode: 'merge' });
      expect(e.message, what).toMatch(message);
      expect(stats(ctx), what).toEqual(demoStats);
      expect(ctx.ok<ProjectInfo>('project.current').path).toBe(file);
    }
  });

  it('will not overwrite an existing file named as the new project', async () => {
    const ctx = newCtx();
    openDemo(ctx);
    const out = await exportTo(ctx, 'out.qdpx');
    const mine = path.join(dir, 'Mine.weft');
    fs.writeFileSync(mine, 'my precious work');
    const demoCopy = path.join(dir, 'Threads.weft');
    const [mineBefore, demoBefore] = [fs.readFileSync(mine), fs.readFileSync(demoCopy)];
    for (const target of [mine, path.join(dir, 'Mine'), demoCopy]) {
      const e = await failAsync(ctx, 'qdpx.import', {
        path: out,
        mode: 'new',
        newProjectPath: target,
      });
      expect(e.code).toBe('exists');
      expect(e.message).toMatch(/already exists/);
    }
    expect(fs.readFileSync(mine).equals(mineBefore)).toBe(true);
    expect(fs.readFileSync(demoCopy).equals(demoBefore)).toBe(true);
    expect(stats(ctx)).toEqual(demoStats);
  });
});

describe('exports to a place that cannot take them', () => {
  for (const method of ['qdpx.export', 'qdc.export'] as const) {
    it(`${method} into a missing folder says so and writes nothing`, async () => {
      const ctx = newCtx();
      openDemo(ctx);
      const e = await failAsync(ctx, method, { path: path.join(dir, 'nope', 'out.file') });
      expect(e.code).toBe('not_found');
      expect(e.message).toMatch(/folder .*nope.* does not exist/);
      expect(fs.existsSync(path.join(dir, 'nope'))).toBe(false);
    });

    it(`${method} onto a folder refuses, leaving no partial file`, async () => {
      const ctx = newCtx();
      openDemo(ctx);
      const folder = path.join(dir, 'Exports');
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, 'keep.txt'), 'mine');
      const e = await failAsync(ctx, method, { path: folder });
      expect(fs.readdirSync(folder)).toEqual(['keep.txt']);
      expect(fs.readdirSync(dir).filter((f) => !/^Threads\.weft/.test(f))).toEqual(['Exports']);
      expect(e.code).not.toBe('internal');
      expect(e.message).toMatch(/Exports/);
    });
  }
});

describe('hostile calls to the contract', () => {
  const huge = 'x'.repeat(5000);
  const cases: [string, unknown][] = [
    ['qdpx.import', { path: 'a.qdpx', mode: 'new', extra: 1 }],
    ['qdpx.import', { path: 5, mode: 'new' }],
    ['qdpx.import', { path: 'a.qdpx', mode: 'x' }],
    ['qdpx.import', { path: 'a.qdpx' }],
    ['qdpx.import', { path: '   ', mode: 'new' }],
    ['qdpx.import', { path: huge, mode: 'new' }],
    ['qdpx.import', { path: 'a.qdpx', mode: 'new', newProjectPath: huge }],
    ['qdpx.import', { path: 'a.qdpx', mode: 'new', newProjectPath: null }],
    ['qdpx.import', ['a.qdpx']],
    ['qdpx.import', 'a.qdpx'],
    ['qdpx.export', { path: 7 }],
    ['qdpx.export', { path: 'a.qdpx', overwrite: true }],
    ['qdc.import', {}],
    ['qdc.import', { path: huge }],
    ['qdc.export', { path: ['a'] }],
    ['reports.codebook', { format: 'pdf' }],
    ['reports.codebook', {}],
    ['reports.excerpts', { format: 'md' }],
    ['reports.excerpts', { format: 'csv', filter: { codeIds: [-1] } }],
    ['reports.excerpts', { format: 'csv', filter: { codeIds: ['1'] } }],
    ['reports.excerpts', { format: 'csv', filter: { sneaky: true } }],
    ['reports.excerpts', { format: 'csv', filter: { attribute: { attributeId: 1, values: [] } } }],
  ];

  it('answers invalid_input, changing nothing', async () => {
    const ctx = newCtx();
    openDemo(ctx);
    for (const [method, input] of cases) {
      const e = await failAsync(ctx, method, input);
      expect(e.code, `${method} ${JSON.stringify(input).slice(0, 80)}`).toBe('invalid_input');
      expect(e.message.length).toBeLessThan(1000);
    }
    expect(stats(ctx)).toEqual(demoStats);
    expect(weftFiles(ctx.env.projectsDir)).toEqual([]);
    expect(fs.readdirSync(dir).filter((f) => !/-(wal|shm)$/.test(f))).toEqual(['Threads.weft']);
  });

  it('answers no_project to exports, reports and merges with no project open', async () => {
    const ctx = newCtx();
    const qdc = path.join(SAMPLES, 'taguette-1.4.1_codebook.qdc');
    const qdpx = path.join(SAMPLES, 'atlasti-win-23.2_target-atlas-project.qdpx');
    for (const [method, input] of [
      ['qdpx.export', { path: path.join(dir, 'x.qdpx') }],
      ['qdpx.export', {}],
      ['qdc.export', { path: path.join(dir, 'x.qdc') }],
      ['qdc.import', { path: qdc }],
      ['qdpx.import', { path: qdpx, mode: 'merge' }],
      ['reports.codebook', { format: 'md' }],
      ['reports.excerpts', { format: 'csv' }],
    ] as const) {
      const e = await failAsync(ctx, method, input);
      expect(e.code, method).toBe('no_project');
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

// ------------------------------------------------------------------ codebooks

const codeTree = (codes: Code[]) => {
  const byId = new Map(codes.map((c) => [c.id, c]));
  return codes
    .map((c) => ({
      name: c.name,
      color: c.color,
      parent: c.parentId === null ? null : (byId.get(c.parentId)?.name ?? '?'),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
};

describe('qdc codebooks', () => {
  it('exports the demo codebook: valid, with its codes and code sets but no derived sets', () => {
    const ctx = newCtx();
    openDemo(ctx);
    const out = path.join(dir, 'book.qdc');
    const r = ctx.ok<ExportResult>('qdc.export', { path: out });
    expect(r.path).toBe(out);
    const xml = fs.readFileSync(out);
    const lint = xmllint(xml, CODEBOOK_XSD);
    expect(lint.errors).toBe('');
    expect(lint.valid).toBe(true);
    const book = readQdc(xml);
    const names = (cs: RefiCode[]): string[] => cs.flatMap((c) => [c.name, ...names(c.children)]);
    expect(names(book.codes).sort()).toEqual(
      ctx
        .ok<Code[]>('codes.list')
        .map((c) => c.name)
        .sort(),
    );
    const setNames = book.sets.map((s) => s.name);
    for (const s of ctx.ok<CodeSet[]>('sets.list')) expect(setNames).toContain(s.name);
    for (const c of ctx.ok<Concept[]>('concepts.list')) expect(setNames).toContain(c.name);
    expect(setNames.filter((n) => /^(CMOC|Folder|Kind):/.test(n))).toEqual([]);
    expect(xml.toString('utf8')).not.toMatch(/name="(CMOC|Kind|Folder): /);
  });

  it('imports the exported codebook into an empty project with the same codes and sets', () => {
    const ctx = newCtx();
    openDemo(ctx);
    const demoCodes = codeTree(ctx.ok<Code[]>('codes.list'));
    const demoSets = ctx
      .ok<CodeSet[]>('sets.list')
      .map((s) => s.name)
      .sort();
    const file = ctx.ok<ExportResult>('qdc.export', {}).file!;
    expect(file.fileName).toBe('Threads codebook.qdc');
    expect(file.mime).toBe('application/xml');
    const qdc = path.join(dir, file.fileName);
    fs.writeFileSync(qdc, Buffer.from(file.base64, 'base64'));

    ctx.ok('project.create', { path: path.join(dir, 'Empty') });
    const s = ctx.ok<ExchangeSummary>('qdc.import', { path: qdc });
    expect(s.added.codes).toBe(demoStats.codes);
    expect(codeTree(ctx.ok<Code[]>('codes.list'))).toEqual(demoCodes);
    expect(
      ctx
        .ok<CodeSet[]>('sets.list')
        .map((x) => x.name)
        .sort(),
    ).toEqual(demoSets);
    expect(stats(ctx)).toMatchObject({ codes: demoStats.codes, sources: 0, codings: 0 });

    // The same codebook again: matched by GUID, nothing duplicated.
    const again = ctx.ok<ExchangeSummary>('qdc.import', { path: qdc });
    expect(again.added.codes).toBe(0);
    expect(again.present.codes).toBe(demoStats.codes);
    expect(stats(ctx).codes).toBe(demoStats.codes);
  });

  it('refuses a project file or a missing file offered as a codebook', () => {
    const ctx = newCtx();
    ctx.ok('project.create', { path: path.join(dir, 'Empty') });
    const notBook = path.join(dir, 'p.qdc');
    fs.writeFileSync(notBook, projectXml(codeBookXml([{ guid: guid(1), name: 'Rota' }])));
    for (const file of [notBook, path.join(dir, 'missing.qdc')]) {
      const r = ctx.call('qdc.import', { path: file });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message.length).toBeGreaterThan(10);
    }
    expect(stats(ctx).codes).toBe(0);
  });
});

// ------------------------------------------------------------------ reports

const MIMES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  md: 'text/markdown',
};

describe('reports through the handlers', () => {
  it('writes the codebook in each format, named after the project', async () => {
    const ctx = newCtx();
    openDemo(ctx);
    const names = ctx.ok<Code[]>('codes.list').map((c) => c.name);
    for (const format of ['docx', 'xlsx', 'csv', 'md'] as const) {
      const f = await okAsync<ExportedFile>(ctx, 'reports.codebook', { format });
      expect(f.fileName).toMatch(new RegExp(`^Codebook.*\\.${format}$`));
      expect(f.mime).toBe(MIMES[format]);
      const bytes = Buffer.from(f.base64, 'base64');
      if (format === 'docx' || format === 'xlsx')
        expect(bytes.subarray(0, 2).toString()).toBe('PK');
      else for (const n of names) expect(bytes.toString('utf8')).toContain(n);
    }
  });

  it('filters coded excerpts by code, and refuses a code that does not exist', async () => {
    const ctx = newCtx();
    openDemo(ctx);
    const funding = ctx.ok<Code[]>('codes.list').find((c) => c.name === 'Funding')!;
    expect(funding.codings).toBeGreaterThan(0);
    const f = await okAsync<ExportedFile>(ctx, 'reports.excerpts', {
      format: 'csv',
      filter: { codeIds: [funding.id] },
    });
    expect(f.fileName).toMatch(/^Coded excerpts.*\.csv$/);
    expect(f.mime).toBe('text/csv');
    const rows = Papa.parse<Record<string, string>>(
      Buffer.from(f.base64, 'base64')
        .toString('utf8')
        .replace(/^\ufeff/, ''),
      { header: true, skipEmptyLines: true },
    ).data;
    expect(rows.length).toBe(funding.codings);
    // The Code column gives the code's path in the codebook.
    expect(new Set(rows.map((r) => r.Code))).toEqual(new Set(['Belonging/Funding']));

    for (const format of ['docx', 'xlsx'] as const) {
      const g = await okAsync<ExportedFile>(ctx, 'reports.excerpts', { format });
      expect(g.mime).toBe(MIMES[format]);
      expect(Buffer.from(g.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
    }

    const e = await failAsync(ctx, 'reports.excerpts', {
      format: 'csv',
      filter: { codeIds: [999_999] },
    });
    expect(e.code).toBe('not_found');
    expect(e.message).toMatch(/code that does not exist/);
  });
});
