// DbHost: the main side's handle on the real database thread (dist/electron/db-worker.js).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Envelope,
  EventName,
  Events,
  ImportResult,
  ProjectInfo,
  Source,
  Stats,
} from '../../electron/api/contract.js';
import { DbHost } from '../../electron/host/db-host.js';
import { appRoot, tempDir, testEnv } from '../helpers.js';

const WORKER = path.join(appRoot, 'dist/electron/db-worker.js');

let dir: string;
let hosts: DbHost[];

beforeEach(() => {
  dir = tempDir('weft-dbhost-');
  hosts = [];
});

afterEach(async () => {
  await Promise.all(hosts.map((h) => h.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

function newHost(): DbHost {
  const host = new DbHost(WORKER, testEnv(dir));
  hosts.push(host);
  return host;
}

async function ok<T>(host: DbHost, method: string, input?: unknown): Promise<T> {
  const r = await host.call(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

type Received = { event: EventName; payload: Events[EventName] };

function record(host: DbHost): { events: Received[]; off: () => void } {
  const events: Received[] = [];
  const off = host.on((event, payload) => events.push({ event, payload }));
  return { events, off };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('DbHost', () => {
  it('answers calls with envelopes', async () => {
    const host = newHost();
    const file = path.join(dir, 'Study.weft');
    expect(await host.call('project.stats', {})).toMatchObject({
      ok: false,
      error: { code: 'no_project' },
    });
    const created = await host.call('project.create', { path: file });
    expect(created).toMatchObject({
      ok: true,
      value: { path: file, name: 'Study', stats: { sources: 0, codes: 0, codings: 0 } },
    });
    expect(fs.existsSync(file)).toBe(true);
    expect(await host.call('project.create', { path: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await host.call('nope', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    // A failing call must not break the next one.
    expect(await ok<Stats>(host, 'project.stats', {})).toEqual({
      sources: 0,
      codes: 0,
      codings: 0,
      users: 0,
      cases: 0,
      attributes: 0,
      concepts: 0,
      cmocs: 0,
    });
  });

  it('delivers events to listeners, and stops after unsubscribe', async () => {
    const host = newHost();
    const a = record(host);
    const b = record(host);
    await ok(host, 'project.create', { path: path.join(dir, 'events.weft') });
    await until(() => a.events.length >= 1);
    expect(a.events).toEqual([{ event: 'project.changed', payload: { what: 'project' } }]);

    a.off();
    await ok(host, 'sources.import', { files: [{ name: 'P01.txt', content: 'Hello' }] });
    await until(() => b.events.length >= 2);
    expect(b.events[1]).toEqual({ event: 'project.changed', payload: { what: 'sources' } });
    expect(a.events).toHaveLength(1);
  });

  it('gives each of many concurrent calls its own answer', async () => {
    const host = newHost();
    await ok(host, 'project.create', { path: path.join(dir, 'many.weft') });
    const files = Array.from({ length: 40 }, (_, i) => ({
      name: `P${String(i).padStart(2, '0')}.txt`,
      content: `Participant ${i}: ${'words '.repeat(i + 1)}`.trim(),
    }));
    const { imported } = await ok<ImportResult>(host, 'sources.import', { files });
    expect(imported).toHaveLength(40);

    // Interleave good and bad calls in one burst; answers must not cross.
    const calls = imported.flatMap((s, i) => [
      host.call('sources.get', { id: s.id }).then((r) => ({ kind: 'get' as const, i, r })),
      host
        .call('sources.get', { id: 1_000_000 + i })
        .then((r) => ({ kind: 'missing' as const, i, r })),
      host.call('sources.get', { id: -i }).then((r) => ({ kind: 'invalid' as const, i, r })),
    ]);
    const answers = await Promise.all(calls);
    expect(answers).toHaveLength(120);
    for (const { kind, i, r } of answers) {
      if (kind === 'get') {
        expect(r.ok).toBe(true);
        const source = (r as Extract<Envelope<Source>, { ok: true }>).value;
        expect(source.id).toBe(imported[i]!.id);
        expect(source.name).toBe(files[i]!.name.replace('.txt', ''));
        expect(source.text).toBe(files[i]!.content);
      } else if (kind === 'missing') {
        expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
        if (!r.ok) expect(r.error.message).toContain(String(1_000_000 + i));
      } else {
        expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
    }
  });

  it('close() checkpoints the WAL and the project reopens with its data', async () => {
    const host = newHost();
    const file = path.join(dir, 'durable.weft');
    const wal = `${file}-wal`;
    await ok(host, 'project.create', { path: file });
    const text = 'Interviewer: How did it start?\nP07: With a phone call — “out of the blue”. 🌧️';
    await ok(host, 'sources.import', { files: [{ name: 'P07.txt', content: text }] });
    // The write sits in the WAL until a checkpoint; this is what close() must fold in.
    expect(fs.statSync(wal).size).toBeGreaterThan(0);

    // Another reader (a second window, a backup tool) keeps SQLite from checkpointing on its
    // own when the worker's connection goes away, so only an explicit checkpoint empties the WAL.
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    const count = () => reader.prepare('SELECT count(*) AS n FROM sources').get();
    try {
      expect(count()).toEqual({ n: 1 });
      await host.close();
      expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
      expect(count()).toEqual({ n: 1 });
    } finally {
      reader.close();
    }

    const again = newHost();
    const info = await ok<ProjectInfo>(again, 'project.open', { path: file });
    expect(info.stats).toMatchObject({ sources: 1, users: 1 });
    const [summary] = await ok<{ id: number }[]>(again, 'sources.list', {});
    const source = await ok<Source>(again, 'sources.get', { id: summary!.id });
    expect(source.text).toBe(text);
    expect(source.name).toBe('P07');
  });

  it('answers closed for a call after close()', async () => {
    const host = newHost();
    await ok(host, 'project.create', { path: path.join(dir, 'closed.weft') });
    await host.close();
    expect(await host.call('project.stats', {})).toMatchObject({
      ok: false,
      error: { code: 'closed' },
    });
    // Closing twice is harmless.
    await expect(host.close()).resolves.toBeUndefined();
  });

  it('settles a call still in flight when close() is asked for', async () => {
    const host = newHost();
    await ok(host, 'project.create', { path: path.join(dir, 'inflight.weft') });
    const inFlight = host.call('project.stats', {});
    await host.close();
    const r = await inFlight;
    // Either it ran before the close or it was failed by it; it never hangs.
    if (r.ok) expect(r.value).toMatchObject({ sources: 0 });
    else expect(r.error.code).toBe('closed');
  });
});
