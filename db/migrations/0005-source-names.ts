import type { Migration } from '../migrate.js';

/**
 * Every imported file's name is checked against the sources already there (to add " (2)");
 * without an index that check reads the whole table, so importing n files cost n² reads.
 */
export const m0005SourceNames: Migration = {
  version: 5,
  name: 'source-names',
  up(db) {
    db.exec('CREATE INDEX sources_by_name ON sources (name COLLATE NOCASE)');
  },
};
