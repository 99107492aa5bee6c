import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import { WeftError } from '../errors.js';

/** What deleting a source takes with it, and the CMOC evidence it would flag, for the prompt. */
export interface SourceImpact {
  name: string;
  codings: number;
  /** Memos about the source: they are kept (their text is the researcher's own writing). */
  memos: number;
  memoPassages: number;
  annotations: number;
  casePassages: number;
  /** CMOCs quoting this source: their evidence is flagged "source deleted", never dropped. */
  cmocs: { id: number; title: string; quotes: number }[];
}

export function sourceImpact(db: Db, id: number): SourceImpact {
  const row = prep(db, 'SELECT name FROM sources WHERE id = ?').get(id) as
    { name: string } | undefined;
  if (!row) throw new WeftError('not_found', `There is no source with id ${id}.`);
  const count = (sql: string) => prep(db, sql).pluck().get(id) as number;
  return {
    name: row.name,
    codings: count('SELECT count(*) FROM codings WHERE source_id = ?'),
    memos: count("SELECT count(*) FROM memos WHERE target_type = 'source' AND target_id = ?"),
    memoPassages: count('SELECT count(*) FROM memo_passages WHERE source_id = ?'),
    annotations: count('SELECT count(*) FROM annotations WHERE source_id = ?'),
    casePassages: count('SELECT count(*) FROM case_passages WHERE source_id = ?'),
    cmocs: prep(
      db,
      `SELECT c.id, c.title, count(*) AS quotes
         FROM cmoc_evidence e JOIN cmocs c ON c.id = e.cmoc_id
        WHERE e.source_id = ? AND e.lost = ''
        GROUP BY c.id ORDER BY c.position, c.id`,
    ).all(id) as { id: number; title: string; quotes: number }[],
  };
}
