import { WeftError } from '../../../db/errors.js';
import type { Ctx } from '../context.js';

// Scaffold: each method is being written (issue 4). Until then it answers not_implemented.
const todo = (m: string): never => {
  throw new WeftError('not_implemented', `${m} is not written yet.`);
};

export const coderHandlers = {
  'coder.get': (_ctx: Ctx, _input: unknown): never => todo('coder.get'),
  'coder.set': (_ctx: Ctx, _input: unknown): never => todo('coder.set'),
  'coders.list': (_ctx: Ctx, _input: unknown): never => todo('coders.list'),
};
