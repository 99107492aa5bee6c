import type { Migration } from '../migrate.js';

/**
 * Sources written or edited in Weft keep their formatting (headings, lists, bold, italic) as the
 * editor's JSON. The plain text stays the truth that codings index into: each block of the rich
 * document is exactly one line of it, so formatting never moves an offset.
 */
export const m0003RichText: Migration = {
  version: 3,
  name: 'rich-text',
  up(db) {
    db.exec('ALTER TABLE sources ADD COLUMN rich TEXT');
  },
};
