import { z } from 'zod';
import type { Attribute, AttributeType } from '../../cases-types.js';
import { prep } from '../../stmt.js';
import { normaliseValue } from '../cases.js';
import { CLASSIFICATION_VARIABLE, deriveGuid, readMachine } from './conventions.js';
import { freeIn, isStr, type ImportContext } from './import-context.js';
import type { RefiVariable, RefiVariableValue } from './model.js';

export interface AttributeRef {
  id: number;
  classificationId: number | null;
  attr: Pick<Attribute, 'name' | 'type'>;
}

/** The Weft attributes each variable became: a case one, a source one, or (foreign) both. */
export type Attributes = Map<string, { case?: AttributeRef; source?: AttributeRef }>;

const classificationsBlock = z.object({
  classifications: z.array(
    z.object({ guid: z.string().min(1), name: z.string().min(1), description: z.string() }),
  ),
});
const attributeBlock = z.union([
  z.object({ scope: z.literal('case'), classification: z.string().nullable() }),
  z.object({ scope: z.literal('source') }),
]);

const TYPES: Record<string, AttributeType> = {
  Text: 'text',
  Boolean: 'boolean',
  Integer: 'number',
  Float: 'number',
  Date: 'date',
  // Weft keeps dates without a time; a date-time stays readable, whole, as text.
  DateTime: 'text',
};

export class Classifications {
  readonly byName = new Map<string, number>();
  private fallback: number | undefined;
  private readonly seen = new Set<number>();
  constructor(private readonly ctx: ImportContext) {
    const rows = prep(ctx.db, 'SELECT id, name FROM classifications').all() as {
      id: number;
      name: string;
    }[];
    for (const r of rows) this.byName.set(r.name.toLowerCase(), r.id);
  }

  /** The classification with this GUID or name (matched ignoring case), made if missing. */
  ensure(guid: string | undefined, name: string, description = ''): number {
    const found =
      (guid
        ? (prep(this.ctx.db, 'SELECT id FROM classifications WHERE guid = ?').pluck().get(guid) as
            number | undefined)
        : undefined) ?? this.byName.get(name.toLowerCase());
    if (found !== undefined) {
      // Counted once, though every case of the classification asks for it.
      if (!this.seen.has(found)) this.ctx.count('classifications', false);
      this.seen.add(found);
      return found;
    }
    const id = Number(
      prep(
        this.ctx.db,
        'INSERT INTO classifications (guid, name, description, created_at) VALUES (?, ?, ?, ?)',
      ).run(guid ?? deriveGuid(`classification:${name}`, 'weft'), name, description, this.ctx.now)
        .lastInsertRowid,
    );
    this.byName.set(name.toLowerCase(), id);
    this.seen.add(id);
    this.ctx.count('classifications', true);
    return id;
  }

  /** Where the cases and case variables of another tool's file go. */
  imported(): number {
    this.fallback ??= this.ensure(undefined, 'Cases');
    return this.fallback;
  }
}

export function importVariables(ctx: ImportContext, classes: Classifications): Attributes {
  const out: Attributes = new Map();
  const onCases = new Set(
    ctx.project.cases.flatMap((c) => (c.values ?? []).map((v) => v.variable)),
  );
  const onSources = new Set(
    [...ctx.project.texts, ...ctx.project.media].flatMap((s) =>
      (s.values ?? []).map((v) => v.variable),
    ),
  );
  const classGuids = new Map<string, number>();
  for (const v of ctx.project.variables) {
    if (v.guid !== CLASSIFICATION_VARIABLE) continue;
    const block = classificationsBlock.safeParse(readMachine(v.description)?.data);
    for (const c of block.success ? block.data.classifications : [])
      classGuids.set(c.guid, classes.ensure(c.guid, c.name, c.description));
  }
  for (const v of ctx.project.variables) {
    if (!isStr(v.guid) || !isStr(v.name)) {
      ctx.skip('malformed');
      continue;
    }
    if (v.guid === CLASSIFICATION_VARIABLE) continue;
    const type = TYPES[v.type] ?? 'text';
    const machine = readMachine(v.description);
    const block = machine?.tag === 'attribute' ? attributeBlock.safeParse(machine.data) : undefined;
    const refs: { case?: AttributeRef; source?: AttributeRef } = {};
    if (block?.success) {
      if (block.data.scope === 'case') {
        const cls =
          (block.data.classification && classGuids.get(block.data.classification)) ||
          classes.imported();
        refs.case = ensureAttribute(ctx, v, v.guid, 'case', cls, type);
      } else refs.source = ensureAttribute(ctx, v, v.guid, 'source', null, type);
    } else {
      const cases = onCases.has(v.guid);
      const sources = onSources.has(v.guid) || !cases;
      if (sources) refs.source = ensureAttribute(ctx, v, v.guid, 'source', null, type);
      if (cases) {
        const guid = sources ? deriveGuid(v.guid, 'case-attribute') : v.guid;
        refs.case = ensureAttribute(ctx, v, guid, 'case', classes.imported(), type);
      }
    }
    out.set(v.guid, refs);
  }
  return out;
}

function ensureAttribute(
  ctx: ImportContext,
  v: RefiVariable,
  guid: string,
  scope: 'case' | 'source',
  classificationId: number | null,
  type: AttributeType,
): AttributeRef {
  const byGuid = prep(
    ctx.db,
    'SELECT id, classification_id AS classificationId, name, type FROM attributes WHERE guid = ?',
  ).get(guid) as (Omit<AttributeRef, 'attr'> & { name: string; type: AttributeType }) | undefined;
  const siblings = prep(
    ctx.db,
    `SELECT id, classification_id AS classificationId, name, type FROM attributes
      WHERE scope = ? AND classification_id IS ?`,
  ).all(scope, classificationId) as (Omit<AttributeRef, 'attr'> & {
    name: string;
    type: AttributeType;
  })[];
  const sameName = siblings.find((a) => a.name.toLowerCase() === v.name.toLowerCase());
  const found = byGuid ?? (sameName?.type === type ? sameName : undefined);
  if (found) {
    ctx.count('attributes', false);
    return { id: found.id, classificationId: found.classificationId, attr: found };
  }
  const name = freeIn(new Set(siblings.map((a) => a.name.toLowerCase())), v.name.trim());
  if (name !== v.name.trim())
    ctx.warn(
      `Variable “${v.name}” imported as “${name}”: an attribute of another type has its name.`,
    );
  const position = siblings.length;
  const id = Number(
    prep(
      ctx.db,
      `INSERT INTO attributes (guid, scope, classification_id, name, type, position, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(guid, scope, classificationId, name, type, position, ctx.now).lastInsertRowid,
  );
  ctx.count('attributes', true);
  return { id, classificationId, attr: { name, type } };
}

/** Writes a value unless the owner has one (merge keeps what is there); false if skipped. */
export function importValue(
  ctx: ImportContext,
  table: 'case_values' | 'source_values',
  ownerId: number,
  ref: AttributeRef,
  v: RefiVariableValue,
): void {
  let value;
  try {
    value = normaliseValue(ref.attr, v.value ?? null);
  } catch {
    ctx.skip('valueType');
    return;
  }
  if (value === null) return;
  const stored = typeof value === 'boolean' ? (value ? 1n : 0n) : value;
  const key = table === 'case_values' ? 'case_id' : 'source_id';
  const isNew =
    prep(
      ctx.db,
      `INSERT INTO ${table} (${key}, attribute_id, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
    ).run(ownerId, ref.id, stored).changes > 0;
  ctx.count('values', isNew);
}
