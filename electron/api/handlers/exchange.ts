// Exchange (issue 6): QDPX and QDC in and out, and reports. Thin: the format layer reads and
// writes files (electron/formats/qdpx, electron/formats/reports), db/queries/refi maps them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { WeftError } from '../../../db/errors.js';
import type { Db } from '../../../db/open.js';
import { importRefi, type ImportSummary } from '../../../db/queries/refi/from-refi.js';
import { codebookToRefi, projectToRefi } from '../../../db/queries/refi/to-refi.js';
import { readQdc, readQdpx } from '../../formats/qdpx/read.js';
import { writeQdc } from '../../formats/qdpx/qdc-write.js';
import { writeQdpx } from '../../formats/qdpx/write.js';
import { emptyProject, type RefiCodebook } from '../../formats/qdpx/model.js';
import { codebookReport } from '../../formats/reports/codebook-report.js';
import { excerptsReport } from '../../formats/reports/excerpts-report.js';
import { safeFileName } from '../../formats/file-name.js';
import type {
  ExchangeProgress,
  ExchangeSummary,
  ExportResult,
  ReportFilter,
} from '../contract-exchange.js';
import type { ExportedFile } from '../contract-cases.js';
import type { Ctx } from '../context.js';
import { currentCoder, requireDb } from '../context.js';
import { closeSession, createProject } from './project.js';
import { forgetCodingUndo } from './source-edit.js';

/** Larger files are refused before reading (the reader caps what they expand to as well). */
export const MAX_EXCHANGE_FILE = 2 * 1024 ** 3;

function readInput(file: string, what: string): Uint8Array {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new WeftError('not_found', `${file} is not a file.`);
    size = st.size;
  } catch (e) {
    if (e instanceof WeftError) throw e;
    throw new WeftError('not_found', `Cannot read ${path.basename(file)}: it does not exist.`);
  }
  if (size > MAX_EXCHANGE_FILE)
    throw new WeftError('too_large', `${path.basename(file)} is too large to import as ${what}.`);
  return fs.readFileSync(file);
}

const EVERYTHING = [
  'project',
  'sources',
  'codes',
  'codings',
  'cases',
  'sets',
  'memos',
  'annotations',
  'concepts',
  'cmocs',
  'canvas',
] as const;

function announceAll(ctx: Ctx, db: Db): void {
  forgetCodingUndo(ctx, db);
  for (const what of EVERYTHING) ctx.emit('project.changed', { what });
}

function summaryOf(
  s: ImportSummary,
  projectPath: string,
  origin: string | undefined,
  t0: number,
): ExchangeSummary {
  return {
    projectPath,
    added: s.added,
    present: s.present,
    conventions: s.conventions ?? {},
    origin: origin ?? '',
    skipped: s.skipped,
    warnings: s.warnings,
    ms: Math.round(performance.now() - t0),
  };
}

function progress(ctx: Ctx, task: ExchangeProgress['task'], phase: ExchangeProgress['phase']) {
  let last = 0;
  return (done: number, total: number) => {
    const now = performance.now();
    if (done < total && now - last < 100) return;
    last = now;
    ctx.emit('exchange.progress', { task, phase, done, total });
  };
}

/** A file's bytes for download, when the caller gave no path (browser mode). */
function asDownload(file: string, fileName: string, mime: string): ExportedFile {
  return { fileName, mime, base64: fs.readFileSync(file).toString('base64') };
}

/** Written whole or not at all, with a clear error for a missing folder or a bad target. */
function writeWhole(file: string, bytes: Uint8Array): void {
  const folder = path.dirname(file);
  if (!fs.existsSync(folder))
    throw new WeftError('not_found', `The folder ${folder} does not exist.`);
  const tmp = `${file}.partial`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true, recursive: false });
    throw new WeftError('write_failed', `Could not write ${file}: ${(e as Error).message}`);
  }
}

function projectName(ctx: Ctx): string {
  return ctx.session.path ? path.basename(ctx.session.path).replace(/\.weft$/i, '') : 'Weft';
}

/** `<folder>/<name>.weft`, or "<name> (2).weft"… when that is taken. */
function freeProjectPath(folder: string, name: string): string {
  fs.mkdirSync(folder, { recursive: true });
  const base = safeFileName(name, 'Weft project');
  for (let n = 1; ; n++) {
    const file = path.join(folder, `${base}${n === 1 ? '' : ` (${n})`}.weft`);
    if (!fs.existsSync(file)) return file;
  }
}

async function importQdpx(
  ctx: Ctx,
  input: { path: string; mode: 'merge' | 'new'; newProjectPath?: string },
): Promise<ExchangeSummary> {
  const t0 = performance.now();
  if (input.mode === 'merge') requireDb(ctx);
  const bytes = readInput(input.path, 'a REFI-QDA project');
  // A bare .qde's sources/ folder sits beside it (as MAXQDA writes them).
  const refi = readQdpx(bytes, {
    onProgress: progress(ctx, 'qdpx.import', 'reading'),
    folder: path.dirname(input.path),
  });
  const coderName = currentCoder(ctx).name;
  if (input.mode === 'merge') {
    const db = requireDb(ctx);
    const s = importRefi(db, refi, {
      mode: 'merge',
      coderName,
      onProgress: progress(ctx, 'qdpx.import', 'saving'),
    });
    announceAll(ctx, db);
    return summaryOf(s, ctx.session.path ?? '', refi.origin, t0);
  }
  const target = input.newProjectPath
    ? path.resolve(input.newProjectPath.replace(/(\.weft)?$/i, '.weft'))
    : freeProjectPath(
        ctx.env.projectsDir,
        refi.name || path.basename(input.path, path.extname(input.path)),
      );
  if (fs.existsSync(target))
    throw new WeftError(
      'exists',
      `${path.basename(target)} already exists. Choose a new name, or open it and import into it.`,
    );
  const info = createProject(ctx, { path: target, name: refi.name || undefined });
  const db = requireDb(ctx);
  try {
    const s = importRefi(db, refi, {
      mode: 'new',
      coderName,
      onProgress: progress(ctx, 'qdpx.import', 'saving'),
    });
    announceAll(ctx, db);
    return summaryOf(s, info.path, refi.origin, t0);
  } catch (e) {
    // Nothing half-made is left behind: the new project goes with the failed import.
    closeSession(ctx);
    for (const f of [target, `${target}-wal`, `${target}-shm`]) fs.rmSync(f, { force: true });
    throw e;
  }
}

async function exportQdpx(ctx: Ctx, input: { path?: string }): Promise<ExportResult> {
  const db = requireDb(ctx);
  const name = projectName(ctx);
  const refi = projectToRefi(db, { name, version: ctx.env.version });
  const out =
    input.path ??
    path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'weft-export-')),
      `${safeFileName(name, 'Weft project')}.qdpx`,
    );
  const r = await writeQdpx(refi, out, {
    onProgress: progress(ctx, 'qdpx.export', 'writing'),
    version: ctx.env.version,
  });
  const warnings = [...refi.warnings, ...r.warnings];
  if (input.path) return { path: out, bytes: r.bytes, file: null, warnings };
  try {
    const file = asDownload(out, path.basename(out), 'application/zip');
    return { path: null, bytes: r.bytes, file, warnings };
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

function importQdc(ctx: Ctx, input: { path: string }): ExchangeSummary {
  const t0 = performance.now();
  const db = requireDb(ctx);
  const book = readQdc(readInput(input.path, 'a REFI-QDA codebook'));
  const refi = { ...emptyProject('Codebook'), codes: book.codes, sets: book.sets };
  refi.skipped.push(...book.skipped);
  refi.warnings.push(...book.warnings);
  const s = importRefi(db, refi, { mode: 'merge', coderName: currentCoder(ctx).name });
  announceAll(ctx, db);
  return summaryOf(s, ctx.session.path ?? '', book.origin, t0);
}

function exportQdc(ctx: Ctx, input: { path?: string }): ExportResult {
  const db = requireDb(ctx);
  const name = projectName(ctx);
  const refi = codebookToRefi(db, { name, version: ctx.env.version });
  const book: RefiCodebook = {
    origin: `Weft ${ctx.env.version}`,
    codes: refi.codes,
    sets: refi.sets,
    skipped: [],
    warnings: [],
  };
  const bytes = writeQdc(book, { version: ctx.env.version });
  const fileName = `${safeFileName(name, 'Weft project')} codebook.qdc`;
  if (input.path) {
    writeWhole(input.path, bytes);
    return { path: input.path, bytes: bytes.byteLength, file: null, warnings: [] };
  }
  return {
    path: null,
    bytes: bytes.byteLength,
    file: { fileName, mime: 'application/xml', base64: Buffer.from(bytes).toString('base64') },
    warnings: [],
  };
}

async function toExported(
  r: Promise<{ fileName: string; mime: string; bytes: Uint8Array }>,
): Promise<ExportedFile> {
  const f = await r;
  return { fileName: f.fileName, mime: f.mime, base64: Buffer.from(f.bytes).toString('base64') };
}

export const exchangeHandlers = {
  'qdpx.import': importQdpx,
  'qdpx.export': exportQdpx,
  'qdc.import': importQdc,
  'qdc.export': exportQdc,
  'reports.codebook': (ctx: Ctx, input: { format: 'docx' | 'xlsx' | 'csv' | 'md' }) =>
    toExported(codebookReport(requireDb(ctx), input.format)),
  'reports.excerpts': (
    ctx: Ctx,
    input: { format: 'docx' | 'xlsx' | 'csv'; filter?: ReportFilter },
  ) => toExported(excerptsReport(requireDb(ctx), input.format, input.filter ?? {})),
};
