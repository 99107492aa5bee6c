import type { Migration } from '../migrate.js';

/**
 * Codings and case passages get ids that are never reused (AUTOINCREMENT). Without it SQLite
 * hands a deleted row's id to the next new row, so Undo (which restores a deleted coding with
 * its id) could collide with a coding made since, and anything that refers to a coding by id
 * (evidence for a CMOC, say) could come to point at another one. SQLite cannot add
 * AUTOINCREMENT to a table, so each table is rebuilt with its rows, ids and indexes.
 */
export const m0004StableIds: Migration = {
  version: 4,
  name: 'stable-ids',
  up(db) {
    for (const table of ['codings', 'case_passages']) {
      const { sql } = db
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
        .get(table) as { sql: string };
      const indexes = db
        .prepare(
          "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        )
        .pluck()
        .all(table) as string[];
      const rebuilt = sql
        .replace(new RegExp(`^CREATE TABLE ${table}\\b`), `CREATE TABLE ${table}_rebuilt`)
        .replace(/\bid INTEGER PRIMARY KEY,/, 'id INTEGER PRIMARY KEY AUTOINCREMENT,');
      if (!rebuilt.includes('AUTOINCREMENT'))
        throw new Error(`Cannot rebuild ${table}: unexpected schema`);
      db.exec(rebuilt);
      db.exec(`INSERT INTO ${table}_rebuilt SELECT * FROM ${table}`);
      db.exec(`DROP TABLE ${table}`);
      db.exec(`ALTER TABLE ${table}_rebuilt RENAME TO ${table}`);
      for (const index of indexes) db.exec(index);
    }
  },
};
