// `npm start`: the desktop app in Electron when its binary is present (running Electron's own
// installer first if it is missing), otherwise the same app in browser mode over loopback HTTP.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserMode } from './browser-mode.js';
import { ensureElectronBinding } from './native.js';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : undefined;

function electronBinary(): string | null {
  const dir = path.join(appRoot, 'node_modules', 'electron');
  try {
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function tryElectronInstaller(): string | null {
  const installer = path.join(appRoot, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(installer)) return null;
  console.log('Weft: the Electron binary is not installed; running Electron’s installer…');
  const r = spawnSync(process.execPath, [installer], {
    stdio: ['ignore', 'inherit', 'pipe'],
    timeout: 10 * 60_000,
  });
  if (r.status !== 0) {
    const why =
      (r.stderr?.toString() ?? '').split('\n').find((l) => /error|fail/i.test(l)) ??
      `exit ${r.status}`;
    console.log(`Weft: Electron could not be installed (${why.trim()}).`);
    return null;
  }
  return electronBinary();
}

function hasDisplay(): boolean {
  return process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
}

function openInBrowser(url: string): void {
  const cmd =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const cmdArgs = process.platform === 'win32' ? ['/c', 'start', '""', url] : [url];
  try {
    const child = spawn(cmd, cmdArgs, { stdio: 'ignore', detached: true });
    child.on('error', () =>
      console.log('Weft: no default browser found; open the address above yourself.'),
    );
    child.unref();
  } catch {
    /* printed the URL already */
  }
}

async function browserMode(reason: string): Promise<void> {
  const server = await startBrowserMode(appRoot, { port });
  console.log(`Weft is running in browser mode (${reason}).`);
  console.log(`Open: ${server.url}`);
  console.log('Press Ctrl+C to stop.');
  if (!flag('--no-open') && !process.env.CI && hasDisplay()) openInBrowser(server.url);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(appRoot, 'dist', 'renderer', 'index.html'))) {
    console.error('Weft is not built yet: run `npm install` (or `npm run build`) first.');
    process.exit(1);
  }
  if (flag('--browser')) return browserMode('asked for with --browser');
  const bin = electronBinary() ?? tryElectronInstaller();
  if (!bin) return browserMode('the Electron binary is not installed on this machine');
  if (!hasDisplay())
    return browserMode('Electron is installed but there is no display for a window');
  try {
    ensureElectronBinding(appRoot);
  } catch (e) {
    return browserMode(
      `the database engine could not be built for Electron: ${(e as Error).message}`,
    );
  }
  const child = spawn(bin, [appRoot, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

void main();
