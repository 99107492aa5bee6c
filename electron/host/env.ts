import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HostEnv } from '../api/context.js';

/** The per-user data folder (state.json: first run, recent projects) for this platform. */
export function defaultDataDir(): string {
  if (process.env.WEFT_HOME) return path.resolve(process.env.WEFT_HOME);
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Weft');
  if (process.platform === 'darwin')
    return path.join(home, 'Library', 'Application Support', 'Weft');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Weft');
}

/** Where new projects (and the demo) are saved unless the user picks another folder. */
export function defaultProjectsDir(): string {
  if (process.env.WEFT_PROJECTS) return path.resolve(process.env.WEFT_PROJECTS);
  return path.join(os.homedir(), 'Weft Projects');
}

/** The app's own files: `appRoot` is the folder holding dist/ and fixtures/. */
export function resolveEnv(appRoot: string, overrides: Partial<HostEnv> = {}): HostEnv {
  return {
    version: readVersion(appRoot),
    dataDir: defaultDataDir(),
    projectsDir: defaultProjectsDir(),
    fixturesDir: process.env.WEFT_FIXTURES ?? path.join(appRoot, 'fixtures', 'demo'),
    coderName: process.env.WEFT_CODER || safeUserName(),
    ...overrides,
  };
}

function readVersion(appRoot: string): string {
  try {
    return (
      JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version: string }
    ).version;
  } catch {
    return '0.0.0';
  }
}

function safeUserName(): string {
  try {
    return os.userInfo().username || 'Researcher';
  } catch {
    return 'Researcher';
  }
}
