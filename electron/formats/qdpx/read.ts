/**
 * Reads a REFI-QDA project: a .qdpx archive, or the bytes of a bare project .qde (whose
 * `sources/` folder may sit beside it). Synchronous: the caller runs it off the UI thread (the db
 * worker), and progress is reported through a callback as XML bytes are parsed.
 *
 * Whatever the file, the result follows the model's conventions (GUIDs lower-case, offsets as
 * UTF-16 indices into the stored text). A file that is hostile or unreadable throws a RefiError
 * and yields nothing; a file that is merely imperfect is read as far as it is sound, with every
 * omission written into `skipped` or `warnings`.
 */
import type { RefiProject } from './model.js';
import { RefiHandler } from './read-project.js';
import type { ReadLimits } from './read-limits.js';
import { DEFAULT_LIMITS, RefiError } from './read-limits.js';
import { ReadReport, plural } from './read-report.js';
import { resolveReferences } from './read-resolve.js';
import type { SourceContext } from './read-sources.js';
import { conventionSentences } from './read-sources.js';
import { SourceFiles } from './read-files.js';
import { looksLikeXml, parseXml } from './xml.js';
import type { XmlSource } from './xml.js';
import { ZipArchive, looksLikeZip } from './zip.js';
import type { ZipEntry } from './zip.js';

export { RefiError } from './read-limits.js';
export type { RefiErrorCode } from './read-limits.js';
export { looksLikeXml } from './xml.js';
export { readQdc } from './qdc-read.js';

export interface ReadQdpxOptions {
  /** Called as the project XML is parsed: bytes done of bytes total. */
  onProgress?(done: number, total: number): void;
  /** For a bare .qde: its folder, where `sources/` may be found. */
  folder?: string;
  /** Read relative:// and absolute:// text files from this computer (default true). */
  readDisk?: boolean;
  /** Tighter limits (tests); never looser than the defaults in practice. */
  limits?: Partial<ReadLimits>;
}

export function readQdpx(input: Uint8Array, opts: ReadQdpxOptions = {}): RefiProject {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (input.length === 0)
    throw new RefiError('not-qdpx', 'The file is empty; it is not a REFI-QDA project.');
  const report = new ReadReport();
  let zip: ZipArchive | undefined;
  let xml: Uint8Array | XmlSource;
  let what: string;
  let archiveFolder = '';
  if (looksLikeZip(input)) {
    zip = new ZipArchive(input, limits);
    const qde = projectEntry(zip, report);
    archiveFolder = qde.name.slice(0, qde.name.lastIndexOf('/') + 1);
    what = `The project file (${qde.name})`;
    const archive = zip;
    xml = { size: qde.size, pump: (sink) => archive.stream(qde, sink) };
  } else if (looksLikeXml(input)) {
    what = 'The project file';
    xml = input;
  } else {
    throw new RefiError(
      'not-qdpx',
      'This is not a REFI-QDA project: a .qdpx is a zip archive and a .qde is XML, and this file is neither.',
    );
  }
  for (const name of zip?.duplicateNames ?? [])
    report.warn(
      'duplicate-entry',
      (n, ex) =>
        `The archive holds ${n} duplicate ${plural(n, 'entry', 'entries')} (${ex.join(', ')}); the first of each was used.`,
      name,
    );

  const ctx: SourceContext = {
    files: new SourceFiles(zip, { folder: opts.folder, readDisk: opts.readDisk, archiveFolder }),
    report,
    hint: 'codepoints',
    conventions: new Map(),
  };
  const handler = new RefiHandler(ctx, 'Project');
  parseXml(xml, handler, { what, limits, onProgress: opts.onProgress });
  const project = handler.project;
  resolveReferences(project, report);
  project.warnings.push(...conventionSentences(ctx.conventions), ...report.sentences('warning'));
  project.skipped.push(...report.sentences('skipped'));
  return project;
}

/** The project XML in the archive root: `project.qde` by preference, else any `*.qde`. */
function projectEntry(zip: ZipArchive, report: ReadReport): ZipEntry {
  const atRoot = zip.entries.filter((e) => !e.name.includes('/') && /\.qde$/i.test(e.name));
  const preferred = atRoot.find((e) => e.name.toLowerCase() === 'project.qde') ?? atRoot[0];
  if (!preferred) {
    const nested = zip.entries.find((e) => /\.qde$/i.test(e.name));
    if (!nested)
      throw new RefiError(
        'not-qdpx',
        'This zip archive holds no project.qde, so it is not a REFI-QDA project (.qdpx).',
      );
    report.warn(
      'nested-qde',
      () =>
        `The project file was found in a folder ("${nested.name}") rather than at the top of the archive.`,
    );
    return nested;
  }
  if (atRoot.length > 1)
    report.warn(
      'several-qde',
      () => `The archive holds ${atRoot.length} project files; Weft read "${preferred.name}".`,
    );
  return preferred;
}
