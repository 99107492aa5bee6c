import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is compiled for Node (tests, CLI, browser mode). Inside Electron we load a
 * second copy built for Electron's ABI, kept apart so neither runtime breaks the other.
 */
export function electronBindingDir(appRoot: string): string {
  return path.join(appRoot, '.native', 'electron');
}

export function electronBindingPath(appRoot: string): string | undefined {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.WEFT_NATIVE_BINDING,
    resources ? path.join(resources, 'native', 'better_sqlite3.node') : undefined,
    path.join(electronBindingDir(appRoot), 'better_sqlite3.node'),
  ];
  return candidates.find((c): c is string => !!c && fs.existsSync(c));
}
