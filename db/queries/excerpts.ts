import type { AttributeType, AttributeValue } from '../cases-types.js';
import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import type { Excerpt } from '../types.js';
import { compareNames, fromStored } from './cases.js';
import { getMeta, setMeta } from './project.js';

export const DEFAULT_ATTRIBUTION_TEMPLATE = '({source})';
const TEMPLATE_KEY = 'attribution_template';
export const DEFAULT_CONTEXT = 160;

export function attributionTemplate(db: Db): string {
  return getMeta(db, TEMPLATE_KEY) ?? DEFAULT_ATTRIBUTION_TEMPLATE;
}

export function setAttributionTemplate(db: Db, template: string): void {
  setMeta(db, TEMPLATE_KEY, template);
}

/** Fields every excerpt has, whatever the project's attributes. */
export const BUILT_IN_FIELDS = ['source', 'case', 'coder', 'code', 'kind', 'folder'] as const;

/** The names a template can use: built-in fields, attribute names, classification names. */
export function templateFields(db: Db): string[] {
  const names = prep(
    db,
    `SELECT name FROM (
       SELECT name, 0 AS k, 0 AS c, position AS p FROM attributes WHERE scope = 'source'
       UNION ALL SELECT name, 1, classification_id, position FROM attributes WHERE scope = 'case'
       UNION ALL SELECT name, 2, 0, id FROM classifications)
     ORDER BY k, c, p`,
  )
    .pluck()
    .all() as string[];
  const seen = new Set<string>(BUILT_IN_FIELDS);
  const out: string[] = [...BUILT_IN_FIELDS];
  for (const n of names) {
    const k = fieldKey(n);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(n);
  }
  return out;
}

/** The code and, through any depth of nesting, every code under it. */
export function codeAndDescendants(db: Db, codeId: number): number[] {
  return prep(
    db,
    `WITH RECURSIVE tree(id) AS (
       SELECT id FROM codes WHERE id = ?
       UNION SELECT k.id FROM codes k JOIN tree ON k.parent_id = tree.id)
     SELECT id FROM tree`,
  )
    .pluck()
    .all(codeId) as number[];
}

// ---------------------------------------------------------------- context

function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** True when index i falls between the two halves of a surrogate pair. */
function splitsPair(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const at = text.charCodeAt(i);
  return before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff;
}

/**
 * Up to `n` UTF-16 units of text either side of [start, end). A side cut inside the text is cut
 * back to a word boundary (the partial word and the whitespace at the cut go); a run with no
 * whitespace at all (a long URL, unspaced scripts) is cut where it falls, but never between the
 * halves of a surrogate pair. A side that reaches the text's edge is kept whole ('' at the edge).
 */
export function contextAround(
  text: string,
  start: number,
  end: number,
  n: number,
): { before: string; after: string } {
  if (n <= 0) return { before: '', after: '' };
  let from = start - n;
  if (from <= 0) from = 0;
  else {
    if (!isSpace(text.charCodeAt(from - 1))) {
      let i = from;
      while (i < start && !isSpace(text.charCodeAt(i))) i++;
      if (i < start) from = i;
      else if (splitsPair(text, from)) from++;
    }
    while (from < start && isSpace(text.charCodeAt(from))) from++;
  }
  let to = end + n;
  if (to >= text.length) to = text.length;
  else {
    if (!isSpace(text.charCodeAt(to))) {
      let i = to;
      while (i > end && !isSpace(text.charCodeAt(i - 1))) i--;
      if (i > end) to = i;
      else if (splitsPair(text, to)) to--;
    }
    while (to > end && isSpace(text.charCodeAt(to - 1))) to--;
  }
  return { before: text.slice(from, start), after: text.slice(end, to) };
}

// ---------------------------------------------------------------- attribution templates

/**
 * An attribution template is text with fields in braces: "(Site {site}, {participant})".
 *
 * - A field name matches ignoring case, spaces and underscores: {Interview_Round} is
 *   {interview round} is {interviewround}.
 * - Fields are looked up in this order, and the first one with a value wins: source (its name),
 *   case (the names of the cases the coding falls in), coder, code, kind (the source's kind),
 *   folder; then the source's attributes; then the attributes of the coding's cases; then a
 *   classification's name, which gives the name of the coding's case of that classification
 *   ({person} → "LW02").
 * - A field that matches nothing, or has no value, renders as '?', so a gap shows rather than
 *   silently closing up; the text around it is kept exactly as written.
 * - A brace without its partner is kept as text; "{}" is an empty field name, so '?'.
 */
export type Fields = Map<string, string>;
export type TemplatePart = string | { key: string };

export const fieldKey = (name: string): string => name.toLowerCase().replace(/[\s_]+/g, '');

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{([^{}]*)\}/g)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push({ key: fieldKey(m[1]!) });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

export function renderParts(
  parts: readonly TemplatePart[],
  lookup: (key: string) => string | undefined,
): string {
  let out = '';
  for (const p of parts) out += typeof p === 'string' ? p : lookup(p.key) || '?';
  return out;
}

/** Renders a template against named values (names matched as fieldKey does). Pure. */
export function renderTemplate(template: string, values: Record<string, string>): string {
  const fields: Fields = new Map();
  for (const [name, value] of Object.entries(values)) addValue(fields, name, value);
  return renderParts(parseTemplate(template), (key) => fields.get(key));
}

/** A value as a person reads it in a quote: 2 not 2.0, Yes / No, dates as stored (YYYY-MM-DD). */
export function formatValue(type: AttributeType, value: AttributeValue): string {
  if (type === 'boolean' || typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return value.trim();
}

function firstValue(key: string, ...maps: (Fields | undefined)[]): string | undefined {
  for (const m of maps) {
    const v = m?.get(key);
    if (v) return v;
  }
  return undefined;
}

// ---------------------------------------------------------------- attributions

interface SourceInfo {
  kind: string;
  folder: string;
  text: string;
  /** Source attribute values by field key, in the attributes' order. */
  values: Fields;
  /** Cases the whole source belongs to. */
  wholeCases: number[];
  passages: { caseId: number; start: number; end: number }[];
  /** Case fields by the case ids a coding falls in ("3,7"). */
  caseFields: Map<string, { names: string; values: Fields; byClassification: Fields }>;
}

interface CaseInfo {
  name: string;
  classification: string | null;
  values: Fields;
}

type ValueRow = { ownerId: number; name: string; type: AttributeType; value: unknown };

/** Fields every coding has a value for: a template of only these needs no case lookups. */
const ALWAYS_SET = new Set(['source', 'coder', 'code', 'kind']);

function addValue(fields: Fields, name: string, value: string): void {
  const key = fieldKey(name);
  if (value !== '' && !fields.has(key)) fields.set(key, value);
}

function valuesByOwner(rows: ValueRow[]): Map<number, Fields> {
  const out = new Map<number, Fields>();
  for (const r of rows) {
    let f = out.get(r.ownerId);
    if (!f) out.set(r.ownerId, (f = new Map()));
    addValue(f, r.name, formatValue(r.type, fromStored(r.type, r.value)));
  }
  return out;
}

/** Reads, once per call, each source's text and (when the template needs them) its attributes and cases. */
function loadSources(db: Db, ids: number[], needCases: boolean) {
  const json = JSON.stringify(ids);
  const sources = new Map<number, SourceInfo>();
  const rows = prep(
    db,
    'SELECT id, kind, folder, text FROM sources WHERE id IN (SELECT value FROM json_each(?))',
  ).all(json) as { id: number; kind: string; folder: string; text: string }[];
  for (const r of rows)
    sources.set(r.id, {
      kind: r.kind,
      folder: r.folder,
      text: r.text,
      values: new Map(),
      wholeCases: [],
      passages: [],
      caseFields: new Map(),
    });
  const cases = new Map<number, CaseInfo>();
  if (!needCases) return { sources, cases };

  const sourceValues = valuesByOwner(
    prep(
      db,
      `SELECT v.source_id AS ownerId, a.name, a.type, v.value
         FROM source_values v JOIN attributes a ON a.id = v.attribute_id
        WHERE v.source_id IN (SELECT value FROM json_each(?)) ORDER BY a.position, a.id`,
    ).all(json) as ValueRow[],
  );
  for (const [id, s] of sources) s.values = sourceValues.get(id) ?? new Map();

  const links = prep(
    db,
    `SELECT source_id AS sourceId, case_id AS caseId, NULL AS start, NULL AS end
       FROM source_cases WHERE source_id IN (SELECT value FROM json_each(@ids))
     UNION ALL
     SELECT source_id, case_id, start, end
       FROM case_passages WHERE source_id IN (SELECT value FROM json_each(@ids))`,
  ).all({ ids: json }) as {
    sourceId: number;
    caseId: number;
    start: number | null;
    end: number | null;
  }[];
  const caseIds = [...new Set(links.map((l) => l.caseId))];
  const caseJson = JSON.stringify(caseIds);
  const caseRows = prep(
    db,
    `SELECT c.id, c.name, k.name AS classification
       FROM cases c LEFT JOIN classifications k ON k.id = c.classification_id
      WHERE c.id IN (SELECT value FROM json_each(?))`,
  ).all(caseJson) as { id: number; name: string; classification: string | null }[];
  const caseValues = valuesByOwner(
    prep(
      db,
      `SELECT v.case_id AS ownerId, a.name, a.type, v.value
         FROM case_values v JOIN cases c ON c.id = v.case_id
         JOIN attributes a ON a.id = v.attribute_id AND a.classification_id = c.classification_id
        WHERE v.case_id IN (SELECT value FROM json_each(?)) ORDER BY a.position, a.id`,
    ).all(caseJson) as ValueRow[],
  );
  for (const c of caseRows)
    cases.set(c.id, {
      name: c.name,
      classification: c.classification,
      values: caseValues.get(c.id) ?? new Map(),
    });
  for (const l of links) {
    const s = sources.get(l.sourceId);
    if (!s || !cases.has(l.caseId)) continue;
    if (l.start === null || l.end === null) s.wholeCases.push(l.caseId);
    else s.passages.push({ caseId: l.caseId, start: l.start, end: l.end });
  }
  return { sources, cases };
}

/** The cases a coding falls in: those with a passage holding it, else the whole source's. */
function casesOf(s: SourceInfo, start: number, end: number): number[] {
  const inPassage = new Set<number>();
  for (const p of s.passages) if (p.start <= start && end <= p.end) inPassage.add(p.caseId);
  return inPassage.size ? [...inPassage] : s.wholeCases;
}

/**
 * Fields of a group of cases. Several cases (a participant and a site, say) give their names
 * and their distinct values joined by ', ', in name order; a classification's name ("Person")
 * gives the name of the case of that classification.
 */
function caseFieldsOf(s: SourceInfo, ids: number[], cases: Map<number, CaseInfo>) {
  const key = ids.join(',');
  let f = s.caseFields.get(key);
  if (f) return f;
  const group = ids.map((id) => cases.get(id)!).sort((a, b) => compareNames(a.name, b.name));
  const joined = (pairs: [string, string][]): Fields => {
    const m = new Map<string, string[]>();
    for (const [k, v] of pairs) {
      const list = m.get(k) ?? [];
      if (!list.includes(v)) list.push(v);
      m.set(k, list);
    }
    return new Map([...m].map(([k, v]) => [k, v.join(', ')]));
  };
  f = {
    names: group.map((c) => c.name).join(', '),
    values: joined(group.flatMap((c) => [...c.values])),
    byClassification: joined(
      group.flatMap((c): [string, string][] =>
        c.classification ? [[fieldKey(c.classification), c.name]] : [],
      ),
    ),
  };
  s.caseFields.set(key, f);
  return f;
}

export interface ExcerptQuery {
  codeIds: number[];
  /** Only these coders' codings; all when absent. */
  coderIds?: number[];
  /** UTF-16 units of context either side; default 160. */
  context?: number;
  /** Defaults to the project's template. */
  template?: string;
}

type Row = Omit<Excerpt, 'text' | 'before' | 'after' | 'attribution'>;

/**
 * The codings of `codeIds` as excerpts, by source name then position, each with its words,
 * some context and its attribution. Each source's text and attributes are read once, not per
 * excerpt, and text is sliced in JavaScript: offsets are UTF-16 units, which SQLite's substr()
 * does not count.
 */
export function listExcerpts(db: Db, q: ExcerptQuery): Excerpt[] {
  const coderFilter = q.coderIds ? 'AND c.coder_id IN (SELECT value FROM json_each(@coders))' : '';
  const rows = prep(
    db,
    `SELECT c.id AS codingId, c.source_id AS sourceId, s.name AS sourceName, c.code_id AS codeId,
            k.name AS codeName, c.start, c.end, c.coder_id AS coderId, ifnull(u.name, '') AS coder,
            c.created_at AS createdAt
       FROM codings c JOIN sources s ON s.id = c.source_id JOIN codes k ON k.id = c.code_id
       LEFT JOIN users u ON u.id = c.coder_id
      WHERE c.code_id IN (SELECT value FROM json_each(@codes)) ${coderFilter}
      ORDER BY s.name COLLATE NOCASE, c.source_id, c.start, c.end, c.id`,
  ).all({
    codes: JSON.stringify(q.codeIds),
    ...(q.coderIds ? { coders: JSON.stringify(q.coderIds) } : {}),
  }) as Row[];
  if (!rows.length) return [];

  const parts: TemplatePart[] = parseTemplate(q.template ?? attributionTemplate(db));
  const needCases = parts.some((p) => typeof p !== 'string' && !ALWAYS_SET.has(p.key));
  const { sources, cases } = loadSources(db, [...new Set(rows.map((r) => r.sourceId))], needCases);
  const n = q.context ?? DEFAULT_CONTEXT;

  return rows.map((r) => {
    const s = sources.get(r.sourceId)!;
    const { before, after } = contextAround(s.text, r.start, r.end, n);
    const attribution = attributionOf(parts, needCases, s, cases, r);
    return { ...r, text: s.text.slice(r.start, r.end), before, after, attribution };
  });
}

/** A passage to attribute: where it is, and the built-in fields it has. */
export interface AttributionSpan {
  sourceId: number;
  sourceName: string;
  start: number;
  end: number;
  coder: string;
  codeName: string;
}

type Loaded = ReturnType<typeof loadSources>;

function attributionOf(
  parts: TemplatePart[],
  needCases: boolean,
  s: SourceInfo,
  cases: Loaded['cases'],
  span: AttributionSpan,
): string {
  const group = needCases ? caseFieldsOf(s, casesOf(s, span.start, span.end), cases) : null;
  const builtIn: Record<string, string | undefined> = {
    source: span.sourceName,
    case: group?.names,
    coder: span.coder,
    code: span.codeName,
    kind: s.kind,
    folder: s.folder,
  };
  return renderParts(
    parts,
    (key) =>
      (Object.hasOwn(builtIn, key) ? builtIn[key] : undefined) ||
      firstValue(key, s.values, group?.values, group?.byClassification),
  );
}

/**
 * Attributions for any passages (coded or not: CMOC evidence, say), by the same rules and with
 * the same one read per source as excerpts. A passage whose source is gone gets ''.
 */
export function attributionsFor(
  db: Db,
  spans: readonly AttributionSpan[],
  template: string = attributionTemplate(db),
): string[] {
  if (!spans.length) return [];
  const parts = parseTemplate(template);
  const needCases = parts.some((p) => typeof p !== 'string' && !ALWAYS_SET.has(p.key));
  const { sources, cases } = loadSources(db, [...new Set(spans.map((x) => x.sourceId))], needCases);
  return spans.map((span) => {
    const s = sources.get(span.sourceId);
    return s ? attributionOf(parts, needCases, s, cases, span) : '';
  });
}

/**
 * The cases each passage falls in, decided as attributions decide it: the cases with a passage
 * holding it, else the cases its whole source belongs to.
 */
export function casesOfSpans(
  db: Db,
  spans: readonly { sourceId: number; start: number; end: number }[],
): number[][] {
  if (!spans.length) return [];
  const { sources } = loadSources(db, [...new Set(spans.map((x) => x.sourceId))], true);
  return spans.map((x) => {
    const s = sources.get(x.sourceId);
    return s ? casesOf(s, x.start, x.end) : [];
  });
}
