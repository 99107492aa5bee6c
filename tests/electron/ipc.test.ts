// The Electron IPC transport, run under plain Node with a fake ipcMain: only Weft's own page,
// in the window's main frame, may reach the handlers or open native dialogs.
import { describe, expect, it, vi } from 'vitest';
import { WeftError } from '../../db/errors.js';
import type { Envelope } from '../../electron/api/contract.js';
import {
  INVOKE_CHANNEL,
  registerIpc,
  type HostHandlers,
  type IpcEvent,
  type IpcFrame,
  type IpcMainLike,
} from '../../electron/host/ipc.js';

type Listener = Parameters<IpcMainLike['handle']>[1];

function setup(handlerOverrides: Partial<HostHandlers> = {}) {
  const registered: { channel: string; listener: Listener }[] = [];
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => registered.push({ channel, listener }),
  };
  const call = vi.fn(async (method: unknown, input: unknown): Promise<Envelope<unknown>> => ({
    ok: true,
    value: { echoed: method, input },
  }));
  const hostHandlers = {
    'dialog.openProject': vi.fn(async () => '/home/ana/Study.weft'),
    'dialog.newProject': vi.fn(async () => null),
    'dialog.importFiles': vi.fn(async () => ['/home/ana/P01.txt', '/home/ana/P02.txt']),
    'dialog.saveFile': vi.fn(
      async (input: { defaultName: string }) => `/home/ana/${input.defaultName}`,
    ),
    'dialog.openFile': vi.fn(async () => '/home/ana/Team.qdpx'),
    ...handlerOverrides,
  };
  registerIpc(ipcMain, call, hostHandlers);
  expect(registered).toHaveLength(1);
  const { channel, listener } = registered[0]!;
  return {
    channel,
    call,
    hostHandlers,
    invoke: (event: IpcEvent, method: unknown, input?: unknown) => listener(event, method, input),
  };
}

/** An event from the window's main frame at `url`. */
function fromMainFrame(url: string): IpcEvent {
  const mainFrame: IpcFrame = { url };
  return { senderFrame: mainFrame, sender: { mainFrame } };
}

const forbidden = { ok: false, error: { code: 'forbidden' } };

describe('registerIpc', () => {
  it('listens on the invoke channel', () => {
    expect(setup().channel).toBe(INVOKE_CHANNEL);
  });

  it('forwards a call from the main frame of app://weft/index.html', async () => {
    const t = setup();
    const input = { path: '/home/ana/Study.weft' };
    const r = await t.invoke(fromMainFrame('app://weft/index.html'), 'project.open', input);
    expect(r).toEqual({ ok: true, value: { echoed: 'project.open', input } });
    expect(t.call).toHaveBeenCalledTimes(1);
    expect(t.call).toHaveBeenCalledWith('project.open', input);
  });

  it('forwards from any page of our own origin (routes and queries included)', async () => {
    const t = setup();
    await t.invoke(fromMainFrame('app://weft/index.html#/sources/3?q=x'), 'sources.list');
    expect(t.call).toHaveBeenCalledWith('sources.list', undefined);
  });

  it('refuses a subframe, even one showing our own page', async () => {
    const t = setup();
    const mainFrame: IpcFrame = { url: 'app://weft/index.html' };
    const subframe: IpcFrame = { url: 'app://weft/index.html' };
    const r = await t.invoke({ senderFrame: subframe, sender: { mainFrame } }, 'sources.list');
    expect(r).toMatchObject(forbidden);
    expect(t.call).not.toHaveBeenCalled();
  });

  it.each([
    'https://evil.example/',
    'https://evil.example/app://weft/',
    'file:///etc/passwd',
    'app://weft.evil/',
    'app://weft.evil/index.html',
    'app://weftx/index.html',
    'app://evil@weft.example/',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
  ])('refuses the main frame at %j', async (url) => {
    const t = setup();
    const r = await t.invoke(fromMainFrame(url), 'project.create', { path: '/tmp/x.weft' });
    expect(r).toMatchObject(forbidden);
    expect(t.call).not.toHaveBeenCalled();
  });

  it('refuses an event with no sender frame (the frame was navigated away or destroyed)', async () => {
    const t = setup();
    const r = await t.invoke(
      { senderFrame: null, sender: { mainFrame: { url: 'app://weft/index.html' } } },
      'sources.list',
    );
    expect(r).toMatchObject(forbidden);
    expect(t.call).not.toHaveBeenCalled();
  });

  it('explains the refusal in words', async () => {
    const r = await setup().invoke(fromMainFrame('https://evil.example/'), 'sources.list');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message.length).toBeGreaterThan(10);
  });
});

describe('host methods (native dialogs)', () => {
  const own = () => fromMainFrame('app://weft/index.html');

  it('answers dialog methods from the host handlers, not the database thread', async () => {
    const t = setup();
    expect(await t.invoke(own(), 'dialog.openProject', {})).toEqual({
      ok: true,
      value: '/home/ana/Study.weft',
    });
    expect(await t.invoke(own(), 'dialog.newProject')).toEqual({ ok: true, value: null });
    expect(await t.invoke(own(), 'dialog.importFiles', {})).toEqual({
      ok: true,
      value: ['/home/ana/P01.txt', '/home/ana/P02.txt'],
    });
    expect(t.hostHandlers['dialog.openProject']).toHaveBeenCalledTimes(1);
    expect(t.hostHandlers['dialog.newProject']).toHaveBeenCalledTimes(1);
    expect(t.hostHandlers['dialog.importFiles']).toHaveBeenCalledTimes(1);
    expect(t.call).not.toHaveBeenCalled();
  });

  it('passes a save dialog its validated input, and refuses a hostile one unopened', async () => {
    const t = setup();
    const filters = [{ name: 'REFI-QDA project', extensions: ['qdpx'] }];
    expect(
      await t.invoke(own(), 'dialog.saveFile', { defaultName: 'Study.qdpx', filters }),
    ).toEqual({ ok: true, value: '/home/ana/Study.qdpx' });
    expect(t.hostHandlers['dialog.saveFile']).toHaveBeenCalledWith({
      defaultName: 'Study.qdpx',
      filters,
    });
    for (const bad of [
      { defaultName: '', filters },
      { defaultName: 'x'.repeat(500), filters },
      { defaultName: 'a.qdpx', filters, extra: 1 },
      { defaultName: 'a.qdpx', filters: [{ name: 'x', extensions: ['y'.repeat(50)] }] },
    ])
      expect(await t.invoke(own(), 'dialog.saveFile', bad)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    expect(t.hostHandlers['dialog.saveFile']).toHaveBeenCalledTimes(1);
  });

  it('opens the file dialog with its filters, and refuses hostile filters unopened', async () => {
    const t = setup();
    const filters = [{ name: 'REFI-QDA codebook', extensions: ['qdc'] }];
    expect(await t.invoke(own(), 'dialog.openFile', { filters })).toEqual({
      ok: true,
      value: '/home/ana/Team.qdpx',
    });
    for (const bad of [
      {},
      { filters: 'qdc' },
      { filters: [{ name: '', extensions: ['qdc'] }] },
      { filters: Array.from({ length: 11 }, () => filters[0]) },
      { filters, path: '/etc/passwd' },
    ])
      expect(await t.invoke(own(), 'dialog.openFile', bad)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    expect(t.hostHandlers['dialog.openFile']).toHaveBeenCalledTimes(1);
  });

  it('rejects invalid input to a dialog method without opening the dialog', async () => {
    const t = setup();
    for (const input of [{ path: '/etc' }, 'x', 42, [], null]) {
      const r = await t.invoke(own(), 'dialog.openProject', input);
      if (input === null) {
        // null is treated like no input, as the preload sends for argument-less calls.
        expect(r).toMatchObject({ ok: true });
        continue;
      }
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(t.hostHandlers['dialog.openProject']).toHaveBeenCalledTimes(1);
    expect(t.call).not.toHaveBeenCalled();
  });

  it('does not open a native dialog for another origin', async () => {
    const t = setup();
    const r = await t.invoke(fromMainFrame('https://evil.example/'), 'dialog.importFiles', {});
    expect(r).toMatchObject(forbidden);
    expect(t.hostHandlers['dialog.importFiles']).not.toHaveBeenCalled();
  });

  it('turns a failing dialog into an error envelope', async () => {
    const t = setup({
      'dialog.openProject': async () => {
        throw new WeftError('read_only', 'That folder cannot be read.');
      },
      'dialog.newProject': async () => {
        throw new Error('window was closed');
      },
    });
    expect(await t.invoke(own(), 'dialog.openProject', {})).toEqual({
      ok: false,
      error: { code: 'read_only', message: 'That folder cannot be read.' },
    });
    expect(await t.invoke(own(), 'dialog.newProject', {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('passes anything that is not a host method to the database call', async () => {
    const t = setup();
    await t.invoke(own(), 'dialog.somethingElse', {});
    await t.invoke(own(), 42, {});
    expect(t.call.mock.calls).toEqual([
      ['dialog.somethingElse', {}],
      [42, {}],
    ]);
  });
});
