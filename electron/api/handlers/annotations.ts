import { WeftError } from '../../../db/errors.js';
import type { Ctx } from '../context.js';

// Scaffold: each method is being written (issue 4). Until then it answers not_implemented.
const todo = (m: string): never => {
  throw new WeftError('not_implemented', `${m} is not written yet.`);
};

export const annotationHandlers = {
  'annotations.list': (_ctx: Ctx, _input: unknown): never => todo('annotations.list'),
  'annotations.create': (_ctx: Ctx, _input: unknown): never => todo('annotations.create'),
  'annotations.update': (_ctx: Ctx, _input: unknown): never => todo('annotations.update'),
  'annotations.delete': (_ctx: Ctx, _input: unknown): never => todo('annotations.delete'),
};
