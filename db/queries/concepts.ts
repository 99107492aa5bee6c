import type { AttributeType } from '../cases-types.js';
import type { Db } from '../open.js';
import { WeftError } from '../errors.js';
import { newGuid, nowIso } from '../ids.js';
import type { Concept } from '../realist-types.js';
import { prep } from '../stmt.js';
import type { Excerpt } from '../types.js';
import { forgetOnCanvas } from './canvas.js';
import { compareNames, fromStored } from './cases.js';
import { codebookOrder } from './codes.js';
import { casesOfSpans, codeAndDescendants, formatValue, listExcerpts } from './excerpts.js';

/**
 * Concepts: named clusters of codes and code sets (the study's four concepts under
 * 'belonging'). A code may sit in several concepts. A concept's codings are those of its codes,
 * of its sets' codes, and of every code nested under any of them, each coding once: a code
 * dropped on the board brings its sub-codes, as a code's own total does in the codebook.
 * Concepts are analysis, not the codebook: their changes are not session-undo steps.
 */

type ConceptRow = Omit<Concept, 'codeIds' | 'setIds' | 'codings' | 'cmocs'>;
const COLUMNS = 'id, guid, name, description, color';

/** The concept's codes, its sets' codes and all their descendants (a recursive walk). */
const EXPANDED = `
  WITH RECURSIVE roots(id) AS (
    SELECT code_id FROM concept_codes WHERE concept_id = @id
    UNION SELECT m.code_id FROM concept_sets s JOIN code_set_members m ON m.set_id = s.set_id
     WHERE s.concept_id = @id),
  tree(id) AS (SELECT id FROM roots UNION SELECT k.id FROM codes k JOIN tree ON k.parent_id = tree.id)`;

/** Every code whose codings count for the concept (see EXPANDED). */
export function conceptCodeIds(db: Db, id: number): number[] {
  return prep(db, `${EXPANDED} SELECT id FROM tree`).pluck().all({ id }) as number[];
}

function complete(db: Db, rows: ConceptRow[]): Concept[] {
  const codes = prep(
    db,
    'SELECT code_id FROM concept_codes WHERE concept_id = ? ORDER BY position, id',
  ).pluck();
  const sets = prep(
    db,
    `SELECT s.set_id FROM concept_sets s JOIN code_sets k ON k.id = s.set_id
      WHERE s.concept_id = ? ORDER BY k.position, k.id`,
  ).pluck();
  const codings = prep(
    db,
    `${EXPANDED} SELECT count(*) FROM codings WHERE code_id IN (SELECT id FROM tree)`,
  ).pluck();
  const cmocs = prep(db, 'SELECT count(*) FROM cmocs WHERE concept_id = ?').pluck();
  return rows.map((r) => ({
    ...r,
    codeIds: codes.all(r.id) as number[],
    setIds: sets.all(r.id) as number[],
    codings: codings.get({ id: r.id }) as number,
    cmocs: cmocs.get(r.id) as number,
  }));
}

export function listConcepts(db: Db): Concept[] {
  return complete(
    db,
    prep(db, `SELECT ${COLUMNS} FROM concepts ORDER BY position, id`).all() as ConceptRow[],
  );
}

export function getConcept(db: Db, id: number): Concept | undefined {
  const row = prep(db, `SELECT ${COLUMNS} FROM concepts WHERE id = ?`).get(id) as
    ConceptRow | undefined;
  return row ? complete(db, [row])[0] : undefined;
}

export function requireConcept(db: Db, id: number): Concept {
  const c = getConcept(db, id);
  if (!c) throw new WeftError('not_found', `There is no concept with id ${id}.`);
  return c;
}

/** Refuses a name another concept has, in any case and any script (the index only folds ASCII). */
function assertFreeName(db: Db, name: string, self?: number): void {
  const rows = prep(db, 'SELECT id, name FROM concepts').all() as { id: number; name: string }[];
  const clash = rows.find((r) => r.id !== self && r.name.toLowerCase() === name.toLowerCase());
  if (clash) throw new WeftError('duplicate', `A concept named “${clash.name}” already exists.`);
}

/** Refuses ids that are not rows of `table`, before anything is written. */
function assertIds(db: Db, table: 'codes' | 'code_sets', ids: number[], what: string): void {
  const exists = prep(db, `SELECT 1 FROM ${table} WHERE id = ?`);
  const missing = [...new Set(ids)].filter((id) => !exists.get(id));
  if (missing.length === 1)
    throw new WeftError('not_found', `There is no ${what} with id ${missing[0]}.`);
  if (missing.length)
    throw new WeftError(
      'not_found',
      `There are no ${what}s with ids ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? '…' : ''}.`,
    );
}

export interface NewConcept {
  name: string;
  description?: string;
  color?: string;
  createdBy?: number | null;
  guid?: string;
}

export function createConcept(db: Db, c: NewConcept): number {
  assertFreeName(db, c.name);
  const position = prep(db, 'SELECT ifnull(max(position) + 1, 0) FROM concepts').pluck().get();
  const info = prep(
    db,
    `INSERT INTO concepts (guid, name, description, color, position, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.guid ?? newGuid(),
    c.name,
    c.description ?? '',
    c.color ?? '#5c7cfa',
    position,
    nowIso(),
    c.createdBy ?? null,
  );
  return Number(info.lastInsertRowid);
}

export function updateConcept(
  db: Db,
  id: number,
  fields: { name?: string; description?: string; color?: string },
): void {
  requireConcept(db, id);
  if (fields.name !== undefined) assertFreeName(db, fields.name, id);
  prep(
    db,
    `UPDATE concepts SET name = ifnull(@name, name), description = ifnull(@description, description),
            color = ifnull(@color, color) WHERE id = @id`,
  ).run({
    id,
    name: fields.name ?? null,
    description: fields.description ?? null,
    color: fields.color ?? null,
  });
}

/**
 * Deletes the concept; its codes and sets stay, and its CMOCs stay without a theme (SET NULL).
 * Its place on the canvas goes now, before SQLite could hand its id to a new concept.
 */
export function deleteConcept(db: Db, id: number): void {
  requireConcept(db, id);
  forgetOnCanvas(db, 'concept', id);
  prep(db, 'DELETE FROM concepts WHERE id = ?').run(id);
}

/** Appends codes to the concept's column, in the order given; ones already there stay put. */
export function addConceptCodes(db: Db, id: number, codeIds: number[]): void {
  requireConcept(db, id);
  assertIds(db, 'codes', codeIds, 'code');
  let next = prep(db, 'SELECT ifnull(max(position) + 1, 0) FROM concept_codes WHERE concept_id = ?')
    .pluck()
    .get(id) as number;
  const add = prep(
    db,
    'INSERT OR IGNORE INTO concept_codes (concept_id, code_id, position) VALUES (?, ?, ?)',
  );
  for (const codeId of new Set(codeIds)) next += add.run(id, codeId, next).changes;
}

/** Takes codes out of the concept (codes not in it are ignored; unknown ids are refused). */
export function removeConceptCodes(db: Db, id: number, codeIds: number[]): void {
  requireConcept(db, id);
  assertIds(db, 'codes', codeIds, 'code');
  const del = prep(db, 'DELETE FROM concept_codes WHERE concept_id = ? AND code_id = ?');
  for (const codeId of new Set(codeIds)) del.run(id, codeId);
}

export function addConceptSets(db: Db, id: number, setIds: number[]): void {
  requireConcept(db, id);
  assertIds(db, 'code_sets', setIds, 'code set');
  const add = prep(db, 'INSERT OR IGNORE INTO concept_sets (concept_id, set_id) VALUES (?, ?)');
  for (const setId of new Set(setIds)) add.run(id, setId);
}

export function removeConceptSets(db: Db, id: number, setIds: number[]): void {
  requireConcept(db, id);
  assertIds(db, 'code_sets', setIds, 'code set');
  const del = prep(db, 'DELETE FROM concept_sets WHERE concept_id = ? AND set_id = ?');
  for (const setId of new Set(setIds)) del.run(id, setId);
}

// ---------------------------------------------------------------- the concept's view

export interface ConceptCounts {
  attributeId: number;
  attribute: string;
  values: { value: string; codings: number }[];
}

export interface CodingRange {
  sourceId: number;
  start: number;
  end: number;
}

/**
 * For each case attribute (all, or those asked for, in that order), how many of `codings` fall
 * in cases with each value. A coding in several cases with the same value counts once for it;
 * a coding in no case with a value counts under '' (shown as "no value"), listed last.
 */
export function countsByAttribute(
  db: Db,
  codings: CodingRange[],
  attributeIds?: number[],
): ConceptCounts[] {
  type AttrRow = { id: number; name: string; type: AttributeType };
  let attrs: AttrRow[];
  if (attributeIds) {
    const one = prep(db, "SELECT id, name, type FROM attributes WHERE id = ? AND scope = 'case'");
    attrs = [];
    for (const aid of new Set(attributeIds)) {
      const a = one.get(aid) as AttrRow | undefined;
      if (!a) throw new WeftError('not_found', `There is no case attribute with id ${aid}.`);
      attrs.push(a);
    }
  } else {
    attrs = prep(
      db,
      `SELECT a.id, a.name, a.type FROM attributes a JOIN classifications k ON k.id = a.classification_id
        WHERE a.scope = 'case' ORDER BY k.name COLLATE NOCASE, k.id, a.position, a.id`,
    ).all() as AttrRow[];
  }
  if (!attrs.length) return [];

  // value of each (case, attribute), only where the attribute belongs to the case's classification
  const valueOf = new Map<string, string>();
  const rows = prep(
    db,
    `SELECT v.case_id AS caseId, v.attribute_id AS attributeId, a.type, v.value
       FROM case_values v JOIN cases c ON c.id = v.case_id
       JOIN attributes a ON a.id = v.attribute_id AND a.classification_id = c.classification_id
      WHERE a.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(attrs.map((a) => a.id))) as {
    caseId: number;
    attributeId: number;
    type: AttributeType;
    value: unknown;
  }[];
  for (const r of rows)
    valueOf.set(`${r.caseId}:${r.attributeId}`, formatValue(r.type, fromStored(r.type, r.value)));

  const cases = casesOfSpans(db, codings);
  return attrs.map((a) => {
    const tally = new Map<string, number>();
    for (const caseIds of cases) {
      const values = new Set<string>();
      for (const c of caseIds) {
        const v = valueOf.get(`${c}:${a.id}`);
        if (v) values.add(v);
      }
      if (!values.size) values.add('');
      for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
    }
    const values = [...tally]
      .map(([value, n]) => ({ value, codings: n }))
      .sort((x, y) => (x.value === '' ? 1 : y.value === '' ? -1 : compareNames(x.value, y.value)));
    return { attributeId: a.id, attribute: a.name, values };
  });
}

export interface ConceptViewValue {
  concept: Concept;
  groups: { codeId: number; codeName: string; excerpts: Excerpt[] }[];
  counts: ConceptCounts[];
}

/**
 * A concept's excerpts grouped by the code they carry: its codes in board order, then its sets'
 * codes in codebook order (each shown even when empty), each followed by those of its sub-codes
 * that have excerpts. Excerpts come from listExcerpts, so they carry the project's attributions.
 */
export function conceptView(db: Db, id: number, attributeIds?: number[]): ConceptViewValue {
  const concept = requireConcept(db, id);
  const all = conceptCodeIds(db, id);
  const excerpts = all.length ? listExcerpts(db, { codeIds: all }) : [];
  const counts = countsByAttribute(db, excerpts, attributeIds);

  const rank = new Map(codebookOrder(db).map((c, i) => [c, i]));
  const byRank = (a: number, b: number) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0);
  const setCodes = prep(
    db,
    `SELECT DISTINCT m.code_id FROM concept_sets s JOIN code_set_members m ON m.set_id = s.set_id
      WHERE s.concept_id = ?`,
  )
    .pluck()
    .all(id) as number[];
  const shown = [...new Set([...concept.codeIds, ...setCodes.sort(byRank)])];
  // each shown code followed by its sub-codes, so a branch of the codebook reads together
  const order = [
    ...new Set(
      shown.flatMap((c) => [
        c,
        ...codeAndDescendants(db, c)
          .filter((d) => d !== c)
          .sort(byRank),
      ]),
    ),
  ];

  const byCode = new Map<number, Excerpt[]>();
  for (const e of excerpts) {
    const list = byCode.get(e.codeId) ?? [];
    list.push(e);
    byCode.set(e.codeId, list);
  }
  const names = new Map(
    (
      prep(db, 'SELECT id, name FROM codes WHERE id IN (SELECT value FROM json_each(?))').all(
        JSON.stringify(order),
      ) as { id: number; name: string }[]
    ).map((r) => [r.id, r.name]),
  );
  const always = new Set(shown);
  const groups = order
    .filter((c) => always.has(c) || byCode.has(c))
    .map((c) => ({ codeId: c, codeName: names.get(c) ?? '', excerpts: byCode.get(c) ?? [] }));
  return { concept, groups, counts };
}
