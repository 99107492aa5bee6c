import type { Db } from '../../db/open.js';
import { WeftError } from '../../db/errors.js';
import { ensureUser } from '../../db/queries/users.js';
import type { EventName, Events } from './contract.js';

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

/**
 * The current coder's user id, added to the project with their first change (not on open).
 * Call it inside the change's transaction: if the change is refused, the new user row rolls
 * back with it, so the id is looked up each time rather than remembered.
 */
export function requireCoder(ctx: Ctx): number {
  return ensureUser(requireDb(ctx), ctx.env.coderName).id;
}

export function newSession(): Session {
  return { db: null, path: null };
}
