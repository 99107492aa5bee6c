import type { Migration } from '../migrate.js';

/**
 * Schema v8, exchange with other tools through REFI-QDA (db/queries/refi):
 * - codes.codable: 0 for a folder of the code hierarchy (REFI isCodable="false"), which other
 *   tools use to group codes that are never applied themselves;
 * - refi_extras: what a project file brought that Weft has no place for but must not lose on
 *   the next export (links between arbitrary entities, graphs other than the theory canvas,
 *   sets of sources or notes), kept as the model's JSON under its GUID;
 * - an index on cmoc_evidence.coding_guid: the triggers of 0007 look evidence up by the GUID of
 *   every coding inserted or deleted, which read the whole table per coding (an import of
 *   200,000 codings into a project with evidence would read it 200,000 times).
 */
export const m0008Exchange: Migration = {
  version: 8,
  name: 'exchange',
  up(db) {
    db.exec(`
      ALTER TABLE codes ADD COLUMN codable INTEGER NOT NULL DEFAULT 1 CHECK (codable IN (0, 1));

      CREATE TABLE refi_extras (
        kind TEXT NOT NULL CHECK (kind IN ('link', 'graph', 'set', 'set-members')),
        guid TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (kind, guid)
      ) STRICT;

      CREATE INDEX cmoc_evidence_by_coding_guid ON cmoc_evidence (coding_guid);
    `);
  },
};
