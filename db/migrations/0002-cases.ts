import type { Migration } from '../migrate.js';

/**
 * Schema v2: source folders and descriptions; classifications, cases, typed attributes and
 * their values; sources and passages linked to cases.
 *
 * Case attributes always belong to a classification (deleting the classification deletes
 * them and their values; its cases stay, unclassified). Source attributes have none.
 */
export const m0002Cases: Migration = {
  version: 2,
  name: 'cases',
  up(db) {
    db.exec(`
      ALTER TABLE sources ADD COLUMN folder TEXT NOT NULL DEFAULT '';
      ALTER TABLE sources ADD COLUMN description TEXT NOT NULL DEFAULT '';

      CREATE TABLE classifications (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX classifications_name ON classifications (name COLLATE NOCASE);

      CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        classification_id INTEGER REFERENCES classifications(id) ON DELETE SET NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id)
      ) STRICT;
      CREATE UNIQUE INDEX cases_name ON cases (name COLLATE NOCASE);
      CREATE INDEX cases_by_classification ON cases (classification_id);

      CREATE TABLE attributes (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        scope TEXT NOT NULL CHECK (scope IN ('case', 'source')),
        classification_id INTEGER REFERENCES classifications(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean')),
        position INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        CHECK ((scope = 'case') = (classification_id IS NOT NULL))
      ) STRICT;
      CREATE UNIQUE INDEX attributes_name
        ON attributes (scope, ifnull(classification_id, 0), name COLLATE NOCASE);

      -- ANY keeps each value's own type: REAL numbers, TEXT text and dates, INTEGER 0/1 booleans.
      CREATE TABLE case_values (
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        attribute_id INTEGER NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
        value ANY NOT NULL,
        PRIMARY KEY (case_id, attribute_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX case_values_by_attribute ON case_values (attribute_id);

      CREATE TABLE source_values (
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        attribute_id INTEGER NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
        value ANY NOT NULL,
        PRIMARY KEY (source_id, attribute_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX source_values_by_attribute ON source_values (attribute_id);

      CREATE TABLE source_cases (
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (source_id, case_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX source_cases_by_case ON source_cases (case_id);

      CREATE TABLE case_passages (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        CHECK (start >= 0 AND end > start)
      ) STRICT;
      -- One passage per range per case. Re-anchoring after a text edit (queries/edit-source.ts)
      -- knows this index: passages of a case that collapse onto the same words become one.
      CREATE UNIQUE INDEX case_passages_range ON case_passages (case_id, source_id, start, end);
      CREATE INDEX case_passages_by_source ON case_passages (source_id, start);
    `);
  },
};
