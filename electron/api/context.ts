import type { Db } from '../../db/open.js';
import { WeftError } from '../../db/errors.js';
import { ensureUser, initialsOf } from '../../db/queries/users.js';
import type { EventName, Events } from './contract.js';
import type { ChosenCoder } from './state.js';

/** Where things live and who is coding; fixed for the life of a host. */
export interface HostEnv {
  version: string;
  dataDir: string;
  projectsDir: string;
  fixturesDir: string;
  coderName: string;
  /** better-sqlite3 binary for this runtime, when it is not Node's (inside Electron). */
  nativeBinding?: string;
  /** Record opened projects in the recent list (the app does; the CLI does not). */
  remember?: boolean;
  /** Background import pacing in ms (defaults 16 and 200); tests use 0 to step file by file. */
  importPacing?: { sliceMs: number; eventMs: number };
}

/** The one open project of this host. */
export interface Session {
  db: Db | null;
  path: string | null;
  /** Who codes in the open project on this machine (state.json), or null for the default. */
  coder: ChosenCoder | null;
}

export interface Ctx {
  env: HostEnv;
  session: Session;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
}

export function requireDb(ctx: Ctx): Db {
  if (!ctx.session.db) throw new WeftError('no_project', 'Open or create a project first.');
  return ctx.session.db;
}

/** The coder chosen for the open project, else this machine's user (env.coderName). */
export function currentCoder(ctx: Ctx): ChosenCoder {
  if (ctx.session.coder) return ctx.session.coder;
  return { name: ctx.env.coderName, initials: initialsOf(ctx.env.coderName) };
}

/**
 * The current coder's user id, added to the project with their first change (not on open).
 * Call it inside the change's transaction: if the change is refused, the new user row rolls
 * back with it, so the id is looked up each time rather than remembered.
 */
export function requireCoder(ctx: Ctx): number {
  const coder = currentCoder(ctx);
  return ensureUser(requireDb(ctx), coder.name, coder.initials).id;
}

export function newSession(): Session {
  return { db: null, path: null, coder: null };
}
