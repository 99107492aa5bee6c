import { Worker } from 'node:worker_threads';
import type { HostEnv } from '../api/context.js';
import type { Envelope, EventName, Events } from '../api/contract.js';

type Listener = <E extends EventName>(event: E, payload: Events[E]) => void;

/**
 * The main side's handle on the database thread: `call` sends one request and resolves with
 * its envelope. Used by both transports (Electron IPC and loopback HTTP).
 */
export class DbHost {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (r: Envelope<unknown>) => void>();
  private readonly listeners = new Set<Listener>();
  private closed = false;
  private closing: Promise<void> | null = null;

  constructor(workerFile: string, env: HostEnv) {
    this.worker = new Worker(workerFile, { workerData: env });
    this.worker.on(
      'message',
      (msg: { id?: number; result?: Envelope<unknown>; event?: EventName; payload?: never }) => {
        if (msg.id !== undefined && msg.result) {
          this.pending.get(msg.id)?.(msg.result);
          this.pending.delete(msg.id);
        } else if (msg.event) {
          for (const l of this.listeners) l(msg.event, msg.payload as never);
        }
      },
    );
    this.worker.on('error', (e) => this.failAll(`The database thread stopped: ${e.message}`));
    this.worker.on('exit', () => {
      this.closed = true;
      this.failAll('The database thread has stopped.');
    });
  }

  call(method: unknown, input: unknown): Promise<Envelope<unknown>> {
    if (this.closed || this.closing)
      return Promise.resolve({
        ok: false,
        error: { code: 'closed', message: 'Weft is shutting down.' },
      });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, method, input });
    });
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the open project cleanly (checkpointing the WAL), then stops the thread. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closing = new Promise<void>((resolve) => {
      if (this.closed) return resolve();
      const done = () => {
        void this.worker.terminate().then(() => resolve());
      };
      const timer = setTimeout(done, 5000);
      this.worker.on('message', (m: { closed?: boolean }) => {
        if (m.closed) {
          clearTimeout(timer);
          done();
        }
      });
      this.worker.postMessage({ close: true });
    });
    return this.closing;
  }

  private failAll(message: string): void {
    for (const [, resolve] of this.pending)
      resolve({ ok: false, error: { code: 'closed', message } });
    this.pending.clear();
  }
}
