import { WeftError } from '../../../db/errors.js';
import type { Ctx } from '../context.js';

// Scaffold: each method is being written (issue 4). Until then it answers not_implemented.
const todo = (m: string): never => {
  throw new WeftError('not_implemented', `${m} is not written yet.`);
};

export const retrievalHandlers = {
  'settings.get': (_ctx: Ctx, _input: unknown): never => todo('settings.get'),
  'settings.update': (_ctx: Ctx, _input: unknown): never => todo('settings.update'),
};
