import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import { WeftError } from '../errors.js';
import { newGuid, nowIso } from '../ids.js';
import { sourceText } from './sources.js';
import {
  ATTRIBUTE_TYPES,
  type Attribute,
  type AttributeScope,
  type AttributeType,
  type AttributeValue,
  type Case,
  type CaseGrid,
  type CaseOfSource,
  type CasePassage,
  type Classification,
  type PassageMark,
  type RawValue,
  type SourceGrid,
  type SourceMeta,
  type SourceOfCase,
  type ValueEdit,
  type ValueMap,
} from '../cases-types.js';

/** Names sort as people read them: 'P2' before 'P10', 'émile' beside 'Emile'. */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
export const compareNames = (a: string, b: string): number =>
  collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
const byName = <T extends { id: number; name: string }>(a: T, b: T) =>
  compareNames(a.name, b.name) || a.id - b.id;

// ---------------------------------------------------------------- names

function cleanName(name: string, what: string): string {
  const clean = name.trim();
  if (!clean) throw new WeftError('invalid_name', `A ${what} needs a name.`);
  return clean;
}

/** Names are unique ignoring case; the index enforces it, this says so in words. */
function assertNameFree(
  db: Db,
  table: 'classifications' | 'cases',
  name: string,
  exceptId: number | null,
): void {
  const taken = prep(
    db,
    `SELECT 1 FROM ${table} WHERE name = ? COLLATE NOCASE AND id IS NOT ?`,
  ).get(name, exceptId);
  const what = table === 'cases' ? 'case' : 'classification';
  if (taken) throw new WeftError('duplicate', `A ${what} called "${name}" already exists.`);
}

function notFound(what: string, id: number): WeftError {
  return new WeftError('not_found', `There is no ${what} with id ${id}.`);
}

// ---------------------------------------------------------------- classifications

const CLASSIFICATION = `k.id, k.guid, k.name, k.description,
  (SELECT count(*) FROM cases c WHERE c.classification_id = k.id) AS cases,
  (SELECT count(*) FROM attributes a WHERE a.classification_id = k.id) AS attributes`;

export function createClassification(
  db: Db,
  c: { name: string; description?: string; guid?: string },
): Classification {
  const name = cleanName(c.name, 'classification');
  assertNameFree(db, 'classifications', name, null);
  const info = prep(
    db,
    'INSERT INTO classifications (guid, name, description, created_at) VALUES (?, ?, ?, ?)',
  ).run(c.guid ?? newGuid(), name, c.description?.trim() ?? '', nowIso());
  return getClassification(db, Number(info.lastInsertRowid))!;
}

export function getClassification(db: Db, id: number): Classification | undefined {
  return prep(db, `SELECT ${CLASSIFICATION} FROM classifications k WHERE k.id = ?`).get(id) as
    Classification | undefined;
}

export function listClassifications(db: Db): Classification[] {
  const rows = prep(db, `SELECT ${CLASSIFICATION} FROM classifications k`).all();
  return (rows as Classification[]).sort(byName);
}

export function renameClassification(db: Db, id: number, name: string): Classification {
  const clean = cleanName(name, 'classification');
  if (!getClassification(db, id)) throw notFound('classification', id);
  assertNameFree(db, 'classifications', clean, id);
  prep(db, 'UPDATE classifications SET name = ? WHERE id = ?').run(clean, id);
  return getClassification(db, id)!;
}

export function setClassificationDescription(
  db: Db,
  id: number,
  description: string,
): Classification {
  const changed = prep(db, 'UPDATE classifications SET description = ? WHERE id = ?').run(
    description.trim(),
    id,
  ).changes;
  if (!changed) throw notFound('classification', id);
  return getClassification(db, id)!;
}

/** Deletes the classification with its attributes and their values; its cases stay, unclassified. */
export function deleteClassification(db: Db, id: number): boolean {
  return prep(db, 'DELETE FROM classifications WHERE id = ?').run(id).changes > 0;
}

// ---------------------------------------------------------------- cases

const CASE = `c.id, c.guid, c.name, c.description, c.classification_id AS classificationId,
  k.name AS classificationName,
  (SELECT count(*) FROM source_cases l WHERE l.case_id = c.id) AS sources,
  (SELECT count(*) FROM case_passages p WHERE p.case_id = c.id) AS passages,
  c.created_at AS createdAt
  FROM cases c LEFT JOIN classifications k ON k.id = c.classification_id`;

export interface NewCase {
  name: string;
  classificationId?: number | null;
  description?: string;
  createdBy?: number | null;
  guid?: string;
}

export function createCase(db: Db, c: NewCase): Case {
  const name = cleanName(c.name, 'case');
  const classificationId = c.classificationId ?? null;
  if (classificationId !== null && !getClassification(db, classificationId))
    throw notFound('classification', classificationId);
  assertNameFree(db, 'cases', name, null);
  const info = prep(
    db,
    `INSERT INTO cases (guid, name, classification_id, description, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    c.guid ?? newGuid(),
    name,
    classificationId,
    c.description?.trim() ?? '',
    nowIso(),
    c.createdBy ?? null,
  );
  return getCase(db, Number(info.lastInsertRowid))!;
}

export function getCase(db: Db, id: number): Case | undefined {
  return prep(db, `SELECT ${CASE} WHERE c.id = ?`).get(id) as Case | undefined;
}

export function findCaseByName(db: Db, name: string): Case | undefined {
  return prep(db, `SELECT ${CASE} WHERE c.name = ? COLLATE NOCASE`).get(name.trim()) as
    Case | undefined;
}

/** Every case, or only those of one classification (null: the unclassified ones). */
export function listCases(db: Db, filter?: { classificationId: number | null }): Case[] {
  const rows = filter
    ? prep(db, `SELECT ${CASE} WHERE c.classification_id IS ?`).all(filter.classificationId)
    : prep(db, `SELECT ${CASE}`).all();
  return (rows as Case[]).sort(byName);
}

export function renameCase(db: Db, id: number, name: string): Case {
  const clean = cleanName(name, 'case');
  if (!getCase(db, id)) throw notFound('case', id);
  assertNameFree(db, 'cases', clean, id);
  prep(db, 'UPDATE cases SET name = ? WHERE id = ?').run(clean, id);
  return getCase(db, id)!;
}

export function setCaseDescription(db: Db, id: number, description: string): Case {
  const changed = prep(db, 'UPDATE cases SET description = ? WHERE id = ?').run(
    description.trim(),
    id,
  ).changes;
  if (!changed) throw notFound('case', id);
  return getCase(db, id)!;
}

/**
 * Moves a case to another classification (or none). Its values for the old classification's
 * attributes are deleted, since they no longer describe it; the count lets the UI say so.
 */
export function setCaseClassification(
  db: Db,
  id: number,
  classificationId: number | null,
): { case: Case; removedValues: number } {
  const current = getCase(db, id);
  if (!current) throw notFound('case', id);
  if (classificationId !== null && !getClassification(db, classificationId))
    throw notFound('classification', classificationId);
  if (current.classificationId === classificationId) return { case: current, removedValues: 0 };
  const removedValues = db.transaction(() => {
    prep(db, 'UPDATE cases SET classification_id = ? WHERE id = ?').run(classificationId, id);
    return prep(db, 'DELETE FROM case_values WHERE case_id = ?').run(id).changes;
  })();
  return { case: getCase(db, id)!, removedValues };
}

/** Deletes a case with its values, source links and passages (never the sources themselves). */
export function deleteCase(db: Db, id: number): boolean {
  return prep(db, 'DELETE FROM cases WHERE id = ?').run(id).changes > 0;
}

// ---------------------------------------------------------------- attributes

const ATTRIBUTE = `id, guid, scope, classification_id AS classificationId, name, type, position`;

export type NewAttribute = { name: string; type: AttributeType; guid?: string } & (
  { scope: 'case'; classificationId: number } | { scope: 'source'; classificationId?: null }
);

function assertType(type: string): asserts type is AttributeType {
  if (!(ATTRIBUTE_TYPES as readonly string[]).includes(type))
    throw new WeftError('invalid_type', `"${type}" is not an attribute type.`);
}

function assertAttributeNameFree(db: Db, a: Omit<Attribute, 'id'> | Attribute): void {
  const taken = prep(
    db,
    `SELECT 1 FROM attributes
      WHERE scope = ? AND classification_id IS ? AND name = ? COLLATE NOCASE AND id IS NOT ?`,
  ).get(a.scope, a.classificationId, a.name, 'id' in a ? a.id : null);
  if (taken) throw new WeftError('duplicate', `An attribute called "${a.name}" already exists.`);
}

export function createAttribute(db: Db, a: NewAttribute): Attribute {
  assertType(a.type);
  const classificationId = a.scope === 'case' ? a.classificationId : null;
  if (a.scope === 'case' && !getClassification(db, a.classificationId))
    throw notFound('classification', a.classificationId);
  const row = {
    guid: a.guid ?? newGuid(),
    scope: a.scope,
    classificationId,
    name: cleanName(a.name, 'attribute'),
    type: a.type,
    position: 0,
  };
  assertAttributeNameFree(db, row);
  const last = prep(
    db,
    'SELECT max(position) AS p FROM attributes WHERE scope = ? AND classification_id IS ?',
  ).get(row.scope, classificationId) as { p: number | null };
  row.position = last.p === null ? 0 : last.p + 1;
  const info = prep(
    db,
    `INSERT INTO attributes (guid, scope, classification_id, name, type, position, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(row.guid, row.scope, classificationId, row.name, row.type, row.position, nowIso());
  return { id: Number(info.lastInsertRowid), ...row };
}

export function getAttribute(db: Db, id: number): Attribute | undefined {
  return prep(db, `SELECT ${ATTRIBUTE} FROM attributes WHERE id = ?`).get(id) as
    Attribute | undefined;
}

function requireAttribute(db: Db, id: number): Attribute {
  const a = getAttribute(db, id);
  if (!a) throw notFound('attribute', id);
  return a;
}

/** Source attributes, or one classification's case attributes, in the user's order. */
export function listAttributes(
  db: Db,
  scope: AttributeScope,
  classificationId: number | null = null,
): Attribute[] {
  return prep(
    db,
    `SELECT ${ATTRIBUTE} FROM attributes WHERE scope = ? AND classification_id IS ?
      ORDER BY position, id`,
  ).all(scope, scope === 'source' ? null : classificationId) as Attribute[];
}

export function renameAttribute(db: Db, id: number, name: string): Attribute {
  const a = { ...requireAttribute(db, id), name: cleanName(name, 'attribute') };
  assertAttributeNameFree(db, a);
  prep(db, 'UPDATE attributes SET name = ? WHERE id = ?').run(a.name, id);
  return a;
}

/** Deletes the attribute and every value recorded for it. */
export function deleteAttribute(db: Db, id: number): boolean {
  return prep(db, 'DELETE FROM attributes WHERE id = ?').run(id).changes > 0;
}

/** Puts one list of attributes (all of a scope or classification, each once) in this order. */
export function reorderAttributes(db: Db, ids: readonly number[]): Attribute[] {
  const first = ids[0];
  if (first === undefined) return [];
  const head = requireAttribute(db, first);
  const group = listAttributes(db, head.scope, head.classificationId);
  const wanted = new Set(ids);
  if (
    wanted.size !== ids.length ||
    group.length !== ids.length ||
    group.some((a) => !wanted.has(a.id))
  )
    throw new WeftError(
      'invalid_order',
      'Reordering needs every attribute of the list, each once.',
    );
  db.transaction(() => {
    ids.forEach((id, position) =>
      prep(db, 'UPDATE attributes SET position = ? WHERE id = ?').run(position, id),
    );
  })();
  return listAttributes(db, head.scope, head.classificationId);
}

const TYPE_WORDS: Record<AttributeType, string> = {
  text: 'text',
  number: 'a number',
  date: 'a date',
  boolean: 'yes/no',
};

/**
 * Changes an attribute's type, converting every recorded value. If any value does not convert
 * (e.g. 'about forty' to a number), nothing changes and the error names a few of them.
 */
export function changeAttributeType(db: Db, id: number, type: AttributeType): Attribute {
  assertType(type);
  const attr = requireAttribute(db, id);
  if (attr.type === type) return attr;
  const owners = attr.scope === 'case' ? OWNERS.case : OWNERS.source;
  const rows = prep(
    db,
    `SELECT v.${owners.key} AS ownerId, o.name AS ownerName, v.value
       FROM ${owners.table} v JOIN ${owners.owner} o ON o.id = v.${owners.key}
      WHERE v.attribute_id = ?`,
  ).all(id) as { ownerId: number; ownerName: string; value: unknown }[];
  const target = { name: attr.name, type };
  const converted: [number, AttributeValue][] = [];
  const bad: string[] = [];
  for (const r of rows) {
    const old = fromStored(attr.type, r.value);
    try {
      // Booleans read 'Yes'/'No' as text, but as numbers they are the 1/0 people expect.
      const next =
        attr.type === 'boolean' && type === 'number'
          ? Number(old)
          : normaliseValue(target, displayValue(attr.type, old));
      if (next !== null) converted.push([r.ownerId, next]);
    } catch {
      bad.push(`${r.ownerName}: ${displayValue(attr.type, old)}`);
    }
  }
  if (bad.length) {
    const some = bad.sort(compareNames).slice(0, 3).join('; ');
    throw new WeftError(
      'invalid_value',
      `"${attr.name}" cannot become ${TYPE_WORDS[type]}: ${bad.length} value${bad.length === 1 ? '' : 's'} would not convert (${some}${bad.length > 3 ? '; …' : ''}).`,
    );
  }
  db.transaction(() => {
    prep(db, 'UPDATE attributes SET type = ? WHERE id = ?').run(type, id);
    for (const [ownerId, value] of converted) writeValue(db, attr.scope, ownerId, id, value);
  })();
  return { ...attr, type };
}

// ---------------------------------------------------------------- values

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
// A time after an ISO date (spreadsheets export '2023-04-21 00:00:00') is dropped.
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const DMY_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const YES = new Set(['true', 'yes', 'y', '1']);
const NO = new Set(['false', 'no', 'n', '0']);

function shown(raw: RawValue): string {
  if (typeof raw !== 'string') return String(raw);
  const chars = Array.from(raw); // never cut a surrogate pair in half
  return `"${chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : raw}"`;
}

function isoDate(y: number, m: number, d: number): string | null {
  // Date.UTC reads years below 100 as 19xx; no study has dates before 1000 anyway.
  if (y < 1000 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y}-${pad(m)}-${pad(d)}`;
}

function parseDate(text: string): string | null {
  const iso = ISO_DATE.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = DMY_DATE.exec(text); // British order, as the studies Weft serves write dates
  if (dmy) return isoDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  return null;
}

/**
 * The value to store for what a user typed, or null to clear it. Throws 'invalid_value'
 * naming the attribute and the input when the input is not of the attribute's type.
 */
export function normaliseValue(
  attr: Pick<Attribute, 'name' | 'type'>,
  raw: RawValue,
): AttributeValue | null {
  const value = typeof raw === 'string' ? raw.trim() : raw;
  if (value === null || value === '') return null;
  const fail = (needs: string) =>
    new WeftError('invalid_value', `"${attr.name}" needs ${needs}, not ${shown(raw)}.`);
  switch (attr.type) {
    case 'text':
      return String(value);
    case 'number': {
      const n =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && NUMBER.test(value)
            ? Number(value)
            : NaN;
      if (!Number.isFinite(n)) throw fail('a number');
      return n === 0 ? 0 : n; // -0 would print as 0 but compare oddly
    }
    case 'date': {
      const date = typeof value === 'string' ? parseDate(value) : null;
      if (date === null) throw fail('a date (YYYY-MM-DD or DD/MM/YYYY)');
      return date;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const word = String(value).toLowerCase();
      if (YES.has(word)) return true;
      if (NO.has(word)) return false;
      throw fail('yes or no');
    }
  }
}

/** A value as a person reads it (summaries, type changes): booleans are Yes / No. */
export function displayValue(type: AttributeType, value: AttributeValue): string {
  if (type === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/** SQLite cannot bind booleans; they are stored as INTEGER 0/1 (a bigint binds as INTEGER). */
function toStored(value: AttributeValue): string | number | bigint {
  return typeof value === 'boolean' ? (value ? 1n : 0n) : value;
}

export function fromStored(type: AttributeType, stored: unknown): AttributeValue {
  if (type === 'boolean') return Number(stored) === 1;
  if (type === 'number') return Number(stored);
  return String(stored);
}

const OWNERS = {
  case: { table: 'case_values', key: 'case_id', owner: 'cases' },
  source: { table: 'source_values', key: 'source_id', owner: 'sources' },
} as const;

function writeValue(
  db: Db,
  scope: AttributeScope,
  ownerId: number,
  attributeId: number,
  value: AttributeValue | null,
): void {
  const { table, key } = OWNERS[scope];
  if (value === null) {
    prep(db, `DELETE FROM ${table} WHERE ${key} = ? AND attribute_id = ?`).run(
      ownerId,
      attributeId,
    );
  } else {
    prep(
      db,
      `INSERT INTO ${table} (${key}, attribute_id, value) VALUES (?, ?, ?)
       ON CONFLICT (${key}, attribute_id) DO UPDATE SET value = excluded.value`,
    ).run(ownerId, attributeId, toStored(value));
  }
}

/** Sets (or with '' / null clears) a case's value; returns the value as stored. */
export function setCaseValue(
  db: Db,
  caseId: number,
  attributeId: number,
  raw: RawValue,
): AttributeValue | null {
  const attr = requireAttribute(db, attributeId);
  const c = getCase(db, caseId);
  if (!c) throw notFound('case', caseId);
  if (attr.scope !== 'case' || attr.classificationId !== c.classificationId) {
    throw new WeftError(
      'not_applicable',
      `"${attr.name}" is not an attribute of ${c.classificationName ?? 'unclassified'} cases like ${c.name}.`,
    );
  }
  const value = withOwner(c.name, () => normaliseValue(attr, raw));
  writeValue(db, 'case', caseId, attributeId, value);
  return value;
}

/** Sets (or with '' / null clears) a source's value; returns the value as stored. */
export function setSourceValue(
  db: Db,
  sourceId: number,
  attributeId: number,
  raw: RawValue,
): AttributeValue | null {
  const attr = requireAttribute(db, attributeId);
  const s = getSourceMeta(db, sourceId);
  if (!s) throw notFound('source', sourceId);
  if (attr.scope !== 'source')
    throw new WeftError('not_applicable', `"${attr.name}" is a case attribute, not a source one.`);
  const value = withOwner(s.name, () => normaliseValue(attr, raw));
  writeValue(db, 'source', sourceId, attributeId, value);
  return value;
}

/** Prefixes a value error with the row it came from: a grid paste may hold hundreds. */
function withOwner<T>(owner: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof WeftError) throw new WeftError(e.code, `${owner}: ${e.message}`);
    throw e;
  }
}

/**
 * Applies grid edits in order. All or nothing: a savepoint inside the caller's transaction,
 * so one bad cell leaves every other cell as it was.
 */
export function setValues(db: Db, edits: readonly ValueEdit[]): (AttributeValue | null)[] {
  return db.transaction(() =>
    edits.map((e) =>
      'caseId' in e
        ? setCaseValue(db, e.caseId, e.attributeId, e.value)
        : setSourceValue(db, e.sourceId, e.attributeId, e.value),
    ),
  )();
}

type StoredRow = { ownerId: number; attributeId: number; type: AttributeType; value: unknown };

function valueMaps(rows: StoredRow[]): Map<number, ValueMap> {
  const maps = new Map<number, ValueMap>();
  for (const r of rows) {
    let m = maps.get(r.ownerId);
    if (!m) maps.set(r.ownerId, (m = {}));
    m[r.attributeId] = fromStored(r.type, r.value);
  }
  return maps;
}

export function caseValues(db: Db, caseId: number): ValueMap {
  const rows = prep(
    db,
    `SELECT v.case_id AS ownerId, v.attribute_id AS attributeId, a.type, v.value
       FROM case_values v JOIN attributes a ON a.id = v.attribute_id WHERE v.case_id = ?`,
  ).all(caseId) as StoredRow[];
  return valueMaps(rows).get(caseId) ?? {};
}

export function sourceValues(db: Db, sourceId: number): ValueMap {
  const rows = prep(
    db,
    `SELECT v.source_id AS ownerId, v.attribute_id AS attributeId, a.type, v.value
       FROM source_values v JOIN attributes a ON a.id = v.attribute_id WHERE v.source_id = ?`,
  ).all(sourceId) as StoredRow[];
  return valueMaps(rows).get(sourceId) ?? {};
}

// ---------------------------------------------------------------- grids

/** A classification's cases (null: the unclassified ones) with their attribute values. */
export function caseGrid(db: Db, classificationId: number | null): CaseGrid {
  if (classificationId !== null && !getClassification(db, classificationId))
    throw notFound('classification', classificationId);
  const rows = prep(
    db,
    `SELECT v.case_id AS ownerId, v.attribute_id AS attributeId, a.type, v.value
       FROM case_values v JOIN cases c ON c.id = v.case_id
       JOIN attributes a ON a.id = v.attribute_id AND a.classification_id = c.classification_id
      WHERE c.classification_id IS ?`,
  ).all(classificationId) as StoredRow[];
  const values = valueMaps(rows);
  return {
    attributes: classificationId === null ? [] : listAttributes(db, 'case', classificationId),
    rows: listCases(db, { classificationId }).map((c) => ({
      case: c,
      values: values.get(c.id) ?? {},
    })),
  };
}

/** Every source, by folder then name, with its metadata and attribute values. */
export function sourceGrid(db: Db): SourceGrid {
  const rows = prep(
    db,
    `SELECT v.source_id AS ownerId, v.attribute_id AS attributeId, a.type, v.value
       FROM source_values v JOIN attributes a ON a.id = v.attribute_id`,
  ).all() as StoredRow[];
  const values = valueMaps(rows);
  const sources = (prep(db, `SELECT ${SOURCE_META} FROM sources`).all() as SourceMeta[]).sort(
    (a, b) => collator.compare(a.folder, b.folder) || byName(a, b),
  );
  return {
    attributes: listAttributes(db, 'source'),
    rows: sources.map((s) => ({ source: s, values: values.get(s.id) ?? {} })),
  };
}

// ---------------------------------------------------------------- source metadata

const SOURCE_META = 'id, guid, name, kind, folder, description';

export function getSourceMeta(db: Db, id: number): SourceMeta | undefined {
  return prep(db, `SELECT ${SOURCE_META} FROM sources WHERE id = ?`).get(id) as
    SourceMeta | undefined;
}

/** 'Interviews / Site 1/' and 'Interviews\\Site 1' are the same folder: 'Interviews/Site 1'. */
export function normaliseFolder(folder: string): string {
  return folder
    .split(/[/\\]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .join('/');
}

/** A source's name, kind, folder and description; what is not given stays as it was. */
export function setSourceMeta(
  db: Db,
  id: number,
  meta: { name?: string; kind?: string; folder?: string; description?: string },
): SourceMeta {
  const s = getSourceMeta(db, id);
  if (!s) throw notFound('source', id);
  const name = meta.name === undefined ? s.name : cleanName(meta.name, 'source');
  if (
    name !== s.name &&
    prep(db, 'SELECT 1 FROM sources WHERE name = ? COLLATE NOCASE AND id <> ?').get(name, id)
  ) {
    throw new WeftError('duplicate', `A source called "${name}" already exists.`);
  }
  const kind = meta.kind ?? s.kind;
  const folder = meta.folder === undefined ? s.folder : normaliseFolder(meta.folder);
  const description = meta.description === undefined ? s.description : meta.description.trim();
  prep(db, 'UPDATE sources SET name = ?, kind = ?, folder = ?, description = ? WHERE id = ?').run(
    name,
    kind,
    folder,
    description,
    id,
  );
  return { ...s, name, kind, folder, description };
}

// ---------------------------------------------------------------- sources and passages of cases

function requireCaseAndSource(db: Db, caseId: number, sourceId: number): void {
  if (!getCase(db, caseId)) throw notFound('case', caseId);
  if (!getSourceMeta(db, sourceId)) throw notFound('source', sourceId);
}

/** Links a whole source to a case; false when it was already linked. */
export function linkSourceToCase(db: Db, sourceId: number, caseId: number): boolean {
  requireCaseAndSource(db, caseId, sourceId);
  return (
    prep(
      db,
      'INSERT INTO source_cases (source_id, case_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(sourceId, caseId, nowIso()).changes > 0
  );
}

export function unlinkSourceFromCase(db: Db, sourceId: number, caseId: number): boolean {
  return (
    prep(db, 'DELETE FROM source_cases WHERE source_id = ? AND case_id = ?').run(sourceId, caseId)
      .changes > 0
  );
}

/** The cases a source belongs to, wholly or through passages. */
export function casesOfSource(db: Db, sourceId: number): CaseOfSource[] {
  const rows = prep(
    db,
    `SELECT c.id, c.guid, c.name, c.classification_id AS classificationId,
            k.name AS classificationName,
            EXISTS (SELECT 1 FROM source_cases l WHERE l.case_id = c.id AND l.source_id = @id) AS whole,
            (SELECT count(*) FROM case_passages p WHERE p.case_id = c.id AND p.source_id = @id) AS passages
       FROM cases c LEFT JOIN classifications k ON k.id = c.classification_id
      WHERE c.id IN (SELECT case_id FROM source_cases WHERE source_id = @id
                     UNION SELECT case_id FROM case_passages WHERE source_id = @id)`,
  ).all({ id: sourceId }) as (Omit<CaseOfSource, 'whole'> & { whole: number })[];
  return rows.map((r) => ({ ...r, whole: r.whole === 1 })).sort(byName);
}

/** The sources a case draws on, wholly or through passages. */
export function sourcesOfCase(db: Db, caseId: number): SourceOfCase[] {
  const rows = prep(
    db,
    `SELECT s.id, s.guid, s.name,
            EXISTS (SELECT 1 FROM source_cases l WHERE l.source_id = s.id AND l.case_id = @id) AS whole,
            (SELECT count(*) FROM case_passages p WHERE p.source_id = s.id AND p.case_id = @id) AS passages
       FROM sources s
      WHERE s.id IN (SELECT source_id FROM source_cases WHERE case_id = @id
                     UNION SELECT source_id FROM case_passages WHERE case_id = @id)`,
  ).all({ id: caseId }) as (Omit<SourceOfCase, 'whole'> & { whole: number })[];
  return rows.map((r) => ({ ...r, whole: r.whole === 1 })).sort(byName);
}

export interface NewCasePassage {
  caseId: number;
  sourceId: number;
  start: number;
  end: number;
  createdBy?: number | null;
  guid?: string;
}

const PASSAGE = `p.id, p.guid, p.case_id AS caseId, p.source_id AS sourceId, s.name AS sourceName,
  p.start, p.end, p.created_at AS createdAt
  FROM case_passages p JOIN sources s ON s.id = p.source_id`;

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Links [start, end) of a source to a case; the same range again returns the existing link. */
export function addCasePassage(db: Db, p: NewCasePassage): CasePassage {
  if (!getCase(db, p.caseId)) throw notFound('case', p.caseId);
  const text = sourceText(db, p.sourceId);
  if (text === undefined) throw notFound('source', p.sourceId);
  if (!Number.isInteger(p.start) || !Number.isInteger(p.end) || p.start < 0 || p.end <= p.start)
    throw new WeftError('out_of_range', `[${p.start}, ${p.end}) is not a passage.`);
  if (p.end > text.length)
    throw new WeftError(
      'out_of_range',
      `The passage ends at ${p.end}, past the end of the source (${text.length}).`,
    );
  if (isLowSurrogate(text.charCodeAt(p.start)) || isLowSurrogate(text.charCodeAt(p.end)))
    throw new WeftError('bad_offset', 'The passage boundary splits a character.');
  prep(
    db,
    `INSERT INTO case_passages (guid, case_id, source_id, start, end, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(p.guid ?? newGuid(), p.caseId, p.sourceId, p.start, p.end, nowIso(), p.createdBy ?? null);
  const row = prep(
    db,
    `SELECT ${PASSAGE} WHERE p.case_id = ? AND p.source_id = ? AND p.start = ? AND p.end = ?`,
  ).get(p.caseId, p.sourceId, p.start, p.end) as Omit<CasePassage, 'text'>;
  return { ...row, text: text.slice(p.start, p.end) };
}

export function removeCasePassage(db: Db, id: number): boolean {
  return prep(db, 'DELETE FROM case_passages WHERE id = ?').run(id).changes > 0;
}

/**
 * A case's passages by source name then position, with their text. Sliced in JavaScript:
 * offsets are UTF-16 units, which SQLite's substr() does not count.
 */
export function listCasePassages(db: Db, caseId: number): CasePassage[] {
  const rows = prep(db, `SELECT ${PASSAGE} WHERE p.case_id = ?`).all(caseId) as Omit<
    CasePassage,
    'text'
  >[];
  rows.sort(
    (a, b) =>
      compareNames(a.sourceName, b.sourceName) ||
      a.sourceId - b.sourceId ||
      a.start - b.start ||
      a.end - b.end ||
      a.id - b.id,
  );
  return rows.map((r) => ({
    ...r,
    text: (sourceText(db, r.sourceId) ?? '').slice(r.start, r.end),
  }));
}

/** Every case passage in a source, for the reader to draw: offsets only. */
export function passageMarksForSource(db: Db, sourceId: number): PassageMark[] {
  return prep(
    db,
    `SELECT p.id, p.case_id AS caseId, c.name AS caseName, p.start, p.end
       FROM case_passages p JOIN cases c ON c.id = p.case_id
      WHERE p.source_id = ? ORDER BY p.start, p.end, p.id`,
  ).all(sourceId) as PassageMark[];
}
