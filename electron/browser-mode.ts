import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HostEnv } from './api/context.js';
import { DbHost } from './host/db-host.js';
import { resolveEnv } from './host/env.js';
import { newToken, startHttpServer, type HttpServer } from './host/http.js';

export interface BrowserMode extends HttpServer {
  host: DbHost;
}

/** Runs Weft's real handlers on a database thread behind the loopback HTTP transport. */
export async function startBrowserMode(
  appRoot: string,
  options: { port?: number; env?: Partial<HostEnv> } = {},
): Promise<BrowserMode> {
  const env = resolveEnv(appRoot, options.env);
  const host = new DbHost(path.join(appRoot, 'dist', 'electron', 'db-worker.js'), env);
  const server = await startHttpServer({
    target: host,
    staticDir: path.join(appRoot, 'dist', 'renderer'),
    token: newToken(),
    port: options.port,
    uploadDir: fs.mkdtempSync(path.join(os.tmpdir(), 'weft-uploads-')),
  });
  return {
    ...server,
    host,
    close: async () => {
      await server.close();
      await host.close();
    },
  };
}
