import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WeftError } from '../../../db/errors.js';
import type { DirListing } from '../contract.js';
import type { Ctx } from '../context.js';

/**
 * Lists a folder for the in-app file picker that browser mode uses instead of native dialogs.
 * Hidden entries are left out; folders come first.
 */
export function listDir(ctx: Ctx, input: { dir?: string }): DirListing {
  let dir = input.dir ? path.resolve(input.dir) : ctx.env.projectsDir;
  if (!input.dir && !fs.existsSync(dir)) {
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch {
      dir = os.homedir();
    }
  }
  let dirents: fs.Dirent[];
  try {
    dirents = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WeftError('not_found', `The folder ${dir} does not exist.`);
    if (code === 'ENOTDIR') throw new WeftError('not_a_folder', `${dir} is not a folder.`);
    throw new WeftError('read_failed', `Cannot read ${dir}: ${(e as Error).message}`);
  }
  const entries = dirents
    .filter((d) => !d.name.startsWith('.'))
    .map((d) => ({ name: d.name, kind: (isDir(dir, d) ? 'dir' : 'file') as 'dir' | 'file' }))
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
  const parent = path.dirname(dir);
  return { dir, parent: parent === dir ? null : parent, entries };
}

function isDir(dir: string, d: fs.Dirent): boolean {
  if (d.isDirectory()) return true;
  if (!d.isSymbolicLink()) return false;
  try {
    return fs.statSync(path.join(dir, d.name)).isDirectory();
  } catch {
    return false;
  }
}

export const fsHandlers = { 'fs.list': listDir };
