import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { WeftError } from './errors.js';
import { migrate, schemaVersion, SCHEMA_VERSION } from './migrate.js';
import { newGuid, nowIso } from './ids.js';

export type Db = Database.Database;

/** 'WEFT' in ASCII: marks a SQLite file as a Weft project. */
export const APPLICATION_ID = 0x57454654;
const SQLITE_MAGIC = 'SQLite format 3\0';

export interface OpenOptions {
  /** Create a new project at `file`; refuses to overwrite an existing file. */
  create?: boolean;
  /** Project name for a new project (defaults to the file name). */
  name?: string;
  /** Path to a better-sqlite3 binary built for this runtime (Electron's ABI). */
  nativeBinding?: string;
}

export function openProject(file: string, options: OpenOptions = {}): Db {
  const abs = path.resolve(file);
  const exists = fs.existsSync(abs);
  if (options.create) {
    if (exists)
      throw new WeftError('exists', `A file already exists at ${abs}. Choose another name.`);
    const dir = path.dirname(abs);
    if (!fs.existsSync(dir)) throw new WeftError('not_found', `The folder ${dir} does not exist.`);
  } else {
    if (!exists) throw new WeftError('not_found', `No project at ${abs}.`);
    if (fs.statSync(abs).isDirectory())
      throw new WeftError('not_a_project', `${abs} is a folder, not a Weft project.`);
    assertSqliteHeader(abs);
  }

  let db: Db;
  try {
    db = new Database(abs, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (e) {
    throw new WeftError('open_failed', `Could not open ${abs}: ${(e as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Check before writing anything: a file we refuse must be left exactly as it was.
    if (!options.create) {
      assertWeftFile(db, abs);
      assertNotFromTheFuture(db);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
      db.pragma(`application_id = ${APPLICATION_ID}`);
    }
    migrate(db, options.create ? null : abs);
    if (!getGuid(db)) initMeta(db, options.name ?? path.basename(abs).replace(/\.weft$/i, ''));
    return db;
  } catch (e) {
    db.close();
    if (options.create) removeQuietly(abs);
    throw asOpenError(e, abs);
  }
}

/** SQLite's own words for a bad file become a message a researcher can act on. */
function asOpenError(e: unknown, file: string): unknown {
  const code = (e as { code?: string }).code;
  const name = path.basename(file);
  if (code === 'SQLITE_CORRUPT')
    return new WeftError('corrupt', `${name} is damaged. Open a backup instead.`);
  if (code === 'SQLITE_NOTADB')
    return new WeftError('not_a_project', `${name} is not a Weft project file.`);
  return e;
}

function assertNotFromTheFuture(db: Db): void {
  const version = schemaVersion(db);
  if (version > SCHEMA_VERSION) {
    throw new WeftError(
      'too_new',
      `This project was saved by a newer version of Weft (file format ${version}; this Weft reads up to ${SCHEMA_VERSION}). Update Weft to open it.`,
    );
  }
}

function getGuid(db: Db): string | undefined {
  const row = db.prepare("SELECT value FROM project_meta WHERE key = 'guid'").get() as
    { value: string } | undefined;
  return row?.value;
}

function assertSqliteHeader(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    if (n === 0) return; // an empty file is a fresh database
    if (n < 16 || buf.toString('latin1') !== SQLITE_MAGIC) {
      throw new WeftError('not_a_project', `${path.basename(file)} is not a Weft project file.`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function assertWeftFile(db: Db, file: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId === APPLICATION_ID) {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new WeftError(
        'corrupt',
        `${path.basename(file)} is damaged (${String(check)}). Open a backup instead.`,
      );
    }
    return;
  }
  const tables = db
    .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")
    .get() as { n: number };
  if (appId !== 0 || tables.n > 0) {
    throw new WeftError(
      'not_a_project',
      `${path.basename(file)} is a SQLite database but not a Weft project.`,
    );
  }
}

function initMeta(db: Db, name: string): void {
  const put = db.prepare('INSERT OR REPLACE INTO project_meta (key, value) VALUES (?, ?)');
  db.transaction(() => {
    put.run('guid', newGuid());
    put.run('name', name);
    put.run('created_at', nowIso());
  })();
}

function removeQuietly(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.rmSync(f, { force: true });
    } catch {
      /* best effort */
    }
  }
}
