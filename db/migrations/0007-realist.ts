import type { Migration } from '../migrate.js';

/**
 * Schema v7, realist analysis: concepts that cluster codes and code sets; CMOCs (context,
 * mechanism as one text or as resource and reasoning, outcome) under a concept as their theme;
 * the evidence for each part, as passages of sources; every change to a CMOC kept.
 *
 * Evidence never disappears silently: when its source or coding is deleted, the row stays with
 * the quote and source name it had (quote, source_name), its source_id or coding_id set to
 * NULL, and `lost` saying what went, so the CMOC shows the gap.
 */
export const m0007Realist: Migration = {
  version: 7,
  name: 'realist',
  up(db) {
    db.exec(`
      CREATE TABLE concepts (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        color TEXT NOT NULL DEFAULT '#5c7cfa',
        position INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id)
      ) STRICT;
      CREATE UNIQUE INDEX concepts_name ON concepts (name COLLATE NOCASE);

      CREATE TABLE concept_codes (
        id INTEGER PRIMARY KEY,
        concept_id INTEGER NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
        code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        UNIQUE (concept_id, code_id)
      ) STRICT;
      CREATE INDEX concept_codes_by_code ON concept_codes (code_id);

      CREATE TABLE concept_sets (
        id INTEGER PRIMARY KEY,
        concept_id INTEGER NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
        set_id INTEGER NOT NULL REFERENCES code_sets(id) ON DELETE CASCADE,
        UNIQUE (concept_id, set_id)
      ) STRICT;

      CREATE TABLE cmocs (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        -- A short handle shown in tables and on the canvas ("CMOC 3: a room of one's own").
        title TEXT NOT NULL,
        concept_id INTEGER REFERENCES concepts(id) ON DELETE SET NULL,
        context TEXT NOT NULL DEFAULT '',
        mechanism TEXT NOT NULL DEFAULT '',
        -- Mechanism split (optional): what the programme offers, how people respond.
        resource TEXT NOT NULL DEFAULT '',
        reasoning TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL DEFAULT '',
        -- The If–Then–Because statement as the user edited it; NULL: drafted from the parts.
        statement TEXT,
        provenance TEXT NOT NULL DEFAULT '' CHECK (provenance IN ('', 'review', 'theory', 'data')),
        status TEXT NOT NULL DEFAULT 'untested'
          CHECK (status IN ('untested', 'supported', 'refined', 'refuted')),
        status_reason TEXT NOT NULL DEFAULT '',
        confidence TEXT NOT NULL DEFAULT '' CHECK (confidence IN ('', 'low', 'medium', 'high')),
        notes TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id)
      ) STRICT;
      CREATE INDEX cmocs_by_concept ON cmocs (concept_id, position);

      CREATE TABLE cmoc_evidence (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        cmoc_id INTEGER NOT NULL REFERENCES cmocs(id) ON DELETE CASCADE,
        part TEXT NOT NULL CHECK (part IN ('context', 'mechanism', 'resource', 'reasoning', 'outcome')),
        source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        -- The coding it was taken from, if any (evidence may be uncoded text).
        coding_id INTEGER REFERENCES codings(id) ON DELETE SET NULL,
        coding_guid TEXT,
        -- What it said and where, kept so that a deleted source or coding leaves a readable gap.
        quote TEXT NOT NULL,
        source_name TEXT NOT NULL,
        -- '' while sound; 'source' or 'coding' once that was deleted, 'text' once its words were.
        lost TEXT NOT NULL DEFAULT '' CHECK (lost IN ('', 'source', 'coding', 'text')),
        position INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        CHECK (start >= 0 AND end > start)
      ) STRICT;
      CREATE INDEX cmoc_evidence_by_cmoc ON cmoc_evidence (cmoc_id, part, position);
      CREATE INDEX cmoc_evidence_by_source ON cmoc_evidence (source_id, start);
      CREATE INDEX cmoc_evidence_by_coding ON cmoc_evidence (coding_id);

      -- Deletions flag evidence instead of dropping it (SET NULL alone would not say why).
      -- (A source's codings go first, so its coded evidence may already say 'coding'.)
      CREATE TRIGGER cmoc_evidence_source_lost AFTER DELETE ON sources BEGIN
        UPDATE cmoc_evidence SET lost = 'source'
         WHERE source_id IS NULL AND lost IN ('', 'coding');
      END;
      CREATE TRIGGER cmoc_evidence_coding_lost AFTER DELETE ON codings BEGIN
        UPDATE cmoc_evidence SET lost = 'coding'
         WHERE coding_guid = OLD.guid AND coding_id IS NULL AND lost = '';
      END;
      -- A coding put back (undo) makes its evidence sound again.
      CREATE TRIGGER cmoc_evidence_coding_back AFTER INSERT ON codings BEGIN
        UPDATE cmoc_evidence SET coding_id = NEW.id, lost = ''
         WHERE coding_guid = NEW.guid AND lost = 'coding' AND source_id = NEW.source_id;
      END;

      -- Every change to a CMOC: who, when, what it was before and after (JSON of its fields).
      CREATE TABLE cmoc_history (
        id INTEGER PRIMARY KEY,
        cmoc_id INTEGER NOT NULL REFERENCES cmocs(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        action TEXT NOT NULL,
        before TEXT,
        after TEXT,
        -- For evidence added or removed: "quote (source)".
        detail TEXT,
        reason TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL,
        changed_by INTEGER REFERENCES users(id),
        UNIQUE (cmoc_id, version)
      ) STRICT;

      -- The programme theory canvas: where concepts and CMOCs sit, labelled links between them,
      -- and optional continuum stages (JSON), one canvas per project for now.
      CREATE TABLE canvas_items (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('concept', 'cmoc', 'note')),
        ref_id INTEGER,
        label TEXT NOT NULL DEFAULT '',
        x REAL NOT NULL,
        y REAL NOT NULL,
        UNIQUE (kind, ref_id)
      ) STRICT;
      CREATE TABLE canvas_links (
        id INTEGER PRIMARY KEY,
        from_item INTEGER NOT NULL REFERENCES canvas_items(id) ON DELETE CASCADE,
        to_item INTEGER NOT NULL REFERENCES canvas_items(id) ON DELETE CASCADE,
        label TEXT NOT NULL DEFAULT ''
      ) STRICT;
    `);
  },
};
