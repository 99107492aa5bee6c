/**
 * The database thread. Every handler runs here, so SQLite never blocks the Electron main
 * thread or the HTTP event loop. Messages: { id, method, input } in, { id, result } out;
 * events go out as { event, payload }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { HostEnv } from '../api/context.js';
import { newSession, type Ctx } from '../api/context.js';
import { dispatch } from '../api/dispatch.js';
import { closeSession } from '../api/handlers/project.js';

export interface WorkerRequest {
  id: number;
  method: unknown;
  input: unknown;
}

if (!parentPort) throw new Error('db-worker must run in a worker thread');
const port = parentPort;

const ctx: Ctx = {
  env: workerData as HostEnv,
  session: newSession(),
  emit: (event, payload) => port.postMessage({ event, payload }),
};

port.on('message', (msg: WorkerRequest | { close: true }) => {
  if ('close' in msg) {
    closeSession(ctx);
    port.postMessage({ closed: true });
    return;
  }
  void Promise.resolve(dispatch(ctx, msg.method, msg.input)).then((result) =>
    port.postMessage({ id: msg.id, result }),
  );
});
