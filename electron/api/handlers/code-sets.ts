import { WeftError } from '../../../db/errors.js';
import type { Ctx } from '../context.js';

// Scaffold: each method is being written (issue 4). Until then it answers not_implemented.
const todo = (m: string): never => {
  throw new WeftError('not_implemented', `${m} is not written yet.`);
};

export const setHandlers = {
  'sets.list': (_ctx: Ctx, _input: unknown): never => todo('sets.list'),
  'sets.create': (_ctx: Ctx, _input: unknown): never => todo('sets.create'),
  'sets.update': (_ctx: Ctx, _input: unknown): never => todo('sets.update'),
  'sets.delete': (_ctx: Ctx, _input: unknown): never => todo('sets.delete'),
  'sets.addCodes': (_ctx: Ctx, _input: unknown): never => todo('sets.addCodes'),
  'sets.removeCodes': (_ctx: Ctx, _input: unknown): never => todo('sets.removeCodes'),
};
