import fs from 'node:fs';
import path from 'node:path';
import type { RecentProject } from './contract.js';

/** Who codes in a project on this machine. */
export interface ChosenCoder {
  name: string;
  initials: string;
}

/** What the app remembers between runs, kept in the data folder (not in any project). */
export interface AppState {
  firstRunDone: boolean;
  lastProject: string | null;
  recent: { path: string; name: string; openedAt: string }[];
  /**
   * The coder chosen for each project, keyed by the project's guid. Kept here rather than in
   * the project file: a team shares that file, and each member codes under their own name.
   */
  coders: Record<string, ChosenCoder>;
}

const MAX_RECENT = 10;

function stateFile(dataDir: string): string {
  return path.join(dataDir, 'state.json');
}

export function readState(dataDir: string): AppState {
  const empty: AppState = {
    firstRunDone: false,
    lastProject: null,
    recent: [],
    coders: validCoders(null),
  };
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
      coders: validCoders(raw.coders),
    };
  } catch {
    return empty; // missing or unreadable: start afresh rather than refuse to start
  }
}

/** Keeps only well-formed entries: a hand-edited or older state file must not break coding. */
function validCoders(raw: unknown): Record<string, ChosenCoder> {
  // No prototype: a key like "__proto__" in the file stays a plain key.
  const coders = Object.create(null) as Record<string, ChosenCoder>;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return coders;
  for (const [guid, c] of Object.entries(raw as Record<string, unknown>)) {
    const { name, initials } = (c ?? {}) as Partial<ChosenCoder>;
    if (typeof name === 'string' && name.trim() && typeof initials === 'string' && initials.trim())
      coders[guid] = { name: name.trim(), initials: initials.trim() };
  }
  return coders;
}

/** Written to a temporary file and renamed, so a crash never leaves half a state file. */
export function writeState(
  dataDir: string,
  state: Omit<AppState, 'coders'> & Partial<Pick<AppState, 'coders'>>,
): void {
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

/** The coder chosen for a project on this machine, if one was. */
export function chosenCoder(dataDir: string, projectGuid: string): ChosenCoder | null {
  if (!projectGuid) return null;
  return readState(dataDir).coders[projectGuid] ?? null;
}

export function rememberCoder(dataDir: string, projectGuid: string, coder: ChosenCoder): void {
  updateState(dataDir, (s) => {
    s.coders[projectGuid] = { name: coder.name, initials: coder.initials };
  });
}
