import fs from 'node:fs';
import Database from 'better-sqlite3';
import { WeftError } from './errors.js';
import { m0001Init } from './migrations/0001-init.js';
import { m0002Cases } from './migrations/0002-cases.js';
import { m0003RichText } from './migrations/0003-rich-text.js';
import { m0004StableIds } from './migrations/0004-stable-ids.js';
import { m0005SourceNames } from './migrations/0005-source-names.js';
import { m0006Workbench } from './migrations/0006-workbench.js';
import { m0007Realist } from './migrations/0007-realist.js';
import { m0008Exchange } from './migrations/0008-exchange.js';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Every migration, in order. Never edit one that has shipped: add the next number. */
export const MIGRATIONS: readonly Migration[] = [
  m0001Init,
  m0002Cases,
  m0003RichText,
  m0004StableIds,
  m0005SourceNames,
  m0006Workbench,
  m0007Realist,
  m0008Exchange,
];
export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings a project file up to SCHEMA_VERSION in one transaction. A file that already holds
 * data is first copied beside itself and the copy checked, so a failed upgrade loses nothing.
 */
export function migrate(
  db: Database.Database,
  file: string | null,
): { from: number; to: number; backup?: string } {
  const from = schemaVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new WeftError(
      'too_new',
      `This project was saved by a newer version of Weft (file format ${from}; this Weft reads up to ${SCHEMA_VERSION}). Update Weft to open it.`,
    );
  }
  if (from === SCHEMA_VERSION) return { from, to: from };
  let backup: string | undefined;
  if (from > 0 && file) backup = verifiedBackup(db, file, from);
  const run = db.transaction(() => {
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  });
  run();
  return { from, to: SCHEMA_VERSION, backup };
}

function verifiedBackup(db: Database.Database, file: string, version: number): string {
  const backup = `${file}.v${version}-${Date.now()}.bak`;
  db.prepare('VACUUM INTO ?').run(backup);
  const copy = new Database(backup, { readonly: true });
  try {
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok')
      throw new WeftError(
        'backup_failed',
        `The backup before upgrading is damaged: ${String(result)}`,
      );
  } finally {
    copy.close();
  }
  if (!fs.existsSync(backup))
    throw new WeftError('backup_failed', 'Could not write a backup before upgrading.');
  return backup;
}
