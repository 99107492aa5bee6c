import fs from 'node:fs';
import path from 'node:path';
import type { RecentProject } from './contract.js';

/** What the app remembers between runs, kept in the data folder (not in any project). */
export interface AppState {
  firstRunDone: boolean;
  lastProject: string | null;
  recent: { path: string; name: string; openedAt: string }[];
}

const MAX_RECENT = 10;

function stateFile(dataDir: string): string {
  return path.join(dataDir, 'state.json');
}

export function readState(dataDir: string): AppState {
  const empty: AppState = { firstRunDone: false, lastProject: null, recent: [] };
  try {
    const raw = JSON.parse(fs.readFileSync(stateFile(dataDir), 'utf8')) as Partial<AppState>;
    return {
      firstRunDone: raw.firstRunDone === true,
      lastProject: typeof raw.lastProject === 'string' ? raw.lastProject : null,
      recent: Array.isArray(raw.recent)
        ? raw.recent
            .filter((r) => r && typeof r.path === 'string' && typeof r.name === 'string')
            .slice(0, MAX_RECENT)
        : [],
    };
  } catch {
    return empty; // missing or unreadable: start afresh rather than refuse to start
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a state file. */
export function writeState(dataDir: string, state: AppState): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const tmp = `${stateFile(dataDir)}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2));
  fs.renameSync(tmp, stateFile(dataDir));
}

export function updateState(dataDir: string, change: (s: AppState) => void): AppState {
  const s = readState(dataDir);
  change(s);
  writeState(dataDir, s);
  return s;
}

export function rememberProject(dataDir: string, file: string, name: string): void {
  updateState(dataDir, (s) => {
    s.lastProject = file;
    s.recent = [
      { path: file, name, openedAt: new Date().toISOString() },
      ...s.recent.filter((r) => r.path !== file),
    ].slice(0, MAX_RECENT);
  });
}

export function recentProjects(dataDir: string): RecentProject[] {
  return readState(dataDir).recent.map((r) => ({ ...r, exists: fs.existsSync(r.path) }));
}
