import type { AttributeType } from '../../cases-types.js';
import type { Db } from '../../open.js';
import { fromStored } from '../cases.js';
import {
  CLASSIFICATION_NAME,
  CLASSIFICATION_VARIABLE,
  refiGuid,
  withMachine,
} from './conventions.js';
import type {
  RefiCase,
  RefiSelection,
  RefiVariable,
  RefiVariableValue,
  VariableType,
} from './model.js';
import { place, type ExportState } from './to-refi.js';

interface AttributeRow {
  id: number;
  guid: string;
  scope: 'case' | 'source';
  classificationId: number | null;
  name: string;
  type: AttributeType;
}

/** Variables in their order; returns each attribute's place in it and its type. */
export function addVariables(
  s: ExportState,
): Map<number, { rank: number; guid: string; type: AttributeType }> {
  const classifications = s.db
    .prepare('SELECT id, guid, name, description FROM classifications ORDER BY id')
    .all() as { id: number; guid: string; name: string; description: string }[];
  const classGuid = new Map(classifications.map((c) => [c.id, refiGuid(c.guid)]));
  if (classifications.length) {
    s.project.variables.push({
      guid: CLASSIFICATION_VARIABLE,
      name: CLASSIFICATION_NAME,
      type: 'Text',
      description: withMachine(
        'Which classification the case belongs to in Weft.',
        'classifications',
        {
          classifications: classifications.map((c) => ({
            guid: refiGuid(c.guid),
            name: c.name,
            description: c.description,
          })),
        },
      ),
    });
  }
  const attributes = s.db
    .prepare(
      `SELECT id, guid, scope, classification_id AS classificationId, name, type FROM attributes
        ORDER BY scope = 'case', classification_id, position, id`,
    )
    .all() as AttributeRow[];
  const wholeNumbers = integerAttributes(s.db);
  const order = new Map<number, { rank: number; guid: string; type: AttributeType }>();
  attributes.forEach((a, i) => {
    const guid = refiGuid(a.guid);
    order.set(a.id, { rank: i + 1, guid, type: a.type });
    const variable: RefiVariable = {
      guid,
      name: a.name,
      type: variableType(a.type, wholeNumbers.has(a.id)),
      description: withMachine(
        '',
        'attribute',
        a.scope === 'case'
          ? { scope: 'case', classification: classGuid.get(a.classificationId!) ?? null }
          : { scope: 'source' },
      ),
    };
    s.project.variables.push(variable);
  });
  return order;
}

/** Number attributes whose every value is whole (Integer rather than Float). */
function integerAttributes(db: Db): Set<number> {
  const numbers = db
    .prepare("SELECT id FROM attributes WHERE type = 'number'")
    .pluck()
    .all() as number[];
  const fractional = new Set(
    db
      .prepare(
        `SELECT attribute_id FROM case_values WHERE typeof(value) = 'real' AND value <> CAST(value AS INTEGER)
         UNION SELECT attribute_id FROM source_values WHERE typeof(value) = 'real' AND value <> CAST(value AS INTEGER)`,
      )
      .pluck()
      .all() as number[],
  );
  return new Set(numbers.filter((id) => !fractional.has(id)));
}

function variableType(type: AttributeType, whole: boolean): VariableType {
  switch (type) {
    case 'text':
      return 'Text';
    case 'number':
      return whole ? 'Integer' : 'Float';
    case 'date':
      return 'Date';
    case 'boolean':
      return 'Boolean';
  }
}

export type AttributeOrder = Map<number, { rank: number; guid: string; type: AttributeType }>;

/** Values by owner id, each owner's in variable order. */
export function valuesByOwner(
  db: Db,
  table: 'case_values' | 'source_values',
  order: AttributeOrder,
) {
  const key = table === 'case_values' ? 'case_id' : 'source_id';
  const rows = db.prepare(`SELECT ${key}, attribute_id, value FROM ${table}`).raw().all() as [
    number,
    number,
    unknown,
  ][];
  const out = new Map<number, { rank: number; value: RefiVariableValue }[]>();
  for (const [owner, attributeId, stored] of rows) {
    const a = order.get(attributeId);
    if (!a) continue;
    const entry = { rank: a.rank, value: { variable: a.guid, value: fromStored(a.type, stored) } };
    const list = out.get(owner);
    if (list) list.push(entry);
    else out.set(owner, [entry]);
  }
  const sorted = new Map<number, RefiVariableValue[]>();
  for (const [owner, list] of out)
    sorted.set(
      owner,
      list.sort((a, b) => a.rank - b.rank).map((e) => e.value),
    );
  return sorted;
}

export function addCases(s: ExportState, order: AttributeOrder): void {
  const values = valuesByOwner(s.db, 'case_values', order);
  const rows = s.db
    .prepare(
      `SELECT c.id, c.guid, c.name, c.description, k.name AS classification
         FROM cases c LEFT JOIN classifications k ON k.id = c.classification_id ORDER BY c.id`,
    )
    .all() as {
    id: number;
    guid: string;
    name: string;
    description: string;
    classification: string | null;
  }[];
  for (const r of rows) {
    const own = values.get(r.id) ?? [];
    const c: RefiCase = {
      guid: refiGuid(r.guid),
      name: r.name,
      ...(r.description ? { description: r.description } : {}),
      codeRefs: [],
      values:
        r.classification === null
          ? own
          : [{ variable: CLASSIFICATION_VARIABLE, value: r.classification }, ...own],
      sourceRefs: [],
      selectionRefs: [],
    };
    s.cases.set(r.id, c);
    s.project.cases.push(c);
  }
  const links = s.db
    .prepare('SELECT case_id, source_id FROM source_cases ORDER BY case_id, source_id')
    .raw()
    .all() as [number, number][];
  for (const [caseId, sourceId] of links) {
    const guid = s.sourceGuids.get(sourceId);
    if (guid) s.cases.get(caseId)?.sourceRefs.push(guid);
  }
  const passages = s.db
    .prepare(
      `SELECT id, guid, case_id, source_id, start, end, created_at, created_by FROM case_passages
        ORDER BY case_id, source_id, start, end, id`,
    )
    .raw()
    .all() as [number, string, number, number, number, number, string, number | null][];
  for (const [id, guid, caseId, sourceId, start, end, created, createdBy] of passages) {
    const c = s.cases.get(caseId);
    if (!c || !s.texts.has(sourceId)) continue;
    const creatingUser = createdBy === null ? undefined : s.users.get(createdBy);
    const sel: RefiSelection = {
      guid: refiGuid(guid),
      start,
      end,
      ...(creatingUser ? { creatingUser } : {}),
      created,
      codings: [],
      noteRefs: [],
    };
    const before = s.selections.get(sourceId)?.length ?? 0;
    place(s, sourceId, { sel, rank: 1, seq: id });
    if ((s.selections.get(sourceId)?.length ?? 0) > before) c.selectionRefs.push(sel.guid);
  }
}
