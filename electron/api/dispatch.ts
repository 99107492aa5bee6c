import { WeftError } from '../../db/errors.js';
import { contract, HOST_METHODS, isMethod, type DbMethod, type Envelope } from './contract.js';
import type { Ctx } from './context.js';
import { handlers } from './handlers/index.js';

const fail = (code: string, message: string): Envelope<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * Validates and runs one call. Never throws: every failure becomes an error envelope, and a
 * call that fails validation reaches no handler, so it changes nothing. Most handlers answer at
 * once; the few that read files (imports, exports) answer with a promise.
 */
export function dispatch(
  ctx: Ctx,
  method: unknown,
  input: unknown,
): Envelope<unknown> | Promise<Envelope<unknown>> {
  if (!isMethod(method))
    return fail(
      'unknown_method',
      `Weft has no method called ${JSON.stringify(String(method)).slice(0, 80)}.`,
    );
  if ((HOST_METHODS as readonly string[]).includes(method)) {
    return fail(
      'unsupported',
      'This needs the desktop app (native dialogs are not available in browser mode).',
    );
  }
  const parsed = contract[method].input.safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
    return fail('invalid_input', message);
  }
  try {
    const handler = handlers[method as DbMethod] as (ctx: Ctx, input: unknown) => unknown;
    const value = handler(ctx, parsed.data);
    if (value instanceof Promise) {
      return value.then(
        (v: unknown): Envelope<unknown> => ({ ok: true, value: v }),
        (e: unknown) => toEnvelope(e),
      );
    }
    return { ok: true, value };
  } catch (e) {
    return toEnvelope(e);
  }
}

export function toEnvelope(e: unknown): Envelope<never> {
  if (e instanceof WeftError) return fail(e.code, e.message);
  const err = e as { code?: unknown; message?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return fail('disk_full', 'The disk is full: nothing was saved. Free some space and try again.');
  if (code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EPERM') {
    return fail(
      'read_only',
      'Weft cannot write to this project file (it is read-only or you lack permission).',
    );
  }
  if (code.startsWith('SQLITE_CONSTRAINT'))
    return fail(
      'conflict',
      `That change conflicts with the project's data: ${String(err.message)}`,
    );
  if (code === 'SQLITE_BUSY')
    return fail('busy', 'The project is busy in another window or program. Try again.');
  return fail('internal', `Something went wrong: ${e instanceof Error ? e.message : String(e)}`);
}
