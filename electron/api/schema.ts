/** Building blocks shared by the contract's parts. */
import { z } from 'zod';

/** Phantom marker carrying an output type through the contract object. */
export const out = <T>() => undefined as unknown as T;

export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const offset = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 31);
export const filePath = z.string().trim().min(1, 'A file path is required').max(4096);
export const name = z
  .string()
  .trim()
  .min(1, 'A name is required')
  .max(200, 'Names are at most 200 characters');
export const empty = z.object({}).strict();
export const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour is #rrggbb');
