import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newToken, startHttpServer, type HttpServer } from '../../electron/host/http.js';
import { tempDir } from '../helpers.js';

// The upload endpoint is browser mode's stand-in for file paths: the page sends a chosen file,
// the answer is where Weft keeps it for import. It must refuse what it should, and never write
// outside its folder.

const target = {
  call: async () => ({ ok: true as const, value: null }),
  on: () => () => undefined,
};
let dir: string;
let uploads: string;
let server: HttpServer;
let token: string;

beforeEach(async () => {
  dir = tempDir('weft-upload-');
  uploads = path.join(dir, 'uploads');
  fs.mkdirSync(path.join(dir, 'static'));
  token = newToken();
  server = await startHttpServer({
    target,
    staticDir: path.join(dir, 'static'),
    token,
    uploadDir: uploads,
    maxUpload: 1024,
  });
});

afterEach(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function upload(
  body: string | Uint8Array,
  name: string | null,
  headers: Record<string, string> = {},
) {
  return fetch(`http://127.0.0.1:${server.port}/api/upload`, {
    method: 'POST',
    headers: {
      'X-Weft-Token': token,
      ...(name === null ? {} : { 'X-Weft-File-Name': encodeURIComponent(name) }),
      ...headers,
    },
    body: body as BodyInit,
  });
}

const filesIn = (d: string) => (fs.existsSync(d) ? fs.readdirSync(d) : []);

describe('POST /api/upload', () => {
  it('keeps the file under the upload folder and answers its path', async () => {
    const res = await upload('Interviewer: Hello.\n', 'Site2_LW02_followup.txt');
    expect(res.status).toBe(200);
    const r = (await res.json()) as { ok: true; value: { path: string; name: string } };
    expect(r.value.name).toBe('Site2_LW02_followup.txt');
    expect(path.dirname(r.value.path)).toBe(uploads);
    expect(fs.readFileSync(r.value.path, 'utf8')).toBe('Interviewer: Hello.\n');
  });

  it('refuses a request without the token or with a wrong one, and writes nothing', async () => {
    for (const t of [undefined, 'wrong-token']) {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/upload`, {
        method: 'POST',
        headers: { ...(t ? { 'X-Weft-Token': t } : {}), 'X-Weft-File-Name': 'a.txt' },
        body: 'x',
      });
      expect(res.status).toBe(401);
    }
    expect(filesIn(uploads)).toEqual([]);
  });

  it('refuses GET', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/upload`, {
      headers: { 'X-Weft-Token': token },
    });
    expect(res.status).toBe(405);
  });

  it('refuses a file over the limit, declared or streamed, with a clear message, and keeps nothing', async () => {
    const big = new Uint8Array(4096).fill(65);
    const res = await upload(big, 'big.txt');
    expect(res.status).toBe(413);
    const r = (await res.json()) as { ok: false; error: { code: string; message: string } };
    expect(r.error.code).toBe('too_large');
    expect(r.error.message).toContain('big.txt');
    // Streamed without a length: cut off as it passes the limit.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 4; i++) c.enqueue(new Uint8Array(1024).fill(66));
        c.close();
      },
    });
    const res2 = await fetch(`http://127.0.0.1:${server.port}/api/upload`, {
      method: 'POST',
      headers: { 'X-Weft-Token': token, 'X-Weft-File-Name': 'streamed.txt' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res2.status).toBe(413);
    expect(filesIn(uploads)).toEqual([]);
  });

  it('never writes outside its folder, whatever the name says', async () => {
    for (const name of [
      '../../escape.txt',
      '..\\..\\escape.txt',
      '/etc/passwd',
      'a\u0000b.txt',
      'C:\\Windows\\x.txt',
    ]) {
      const res = await upload('x', name);
      expect(res.status, name).toBe(200);
      const r = (await res.json()) as { ok: true; value: { path: string; name: string } };
      expect(path.dirname(r.value.path), name).toBe(uploads);
      expect(r.value.name).not.toMatch(/[/\\\0]/);
    }
    expect(fs.existsSync(path.join(dir, 'escape.txt'))).toBe(false);
    expect(filesIn(path.dirname(dir)).filter((f) => f.includes('escape'))).toEqual([]);
  });

  it('refuses a missing, empty, dot or undecodable name', async () => {
    for (const [name, raw] of [[null], [''], ['..'], ['.'], ['%E0%A4%A', true]] as [
      string | null,
      boolean?,
    ][]) {
      const headers: Record<string, string> = raw ? { 'X-Weft-File-Name': name! } : {};
      const res = await upload('x', raw ? null : name, headers);
      expect(res.status, String(name)).toBe(400);
      const r = (await res.json()) as { ok: false; error: { code: string } };
      expect(r.error.code).toBe('bad_request');
    }
    expect(filesIn(uploads)).toEqual([]);
  });

  it('answers unsupported when the server keeps no upload folder', async () => {
    await server.close();
    server = await startHttpServer({ target, staticDir: path.join(dir, 'static'), token });
    const res = await upload('x', 'a.txt');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported');
  });
});
