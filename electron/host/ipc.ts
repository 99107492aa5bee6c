import {
  contract,
  HOST_METHODS,
  isMethod,
  type Envelope,
  type HostMethod,
  type ParsedInput,
} from '../api/contract.js';
import { toEnvelope } from '../api/dispatch.js';

/** The parts of Electron's IPC this transport uses, so it runs (and is tested) under plain Node. */
export interface IpcFrame {
  url: string;
}
export interface IpcEvent {
  senderFrame: IpcFrame | null;
  sender: { mainFrame: IpcFrame };
}
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcEvent, ...args: unknown[]) => Promise<Envelope<unknown>>,
  ): void;
}

export const APP_ORIGIN = 'app://weft/';
export const INVOKE_CHANNEL = 'weft:invoke';
export const EVENT_CHANNEL = 'weft:event';

/** Only our own page, in the window's main frame, may call the main side. */
export function isTrustedSender(event: IpcEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && frame === event.sender.mainFrame && frame.url.startsWith(APP_ORIGIN);
}

export type HostHandlers = {
  [M in HostMethod]: (input: ParsedInput<M>) => Promise<unknown>;
};

export function registerIpc(
  ipcMain: IpcMainLike,
  call: (method: unknown, input: unknown) => Promise<Envelope<unknown>>,
  hostHandlers: HostHandlers,
): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, method, input) => {
    if (!isTrustedSender(event)) {
      return {
        ok: false,
        error: { code: 'forbidden', message: 'Calls are only accepted from Weft’s own window.' },
      };
    }
    if (isMethod(method) && (HOST_METHODS as readonly string[]).includes(method)) {
      const parsed = contract[method].input.safeParse(input ?? {});
      if (!parsed.success)
        return { ok: false, error: { code: 'invalid_input', message: parsed.error.message } };
      try {
        const run = hostHandlers[method as HostMethod] as (input: unknown) => Promise<unknown>;
        return { ok: true, value: await run(parsed.data) };
      } catch (e) {
        return toEnvelope(e);
      }
    }
    return call(method, input);
  });
}
