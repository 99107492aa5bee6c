/**
 * What the project writer knows before it writes a byte: every GUID in the project (checked and
 * unique), which passages can be written, each variable's type, and the warnings collected on
 * the way. A REFI file whose references point nowhere confuses the tools that read it, so a
 * reference to something that is not exported is left out and counted in a warning.
 */
import { WeftError } from '../../../db/errors.js';
import type { Guid, RefiCode, RefiProject, RefiSelection, VariableType } from './model.js';
import { normaliseGuid, xsdColor, xsdDateTime } from './xml-write.js';

export type EntityKind =
  | 'user'
  | 'code'
  | 'variable'
  | 'case'
  | 'source'
  | 'selection'
  | 'coding'
  | 'note'
  | 'set'
  | 'link'
  | 'graph'
  | 'vertex'
  | 'edge';

// How a reference target is named in a warning: one, and many.
const KIND_WORDS: Record<EntityKind | 'any', [string, string]> = {
  user: ['a user', 'users'],
  code: ['a code', 'codes'],
  variable: ['a variable', 'variables'],
  case: ['a case', 'cases'],
  source: ['a source', 'sources'],
  selection: ['a passage', 'passages'],
  coding: ['a coding', 'codings'],
  note: ['a note', 'notes'],
  set: ['a set', 'sets'],
  link: ['a link', 'links'],
  graph: ['a graph', 'graphs'],
  vertex: ['a graph vertex', 'graph vertices'],
  edge: ['a graph edge', 'graph edges'],
  any: ['an item', 'items'],
};

export class WriteContext {
  private readonly kinds = new Map<Guid, EntityKind>();
  private readonly notices = new Map<string, { count: number; say(n: number): string }>();
  readonly variableTypes = new Map<Guid, VariableType>();
  /** Passages whose offsets do not fit their text: not written, and not referable. */
  readonly droppedSelections = new WeakSet<RefiSelection>();

  /** Registers an entity's GUID; throws on a malformed or repeated one (nothing is written). */
  define(kind: EntityKind, raw: Guid, label: string): Guid {
    const guid = normaliseGuid(raw);
    if (guid === undefined) {
      throw new WeftError(
        'invalid_project',
        `Cannot export: ${KIND_WORDS[kind][0]} called “${label}” has an invalid GUID “${raw}”.`,
      );
    }
    const other = this.kinds.get(guid);
    if (other !== undefined) {
      throw new WeftError(
        'invalid_project',
        `Cannot export: ${KIND_WORDS[other][0]} and ${KIND_WORDS[kind][0]} (“${label}”) share the GUID ${guid}.`,
      );
    }
    this.kinds.set(guid, kind);
    return guid;
  }

  /** The GUID of a defined entity (already checked by `define`). */
  own(raw: Guid): Guid {
    return normaliseGuid(raw)!;
  }

  /**
   * A reference's target GUID when it names an exported entity of one of `wanted` kinds ('any':
   * any kind); otherwise undefined, and the dropped reference is counted in a warning.
   */
  ref(raw: Guid | undefined, wanted: EntityKind | 'any'): Guid | undefined {
    if (raw === undefined) return undefined;
    const guid = normaliseGuid(raw);
    const kind = guid === undefined ? undefined : this.kinds.get(guid);
    if (kind !== undefined && (wanted === 'any' || kind === wanted)) return guid;
    this.warn(`missing ${wanted}`, (n) =>
      n === 1
        ? `1 reference to ${KIND_WORDS[wanted][0]} that is not in the export was left out.`
        : `${n} references to ${KIND_WORDS[wanted][1]} that are not in the export were left out.`,
    );
    return undefined;
  }

  /** Counts one occurrence of a warning; `say` words it for the final count. */
  warn(key: string, say: (count: number) => string): void {
    const notice = this.notices.get(key);
    if (notice) notice.count++;
    else this.notices.set(key, { count: 1, say });
  }

  warnings(): string[] {
    return [...this.notices.values()].map((n) => n.say(n.count));
  }
}

/** A colour attribute's value; a malformed colour is left out with a warning. */
export function colorAttr(ctx: WriteContext, raw: string | undefined): string | undefined {
  const color = xsdColor(raw);
  if (raw !== undefined && color === undefined) {
    ctx.warn('bad colour', (n) =>
      n === 1
        ? `1 colour that is not a #rrggbb colour (“${raw}”) was left out.`
        : `${n} colours that are not #rrggbb colours (e.g. “${raw}”) were left out.`,
    );
  }
  return color;
}

/** A dateTime attribute's value; something that is not a date is left out with a warning. */
export function dateAttr(ctx: WriteContext, raw: string | undefined): string | undefined {
  const value = xsdDateTime(raw);
  if (raw !== undefined && value === undefined) {
    ctx.warn('bad date', (n) =>
      n === 1
        ? `1 date that is not a date (“${raw}”) was left out.`
        : `${n} dates that are not dates (e.g. “${raw}”) were left out.`,
    );
  }
  return value;
}

const VARIABLE_TYPES = new Set<VariableType>([
  'Text',
  'Boolean',
  'Integer',
  'Float',
  'Date',
  'DateTime',
]);

function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

function selectionFits(s: RefiSelection, textLength: number): boolean {
  return (
    Number.isInteger(s.start) &&
    Number.isInteger(s.end) &&
    s.start >= 0 &&
    s.start <= s.end &&
    s.end <= textLength
  );
}

function defineSelections(
  ctx: WriteContext,
  selections: RefiSelection[],
  text: string,
  owner: string,
): void {
  for (const s of selections) {
    if (!selectionFits(s, text.length)) {
      ctx.droppedSelections.add(s);
      ctx.warn(
        `outside ${owner}`,
        (n) =>
          `${plural(n, 'passage', 'passages')} of “${owner}” lay outside its text and ${n === 1 ? 'was' : 'were'} left out.`,
      );
      continue;
    }
    ctx.define('selection', s.guid, s.name ?? `passage in ${owner}`);
    for (const c of s.codings) ctx.define('coding', c.guid, `coding in ${owner}`);
  }
}

function defineCodes(ctx: WriteContext, codes: RefiCode[]): void {
  for (const code of codes) {
    ctx.define('code', code.guid, code.name);
    defineCodes(ctx, code.children);
  }
}

/** Checks and registers every GUID of `project` before anything is written. */
export function indexProject(project: RefiProject): WriteContext {
  const ctx = new WriteContext();
  for (const u of project.users) ctx.define('user', u.guid, u.name);
  defineCodes(ctx, project.codes);
  for (const v of project.variables) {
    const guid = ctx.define('variable', v.guid, v.name);
    if (VARIABLE_TYPES.has(v.type)) ctx.variableTypes.set(guid, v.type);
    else {
      // Not one of the standard's six types: its values are still worth keeping, as text.
      ctx.variableTypes.set(guid, 'Text');
      ctx.warn(
        'variable type',
        (n) =>
          `${plural(n, 'variable', 'variables')} of an unknown type (e.g. “${v.name}”) ${n === 1 ? 'was' : 'were'} written as Text.`,
      );
    }
  }
  for (const c of project.cases) ctx.define('case', c.guid, c.name);
  for (const t of project.texts) {
    ctx.define('source', t.guid, t.name);
    defineSelections(ctx, t.selections, t.text, t.name);
    for (const c of t.codings) ctx.define('coding', c.guid, `coding of ${t.name}`);
  }
  for (const n of project.notes) {
    ctx.define('note', n.guid, n.name);
    defineSelections(ctx, n.selections, n.text, n.name);
  }
  for (const s of project.sets) ctx.define('set', s.guid, s.name);
  for (const l of project.links) ctx.define('link', l.guid, l.name ?? 'link');
  for (const g of project.graphs) {
    ctx.define('graph', g.guid, g.name ?? 'graph');
    for (const v of g.vertices) ctx.define('vertex', v.guid, v.name ?? 'vertex');
    for (const e of g.edges) ctx.define('edge', e.guid, e.name ?? 'edge');
  }
  return ctx;
}
