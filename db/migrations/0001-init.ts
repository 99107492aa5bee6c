import type { Migration } from '../migrate.js';

/** Schema v1: project metadata, coders, sources (text stored once), codes, codings, memos. */
export const m0001Init: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE project_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        initials TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'document',
        text TEXT NOT NULL,
        text_length INTEGER NOT NULL,
        original_name TEXT,
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id)
      ) STRICT;

      CREATE TABLE codes (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        parent_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        color TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id)
      ) STRICT;
      CREATE UNIQUE INDEX codes_sibling_name ON codes (ifnull(parent_id, 0), name COLLATE NOCASE);

      CREATE TABLE codings (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        coder_id INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        CHECK (start >= 0 AND end > start)
      ) STRICT;
      CREATE INDEX codings_by_source ON codings (source_id, start);
      CREATE INDEX codings_by_code ON codings (code_id, source_id, start);

      CREATE TABLE memos (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        target_type TEXT CHECK (target_type IN ('project', 'source', 'code', 'coding')),
        target_id INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id)
      ) STRICT;
    `);
  },
};
