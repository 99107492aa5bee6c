import type { Migration } from '../migrate.js';

/**
 * Schema v6, the coding workbench: codebook entries (definition, inclusion and exclusion
 * criteria, example, origin), code sets, memos on cases with rich text and linked passages,
 * and annotations on passages.
 *
 * Tables the session undo log records (db/undo.ts) keep their rowid: the log puts rows back
 * by rowid, so none of them is WITHOUT ROWID.
 */
export const m0006Workbench: Migration = {
  version: 6,
  name: 'workbench',
  up(db) {
    db.exec(`
      ALTER TABLE codes ADD COLUMN inclusion TEXT NOT NULL DEFAULT '';
      ALTER TABLE codes ADD COLUMN exclusion TEXT NOT NULL DEFAULT '';
      ALTER TABLE codes ADD COLUMN example TEXT NOT NULL DEFAULT '';
      -- '' when nobody said: codes made before v6, or left unspecified.
      ALTER TABLE codes ADD COLUMN origin TEXT NOT NULL DEFAULT ''
        CHECK (origin IN ('', 'deductive', 'inductive'));

      CREATE TABLE code_sets (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id)
      ) STRICT;
      CREATE UNIQUE INDEX code_sets_name ON code_sets (name COLLATE NOCASE);

      CREATE TABLE code_set_members (
        id INTEGER PRIMARY KEY,
        set_id INTEGER NOT NULL REFERENCES code_sets(id) ON DELETE CASCADE,
        code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        UNIQUE (set_id, code_id)
      ) STRICT;
      CREATE INDEX code_set_members_by_code ON code_set_members (code_id);

      -- Memos gain cases as targets and the editor's JSON (rich); the CHECK needs a rebuild.
      CREATE TABLE memos_v6 (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        rich TEXT,
        target_type TEXT CHECK (target_type IN ('project', 'source', 'code', 'case', 'coding')),
        target_id INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id)
      ) STRICT;
      INSERT INTO memos_v6 (id, guid, title, body, target_type, target_id, created_at, updated_at, created_by)
        SELECT id, guid, title, body, target_type, target_id, created_at, updated_at, created_by FROM memos;
      DROP TABLE memos;
      ALTER TABLE memos_v6 RENAME TO memos;
      CREATE INDEX memos_by_target ON memos (target_type, target_id);

      -- Passages a memo points to; they move with the text like codings do.
      CREATE TABLE memo_passages (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        memo_id INTEGER NOT NULL REFERENCES memos(id) ON DELETE CASCADE,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        CHECK (start >= 0 AND end > start)
      ) STRICT;
      CREATE INDEX memo_passages_by_memo ON memo_passages (memo_id);
      CREATE INDEX memo_passages_by_source ON memo_passages (source_id, start);

      -- A short note on a passage (REFI-QDA: a note referenced from a selection).
      CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        CHECK (start >= 0 AND end > start)
      ) STRICT;
      CREATE INDEX annotations_by_source ON annotations (source_id, start);
    `);
  },
};
