/**
 * Finds the files a project.qde points at. `internal://x.txt` lives in the archive's `sources/`
 * folder (any case; some tools put it at the root, qc writes bare names without a scheme);
 * `relative://` is resolved against the project's basePath (or the folder of a bare .qde), and
 * `absolute://` read from disk only if it exists there. Files outside the archive are read only
 * with an expected extension and are reported, so the researcher knows what came from disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAX_EXTERNAL_FILE_BYTES, formatBytes } from './read-limits.js';
import type { ZipArchive } from './zip.js';

export interface FoundFile {
  bytes: Uint8Array;
  /** Where it came from, for warnings: an archive entry name or a disk path. */
  where: string;
  fromDisk: boolean;
}

export type FileLookup = FoundFile | { missing: string };

export interface SourceFilesOptions {
  /** The folder holding a bare .qde, whose `sources/` may sit next to it. */
  folder?: string;
  /** Read relative:// and absolute:// files from disk (default true). */
  readDisk?: boolean;
  /** Folder of the .qde inside the archive ("" at the root, "name/" when wrapped). */
  archiveFolder?: string;
}

type Scheme = 'internal' | 'relative' | 'absolute' | 'bare';

export function splitSourcePath(value: string): { scheme: Scheme; rest: string } {
  const m = /^([a-z]+):\/\/(.*)$/is.exec(value.trim());
  if (!m) return { scheme: 'bare', rest: value.trim().replace(/\\/g, '/') };
  const scheme = m[1]!.toLowerCase();
  const rest = m[2]!.replace(/\\/g, '/');
  if (scheme === 'internal') return { scheme: 'internal', rest: rest.replace(/^\/+/, '') };
  if (scheme === 'relative') return { scheme: 'relative', rest: rest.replace(/^\/+/, '') };
  // absolute:///C:/x → C:/x ; absolute:///Users/x → /Users/x ; file:// likewise.
  const abs = /^\/[a-zA-Z]:\//.test(rest) ? rest.slice(1) : rest;
  return { scheme: 'absolute', rest: abs };
}

export class SourceFiles {
  constructor(
    private readonly zip: ZipArchive | undefined,
    private readonly opts: SourceFilesOptions = {},
  ) {}

  /**
   * The bytes for a path attribute. `extensions` limits what may be read from disk (e.g.
   * ['.txt']), so a hostile path cannot pull arbitrary files into the project.
   */
  find(value: string, basePath: string | undefined, extensions: readonly string[]): FileLookup {
    const { scheme, rest } = splitSourcePath(value);
    if (!rest) return { missing: 'the path is empty' };
    if (scheme === 'internal' || scheme === 'bare') {
      const inArchive = this.fromArchive(rest);
      if (inArchive) return inArchive;
      const beside = this.besideQde(rest, extensions);
      if (beside) return beside;
      return {
        missing: this.zip
          ? `"${value}" is not in the archive`
          : `"${value}" is inside a .qdpx archive, and only the .qde was given`,
      };
    }
    if (scheme === 'relative') {
      const bases = [basePath, this.opts.folder].filter((b): b is string => !!b);
      for (const base of bases) {
        const found = this.fromDisk(joinBase(base, rest), extensions);
        if ('bytes' in found) return found;
      }
      return { missing: `"${value}" was not found next to the project's base path` };
    }
    return this.fromDisk(rest, extensions);
  }

  private fromArchive(rest: string): FoundFile | undefined {
    if (!this.zip) return undefined;
    const names = new Set([rest, safeDecode(rest)]);
    for (const name of names) {
      const folder = this.opts.archiveFolder ?? '';
      for (const candidate of [`${folder}sources/${name}`, `${folder}${name}`]) {
        const entry = this.zip.find(candidate);
        if (entry) return { bytes: this.zip.read(entry), where: entry.name, fromDisk: false };
      }
    }
    return undefined;
  }

  private besideQde(rest: string, extensions: readonly string[]): FoundFile | undefined {
    const { folder } = this.opts;
    if (!folder || this.opts.readDisk === false) return undefined;
    for (const dir of ['sources', 'Sources']) {
      const root = path.resolve(folder, dir);
      const file = path.resolve(root, rest);
      if (!file.startsWith(root + path.sep)) continue; // never leave the sources folder
      const found = this.fromDisk(file, extensions);
      if ('bytes' in found) return found;
    }
    return undefined;
  }

  private fromDisk(file: string, extensions: readonly string[]): FileLookup {
    if (this.opts.readDisk === false) return { missing: `"${file}" is outside the archive` };
    if (!extensions.includes(path.extname(file).toLowerCase()))
      return { missing: `"${file}" is outside the archive and not a file type Weft reads there` };
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return { missing: `"${file}" does not exist on this computer` };
    }
    if (!stat.isFile()) return { missing: `"${file}" is not a file` };
    if (stat.size > MAX_EXTERNAL_FILE_BYTES)
      return { missing: `"${file}" is larger than ${formatBytes(MAX_EXTERNAL_FILE_BYTES)}` };
    try {
      return { bytes: new Uint8Array(fs.readFileSync(file)), where: file, fromDisk: true };
    } catch (e) {
      return { missing: `"${file}" could not be read (${(e as Error).message})` };
    }
  }
}

function joinBase(base: string, rest: string): string {
  const b = base.replace(/\\/g, '/').replace(/^\/\/+/, '/');
  return path.join(b, rest);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
