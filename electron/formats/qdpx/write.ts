/**
 * Writes a REFI-QDA project archive (.qdpx): `project.qde` plus each text source's plain text as
 * `sources/<guid>.txt` (UTF-8, lower-case `sources/` as the standard says).
 *
 * It streams: the XML is produced in ~64k-character chunks (write-project.ts) and fed to fflate's
 * streaming Zip (deflated by zlib, see write-zip.ts); the compressed bytes go to `<out>.partial`,
 * which is renamed to `<out>` only once everything is written. On an error or a cancel the
 * partial file is removed, so a failed export leaves nothing behind (and never a half-written
 * file under the real name).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { WeftError } from '../../../db/errors.js';
import type { RefiProject } from './model.js';
import { indexProject, type WriteContext } from './write-context.js';
import { projectXmlChunks, type ProjectXmlOptions } from './write-project.js';
import { originalEntry, plainTextEntry } from './write-sources.js';
import { StreamedZip } from './write-zip.js';

export interface WriteQdpxOptions {
  /** Called now and then with work done and total work (units: characters of source text). */
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
  /** Weft's version, for `origin="Weft <version>"` when the project names no origin. */
  version?: string;
}

export interface WriteQdpxResult {
  /** Size of the written archive. */
  bytes: number;
  /** What could not be written, as sentences for the export summary. */
  warnings: string[];
}

/** The standard's limit for one file inside the archive (2^31 − 1 bytes). */
export const MAX_ENTRY_BYTES = 2_147_483_647;
// zlib level 3: archives ~15% larger than level 6 for under half the CPU time.
const DEFLATE_LEVEL = 3;
// Characters of source text encoded (and compressed) at a time.
const TEXT_SLICE = 1 << 20;
// Longest stretch of work between yields to the event loop (for cancel and progress), in ms.
const YIELD_MS = 25;

/** The whole project.qde for a (small) project, e.g. for tests; large exports use writeQdpx. */
export function projectXml(project: RefiProject, opts: ProjectXmlOptions = {}): string {
  const ctx = indexProject(project);
  return [...projectXmlChunks(project, ctx, opts)].join('');
}

function noteSkippedParts(project: RefiProject, ctx: WriteContext): void {
  for (const m of project.media) {
    ctx.warn(`media ${m.kind}`, (n) =>
      n === 1
        ? `1 ${m.kind} source (“${m.name}”) was not exported: Weft keeps only its name, not the file.`
        : `${n} ${m.kind} sources (e.g. “${m.name}”) were not exported: Weft keeps only their names, not the files.`,
    );
  }
  for (const t of project.texts) {
    if (t.original && !originalEntry(t, ctx.own(t.guid))) {
      ctx.warn('original', (n) =>
        n === 1
          ? `The original file of 1 source (“${t.original!.name}”) was left out; its text is exported.`
          : `The original files of ${n} sources (e.g. “${t.original!.name}”) were left out; their texts are exported.`,
      );
    }
  }
}

/** Pieces of `text` as UTF-8, a slice at a time (never splitting a surrogate pair). */
function* utf8Slices(text: string): Generator<{ bytes: Uint8Array; chars: number }> {
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length;) {
    let end = Math.min(text.length, i + TEXT_SLICE);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    yield { bytes: encoder.encode(text.slice(i, end)), chars: end - i };
    i = end;
  }
}

function utf8Length(text: string): number {
  // Cheap bound first: 3 bytes per UTF-16 unit at most.
  return text.length * 3 <= MAX_ENTRY_BYTES ? 0 : Buffer.byteLength(text, 'utf8');
}

function checkSizes(project: RefiProject): void {
  for (const t of project.texts) {
    if (utf8Length(t.text) > MAX_ENTRY_BYTES) {
      throw new WeftError(
        'too_large',
        `Cannot export: the text of “${t.name}” is larger than the 2 GB a QDPX file can hold per source.`,
      );
    }
  }
}

async function openPartial(outPath: string): Promise<fs.FileHandle> {
  const partial = `${outPath}.partial`;
  try {
    return await fs.open(partial, 'w');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const dir = path.dirname(path.resolve(outPath));
    if (code === 'ENOENT') throw new WeftError('not_found', `The folder ${dir} does not exist.`);
    if (code === 'ENOTDIR') throw new WeftError('not_a_folder', `${dir} is not a folder.`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new WeftError('not_writable', `Weft may not write in ${dir}.`);
    }
    throw new WeftError('write_failed', `Could not write ${outPath}: ${(e as Error).message}`);
  }
}

/**
 * Writes `project` as a .qdpx archive at `outPath` (replacing any file there). Resolves with
 * the archive's size and the warnings; rejects with a WeftError ('cancelled' when `signal`
 * aborts), leaving no file behind.
 */
export async function writeQdpx(
  project: RefiProject,
  outPath: string,
  opts: WriteQdpxOptions = {},
): Promise<WriteQdpxResult> {
  if (opts.signal?.aborted) throw new WeftError('cancelled', 'The export was cancelled.');
  const ctx = indexProject(project);
  checkSizes(project);
  noteSkippedParts(project, ctx);
  const partial = `${outPath}.partial`;
  const file = await openPartial(outPath);
  const zip = new StreamedZip(file, DEFLATE_LEVEL);

  const total = 2 * project.texts.reduce((sum, t) => sum + t.text.length + 1, 0) + 1;
  let done = 0;
  let lastYield = performance.now();
  // Between pieces of work: let cancel and progress happen now and then.
  const pause = async (): Promise<void> => {
    if (performance.now() - lastYield >= YIELD_MS) {
      opts.onProgress?.(done, total);
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    if (opts.signal?.aborted) throw new WeftError('cancelled', 'The export was cancelled.');
  };

  let bytes: number;
  try {
    opts.onProgress?.(0, total);
    const qde = zip.entry('project.qde');
    const encoder = new TextEncoder();
    const chunks = projectXmlChunks(project, ctx, {
      version: opts.version,
      onSourceWritten: (weight) => (done += weight),
    });
    for (const chunk of chunks) {
      await zip.push(qde, encoder.encode(chunk));
      await pause();
    }
    await zip.push(qde, new Uint8Array(0), true);
    done += 1;
    for (const doc of project.texts) {
      const guid = ctx.own(doc.guid);
      const txt = zip.entry(plainTextEntry(guid));
      for (const { bytes: slice, chars } of utf8Slices(doc.text)) {
        await zip.push(txt, slice);
        done += chars;
        await pause();
      }
      await zip.push(txt, new Uint8Array(0), true);
      done += 1;
      const rich = originalEntry(doc, guid);
      if (rich && doc.original) await zip.push(zip.entry(rich), doc.original.bytes, true);
    }
    bytes = await zip.finish();
    await file.sync();
    await file.close();
    await fs.rename(partial, outPath);
  } catch (e) {
    zip.destroy();
    await file.close().catch(() => undefined);
    await fs.rm(partial, { force: true });
    if (e instanceof WeftError) throw e;
    throw new WeftError('write_failed', `Could not write ${outPath}: ${(e as Error).message}`);
  }
  opts.onProgress?.(total, total);
  return { bytes, warnings: ctx.warnings() };
}
