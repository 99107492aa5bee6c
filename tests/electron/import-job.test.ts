// The background import (import.start / import.cancel) through the real dispatch: real files on
// disk, progress events as the renderer follows them, Cancel, and a project closed midway.
import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ImportFileResult,
  ImportProgress,
  ProjectInfo,
  Source,
  SourceSummary,
  Stats,
} from '../../electron/api/contract.js';
import type { LinkSuggestion } from '../../electron/api/contract-cases.js';
import { closeSession } from '../../electron/api/handlers/project.js';
import { tempDir, testCtx, type TestCtx } from '../helpers.js';

let dir: string;
let ctxs: TestCtx[];

beforeEach(() => {
  dir = tempDir('weft-import-job-');
  ctxs = [];
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const c of ctxs) closeSession(c);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A context whose imports yield and report after every file, so a test can act between files. */
function newCtx(
  pacing: { sliceMs: number; eventMs: number } | undefined = { sliceMs: 0, eventMs: 0 },
): TestCtx {
  const c = testCtx(dir, pacing ? { importPacing: pacing } : {});
  ctxs.push(c);
  return c;
}

function project(ctx: TestCtx, name = 'Study'): string {
  return ctx.ok<ProjectInfo>('project.create', { path: path.join(dir, name) }).path;
}

function write(file: string, content: string | Uint8Array): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** The job's progress events, in the order they arrived. */
function progressOf(ctx: TestCtx, jobId: string): ImportProgress[] {
  return ctx.events
    .filter((e) => e.event === 'import.progress')
    .map((e) => e.payload as ImportProgress)
    .filter((p) => p.jobId === jobId);
}

/** Lets the job run (it yields between files) until `test` holds. */
async function until(test: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** Waits for the job's finished event, as the renderer does, and returns it. */
async function finished(ctx: TestCtx, jobId: string): Promise<ImportProgress> {
  await until(() => progressOf(ctx, jobId).some((p) => p.finished), `${jobId} to finish`);
  return progressOf(ctx, jobId).find((p) => p.finished)!;
}

/** The per-file results, one slot per file, from the events (as the import panel keeps them). */
function resultsOf(ctx: TestCtx, jobId: string): ImportFileResult[] {
  const out: ImportFileResult[] = [];
  for (const p of progressOf(ctx, jobId)) p.results.forEach((r, i) => (out[p.from + i] = r));
  return out;
}

function start(ctx: TestCtx, input: unknown): { jobId: string; total: number } {
  return ctx.ok<{ jobId: string; total: number }>('import.start', input);
}

async function docx(paragraphs: string[]): Promise<Uint8Array> {
  const doc = new Document({
    sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const textOf = (ctx: TestCtx, id: number) => ctx.ok<Source>('sources.get', { id }).text;

const INTERVIEW = 'Interviewer: How long have you worked here?\nLW01: Three years, on and off.\n';
const VTT =
  'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Asha>Welcome, everyone.\n\n' +
  '00:00:04.000 --> 00:00:06.000\n<v LW04>Thanks for having me.\n';

/** A folder as researchers have them: good files, a broken one, and files Weft skips. */
async function mixedFolder(): Promise<string> {
  const inbox = path.join(dir, 'inbox');
  write(path.join(inbox, '1 notes.md'), '# Site visit\n\nThe hub was busy.\n');
  write(path.join(inbox, '2 interview.txt'), INTERVIEW);
  write(path.join(inbox, '3 broken.docx'), Buffer.from('PK\u0003\u0004 this is not a zip'));
  write(
    path.join(inbox, '4 letter.docx'),
    await docx(['Dear colleague,', 'The hub opens on Monday.']),
  );
  write(path.join(inbox, '5 meeting.vtt'), VTT);
  write(path.join(inbox, '6 more', '7 debrief.txt'), 'Debrief after the visit.');
  write(path.join(inbox, '.hidden.txt'), 'not for import');
  write(path.join(inbox, '.cache', 'skip.txt'), 'not for import either');
  write(path.join(inbox, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]));
  return inbox;
}

describe('import.start', () => {
  it('imports a folder of mixed files, reporting the broken one and skipping the rest', async () => {
    const ctx = newCtx();
    project(ctx);
    ctx.events.length = 0;
    const inbox = await mixedFolder();
    const job = start(ctx, { paths: [inbox] });
    expect(job.total).toBe(6);
    const last = await finished(ctx, job.jobId);
    expect(last).toMatchObject({ done: 6, total: 6, current: null, cancelled: false });

    const results = resultsOf(ctx, job.jobId);
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ['1 notes.md', true],
      ['2 interview.txt', true],
      ['3 broken.docx', false],
      ['4 letter.docx', true],
      ['5 meeting.vtt', true],
      ['7 debrief.txt', true],
    ]);
    expect(results[2]!.message).toContain('3 broken.docx');
    expect(results[2]!.sourceId).toBeUndefined();

    const sources = ctx.ok<SourceSummary[]>('sources.list');
    expect(sources.map((s) => [s.name, s.kind])).toEqual([
      ['1 notes', 'document'],
      ['2 interview', 'interview'],
      ['4 letter', 'document'],
      ['5 meeting', 'document'],
      ['7 debrief', 'debrief'],
    ]);
    const texts = Object.fromEntries(sources.map((s) => [s.name, textOf(ctx, s.id)]));
    expect(texts).toEqual({
      '1 notes': '# Site visit\n\nThe hub was busy.\n',
      '2 interview': INTERVIEW,
      '4 letter': 'Dear colleague,\nThe hub opens on Monday.',
      '5 meeting': 'Asha: Welcome, everyone.\nLW04: Thanks for having me.',
      '7 debrief': 'Debrief after the visit.',
    });
    // each good file's result points at its source
    for (const r of results.filter((x) => x.ok))
      expect(sources.find((s) => s.id === r.sourceId)?.name).toBe(r.sourceName);
    expect(ctx.ok<Stats>('project.stats').sources).toBe(5);
    // New sources are announced (at most every 200 ms, and once at the end), never per file.
    const changed = ctx.events.filter((e) => e.event === 'project.changed').map((e) => e.payload);
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(changed.length).toBeLessThanOrEqual(5);
    expect(changed.every((p) => (p as { what: string }).what === 'sources')).toBe(true);
  });

  it('sends progress with done, total and the current file, then one finished event', async () => {
    const ctx = newCtx(undefined); // the app's own pacing: events at most every 200 ms
    project(ctx);
    const job = start(ctx, { paths: [await mixedFolder()] });
    await finished(ctx, job.jobId);
    const events = progressOf(ctx, job.jobId);
    // The first event names the first file; later ones (at most every 200 ms) carry the results
    // finished since the one before, in file order; the last says the job is finished.
    expect(events[0]).toMatchObject({
      done: 0,
      total: 6,
      current: '1 notes.md',
      finished: false,
      from: 0,
      results: [],
    });
    const last = events.at(-1)!;
    expect(last).toMatchObject({ done: 6, total: 6, current: null, finished: true });
    expect(events.filter((p) => p.finished)).toHaveLength(1);
    for (const [a, b] of events.slice(1).map((p, k) => [events[k]!, p] as const)) {
      expect(b.done).toBeGreaterThanOrEqual(a.done);
      expect(b.from).toBe(a.from + a.results.length);
    }
    expect(events.flatMap((p) => p.results).map((r) => r.name)).toEqual([
      '1 notes.md',
      '2 interview.txt',
      '3 broken.docx',
      '4 letter.docx',
      '5 meeting.vtt',
      '7 debrief.txt',
    ]);
    expect(events.every((p) => !p.cancelled)).toBe(true);
    // the job is over: there is nothing left to cancel
    expect(ctx.ok('import.cancel', { jobId: job.jobId })).toBe(false);
  });

  it('reports a file of a type Weft cannot read when it is chosen by name', async () => {
    const ctx = newCtx();
    project(ctx);
    const inbox = await mixedFolder();
    const job = start(ctx, {
      paths: [path.join(inbox, 'photo.png'), path.join(inbox, '2 interview.txt')],
    });
    expect(job.total).toBe(2);
    await finished(ctx, job.jobId);
    const [png, txt] = resultsOf(ctx, job.jobId);
    expect(png).toMatchObject({ name: 'photo.png', ok: false });
    expect(png!.message).toContain('Weft cannot import “photo.png”');
    expect(txt).toMatchObject({ name: '2 interview.txt', ok: true, sourceName: '2 interview' });
    expect(ctx.ok<Stats>('project.stats').sources).toBe(1);
  });

  it('refuses a path that does not exist with not_found, and imports nothing', async () => {
    const ctx = newCtx();
    project(ctx);
    ctx.events.length = 0;
    const good = write(path.join(dir, 'good.txt'), INTERVIEW);
    const missing = path.join(dir, 'missing.txt');
    const r = ctx.call('import.start', { paths: [good, missing] });
    expect(r).toEqual({
      ok: false,
      error: { code: 'not_found', message: `missing.txt: file not found (${missing})` },
    });
    for (let i = 0; i < 20; i++) await new Promise((res) => setImmediate(res));
    expect(ctx.events).toEqual([]);
    expect(ctx.ok<Stats>('project.stats').sources).toBe(0);
  });

  it('needs an open project, and one name per path', () => {
    const ctx = newCtx();
    const file = write(path.join(dir, 'a.txt'), 'x');
    expect(ctx.call('import.start', { paths: [file] })).toMatchObject({
      ok: false,
      error: { code: 'no_project' },
    });
    project(ctx);
    const e = ctx.call('import.start', { paths: [file], names: ['a.txt', 'b.txt'] });
    expect(e).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'names: One name per path' },
    });
    expect(ctx.ok('import.cancel', { jobId: 'import-nope' })).toBe(false);
  });

  it('imports uploaded copies under their display names', async () => {
    const ctx = newCtx();
    project(ctx);
    const uploads = path.join(dir, 'uploads');
    const paths = [
      write(path.join(uploads, 'u0'), INTERVIEW),
      write(path.join(uploads, 'u1'), 'Fieldnote: quiet morning.'),
      write(path.join(uploads, 'u2'), 'Second copy.'),
    ];
    const names = ['Site2_LW02_followup.txt', 'Field notes.md', 'field notes.txt'];
    const job = start(ctx, { paths, names });
    expect(job.total).toBe(3);
    await finished(ctx, job.jobId);
    expect(progressOf(ctx, job.jobId).map((p) => p.current)).toEqual([
      'Site2_LW02_followup.txt',
      'Field notes.md',
      'field notes.txt',
      null,
      null,
    ]);
    expect(resultsOf(ctx, job.jobId).map((r) => [r.name, r.ok, r.sourceName])).toEqual([
      ['Site2_LW02_followup.txt', true, 'Site2_LW02_followup'],
      ['Field notes.md', true, 'Field notes'],
      ['field notes.txt', true, 'field notes (2)'],
    ]);
    expect(ctx.ok<SourceSummary[]>('sources.list').map((s) => [s.name, s.kind])).toEqual([
      ['Field notes', 'fieldnote'],
      ['field notes (2)', 'fieldnote'],
      ['Site2_LW02_followup', 'follow-up interview'],
    ]);
    // the display name, not the upload's, is what links are suggested from
    expect(ctx.ok<LinkSuggestion[]>('cases.suggestLinks')).toEqual([
      expect.objectContaining({
        caseName: 'LW02',
        caseExists: false,
        site: '2',
        round: 'follow-up',
      }),
    ]);
  });
});

describe('import.cancel', () => {
  it('stops between files: every source imported is whole, and the rest are not started', async () => {
    const ctx = newCtx();
    project(ctx);
    const folder = path.join(dir, 'many');
    const contents = new Map<string, string>();
    for (let i = 0; i < 60; i++) {
      const name = `Interview ${String(i).padStart(2, '0')}`;
      const text = `Interviewer: Question ${i}?\n${`LW${i}: an answer that goes on. `.repeat(4000)}\n`;
      contents.set(name, text);
      write(path.join(folder, `${name}.txt`), text);
    }
    const job = start(ctx, { paths: [folder] });
    expect(job.total).toBe(60);
    await until(() => progressOf(ctx, job.jobId).some((p) => p.done >= 2), 'two files');
    expect(ctx.ok('import.cancel', { jobId: job.jobId })).toBe(true);
    const last = await finished(ctx, job.jobId);
    expect(last).toMatchObject({ finished: true, cancelled: true, current: null });
    expect(last.done).toBeGreaterThanOrEqual(2);
    expect(last.done).toBeLessThan(60);

    const results = resultsOf(ctx, job.jobId);
    expect(results).toHaveLength(last.done);
    expect(results.every((r) => r.ok)).toBe(true);
    const sources = ctx.ok<SourceSummary[]>('sources.list');
    expect(sources).toHaveLength(last.done);
    for (const s of sources) {
      const text = contents.get(s.name)!;
      expect(s.length, s.name).toBe(text.length);
      expect(textOf(ctx, s.id) === text, s.name).toBe(true);
    }
    // the files come in order, so the ones imported are the first ones
    expect(sources.map((s) => s.name)).toEqual([...contents.keys()].slice(0, last.done));
  });
});

describe('an import when the project closes', () => {
  /** Runs `act` once, synchronously, when the job reports `done` files. */
  function onDone(ctx: TestCtx, done: number, act: () => void): void {
    const emit = ctx.emit;
    let fired = false;
    ctx.emit = ((event: 'import.progress', payload: ImportProgress) => {
      emit(event, payload);
      if (event === 'import.progress' && payload.done === done && !fired) {
        fired = true;
        act();
      }
    }) as TestCtx['emit'];
  }

  function files(n: number): string[] {
    return Array.from({ length: n }, (_, i) =>
      write(path.join(dir, 'batch', `Note ${i}.txt`), `Note number ${i}.\n`),
    );
  }

  it('stops when the project is closed midway, leaving only whole files in it', async () => {
    const ctx = newCtx();
    const file = project(ctx);
    onDone(ctx, 2, () => ctx.ok('project.close'));
    const job = start(ctx, { paths: files(8) });
    const last = await finished(ctx, job.jobId);
    expect(last).toMatchObject({ finished: true, done: 2, total: 8, current: null });
    expect(resultsOf(ctx, job.jobId).map((r) => r.ok)).toEqual([true, true]);
    expect(ctx.ok('project.current')).toBeNull();

    ctx.ok('project.open', { path: file });
    const sources = ctx.ok<SourceSummary[]>('sources.list');
    expect(sources.map((s) => [s.name, textOf(ctx, s.id)])).toEqual([
      ['Note 0', 'Note number 0.\n'],
      ['Note 1', 'Note number 1.\n'],
    ]);
  });

  it('says so for the file being read when the project closed', async () => {
    const ctx = newCtx();
    const file = project(ctx);
    const read = fs.readFileSync.bind(fs);
    vi.spyOn(fs, 'readFileSync').mockImplementation(((...args: Parameters<typeof read>) => {
      const bytes = read(...args);
      if (String(args[0]).endsWith('Note 2.txt')) ctx.ok('project.close'); // closed mid-read
      return bytes;
    }) as typeof fs.readFileSync);
    const job = start(ctx, { paths: files(6) });
    const last = await finished(ctx, job.jobId);
    expect(last.done).toBe(3);
    expect(resultsOf(ctx, job.jobId)).toEqual([
      expect.objectContaining({ name: 'Note 0.txt', ok: true }),
      expect.objectContaining({ name: 'Note 1.txt', ok: true }),
      { name: 'Note 2.txt', ok: false, message: 'The project was closed during the import.' },
    ]);
    vi.restoreAllMocks();
    ctx.ok('project.open', { path: file });
    expect(ctx.ok<SourceSummary[]>('sources.list').map((s) => s.name)).toEqual([
      'Note 0',
      'Note 1',
    ]);
  });

  it('does not carry on into another project opened midway', async () => {
    const ctx = newCtx();
    const first = project(ctx, 'First');
    onDone(ctx, 3, () => project(ctx, 'Second'));
    const job = start(ctx, { paths: files(8) });
    const last = await finished(ctx, job.jobId);
    expect(last.done).toBe(3);
    expect(ctx.ok<ProjectInfo>('project.current').name).toBe('Second');
    expect(ctx.ok<Stats>('project.stats').sources).toBe(0);
    ctx.ok('project.open', { path: first });
    expect(ctx.ok<Stats>('project.stats').sources).toBe(3);
  });

  // BUG: electron/api/import-job.ts:138 (startImport) stops the loop when the project is
  // closed (`ctx.session.db !== db`) but never marks the job cancelled, and no file result
  // says why, so the last event reads { finished: true, cancelled: false, done: 2, total: 8 }:
  // the import panel shows "Import finished · 2 of 8 files · 2 imported" as if the other six
  // had never been chosen. The finished event should say the import was cancelled (or a result
  // should say the project was closed).
  it('tells the user the import stopped because the project was closed', async () => {
    const ctx = newCtx();
    project(ctx);
    onDone(ctx, 2, () => ctx.ok('project.close'));
    const job = start(ctx, { paths: files(8) });
    const last = await finished(ctx, job.jobId);
    expect(last.done).toBe(2);
    expect(last.cancelled).toBe(true);
  });
});
