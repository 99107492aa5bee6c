import fs from 'node:fs';
import path from 'node:path';
import { WeftError } from '../../../db/errors.js';
import {
  getSource,
  getSourceSummary,
  insertSource,
  listSources,
  sourceNameExists,
} from '../../../db/queries/sources.js';
import type { Db } from '../../../db/open.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';
import { MAX_IMPORT_CHARS, type ImportResult } from '../contract.js';
import {
  decodeText,
  extensionOf,
  normaliseText,
  sourceNameFromFile,
  TEXT_EXTENSIONS,
} from '../../formats/text.js';

interface Prepared {
  name: string;
  fileName: string;
  text: string;
}

function unsupported(fileName: string): WeftError {
  return new WeftError(
    'unsupported_format',
    `Weft imports ${TEXT_EXTENSIONS.join(', ')} files; ${fileName} is not one.`,
  );
}

export function kindFromName(name: string): string {
  const n = name.toLowerCase();
  if (/field ?notes?/.test(n)) return 'fieldnote';
  if (/debrief/.test(n)) return 'debrief';
  if (/follow[-_ ]?up/.test(n)) return 'follow-up interview';
  if (/interview|_first|transcript|^(lw|hcp|vcse|p)\d+/.test(n)) return 'interview';
  return 'document';
}

/** A name not yet used by a source: "Name", then "Name (2)", "Name (3)"… */
function uniqueName(db: Db, wanted: string, taken: Set<string>): string {
  let candidate = wanted;
  for (let i = 2; sourceNameExists(db, candidate) || taken.has(candidate.toLowerCase()); i++)
    candidate = `${wanted} (${i})`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Good files go in together in one transaction; each bad file gets its own message. */
function importPrepared(
  ctx: Ctx,
  prepared: Prepared[],
  errors: ImportResult['errors'],
): ImportResult {
  const db = requireDb(ctx);
  const ids: number[] = [];
  if (prepared.length === 0) return { imported: [], errors };
  db.transaction(() => {
    const coderId = requireCoder(ctx);
    const taken = new Set<string>();
    for (const p of prepared) {
      ids.push(
        insertSource(db, {
          name: uniqueName(db, p.name, taken),
          kind: kindFromName(p.name),
          text: p.text,
          originalName: p.fileName,
          createdBy: coderId,
        }),
      );
    }
  })();
  if (ids.length) ctx.emit('project.changed', { what: 'sources' });
  return { imported: ids.map((id) => getSourceSummary(db, id)!), errors };
}

export function importContents(
  ctx: Ctx,
  input: { files: { name: string; content: string }[] },
): ImportResult {
  requireDb(ctx);
  const prepared: Prepared[] = [];
  const errors: ImportResult['errors'] = [];
  for (const f of input.files) {
    try {
      if (!TEXT_EXTENSIONS.includes(extensionOf(f.name))) throw unsupported(f.name);
      prepared.push({
        name: sourceNameFromFile(f.name),
        fileName: f.name,
        text: normaliseText(f.content),
      });
    } catch (e) {
      errors.push({ name: f.name, message: messageOf(e) });
    }
  }
  return importPrepared(ctx, prepared, errors);
}

export function importPaths(ctx: Ctx, input: { paths: string[] }): ImportResult {
  requireDb(ctx);
  const prepared: Prepared[] = [];
  const errors: ImportResult['errors'] = [];
  for (const p of input.paths) {
    const fileName = path.basename(p);
    try {
      prepared.push({ name: sourceNameFromFile(fileName), fileName, text: readTextFile(p) });
    } catch (e) {
      errors.push({ name: fileName, message: messageOf(e) });
    }
  }
  return importPrepared(ctx, prepared, errors);
}

export function readTextFile(file: string): string {
  const fileName = path.basename(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new WeftError('not_found', `${fileName}: file not found (${file})`);
  }
  if (stat.isDirectory()) throw new WeftError('not_a_file', `${fileName} is a folder, not a file`);
  if (!TEXT_EXTENSIONS.includes(extensionOf(fileName))) throw unsupported(fileName);
  if (stat.size > MAX_IMPORT_CHARS * 2)
    throw new WeftError('too_large', `${fileName} is too large to import`);
  try {
    return decodeText(fs.readFileSync(file));
  } catch (e) {
    if (e instanceof WeftError) throw new WeftError(e.code, `${fileName} ${e.message}`);
    throw new WeftError('read_failed', `${fileName}: could not be read (${(e as Error).message})`);
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export const sourceHandlers = {
  'sources.list': (ctx: Ctx) => listSources(requireDb(ctx)),
  'sources.get': (ctx: Ctx, input: { id: number }) => {
    const s = getSource(requireDb(ctx), input.id);
    if (!s) throw new WeftError('not_found', `There is no source with id ${input.id}.`);
    return s;
  },
  'sources.import': importContents,
  'sources.importPaths': importPaths,
};
