import fs from 'node:fs';
import path from 'node:path';
import { WeftError } from '../../db/errors.js';
import type { Db } from '../../db/open.js';
import { getSourceSummary, insertSource, sourceNameExists } from '../../db/queries/sources.js';
import { readSourceFile, SOURCE_EXTENSIONS } from '../formats/read.js';
import { extensionOf, sourceNameFromFile } from '../formats/text.js';
import type { ImportFileResult } from './contract.js';
import type { Ctx } from './context.js';
import { requireCoder, requireDb } from './context.js';
import { kindFromName } from '../formats/autolink.js';

/** Largest file Weft will read for import. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
const MAX_FILES = 20_000;

/**
 * Expands the user's choice (files and folders) into the files to import. Folders are walked
 * for files Weft reads; hidden files and folders are skipped. A path that does not exist is a
 * bad argument: nothing is imported.
 */
export function expandPaths(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const d of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      if (d.name.startsWith('.')) continue;
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (SOURCE_EXTENSIONS.includes(extensionOf(d.name))) out.push(p);
      if (out.length > MAX_FILES)
        throw new WeftError('too_many', `More than ${MAX_FILES} files: import a smaller folder.`);
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new WeftError('not_found', `${path.basename(p)}: file not found (${p})`);
    }
    if (stat.isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

/** A name not yet used by a source: "Name", then "Name (2)", "Name (3)"… */
export function freeSourceName(db: Db, wanted: string): string {
  let candidate = wanted;
  for (let i = 2; sourceNameExists(db, candidate); i++) candidate = `${wanted} (${i})`;
  return candidate;
}

/**
 * Reads and stores one file. Each file is its own transaction, so a failure or a cancel
 * between files never leaves half a file behind.
 */
export async function importOneFile(
  ctx: Ctx,
  db: Db,
  file: string,
  displayName = path.basename(file),
): Promise<ImportFileResult> {
  try {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      throw new WeftError('not_found', `${displayName}: file not found (${file})`);
    }
    if (stat.isDirectory())
      throw new WeftError('not_a_file', `${displayName} is a folder, not a file`);
    const size = stat.size;
    if (size > MAX_FILE_BYTES)
      throw new WeftError('too_large', `${displayName} is too large to import (over 200 MB).`);
    const read = await readSourceFile(fs.readFileSync(file), displayName);
    if (ctx.session.db !== db)
      throw new WeftError('cancelled', 'The project was closed during the import.');
    const id = db.transaction(() => {
      const name = freeSourceName(db, sourceNameFromFile(displayName));
      return insertSource(db, {
        name,
        kind: kindFromName(name),
        text: read.text,
        originalName: displayName,
        createdBy: requireCoder(ctx),
      });
    })();
    const source = getSourceSummary(db, id)!;
    return {
      name: displayName,
      ok: true,
      sourceId: id,
      sourceName: source.name,
      warnings: read.warnings,
    };
  } catch (e) {
    return { name: displayName, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

export interface ImportJob {
  id: string;
  total: number;
  done: number;
  cancelled: boolean;
  results: ImportFileResult[];
  finished: Promise<ImportFileResult[]>;
}

const jobs = new Map<string, ImportJob>();
let nextJob = 1;

/** How long the job works before letting other calls (and Cancel) in. */
const SLICE_MS = 16;
/** How often the renderer hears about progress (and about new sources) at most. */
const EVENT_MS = 200;

/**
 * Starts importing `files` in the background of the database thread, one file at a time. It
 * works in slices of ~16 ms and yields between them, so other calls (and Cancel) are answered
 * promptly; progress events go out at most every 200 ms, each carrying the results since the
 * previous one, so a thousand small files do not flood the window with a thousand updates.
 */
export function startImport(ctx: Ctx, files: { path: string; name?: string }[]): ImportJob {
  const db = requireDb(ctx);
  const { sliceMs, eventMs } = ctx.env.importPacing ?? { sliceMs: SLICE_MS, eventMs: EVENT_MS };
  const job: ImportJob = {
    id: `import-${nextJob++}`,
    total: files.length,
    done: 0,
    cancelled: false,
    results: [],
    finished: Promise.resolve([]),
  };
  jobs.set(job.id, job);
  const nameOf = (f: { path: string; name?: string } | undefined) =>
    f ? (f.name ?? path.basename(f.path)) : null;
  let sent = 0;
  let sourcesChanged = false;
  let lastEvent = 0;
  const progress = (finished: boolean) => {
    if (sourcesChanged) ctx.emit('project.changed', { what: 'sources' });
    sourcesChanged = false;
    ctx.emit('import.progress', {
      jobId: job.id,
      done: job.done,
      total: job.total,
      current: finished ? null : nameOf(files[job.done]),
      from: sent,
      results: job.results.slice(sent),
      finished,
      cancelled: job.cancelled,
    });
    sent = job.results.length;
    lastEvent = performance.now();
  };
  job.finished = (async () => {
    progress(false);
    let slice = performance.now();
    for (const f of files) {
      if (performance.now() - slice > sliceMs) {
        await new Promise((r) => setImmediate(r)); // let Cancel and other calls in
        slice = performance.now();
      }
      if (job.cancelled || ctx.session.db !== db) break;
      const r = await importOneFile(ctx, db, f.path, nameOf(f)!);
      job.results.push(r);
      job.done++;
      if (r.ok) sourcesChanged = true;
      if (performance.now() - lastEvent > eventMs) progress(false);
    }
    // Closing the project stops the job: say so, rather than looking finished.
    if (ctx.session.db !== db && job.done < job.total) job.cancelled = true;
    progress(true);
    jobs.delete(job.id);
    return job.results;
  })();
  return job;
}

export function cancelImport(jobId: string): boolean {
  const job = jobs.get(jobId);
  if (!job) return false;
  job.cancelled = true;
  return true;
}
