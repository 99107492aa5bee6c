import { WeftError } from '../../../db/errors.js';
import type { Ctx } from '../context.js';

// Scaffold: each method is being written (issue 5). Until then it answers not_implemented.
const todo = (m: string): never => {
  throw new WeftError('not_implemented', `${m} is not written yet.`);
};

export const cmocHandlers = {
  'cmocs.list': (_ctx: Ctx, _input: unknown): never => todo('cmocs.list'),
  'cmocs.get': (_ctx: Ctx, _input: unknown): never => todo('cmocs.get'),
  'cmocs.create': (_ctx: Ctx, _input: unknown): never => todo('cmocs.create'),
  'cmocs.update': (_ctx: Ctx, _input: unknown): never => todo('cmocs.update'),
  'cmocs.delete': (_ctx: Ctx, _input: unknown): never => todo('cmocs.delete'),
  'cmocs.addEvidence': (_ctx: Ctx, _input: unknown): never => todo('cmocs.addEvidence'),
  'cmocs.removeEvidence': (_ctx: Ctx, _input: unknown): never => todo('cmocs.removeEvidence'),
  'cmocs.history': (_ctx: Ctx, _input: unknown): never => todo('cmocs.history'),
  'cmocs.evidenceInSource': (_ctx: Ctx, _input: unknown): never => todo('cmocs.evidenceInSource'),
  'cmocs.export': (_ctx: Ctx, _input: unknown): never => todo('cmocs.export'),
};
