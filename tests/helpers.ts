import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostEnv } from '../electron/api/context.js';
import { newSession, type Ctx } from '../electron/api/context.js';
import type { Envelope, EventName, Events } from '../electron/api/contract.js';
import { dispatch } from '../electron/api/dispatch.js';

export const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = path.resolve(appRoot, '..', 'shared');

/** A fresh folder per test, removed by the returned cleanup. */
export function tempDir(prefix = 'weft-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function testEnv(dir: string, overrides: Partial<HostEnv> = {}): HostEnv {
  return {
    version: '0.0.0-test',
    dataDir: path.join(dir, 'home'),
    projectsDir: path.join(dir, 'projects'),
    fixturesDir: path.join(appRoot, 'fixtures', 'demo'),
    coderName: 'Test Coder',
    ...overrides,
  };
}

export interface TestCtx extends Ctx {
  events: { event: EventName; payload: Events[EventName] }[];
  /** dispatch() through the contract, as the transports do (methods that answer at once). */
  call(method: string, input?: unknown): Envelope<unknown>;
  /** dispatch() for any method, awaiting the ones that answer with a promise. */
  callAsync(method: string, input?: unknown): Promise<Envelope<unknown>>;
  /** Like call, but returns the value and throws on an error envelope. */
  ok<T = unknown>(method: string, input?: unknown): T;
}

/** A handler context over a temp folder, with the real contract and handlers. */
export function testCtx(dir: string, overrides: Partial<HostEnv> = {}): TestCtx {
  const events: TestCtx['events'] = [];
  const ctx: TestCtx = {
    env: testEnv(dir, overrides),
    session: newSession(),
    emit: (event, payload) => events.push({ event, payload }),
    events,
    call: (method, input) => {
      const r = dispatch(ctx, method, input);
      if (r instanceof Promise) throw new Error(`${method} answers with a promise: use callAsync`);
      return r;
    },
    callAsync: (method, input) => Promise.resolve(dispatch(ctx, method, input)),
    ok: <T>(method: string, input?: unknown): T => {
      const r = ctx.call(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
  };
  return ctx;
}

/** The error of a call that must fail (through the contract); throws if it succeeds. */
export function errorOf(
  ctx: TestCtx,
  method: string,
  input?: unknown,
): { code: string; message: string } {
  const r = ctx.call(method, input);
  if (r.ok) throw new Error(`${method} unexpectedly succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}
