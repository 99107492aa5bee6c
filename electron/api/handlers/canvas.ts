import { WeftError } from '../../../db/errors.js';
import type { Ctx } from '../context.js';

// Scaffold: each method is being written (issue 5). Until then it answers not_implemented.
const todo = (m: string): never => {
  throw new WeftError('not_implemented', `${m} is not written yet.`);
};

export const canvasHandlers = {
  'canvas.get': (_ctx: Ctx, _input: unknown): never => todo('canvas.get'),
  'canvas.place': (_ctx: Ctx, _input: unknown): never => todo('canvas.place'),
  'canvas.move': (_ctx: Ctx, _input: unknown): never => todo('canvas.move'),
  'canvas.remove': (_ctx: Ctx, _input: unknown): never => todo('canvas.remove'),
  'canvas.link': (_ctx: Ctx, _input: unknown): never => todo('canvas.link'),
  'canvas.relabel': (_ctx: Ctx, _input: unknown): never => todo('canvas.relabel'),
  'canvas.unlink': (_ctx: Ctx, _input: unknown): never => todo('canvas.unlink'),
  'canvas.setStages': (_ctx: Ctx, _input: unknown): never => todo('canvas.setStages'),
};
