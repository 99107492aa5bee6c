/**
 * The rows behind the codebook and coded-excerpt reports, gathered once so every file format
 * (DOCX, XLSX, CSV, Markdown) says the same thing. Pure queries: the writers live in
 * electron/formats/reports.
 */
import type { Attribute, AttributeValue } from '../cases-types.js';
import { WeftError } from '../errors.js';
import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import type { Code } from '../types.js';
import {
  caseValues,
  compareNames,
  getAttribute,
  getCase,
  getClassification,
  getSourceMeta,
  normaliseValue,
  sourceValues,
} from './cases.js';
import { codebookOrder, getCodeRow, listCodes } from './codes.js';
import { casesOfSpans, codeAndDescendants, listExcerpts } from './excerpts.js';
import { sourceText } from './sources.js';
import { getUser } from './users.js';

// ---------------------------------------------------------------- codebook

export interface CodebookRow extends Code {
  /** Names from the top-level code down to this one. */
  path: string[];
  /** 0 for a top-level code. */
  depth: number;
  hasChildren: boolean;
}

/** The codebook in tree order (parents first, siblings as the user ordered them). */
export function codebookRows(db: Db): CodebookRow[] {
  const codes = listCodes(db);
  const paths = codePaths(db);
  const parents = new Set(codes.map((c) => c.parentId));
  return codes.map((c) => {
    const path = paths.get(c.id) ?? [c.name];
    return { ...c, path, depth: path.length - 1, hasChildren: parents.has(c.id) };
  });
}

/** Every code's path of names. A loop in a damaged tree stops the walk rather than hanging. */
export function codePaths(db: Db): Map<number, string[]> {
  const rows = prep(db, 'SELECT id, parent_id AS parentId, name FROM codes').all() as {
    id: number;
    parentId: number | null;
    name: string;
  }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<number, string[]>();
  for (const r of rows) {
    const names: string[] = [];
    const seen = new Set<number>();
    for (let at = byId.get(r.id); at && !seen.has(at.id); at = byId.get(at.parentId ?? 0)) {
      seen.add(at.id);
      names.unshift(at.name);
    }
    out.set(r.id, names);
  }
  return out;
}

/**
 * A path as one cell: "Belonging/Supervision". A '/' or '\' inside a name is escaped with a
 * backslash, so the path can be split back into the names it was made of.
 */
export const pathText = (path: readonly string[]): string =>
  path.map((n) => n.replace(/[\\/]/g, (c) => `\\${c}`)).join('/');

// ---------------------------------------------------------------- excerpts

export interface ExcerptFilter {
  /** Only these codes; every code when absent. */
  codeIds?: number[];
  /** With codeIds: also the codes below them, at any depth. */
  includeChildren?: boolean;
  /** Only codings in these sources. */
  sourceIds?: number[];
  /**
   * Only codings whose source (source attribute) or whose cases (case attribute) have one of
   * these values, written as a user types them ('Yes', '34', '21/04/2023'); '' stands for
   * "no value recorded".
   */
  attribute?: { attributeId: number; values: string[] };
  /** Only these coders' codings. */
  coderIds?: number[];
}

export interface ExcerptRow {
  codingId: number;
  codeId: number;
  codePath: string[];
  sourceId: number;
  sourceName: string;
  /** Names of the cases the coding falls in, as attributions decide them. */
  cases: string[];
  coderId: number;
  coder: string;
  createdAt: string;
  /** Offsets in Unicode code points, as REFI-QDA and most analysis tools count them. */
  start: number;
  end: number;
  text: string;
  attribution: string;
}

/** The filter in words, for the top of a report; null means "not filtered". */
export interface FilterInWords {
  codes: string[] | null;
  includeChildren: boolean;
  sources: string[] | null;
  attribute: { name: string; values: string[] } | null;
  coders: string[] | null;
}

export interface ExcerptGroup {
  codeId: number;
  codePath: string[];
  rows: ExcerptRow[];
}

export interface ExcerptReportData {
  filter: FilterInWords;
  /** By code in codebook order; within a code by source name, then position. */
  groups: ExcerptGroup[];
  total: number;
}

const badFilter = (message: string) => new WeftError('invalid_filter', message);
const missing = (what: string, id: number) =>
  new WeftError('not_found', `The report asks for a ${what} that does not exist (id ${id}).`);

/** Ids as given, once each; refuses an empty list and anything that is not an id. */
function idList(ids: readonly unknown[], what: string): number[] {
  if (!Array.isArray(ids) || ids.length === 0)
    throw badFilter(`Choose at least one ${what} to report on, or leave the ${what}s unfiltered.`);
  for (const id of ids)
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0)
      throw badFilter(`${JSON.stringify(id) ?? String(id)} is not a valid ${what} id.`);
  return [...new Set(ids as number[])];
}

/** Checks every id in the filter and puts names to them. Throws before anything is read. */
function resolveFilter(db: Db, f: ExcerptFilter) {
  if (typeof f !== 'object' || f === null) throw badFilter('The report filter is missing.');
  const codes = f.codeIds === undefined ? null : idList(f.codeIds, 'code');
  const sources = f.sourceIds === undefined ? null : idList(f.sourceIds, 'source');
  const coders = f.coderIds === undefined ? null : idList(f.coderIds, 'coder');
  const codeNames = codes?.map((id) => getCodeRow(db, id)?.name ?? throwIt(missing('code', id)));
  const sourceNames = sources?.map(
    (id) => getSourceMeta(db, id)?.name ?? throwIt(missing('source', id)),
  );
  const coderNames = coders?.map((id) => getUser(db, id)?.name ?? throwIt(missing('coder', id)));
  let attribute: { attr: Attribute; wanted: (AttributeValue | null)[] } | null = null;
  if (f.attribute !== undefined) {
    const { attributeId, values } = f.attribute ?? {};
    if (typeof attributeId !== 'number' || !Number.isSafeInteger(attributeId))
      throw badFilter('The attribute filter needs an attribute id.');
    const attr = getAttribute(db, attributeId) ?? throwIt(missing('attribute', attributeId));
    if (!Array.isArray(values) || values.length === 0)
      throw badFilter(`Choose at least one value of “${attr.name}” to filter by.`);
    // normaliseValue refuses a value of the wrong type ("abc" for a number) in words.
    attribute = { attr, wanted: values.map((v) => normaliseValue(attr, v)) };
  }
  const include = codes !== null && f.includeChildren === true;
  const codeIds = codes
    ? [...new Set(include ? codes.flatMap((id) => codeAndDescendants(db, id)) : codes)]
    : null;
  const words: FilterInWords = {
    codes: codeNames ?? null,
    includeChildren: include,
    sources: sourceNames ?? null,
    attribute: attribute && {
      name: attribute.attr.name,
      values: attribute.wanted.map((v) => (v === null ? '(no value)' : shown(v))),
    },
    coders: coderNames ?? null,
  };
  return { codeIds, sources, coders, attribute, words };
}

function throwIt(e: Error): never {
  throw e;
}

const shown = (v: AttributeValue) => (typeof v === 'boolean' ? (v ? 'Yes' : 'No') : String(v));

/** The coded excerpts a filter selects, grouped by code, each with its cases and attribution. */
export function excerptReportData(db: Db, filter: ExcerptFilter): ExcerptReportData {
  const f = resolveFilter(db, filter);
  const codeIds = f.codeIds ?? codebookOrder(db);
  let excerpts = listExcerpts(db, {
    codeIds,
    context: 0,
    ...(f.coders ? { coderIds: f.coders } : {}),
  });
  if (f.sources) {
    const keep = new Set(f.sources);
    excerpts = excerpts.filter((e) => keep.has(e.sourceId));
  }
  const caseIds = casesOfSpans(db, excerpts);
  const caseById = cached((id: number) => getCase(db, id));
  let items = excerpts.map((e, i) => ({ e, cases: caseIds[i] ?? [] }));
  if (f.attribute) {
    const matches = attributeMatcher(db, f.attribute.attr, f.attribute.wanted, caseById);
    items = items.filter(({ e, cases }) => matches(e.sourceId, cases));
  }

  const points = codePointOffsets(
    db,
    items.map((x) => x.e),
  );
  const paths = codePaths(db);
  const byCode = new Map<number, ExcerptRow[]>();
  for (const { e, cases } of items) {
    const row: ExcerptRow = {
      codingId: e.codingId,
      codeId: e.codeId,
      codePath: paths.get(e.codeId) ?? [e.codeName],
      sourceId: e.sourceId,
      sourceName: e.sourceName,
      cases: cases
        .map((id) => caseById(id)?.name ?? '')
        .filter(Boolean)
        .sort(compareNames),
      coderId: e.coderId,
      coder: e.coder,
      createdAt: e.createdAt,
      start: points(e.sourceId, e.start),
      end: points(e.sourceId, e.end),
      text: e.text,
      attribution: e.attribution,
    };
    const list = byCode.get(e.codeId);
    if (list) list.push(row);
    else byCode.set(e.codeId, [row]);
  }
  const groups: ExcerptGroup[] = [];
  for (const id of codebookOrder(db)) {
    const rows = byCode.get(id);
    if (rows) groups.push({ codeId: id, codePath: rows[0]!.codePath, rows });
  }
  return { filter: f.words, groups, total: items.length };
}

function cached<K, V>(load: (key: K) => V): (key: K) => V {
  const memo = new Map<K, V>();
  return (key) => {
    if (!memo.has(key)) memo.set(key, load(key));
    return memo.get(key)!;
  };
}

/**
 * Whether a coding has one of the wanted values: its source's value for a source attribute;
 * for a case attribute, the value of any of its cases of that attribute's classification. A
 * coding with no such value (or no such case) matches "no value" (null).
 */
function attributeMatcher(
  db: Db,
  attr: Attribute,
  wanted: (AttributeValue | null)[],
  caseOf: (id: number) => { classificationId: number | null } | undefined,
): (sourceId: number, caseIds: number[]) => boolean {
  const has = (v: AttributeValue | undefined) => wanted.includes(v ?? null);
  if (attr.scope === 'source') {
    const valueOf = cached((id: number) => sourceValues(db, id)[attr.id]);
    return (sourceId) => has(valueOf(sourceId));
  }
  const valueOf = cached((id: number) => caseValues(db, id)[attr.id]);
  // A classification deleted since the attribute was read leaves no case to match.
  const classified = attr.classificationId !== null && getClassification(db, attr.classificationId);
  return (_sourceId, caseIds) => {
    const relevant = classified
      ? caseIds.filter((id) => caseOf(id)?.classificationId === attr.classificationId)
      : [];
    return relevant.length ? relevant.some((id) => has(valueOf(id))) : has(undefined);
  };
}

/**
 * Converts stored UTF-16 offsets to code points. Each source's text is read once and walked
 * once over its offsets in order, so a long transcript with many codings stays linear.
 */
function codePointOffsets(
  db: Db,
  excerpts: readonly { sourceId: number; start: number; end: number }[],
): (sourceId: number, offset: number) => number {
  const wanted = new Map<number, Set<number>>();
  for (const e of excerpts) {
    const set = wanted.get(e.sourceId) ?? new Set<number>();
    set.add(e.start).add(e.end);
    wanted.set(e.sourceId, set);
  }
  const table = new Map<number, Map<number, number>>();
  for (const [sourceId, offsets] of wanted) {
    const text = sourceText(db, sourceId) ?? '';
    const map = new Map<number, number>();
    let unit = 0;
    let trailing = 0; // second halves of surrogate pairs passed so far
    for (const off of [...offsets].sort((a, b) => a - b)) {
      for (; unit < off && unit < text.length; unit++) if (isTrail(text, unit)) trailing++;
      map.set(off, off - trailing);
    }
    table.set(sourceId, map);
  }
  return (sourceId, offset) => table.get(sourceId)?.get(offset) ?? offset;
}

function isTrail(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xdc00 || c > 0xdfff || i === 0) return false;
  const before = text.charCodeAt(i - 1);
  return before >= 0xd800 && before <= 0xdbff;
}
