import { WeftError } from '../../../db/errors.js';
import {
  getSource,
  getSourceSummary,
  insertSource,
  listSources,
} from '../../../db/queries/sources.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';
import type { ImportResult } from '../contract.js';
import {
  extensionOf,
  normaliseText,
  sourceNameFromFile,
  TEXT_EXTENSIONS,
} from '../../formats/text.js';
import { kindFromName } from '../../formats/autolink.js';
import { freeSourceName } from '../import-job.js';

function unsupported(fileName: string): WeftError {
  return new WeftError(
    'unsupported_format',
    `Weft imports ${TEXT_EXTENSIONS.join(', ')} text here; ${fileName} is not one.`,
  );
}

/**
 * Imports text already read (pasted, or read by the caller): every good file in one
 * transaction, each bad one with its own message. Files on disk go through import.start,
 * which reads every format.
 */
export function importContents(
  ctx: Ctx,
  input: { files: { name: string; content: string }[] },
): ImportResult {
  const db = requireDb(ctx);
  const good: { name: string; fileName: string; text: string }[] = [];
  const errors: ImportResult['errors'] = [];
  for (const f of input.files) {
    try {
      if (!TEXT_EXTENSIONS.includes(extensionOf(f.name))) throw unsupported(f.name);
      good.push({
        name: sourceNameFromFile(f.name),
        fileName: f.name,
        text: normaliseText(f.content),
      });
    } catch (e) {
      errors.push({ name: f.name, message: e instanceof Error ? e.message : String(e) });
    }
  }
  if (!good.length) return { imported: [], errors };
  const ids = db.transaction(() => {
    const createdBy = requireCoder(ctx);
    return good.map((g) => {
      const name = freeSourceName(db, g.name);
      return insertSource(db, {
        name,
        kind: kindFromName(name),
        text: g.text,
        originalName: g.fileName,
        createdBy,
      });
    });
  })();
  ctx.emit('project.changed', { what: 'sources' });
  return { imported: ids.map((id) => getSourceSummary(db, id)!), errors };
}

export const sourceHandlers = {
  'sources.list': (ctx: Ctx) => listSources(requireDb(ctx)),
  'sources.get': (ctx: Ctx, input: { id: number }) => {
    const s = getSource(requireDb(ctx), input.id);
    if (!s) throw new WeftError('not_found', `There is no source with id ${input.id}.`);
    return s;
  },
  'sources.import': importContents,
};
