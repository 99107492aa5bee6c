// Shared by the format tests: error assertions and small byte builders.
import { expect } from 'vitest';
import { WeftError } from '../../../db/errors.js';

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Asserts that `promise` rejects with a WeftError of `code` whose message names `fileName`. */
export async function expectWeftError(
  promise: Promise<unknown>,
  code: string,
  fileName: string,
): Promise<WeftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WeftError);
  const weft = error as WeftError;
  expect(weft.code).toBe(code);
  expect(weft.message).toContain(fileName);
  return weft;
}

/** Speaker labels of a read result, in order. */
export function speakers(turns: { speaker: string }[] | undefined): string[] {
  return (turns ?? []).map((t) => t.speaker);
}
