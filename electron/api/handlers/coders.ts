import {
  findUserByName,
  initialsOf,
  listCoderSummaries,
  setUserInitials,
} from '../../../db/queries/users.js';
import { projectMeta } from '../../../db/queries/project.js';
import type { Coder, CoderSummary } from '../contract.js';
import type { Ctx } from '../context.js';
import { currentCoder, requireDb } from '../context.js';
import { rememberCoder } from '../state.js';

/** The current coder, with the project's user row once they have changed something. */
export function getCoder(ctx: Ctx): Coder {
  const db = requireDb(ctx);
  const coder = currentCoder(ctx);
  return { id: findUserByName(db, coder.name)?.id ?? null, ...coder };
}

/**
 * Chooses who codes in this project on this machine. The choice goes to the app's state file
 * (per project guid), not the project: a team shares the file. No user row is created here;
 * the first change makes one. An existing row takes the initials given.
 */
export function setCoder(ctx: Ctx, input: { name: string; initials?: string }): Coder {
  const db = requireDb(ctx);
  const existing = findUserByName(db, input.name);
  const initials = input.initials ?? existing?.initials ?? initialsOf(input.name);
  const coder = { name: input.name, initials: initials || initialsOf(input.name) };
  if (existing && existing.initials !== coder.initials)
    db.transaction(() => setUserInitials(db, existing.id, coder.initials))();
  rememberCoder(ctx.env.dataDir, projectMeta(db).guid, coder);
  ctx.session.coder = coder;
  return getCoder(ctx);
}

export const coderHandlers = {
  'coder.get': (ctx: Ctx): Coder => getCoder(ctx),
  'coder.set': setCoder,
  'coders.list': (ctx: Ctx): CoderSummary[] => listCoderSummaries(requireDb(ctx)),
};
