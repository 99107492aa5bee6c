import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Envelope, EventName, Events } from '../api/contract.js';

/** What the transport needs from the database host (a DbHost, or a fake in tests). */
export interface CallTarget {
  call(method: unknown, input: unknown): Promise<Envelope<unknown>>;
  on(listener: <E extends EventName>(event: E, payload: Events[E]) => void): () => void;
}

export interface HttpOptions {
  target: CallTarget;
  staticDir: string;
  token: string;
  port?: number;
  /** Largest request body accepted, in bytes. */
  maxBody?: number;
  /** Where uploaded files (browser mode's stand-in for file paths) are kept for import. */
  uploadDir?: string;
  /** Largest uploaded file, in bytes. */
  maxUpload?: number;
}

export interface HttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

function sameToken(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function cookieToken(req: http.IncomingMessage): string | undefined {
  const m = /(?:^|;\s*)weft_token=([^;]+)/.exec(req.headers.cookie ?? '');
  return m?.[1];
}

/**
 * Browser mode's transport: the renderer and the API from one loopback server. Binds to
 * 127.0.0.1 only; every request must carry the per-run token (header for API calls, so a
 * page on another site cannot forge one; cookie or query for the page and its assets), and
 * the Host header must be ours (no DNS rebinding).
 */
export async function startHttpServer(opts: HttpOptions): Promise<HttpServer> {
  const maxBody = opts.maxBody ?? 256 * 1024 * 1024;
  const staticRoot = path.resolve(opts.staticDir);
  const streams = new Set<http.ServerResponse>();
  let port = 0;

  const unsubscribe = opts.target.on((event, payload) => {
    const data = `event: message\ndata: ${JSON.stringify({ event, payload })}\n\n`;
    for (const s of streams) s.write(data);
  });

  const server = http.createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
      return deny(res, 403, 'Wrong host.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const headerToken = req.headers['x-weft-token'];
    const queryToken = url.searchParams.get('token');

    if (url.pathname === '/api/upload') {
      if (req.method !== 'POST') return deny(res, 405, 'Use POST.');
      if (!sameToken(typeof headerToken === 'string' ? headerToken : undefined, opts.token)) {
        return deny(res, 401, 'Missing or wrong token.');
      }
      return void handleUpload(req, res);
    }
    if (url.pathname === '/api/call') {
      if (req.method !== 'POST') return deny(res, 405, 'Use POST.');
      if (!sameToken(typeof headerToken === 'string' ? headerToken : undefined, opts.token))
        return deny(res, 401, 'Missing or wrong token.');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
        return deny(res, 415, 'Send JSON.');
      return void handleCall(req, res);
    }

    const authed = sameToken(queryToken, opts.token) || sameToken(cookieToken(req), opts.token);
    if (!authed)
      return deny(
        res,
        401,
        'Open Weft with the address (including its token) printed when it started.',
      );
    if (sameToken(queryToken, opts.token)) {
      res.setHeader('Set-Cookie', `weft_token=${opts.token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (url.pathname === '/api/events') return openEvents(res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed.');
    return serveStatic(url.pathname, res);
  });

  async function handleCall(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Too large: stop keeping the body but read it to the end, so the 413 reaches the client.
    let size = 0;
    const chunks: Buffer[] = [];
    let tooBig = Number(req.headers['content-length'] ?? 0) > maxBody;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody) tooBig = true;
      if (!tooBig) chunks.push(c);
    });
    req.on('error', () => undefined);
    await new Promise<void>((r) => {
      req.on('end', r);
      req.on('close', r);
    });
    if (tooBig)
      return sendJson(res, 413, {
        ok: false,
        error: { code: 'too_large', message: 'The request is too large.' },
      });
    let body: { method?: unknown; input?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new Error('not an object');
    } catch {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'bad_request', message: 'The request body is not valid JSON.' },
      });
    }
    const result = await opts.target.call(body.method, body.input);
    sendJson(res, 200, result);
  }

  /**
   * Browser mode cannot hand Weft a file path, so the page uploads each chosen file here; the
   * answer is a path on this computer that `import.start` then reads like any other.
   */
  async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const fail = (status: number, code: string, message: string) => {
      req.resume();
      sendJson(res, status, { ok: false, error: { code, message } });
    };
    if (!opts.uploadDir) return fail(404, 'unsupported', 'Uploads are not enabled.');
    let name: string;
    try {
      name = decodeURIComponent(String(req.headers['x-weft-file-name'] ?? ''));
    } catch {
      return fail(400, 'bad_request', 'The file name is not valid.');
    }
    const safe = path
      .basename(name)
      // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
      .replace(/[\0-\x1f<>:"/\\|?*]/g, '_')
      .slice(0, 200);
    if (!safe || safe === '.' || safe === '..')
      return fail(400, 'bad_request', 'The file needs a name.');
    const maxUpload = opts.maxUpload ?? 200 * 1024 * 1024;
    if (Number(req.headers['content-length'] ?? 0) > maxUpload) {
      return fail(
        413,
        'too_large',
        `${safe} is too large to import (over ${Math.round(maxUpload / 1048576)} MB).`,
      );
    }
    fs.mkdirSync(opts.uploadDir, { recursive: true });
    const file = path.join(opts.uploadDir, `${crypto.randomBytes(6).toString('hex')}-${safe}`);
    const out = fs.createWriteStream(file, { flags: 'wx' });
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxUpload) tooBig = true;
      if (!tooBig) out.write(c);
    });
    await new Promise<void>((r) => {
      req.on('end', r);
      req.on('close', r);
      req.on('error', () => r());
    });
    await new Promise<void>((r) => out.end(r));
    if (tooBig) {
      fs.rmSync(file, { force: true });
      return fail(413, 'too_large', `${safe} is too large to import.`);
    }
    sendJson(res, 200, { ok: true, value: { path: file, name: safe } });
  }

  function openEvents(res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  function serveStatic(pathname: string, res: http.ServerResponse): void {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return deny(res, 400, 'Bad path.');
    }
    if (rel.includes('\0')) return deny(res, 400, 'Bad path.');
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.resolve(staticRoot, `.${rel}`);
    if (!file.startsWith(staticRoot + path.sep)) return deny(res, 403, 'Forbidden.');
    const reply = (err: Error | null, data?: Buffer) => {
      if (err || !data) return deny(res, 404, 'Not found.');
      const type = MIME[path.extname(file)] ?? 'application/octet-stream';
      if (type.startsWith('text/html')) res.setHeader('Content-Security-Policy', CSP);
      res.writeHead(200, { 'Content-Type': type });
      res.end(data);
    };
    try {
      fs.readFile(file, reply);
    } catch (e) {
      reply(e as Error); // a path fs refuses outright must not bring browser mode down
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${opts.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        if (opts.uploadDir) fs.rmSync(opts.uploadDir, { recursive: true, force: true });
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function deny(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
