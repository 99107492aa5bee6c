// Electron's main process: windows, menu, dialogs and the IPC transport. The project itself
// lives on the database thread (host/db-worker.ts); nothing here touches SQLite.
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, shell } from 'electron';
import type { Envelope, Events, RecentProject, UndoState } from './api/contract.js';
import { DbHost } from './host/db-host.js';
import { resolveEnv } from './host/env.js';
import { CSP } from './host/http.js';
import { APP_ORIGIN, EVENT_CHANNEL, registerIpc, type IpcMainLike } from './host/ipc.js';
import { electronBindingPath } from './native-paths.js';
import { buildMenu } from './menu.js';

const appRoot = path.resolve(__dirname, '..', '..');
const rendererDir = path.join(appRoot, 'dist', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) app.quit();

let win: BrowserWindow | null = null;
let host: DbHost;
let pendingOpen: string | null =
  process.argv.find((a) => a.toLowerCase().endsWith('.weft')) ?? null;

function send(event: string, payload: unknown): void {
  win?.webContents.send(EVENT_CHANNEL, { event, payload });
}

let undoLabels: UndoState = { undo: null, redo: null };

async function refreshMenu(): Promise<void> {
  const r = await host.call('project.recent', {});
  Menu.setApplicationMenu(
    buildMenu((c) => send('menu.command', c), r.ok ? (r.value as RecentProject[]) : [], undoLabels),
  );
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Weft',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => (win = null));
  void win.loadURL(`${APP_ORIGIN}index.html`);
}

function serveRenderer(): void {
  protocol.handle('app', (request) => {
    const rel = decodeURIComponent(new URL(request.url).pathname) || '/index.html';
    const file = path.resolve(rendererDir, `.${rel === '/' ? '/index.html' : rel}`);
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file))
      return new Response('Not found', { status: 404 });
    const type = file.endsWith('.html')
      ? 'text/html'
      : file.endsWith('.js')
        ? 'text/javascript'
        : file.endsWith('.css')
          ? 'text/css'
          : 'application/octet-stream';
    return new Response(fs.readFileSync(file), {
      headers: { 'Content-Type': type, 'Content-Security-Policy': CSP },
    });
  });
}

function lockDownContents(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(APP_ORIGIN)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

async function dialogs() {
  const env = resolveEnv(appRoot);
  return {
    'dialog.openProject': async () => {
      const r = await dialog.showOpenDialog(win!, {
        properties: ['openFile'],
        defaultPath: env.projectsDir,
        filters: [{ name: 'Weft project', extensions: ['weft'] }],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    'dialog.newProject': async () => {
      fs.mkdirSync(env.projectsDir, { recursive: true });
      const r = await dialog.showSaveDialog(win!, {
        defaultPath: path.join(env.projectsDir, 'Untitled.weft'),
        filters: [{ name: 'Weft project', extensions: ['weft'] }],
      });
      return r.canceled ? null : (r.filePath ?? null);
    },
    'dialog.importFiles': async () => {
      const r = await dialog.showOpenDialog(win!, {
        properties: ['openFile', 'multiSelections'],
        filters: [
          {
            name: 'Transcripts and documents',
            extensions: ['txt', 'md', 'docx', 'pdf', 'vtt', 'srt', 'html', 'htm'],
          },
        ],
      });
      return r.canceled ? [] : r.filePaths;
    },
    'dialog.saveFile': async (input: {
      defaultName: string;
      filters: { name: string; extensions: string[] }[];
    }) => {
      const r = await dialog.showSaveDialog(win!, {
        defaultPath: path.join(app.getPath('documents'), input.defaultName),
        filters: input.filters,
      });
      return r.canceled ? null : (r.filePath ?? null);
    },
    'dialog.openFile': async (input: { filters: { name: string; extensions: string[] }[] }) => {
      const r = await dialog.showOpenDialog(win!, {
        properties: ['openFile'],
        filters: input.filters,
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}

void app.whenReady().then(async () => {
  const env = resolveEnv(appRoot, {
    dataDir: app.getPath('userData'),
    nativeBinding: electronBindingPath(appRoot),
  });
  host = new DbHost(path.join(__dirname, 'db-worker.js'), env);
  host.on((event, payload) => {
    send(event, payload);
    // The menu shows recent projects and what Undo and Redo would do.
    if (event === 'project.changed' && (payload as Events['project.changed']).what === 'project')
      void refreshMenu();
    if (event === 'undo.changed') {
      undoLabels = payload as UndoState;
      void refreshMenu();
    }
  });
  const call = (m: unknown, i: unknown): Promise<Envelope<unknown>> => host.call(m, i);
  registerIpc(ipcMain as unknown as IpcMainLike, call, await dialogs());
  if (pendingOpen) {
    await host.call('app.startup', {});
    await host.call('project.open', { path: pendingOpen });
    pendingOpen = null;
  }
  serveRenderer();
  lockDownContents();
  await refreshMenu();
  createWindow();
});

app.on('second-instance', (_e, argv) => {
  const file = argv.find((a) => a.toLowerCase().endsWith('.weft'));
  if (file) void host.call('project.open', { path: file });
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});
app.on('open-file', (event, file) => {
  event.preventDefault();
  if (host) void host.call('project.open', { path: file });
  else pendingOpen = file;
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (!win && app.isReady()) createWindow();
});
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !host) return;
  event.preventDefault();
  quitting = true;
  void host.close().then(() => app.quit());
});
