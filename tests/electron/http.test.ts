// The loopback HTTP transport of browser mode, end to end: a real server over the real
// database thread, spoken to with real sockets.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../electron/api/contract.js';
import { DbHost } from '../../electron/host/db-host.js';
import { CSP, newToken, startHttpServer, type HttpServer } from '../../electron/host/http.js';
import { appRoot, tempDir, testEnv } from '../helpers.js';

const WORKER = path.join(appRoot, 'dist/electron/db-worker.js');
const MAX_BODY = 64 * 1024;
const INDEX_HTML =
  '<!doctype html><title>Weft test page</title><script src="/assets/app.js"></script>';
const APP_JS = 'console.log("weft test bundle");';

let dir: string;
let staticDir: string;
let host: DbHost;
let server: HttpServer;
let token: string;
let base: string;

beforeEach(async () => {
  dir = tempDir('weft-http-');
  staticDir = path.join(dir, 'site');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), APP_JS);
  // Files just outside the static folder that a traversal would leak.
  fs.writeFileSync(path.join(dir, 'package.json'), '{"secret":"SECRET-PACKAGE"}');
  fs.writeFileSync(path.join(dir, 'x'), 'SECRET-X');
  fs.mkdirSync(path.join(dir, 'site-secret'));
  fs.writeFileSync(path.join(dir, 'site-secret', 'file'), 'SECRET-SIBLING');

  token = newToken();
  host = new DbHost(WORKER, testEnv(dir));
  server = await startHttpServer({ target: host, staticDir, token, maxBody: MAX_BODY });
  base = `http://127.0.0.1:${server.port}`;
});

afterEach(async () => {
  await server.close();
  await host.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with full control of the path and headers (fetch normalises paths and forbids Host). */
function raw(
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
  address = '127.0.0.1',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: address,
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function post(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${base}/api/call`, { method: 'POST', headers, body });
}

const jsonHeaders = () => ({ 'Content-Type': 'application/json', 'X-Weft-Token': token });

/** An authorised call, as the renderer makes it. */
async function call(method: string, input?: unknown): Promise<Envelope<unknown>> {
  const res = await post(JSON.stringify({ method, input }), jsonHeaders());
  expect(res.status).toBe(200);
  return (await res.json()) as Envelope<unknown>;
}

/** Proves no earlier unauthorised call ran: the db thread answers in order. */
async function expectNoProjectOpen(projectFile: string): Promise<void> {
  expect(await call('project.current')).toEqual({ ok: true, value: null });
  expect(fs.existsSync(projectFile)).toBe(false);
}

async function cookieFromPage(): Promise<string> {
  const res = await fetch(`${base}/?token=${token}`);
  expect(res.status).toBe(200);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0]!;
}

function connects(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

describe('binding', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${token}`);
    expect(await connects('127.0.0.1', server.port)).toBe(true);
    // Another loopback address (Linux routes all of 127/8 to lo) and the machine's own LAN
    // addresses must not reach a server bound to 127.0.0.1 alone.
    const others = ['127.0.0.2', '::1'];
    for (const list of Object.values(os.networkInterfaces()))
      for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') others.push(a.address);
    for (const address of others) expect(await connects(address, server.port)).toBe(false);
  });
});

describe('POST /api/call', () => {
  it('refuses a call without the token header, and the call does not run', async () => {
    const file = path.join(dir, 'no-token.weft');
    const res = await post(JSON.stringify({ method: 'project.create', input: { path: file } }), {
      'Content-Type': 'application/json',
    });
    expect(res.status).toBe(401);
    await expectNoProjectOpen(file);
  });

  it('refuses a call with a wrong token, and the call does not run', async () => {
    const file = path.join(dir, 'wrong-token.weft');
    const body = JSON.stringify({ method: 'project.create', input: { path: file } });
    const sameLength = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const wrong of [sameLength, 'nope', `${token}x`]) {
      const res = await post(body, { 'Content-Type': 'application/json', 'X-Weft-Token': wrong });
      expect(res.status).toBe(401);
    }
    await expectNoProjectOpen(file);
  });

  it('does not accept the page cookie in place of the token header', async () => {
    const cookie = await cookieFromPage();
    expect(cookie).toBe(`weft_token=${token}`);
    const file = path.join(dir, 'cookie-only.weft');
    const res = await post(JSON.stringify({ method: 'project.create', input: { path: file } }), {
      'Content-Type': 'application/json',
      Cookie: cookie,
    });
    expect(res.status).toBe(401);
    await expectNoProjectOpen(file);
  });

  it('refuses a request for another host name (DNS rebinding), even with the token', async () => {
    const file = path.join(dir, 'rebound.weft');
    const body = JSON.stringify({ method: 'project.create', input: { path: file } });
    for (const hostHeader of [`evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`]) {
      const res = await raw({
        method: 'POST',
        path: '/api/call',
        headers: { ...jsonHeaders(), Host: hostHeader },
        body,
      });
      expect(res.status).toBe(403);
    }
    const page = await raw({
      path: `/?token=${token}`,
      headers: { Host: `evil.example:${server.port}` },
    });
    expect(page.status).toBe(403);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).not.toContain('Weft test page');
    await expectNoProjectOpen(file);
  });

  it('accepts localhost as the host name', async () => {
    const res = await raw({
      method: 'POST',
      path: '/api/call',
      headers: { ...jsonHeaders(), Host: `localhost:${server.port}` },
      body: JSON.stringify({ method: 'project.current' }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: null });
  });

  it('refuses a body that is not declared as JSON (415), and the call does not run', async () => {
    const file = path.join(dir, 'form.weft');
    const body = JSON.stringify({ method: 'project.create', input: { path: file } });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const res = await post(body, { 'Content-Type': type, 'X-Weft-Token': token });
      expect(res.status).toBe(415);
    }
    await expectNoProjectOpen(file);
  });

  it('answers malformed JSON with 400 and an error envelope', async () => {
    for (const body of ['{"method": "project.create", ', 'not json', '[1,2]', 'null', '"str"']) {
      const res = await post(body, jsonHeaders());
      expect(res.status).toBe(400);
      const envelope = (await res.json()) as Envelope<unknown>;
      expect(envelope).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
  });

  it('drops a body over maxBody without running the call, and keeps serving', async () => {
    const file = path.join(dir, 'huge.weft');
    const body = JSON.stringify({
      method: 'project.create',
      input: { path: file, name: 'x'.repeat(MAX_BODY * 2) },
    });
    const status = await post(body, jsonHeaders()).then(
      (r) => r.status,
      () => 'connection dropped',
    );
    expect([413, 'connection dropped']).toContain(status);
    await expectNoProjectOpen(file);
  });

  // BUG (electron/host/http.ts handleCall): the server calls req.destroy() as soon as the body
  // passes maxBody, which closes the socket before the 413 envelope is written, so the client
  // sees a connection reset instead of "The request is too large". Flip to `it` once fixed.
  it('answers a body over maxBody with 413 and a too_large envelope', async () => {
    const body = JSON.stringify({ method: 'project.current', input: 'x'.repeat(MAX_BODY * 2) });
    const res = await post(body, jsonHeaders());
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('runs a valid call and answers with the envelope', async () => {
    const file = path.join(dir, 'Study.weft');
    const created = await call('project.create', { path: file });
    expect(created).toMatchObject({
      ok: true,
      value: { path: file, name: 'Study', stats: { sources: 0, codes: 0, codings: 0 } },
    });
    expect(fs.existsSync(file)).toBe(true);

    const imported = await call('sources.import', {
      files: [{ name: 'P01 interview.txt', content: 'Interviewer: Hello\nP01: Hi there' }],
    });
    expect(imported).toMatchObject({ ok: true, value: { errors: [] } });
    const list = await call('sources.list');
    expect(list).toMatchObject({ ok: true, value: [{ name: 'P01 interview', length: 32 }] });
  });

  it('answers invalid input with invalid_input and changes nothing', async () => {
    expect(await call('project.create', { path: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const file = path.join(dir, 'extra.weft');
    expect(await call('project.create', { path: file, evil: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await expectNoProjectOpen(file);
    expect(await call('no.such.method')).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    // Native dialogs exist only in the desktop app.
    expect(await call('dialog.openProject')).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
  });
});

describe('the page and its assets', () => {
  it('refuses the page without the token', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('Weft test page');
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401);
  });

  it('serves the page for the token with a CSP and an HttpOnly, SameSite=Strict cookie', async () => {
    const res = await fetch(`${base}/?token=${token}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX_HTML);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(CSP).toContain("script-src 'self'");
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^weft_token=${token};`));
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);

    const cookie = setCookie.split(';')[0]!;
    const asset = await fetch(`${base}/assets/app.js`, { headers: { Cookie: cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await asset.text()).toBe(APP_JS);

    const wrongCookie = await fetch(`${base}/assets/app.js`, {
      headers: { Cookie: 'weft_token=wrong' },
    });
    expect(wrongCookie.status).toBe(401);
  });

  it('never serves a file outside the static folder', async () => {
    const cookie = await cookieFromPage();
    const attempts = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/..%5cpackage.json',
      '/assets/../../x',
      '/assets/..%2f..%2fx',
      '/assets/%2e%2e/%2e%2e/x',
      '/../site-secret/file',
      '/..%2fsite-secret%2ffile',
      `/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd`,
      '/%2fetc%2fpasswd',
    ];
    for (const attempt of attempts) {
      const res = await raw({ path: attempt, headers: { Cookie: cookie } });
      expect([403, 404], attempt).toContain(res.status);
      expect(res.body, attempt).not.toContain('SECRET');
      expect(res.body, attempt).not.toContain('root:');
    }
    // The same requests do reach files inside the folder, so the refusals above are real.
    const inside = await raw({ path: '/assets/../index.html', headers: { Cookie: cookie } });
    expect(inside.status).toBe(200);
    expect(inside.body).toBe(INDEX_HTML);
  });
});

describe('a bad path', () => {
  // BUG (electron/host/http.ts serveStatic): a decoded NUL byte ("/%00") reaches fs.readFile,
  // which throws synchronously inside the request handler; the uncaught exception kills the
  // whole browser-mode process. It needs a process of its own to show. Flip to `it` once fixed.
  it('does not bring the server down (GET /%00 with the token)', async () => {
    const entry = path.join(dir, 'serve.ts');
    fs.writeFileSync(
      entry,
      `import { startHttpServer } from ${JSON.stringify(path.join(appRoot, 'electron/host/http.ts'))};
const target = { call: async () => ({ ok: true, value: null }), on: () => () => undefined };
const s = await startHttpServer({ target, staticDir: process.argv[2], token: process.argv[3] });
process.stdout.write(s.port + '\\n');`,
    );
    const bundle = path.join(dir, 'serve.mjs');
    await build({
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
    });
    const child = spawn(process.execPath, [bundle, staticDir, token], { stdio: 'pipe' });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
        child.once('exit', () => reject(new Error('server did not start')));
      });
      const get = (p: string) =>
        fetch(`http://127.0.0.1:${port}${p}`).then(
          (r) => r.status,
          () => 'no answer',
        );
      expect([400, 404]).toContain(await get(`/%00?token=${token}`));
      expect(await get(`/?token=${token}`)).toBe(200);
    } finally {
      child.kill();
    }
  });
});

describe('GET /api/events', () => {
  it('refuses the event stream without the token', async () => {
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
  });

  it('streams project.changed after project.create', async () => {
    const cookie = await cookieFromPage();
    const abort = new AbortController();
    const res = await fetch(`${base}/api/events`, {
      headers: { Cookie: cookie },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const readUntil = async (needle: string) => {
      while (!buffer.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        buffer += decoder.decode(value, { stream: true });
      }
    };
    try {
      await readUntil(': connected');
      const file = path.join(dir, 'events.weft');
      expect(await call('project.create', { path: file })).toMatchObject({ ok: true });
      await readUntil('project.changed');
      await readUntil('\n\n');
      const message = buffer
        .split('\n\n')
        .find((m) => m.includes('project.changed'))!
        .split('\n');
      expect(message).toContain('event: message');
      const data = message.find((l) => l.startsWith('data: '))!.slice('data: '.length);
      expect(JSON.parse(data)).toEqual({
        event: 'project.changed',
        payload: { what: 'project' },
      });
    } finally {
      abort.abort();
    }
  });
});
