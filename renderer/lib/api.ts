// The renderer's typed client for the contract: Electron IPC through window.weft when the
// preload provides it, otherwise the loopback HTTP transport of browser mode.
import type {
  Envelope,
  EventName,
  Events,
  Input,
  Method,
  Output,
} from '../../electron/api/contract';

type RawListener = (event: string, payload: unknown) => void;
export interface Bridge {
  mode: 'electron' | 'browser';
  invoke(method: string, input: unknown): Promise<unknown>;
  on(listener: RawListener): () => void;
  /** Electron: the file's path on disk (dropped or chosen files). */
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    weft?: Bridge;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function browserToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('weft-token', fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString()); // keep the token out of sight
    return fromUrl;
  }
  return sessionStorage.getItem('weft-token') ?? '';
}

function httpBridge(): Bridge {
  const token = browserToken();
  const listeners = new Set<RawListener>();
  let source: EventSource | null = null;
  return {
    mode: 'browser',
    async invoke(method, input) {
      let res: Response;
      try {
        res = await fetch('/api/call', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Weft-Token': token },
          body: JSON.stringify({ method, input }),
        });
      } catch {
        return {
          ok: false,
          error: {
            code: 'offline',
            message: 'Weft’s background process is not running. Start it again with npm start.',
          },
        };
      }
      if (res.headers.get('content-type')?.includes('application/json')) return res.json();
      return { ok: false, error: { code: `http_${res.status}`, message: await res.text() } };
    },
    on(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource('/api/events');
        source.onmessage = (m: MessageEvent<string>) => {
          const { event, payload } = JSON.parse(m.data) as { event: string; payload: unknown };
          for (const l of listeners) l(event, payload);
        };
      }
      return () => listeners.delete(listener);
    },
  };
}

export const bridge: Bridge = window.weft ?? httpBridge();

/**
 * Browser mode: sends a chosen file to Weft's background process, which keeps a copy to import
 * and answers its path there. (The desktop app passes real paths instead.)
 */
export async function uploadFile(
  file: File,
  signal?: AbortSignal,
): Promise<{ path: string; name: string }> {
  const res = await fetch('/api/upload', {
    method: 'POST',
    headers: {
      'X-Weft-Token': sessionStorage.getItem('weft-token') ?? '',
      'X-Weft-File-Name': encodeURIComponent(file.name),
    },
    body: file,
    signal,
  });
  const r = (await res.json()) as
    | { ok: true; value: { path: string; name: string } }
    | { ok: false; error: { code: string; message: string } };
  if (!r.ok) throw new ApiError(r.error.code, r.error.message);
  return r.value;
}

export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const r = (await bridge.invoke(method, input)) as Envelope<Output<M>>;
  if (!r.ok) throw new ApiError(r.error.code, r.error.message);
  return r.value;
}

export function onEvent<E extends EventName>(
  name: E,
  cb: (payload: Events[E]) => void,
): () => void {
  return bridge.on((event, payload) => {
    if (event === name) cb(payload as Events[E]);
  });
}
