import { WeftError } from '../../../db/errors.js';
import type { Ctx } from '../context.js';

// Scaffold: each method is being written (issue 5). Until then it answers not_implemented.
const todo = (m: string): never => {
  throw new WeftError('not_implemented', `${m} is not written yet.`);
};

export const conceptHandlers = {
  'concepts.list': (_ctx: Ctx, _input: unknown): never => todo('concepts.list'),
  'concepts.create': (_ctx: Ctx, _input: unknown): never => todo('concepts.create'),
  'concepts.update': (_ctx: Ctx, _input: unknown): never => todo('concepts.update'),
  'concepts.delete': (_ctx: Ctx, _input: unknown): never => todo('concepts.delete'),
  'concepts.addCodes': (_ctx: Ctx, _input: unknown): never => todo('concepts.addCodes'),
  'concepts.removeCodes': (_ctx: Ctx, _input: unknown): never => todo('concepts.removeCodes'),
  'concepts.addSets': (_ctx: Ctx, _input: unknown): never => todo('concepts.addSets'),
  'concepts.removeSets': (_ctx: Ctx, _input: unknown): never => todo('concepts.removeSets'),
  'concepts.view': (_ctx: Ctx, _input: unknown): never => todo('concepts.view'),
};
