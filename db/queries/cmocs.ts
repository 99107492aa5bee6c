import { WeftError } from '../errors.js';
import { newGuid, nowIso } from '../ids.js';
import type { Db } from '../open.js';
import type {
  Cmoc,
  CmocDetail,
  CmocFields,
  CmocHistoryEntry,
  CmocPart,
  Evidence,
} from '../realist-types.js';
import { draftStatement } from '../statement.js';
import { prep } from '../stmt.js';
import { attributionsFor } from './excerpts.js';
import { sourceText } from './sources.js';

export const PARTS: readonly CmocPart[] = [
  'context',
  'mechanism',
  'resource',
  'reasoning',
  'outcome',
];

/** The editable fields, in the order history and exports list them. */
const FIELDS = [
  'title',
  'conceptId',
  'context',
  'mechanism',
  'resource',
  'reasoning',
  'outcome',
  'statement',
  'provenance',
  'status',
  'statusReason',
  'confidence',
  'notes',
] as const satisfies readonly (keyof CmocFields)[];

const COLUMN: Record<keyof CmocFields, string> = {
  title: 'title',
  conceptId: 'concept_id',
  context: 'context',
  mechanism: 'mechanism',
  resource: 'resource',
  reasoning: 'reasoning',
  outcome: 'outcome',
  statement: 'statement',
  provenance: 'provenance',
  status: 'status',
  statusReason: 'status_reason',
  confidence: 'confidence',
  notes: 'notes',
};

const PART_ORDER = `CASE e.part WHEN 'context' THEN 0 WHEN 'mechanism' THEN 1 WHEN 'resource' THEN 2
  WHEN 'reasoning' THEN 3 ELSE 4 END`;

type CmocRow = CmocFields & {
  id: number;
  guid: string;
  conceptName: string | null;
  createdAt: string;
  updatedAt: string;
};

const SELECT_CMOC = `SELECT c.id, c.guid, c.title, c.concept_id AS conceptId, k.name AS conceptName,
    c.context, c.mechanism, c.resource, c.reasoning, c.outcome, c.statement, c.provenance,
    c.status, c.status_reason AS statusReason, c.confidence, c.notes,
    c.created_at AS createdAt, c.updated_at AS updatedAt
  FROM cmocs c LEFT JOIN concepts k ON k.id = c.concept_id`;

const ORDER_CMOC = `ORDER BY c.concept_id IS NULL, k.position, k.name COLLATE NOCASE, k.id,
  c.position, c.id`;

export interface CmocFilter {
  conceptId?: number | null;
  status?: CmocFields['status'];
  provenance?: CmocFields['provenance'];
}

export const notFound = (what: string, id: number) =>
  new WeftError('not_found', `There is no ${what} with id ${id}.`);

// ---------------------------------------------------------------- reading

/** CMOCs by theme (the concept's board order, then name), then their own order. */
export function listCmocs(db: Db, filter: CmocFilter = {}): Cmoc[] {
  const where: string[] = [];
  const args: Record<string, unknown> = {};
  if (filter.conceptId === null) where.push('c.concept_id IS NULL');
  else if (filter.conceptId !== undefined) {
    where.push('c.concept_id = @concept');
    args.concept = filter.conceptId;
  }
  if (filter.status !== undefined) {
    where.push('c.status = @status');
    args.status = filter.status;
  }
  if (filter.provenance !== undefined) {
    where.push('c.provenance = @provenance');
    args.provenance = filter.provenance;
  }
  const sql = `${SELECT_CMOC} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${ORDER_CMOC}`;
  return withSummaries(db, prep(db, sql).all(args) as CmocRow[]);
}

export function getCmoc(db: Db, id: number): CmocDetail | undefined {
  const row = prep(db, `${SELECT_CMOC} WHERE c.id = ?`).get(id) as CmocRow | undefined;
  if (!row) return undefined;
  return { ...withSummaries(db, [row])[0]!, evidenceItems: evidenceOf(db, 'e.cmoc_id = ?', id) };
}

export function requireCmoc(db: Db, id: number): CmocDetail {
  const c = getCmoc(db, id);
  if (!c) throw notFound('CMOC', id);
  return c;
}

function withSummaries(db: Db, rows: CmocRow[]): Cmoc[] {
  if (!rows.length) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const counts = prep(
    db,
    `SELECT cmoc_id AS id, part, count(*) AS n, sum(lost <> '') AS lost FROM cmoc_evidence
      WHERE cmoc_id IN (SELECT value FROM json_each(?)) GROUP BY cmoc_id, part`,
  ).all(ids) as { id: number; part: CmocPart; n: number; lost: number }[];
  const versions = new Map(
    (
      prep(
        db,
        `SELECT cmoc_id AS id, max(version) AS v FROM cmoc_history
          WHERE cmoc_id IN (SELECT value FROM json_each(?)) GROUP BY cmoc_id`,
      ).all(ids) as { id: number; v: number }[]
    ).map((r) => [r.id, r.v]),
  );
  return rows.map((r) => {
    const evidence = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<CmocPart, number>;
    let lostEvidence = 0;
    for (const c of counts.filter((x) => x.id === r.id)) {
      evidence[c.part] = c.n;
      lostEvidence += c.lost;
    }
    const has = (p: CmocPart) => r[p].trim() !== '' || evidence[p] > 0;
    const missing: Cmoc['missing'] = [];
    if (!has('context')) missing.push('context');
    if (!has('mechanism') && !has('resource') && !has('reasoning')) missing.push('mechanism');
    if (!has('outcome')) missing.push('outcome');
    return {
      ...r,
      shownStatement: r.statement ?? draftStatement(r),
      missing,
      evidence,
      lostEvidence,
      version: versions.get(r.id) ?? 0,
    };
  });
}

// ---------------------------------------------------------------- evidence as read

interface EvidenceRow {
  id: number;
  guid: string;
  cmocId: number;
  part: CmocPart;
  sourceId: number | null;
  sourceName: string;
  start: number;
  end: number;
  codingId: number | null;
  quote: string;
  lost: Evidence['lost'];
  kind: string | null;
  folder: string | null;
  coder: string;
  codeName: string | null;
}

/** Evidence matching `where` (on alias e), in part order then position, with words and attribution. */
function evidenceOf(db: Db, where: string, ...args: unknown[]): Evidence[] {
  const rows = prep(
    db,
    `SELECT e.id, e.guid, e.cmoc_id AS cmocId, e.part, e.source_id AS sourceId,
            ifnull(s.name, e.source_name) AS sourceName, e.start, e.end, e.coding_id AS codingId,
            e.quote, e.lost, s.kind, s.folder, ifnull(u.name, ifnull(m.name, '')) AS coder,
            k.name AS codeName
       FROM cmoc_evidence e LEFT JOIN sources s ON s.id = e.source_id
       LEFT JOIN codings g ON g.id = e.coding_id LEFT JOIN codes k ON k.id = g.code_id
       LEFT JOIN users u ON u.id = g.coder_id LEFT JOIN users m ON m.id = e.created_by
      WHERE ${where} ORDER BY e.cmoc_id, ${PART_ORDER}, e.position, e.id`,
  ).all(...args) as EvidenceRow[];
  // Attributed as excerpts are (the same rules, one read per source); a deleted source: ''.
  const attributions = attributionsFor(
    db,
    rows.map((r) => ({
      sourceId: r.sourceId ?? 0,
      sourceName: r.sourceName,
      start: r.start,
      end: r.end,
      coder: r.coder,
      codeName: r.codeName ?? '',
    })),
  );
  return rows.map((r, i) => {
    const text = r.sourceId === null ? undefined : sourceText(db, r.sourceId);
    // Words deleted from the text leave their offsets meaningless: show what they said.
    const quote = text !== undefined && r.lost !== 'text' ? text.slice(r.start, r.end) : r.quote;
    const attribution = attributions[i]!;
    return {
      id: r.id,
      guid: r.guid,
      cmocId: r.cmocId,
      part: r.part,
      sourceId: r.sourceId,
      sourceName: r.sourceName,
      start: r.start,
      end: r.end,
      codingId: r.codingId,
      quote,
      attribution,
      // Deleting a source deletes its codings first, whose trigger may flag 'coding': the
      // source going is what the user must hear about.
      lost: r.sourceId === null ? 'source' : r.lost,
    };
  });
}

/** Every CMOC's evidence at once (exports), by CMOC id. */
export function evidenceByCmoc(db: Db, ids: readonly number[]): Map<number, Evidence[]> {
  const out = new Map<number, Evidence[]>();
  for (const e of evidenceOf(
    db,
    'e.cmoc_id IN (SELECT value FROM json_each(?))',
    JSON.stringify(ids),
  ))
    out.set(e.cmocId, [...(out.get(e.cmocId) ?? []), e]);
  return out;
}

/** Evidence a deletion of the source would flag: still sound, pointing into it. */
export function evidenceInSource(db: Db, sourceId: number): Evidence[] {
  return evidenceOf(db, "e.source_id = ? AND e.lost = ''", sourceId);
}

// ---------------------------------------------------------------- writing

export type CmocChanges = Partial<CmocFields>;

/** Statuses that say the data argued with the CMOC: the history must say why. */
const NEEDS_REASON = new Set<CmocFields['status']>(['refined', 'refuted']);

function requireConcept(db: Db, id: number | null | undefined): void {
  if (id === null || id === undefined) return;
  if (prep(db, 'SELECT 1 FROM concepts WHERE id = ?').get(id) === undefined)
    throw notFound('concept', id);
}

/** "CMOC n", n one more than the CMOCs there are (or the first such title not taken). */
function defaultTitle(db: Db): string {
  let n = (prep(db, 'SELECT count(*) FROM cmocs').pluck().get() as number) + 1;
  const taken = prep(db, 'SELECT 1 FROM cmocs WHERE title = ? COLLATE NOCASE');
  while (taken.get(`CMOC ${n}`) !== undefined) n++;
  return `CMOC ${n}`;
}

function fieldsOf(c: CmocFields): CmocFields {
  return Object.fromEntries(FIELDS.map((f) => [f, c[f]])) as unknown as CmocFields;
}

function record(
  db: Db,
  cmocId: number,
  entry: {
    action: CmocHistoryEntry['action'];
    before?: CmocChanges | null;
    after?: CmocChanges | null;
    detail?: string | null;
    reason?: string;
  },
  userId: number,
  at: string,
): void {
  const version =
    ((prep(db, 'SELECT max(version) FROM cmoc_history WHERE cmoc_id = ?').pluck().get(cmocId) as
      number | null) ?? 0) + 1;
  prep(
    db,
    `INSERT INTO cmoc_history (cmoc_id, version, action, before, after, detail, reason, changed_at, changed_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    cmocId,
    version,
    entry.action,
    entry.before ? JSON.stringify(entry.before) : null,
    entry.after ? JSON.stringify(entry.after) : null,
    entry.detail ?? null,
    entry.reason ?? '',
    at,
    userId,
  );
  prep(db, 'UPDATE cmocs SET updated_at = ? WHERE id = ?').run(at, cmocId);
}

/** A new CMOC (history: 'created', version 1). Call inside the action's transaction. */
export function insertCmoc(db: Db, input: CmocChanges, userId: number): number {
  requireConcept(db, input.conceptId);
  const status = input.status ?? 'untested';
  const statusReason = (input.statusReason ?? '').trim();
  if (NEEDS_REASON.has(status) && !statusReason)
    throw new WeftError('reason_required', `Say why the CMOC is ${status} (a reason is required).`);
  const fields: CmocFields = {
    title: input.title?.trim() || defaultTitle(db),
    conceptId: input.conceptId ?? null,
    context: input.context ?? '',
    mechanism: input.mechanism ?? '',
    resource: input.resource ?? '',
    reasoning: input.reasoning ?? '',
    outcome: input.outcome ?? '',
    statement: input.statement ?? null,
    provenance: input.provenance ?? '',
    status,
    statusReason,
    confidence: input.confidence ?? '',
    notes: input.notes ?? '',
  };
  const at = nowIso();
  const position =
    (prep(db, 'SELECT ifnull(max(position), -1) + 1 FROM cmocs WHERE concept_id IS ?')
      .pluck()
      .get(fields.conceptId) as number) ?? 0;
  const id = Number(
    prep(
      db,
      `INSERT INTO cmocs (guid, ${FIELDS.map((f) => COLUMN[f]).join(', ')}, position, created_at, updated_at, created_by)
       VALUES (${['?', ...FIELDS.map(() => '?'), '?', '?', '?', '?'].join(', ')})`,
    ).run(newGuid(), ...FIELDS.map((f) => fields[f]), position, at, at, userId).lastInsertRowid,
  );
  record(db, id, { action: 'created', after: fields }, userId, at);
  return id;
}

/**
 * Changes a CMOC's fields, keeping before and after of only what changed. A status that becomes
 * refined or refuted needs a reason (the `reason` given, else the new statusReason); the reason
 * becomes the status reason unless one is given. Returns false when nothing changed (no
 * history row, no new version).
 */
export function updateCmoc(
  db: Db,
  id: number,
  input: CmocChanges,
  reason: string | undefined,
  userId: number,
): boolean {
  const current = fieldsOf(requireCmoc(db, id));
  if (input.conceptId !== undefined) requireConcept(db, input.conceptId);
  const wanted: CmocChanges = { ...input };
  if (wanted.title !== undefined) wanted.title = wanted.title.trim();
  const why = (reason ?? '').trim();
  const statusChanges = wanted.status !== undefined && wanted.status !== current.status;
  if (statusChanges) {
    const given = why || (wanted.statusReason ?? '').trim();
    if (NEEDS_REASON.has(wanted.status!) && !given)
      throw new WeftError(
        'reason_required',
        `Say why the CMOC is now ${wanted.status} (a reason is required).`,
      );
    if (wanted.statusReason === undefined) wanted.statusReason = given;
  }
  const before: CmocChanges = {};
  const after: CmocChanges = {};
  for (const f of FIELDS) {
    if (wanted[f] === undefined || wanted[f] === current[f]) continue;
    (before as Record<string, unknown>)[f] = current[f];
    (after as Record<string, unknown>)[f] = wanted[f];
  }
  const changed = Object.keys(after) as (keyof CmocFields)[];
  if (!changed.length) return false;
  prep(
    db,
    `UPDATE cmocs SET ${changed.map((f) => `${COLUMN[f]} = ?`).join(', ')} WHERE id = ?`,
  ).run(...changed.map((f) => after[f]), id);
  const action = changed.includes('status') ? 'status' : 'edited';
  record(
    db,
    id,
    { action, before, after, reason: why || (after.statusReason ?? '') },
    userId,
    nowIso(),
  );
  return true;
}

export function deleteCmoc(db: Db, id: number): boolean {
  return prep(db, 'DELETE FROM cmocs WHERE id = ?').run(id).changes > 0;
}

export interface NewEvidence {
  cmocId: number;
  part: CmocPart;
  sourceId: number;
  start: number;
  end: number;
  codingId?: number;
}

const splitsPair = (text: string, i: number) =>
  i > 0 &&
  i < text.length &&
  /[\uD800-\uDBFF]/.test(text.charAt(i - 1)) &&
  /[\uDC00-\uDFFF]/.test(text.charAt(i));

const evidenceLabel = (quote: string, source: string) =>
  `${quote.replace(/\s+/g, ' ').trim()} (${source})`;

/**
 * Links [start, end) of a source to a part of a CMOC, keeping its words and source name so the
 * link survives the source's deletion readably. The same passage on the same part is linked
 * once: adding it again returns the existing evidence's id. Call inside a transaction.
 */
export function insertEvidence(db: Db, e: NewEvidence, userId: number): number {
  requireCmoc(db, e.cmocId);
  const source = prep(db, 'SELECT name, text FROM sources WHERE id = ?').get(e.sourceId) as
    { name: string; text: string } | undefined;
  if (!source) throw notFound('source', e.sourceId);
  if (e.end > source.text.length)
    throw new WeftError(
      'out_of_range',
      `The passage ends at ${e.end}, past the end of the source (${source.text.length}).`,
    );
  if (e.end <= e.start) throw new WeftError('bad_offset', 'Select some text.');
  if (splitsPair(source.text, e.start) || splitsPair(source.text, e.end))
    throw new WeftError('bad_offset', 'The passage boundary splits a character.');
  let codingGuid: string | null = null;
  if (e.codingId !== undefined) {
    const coding = prep(db, 'SELECT guid, source_id, start, end FROM codings WHERE id = ?').get(
      e.codingId,
    ) as { guid: string; source_id: number; start: number; end: number } | undefined;
    if (!coding) throw notFound('coding', e.codingId);
    if (coding.source_id !== e.sourceId || coding.start > e.start || coding.end < e.end)
      throw new WeftError('bad_coding', 'That coding does not hold the passage.');
    codingGuid = coding.guid;
  }
  const same = prep(
    db,
    `SELECT id FROM cmoc_evidence WHERE cmoc_id = ? AND part = ? AND source_id = ? AND start = ?
        AND end = ? AND lost = ''`,
  )
    .pluck()
    .get(e.cmocId, e.part, e.sourceId, e.start, e.end) as number | undefined;
  if (same !== undefined) return same;
  const quote = source.text.slice(e.start, e.end);
  const at = nowIso();
  const position = prep(
    db,
    'SELECT ifnull(max(position), -1) + 1 FROM cmoc_evidence WHERE cmoc_id = ? AND part = ?',
  )
    .pluck()
    .get(e.cmocId, e.part) as number;
  const id = Number(
    prep(
      db,
      `INSERT INTO cmoc_evidence (guid, cmoc_id, part, source_id, start, end, coding_id, coding_guid,
         quote, source_name, position, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      newGuid(),
      e.cmocId,
      e.part,
      e.sourceId,
      e.start,
      e.end,
      e.codingId ?? null,
      codingGuid,
      quote,
      source.name,
      position,
      at,
      userId,
    ).lastInsertRowid,
  );
  record(
    db,
    e.cmocId,
    { action: 'evidence added', detail: evidenceLabel(quote, source.name), after: null },
    userId,
    at,
  );
  return id;
}

/** Unlinks a piece of evidence; returns its CMOC's id. Call inside a transaction. */
export function deleteEvidence(db: Db, id: number, userId: number): number {
  const [e] = evidenceOf(db, 'e.id = ?', id);
  if (!e) throw notFound('piece of evidence', id);
  prep(db, 'DELETE FROM cmoc_evidence WHERE id = ?').run(id);
  record(
    db,
    e.cmocId,
    { action: 'evidence removed', detail: evidenceLabel(e.quote, e.sourceName) },
    userId,
    nowIso(),
  );
  return e.cmocId;
}

/** Every change to a CMOC, newest first, with who made it. */
export function cmocHistory(db: Db, id: number): CmocHistoryEntry[] {
  requireCmoc(db, id);
  const rows = prep(
    db,
    `SELECT h.version, h.action, h.before, h.after, h.detail, h.reason, ifnull(u.name, '') AS by,
            h.changed_at AS at
       FROM cmoc_history h LEFT JOIN users u ON u.id = h.changed_by
      WHERE h.cmoc_id = ? ORDER BY h.version DESC`,
  ).all(id) as {
    version: number;
    action: CmocHistoryEntry['action'];
    before: string | null;
    after: string | null;
    detail: string | null;
    reason: string;
    by: string;
    at: string;
  }[];
  return rows.map((r) => ({
    version: r.version,
    action: r.action,
    before: r.before === null ? null : (JSON.parse(r.before) as CmocChanges),
    after: r.after === null ? null : (JSON.parse(r.after) as CmocChanges),
    evidence: r.detail,
    reason: r.reason,
    by: r.by,
    at: r.at,
  }));
}
