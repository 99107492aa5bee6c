import fs from 'node:fs';
import path from 'node:path';
import { WeftError } from '../../../db/errors.js';
import type { Db } from '../../../db/open.js';
import * as q from '../../../db/queries/cases.js';
import { summaryTable, summaryToCsv, summaryToText } from '../../../db/queries/summary.js';
import { listSources } from '../../../db/queries/sources.js';
import { prep } from '../../../db/stmt.js';
import type { Attribute, AttributeType, RawValue, ValueEdit } from '../../../db/cases-types.js';
import { hintsFromFileName } from '../../formats/autolink.js';
import {
  inferColumnType,
  readAttributeTable,
  writeAttributeCsv,
  writeAttributeXlsx,
  type AttributeTable,
} from '../../formats/attribute-table.js';
import type { AttributeImportResult, ExportedFile, LinkSuggestion } from '../contract-cases.js';
import type { Ctx } from '../context.js';
import { requireCoder, requireDb } from '../context.js';

type Scope = 'case' | 'source';

/** Runs `fn` in one transaction and tells the renderer what changed. */
function change<T>(ctx: Ctx, fn: (db: Db) => T): T {
  const db = requireDb(ctx);
  const result = db.transaction(() => fn(db))();
  ctx.emit('project.changed', { what: 'cases' });
  return result;
}

function requireClassification(db: Db, id: number) {
  const c = q.getClassification(db, id);
  if (!c) throw new WeftError('not_found', `There is no classification with id ${id}.`);
  return c;
}

/** A classification's case attribute by name (any case), created on demand; says which. */
function ensureAttribute(
  db: Db,
  classificationId: number,
  name: string,
  type: AttributeType,
): { attribute: Attribute; created: boolean } {
  const found = q
    .listAttributes(db, 'case', classificationId)
    .find((a) => a.name.toLowerCase() === name.toLowerCase());
  if (found) return { attribute: found, created: false };
  return {
    attribute: q.createAttribute(db, { scope: 'case', classificationId, name, type }),
    created: true,
  };
}

function ensureSourceAttribute(db: Db, name: string): Attribute {
  const found = q
    .listAttributes(db, 'source')
    .find((a) => a.name.toLowerCase() === name.toLowerCase());
  return found ?? q.createAttribute(db, { scope: 'source', name, type: 'text' });
}

/**
 * Reads a participant table (first column: case names; the rest: attributes, created with an
 * inferred type when new) into one classification, all in one transaction: one bad cell and
 * nothing changes.
 */
export async function importAttributeTable(
  ctx: Ctx,
  input: { path: string; classificationId: number; fileName?: string; sheet?: string },
): Promise<AttributeImportResult> {
  const db = requireDb(ctx);
  const fileName = input.fileName ?? path.basename(input.path);
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(input.path);
  } catch {
    throw new WeftError('not_found', `${fileName}: file not found.`);
  }
  const table = await readAttributeTable(bytes, fileName, input.sheet);
  if (requireDb(ctx) !== db)
    throw new WeftError('cancelled', 'The project was closed during the import.');
  return change(ctx, () => {
    requireClassification(db, input.classificationId);
    const [, ...columns] = table.header;
    const created: string[] = [];
    const attributes = columns.map((col, i) => {
      const type = inferColumnType(table.rows.map((r) => r[i + 1] ?? ''));
      const { attribute, created: isNew } = ensureAttribute(db, input.classificationId, col, type);
      if (isNew) created.push(attribute.name);
      return attribute;
    });
    let casesCreated = 0;
    let casesUpdated = 0;
    const edits: ValueEdit[] = [];
    for (const row of table.rows) {
      const caseName = (row[0] ?? '').trim();
      if (!caseName) continue;
      let c = q.findCaseByName(db, caseName);
      if (!c) {
        c = q.createCase(db, {
          name: caseName,
          classificationId: input.classificationId,
          createdBy: requireCoder(ctx),
        });
        casesCreated++;
      } else {
        if (c.classificationId !== input.classificationId)
          q.setCaseClassification(db, c.id, input.classificationId);
        casesUpdated++;
      }
      attributes.forEach((a, i) => {
        const cell = row[i + 1] ?? '';
        if (cell !== '') edits.push({ caseId: c.id, attributeId: a.id, value: cell });
      });
    }
    q.setValues(db, edits);
    return { casesCreated, casesUpdated, attributesCreated: created, valuesSet: edits.length };
  });
}

export async function exportAttributeTable(
  ctx: Ctx,
  input: { classificationId: number; format: 'csv' | 'xlsx' },
): Promise<ExportedFile> {
  const db = requireDb(ctx);
  const cls = requireClassification(db, input.classificationId);
  const grid = q.caseGrid(db, input.classificationId);
  const table: AttributeTable = {
    header: [cls.name, ...grid.attributes.map((a) => a.name)],
    rows: grid.rows.map((r) => [
      r.case.name,
      ...grid.attributes.map((a) =>
        r.values[a.id] === undefined ? '' : q.displayValue(a.type, r.values[a.id]!),
      ),
    ]),
  };
  const base = `${cls.name} attributes`;
  if (input.format === 'csv') {
    return {
      fileName: `${base}.csv`,
      mime: 'text/csv',
      base64: Buffer.from(writeAttributeCsv(table), 'utf8').toString('base64'),
    };
  }
  const bytes = await writeAttributeXlsx(table, cls.name);
  return {
    fileName: `${base}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(bytes).toString('base64'),
  };
}

export function suggestLinks(ctx: Ctx): LinkSuggestion[] {
  const db = requireDb(ctx);
  const known = q.listCases(db).map((c) => c.name);
  const out: LinkSuggestion[] = [];
  // The file each source came from says most (Site2_LW02_followup.docx); else its name.
  const files = prep(db, 'SELECT id, coalesce(original_name, name) AS file FROM sources').all() as {
    id: number;
    file: string;
  }[];
  const fileOf = new Map(files.map((f) => [f.id, f.file]));
  for (const s of listSources(db)) {
    const original = fileOf.get(s.id) ?? s.name;
    const h = hintsFromFileName(original, known);
    if (!h.caseName) continue;
    const existing = q.findCaseByName(db, h.caseName);
    if (existing && q.casesOfSource(db, s.id).some((c) => c.id === existing.id && c.whole))
      continue;
    out.push({
      sourceId: s.id,
      sourceName: s.name,
      caseName: existing?.name ?? h.caseName,
      caseExists: !!existing,
      site: h.site,
      round: h.round,
      kind: h.kind,
    });
  }
  return out;
}

export function applyLinks(
  ctx: Ctx,
  input: {
    links: { sourceId: number; caseName: string; site?: string; round?: 'first' | 'follow-up' }[];
    classificationName: string;
  },
): { linked: number; casesCreated: number } {
  return change(ctx, (db) => {
    const cls =
      q
        .listClassifications(db)
        .find((c) => c.name.toLowerCase() === input.classificationName.toLowerCase()) ??
      q.createClassification(db, { name: input.classificationName });
    const site = input.links.some((l) => l.site)
      ? ensureAttribute(db, cls.id, 'Site', 'text').attribute
      : null;
    const round = input.links.some((l) => l.round) ? ensureSourceAttribute(db, 'Round') : null;
    let casesCreated = 0;
    let linked = 0;
    const edits: ValueEdit[] = [];
    for (const l of input.links) {
      let c = q.findCaseByName(db, l.caseName);
      if (!c) {
        c = q.createCase(db, {
          name: l.caseName,
          classificationId: cls.id,
          createdBy: requireCoder(ctx),
        });
        casesCreated++;
      } else if (c.classificationId === null) {
        c = q.setCaseClassification(db, c.id, cls.id).case;
      }
      if (q.linkSourceToCase(db, l.sourceId, c.id)) linked++;
      if (site && l.site && c.classificationId === cls.id)
        edits.push({ caseId: c.id, attributeId: site.id, value: l.site });
      if (round && l.round)
        edits.push({ sourceId: l.sourceId, attributeId: round.id, value: l.round });
    }
    q.setValues(db, edits);
    return { linked, casesCreated };
  });
}

const requireCase = (db: Db, id: number) => {
  const c = q.getCase(db, id);
  if (!c) throw new WeftError('not_found', `There is no case with id ${id}.`);
  return c;
};

export const caseHandlers = {
  'classifications.list': (ctx: Ctx) => q.listClassifications(requireDb(ctx)),
  'classifications.create': (ctx: Ctx, input: { name: string; description?: string }) =>
    change(ctx, (db) => q.createClassification(db, input)),
  'classifications.update': (
    ctx: Ctx,
    input: { id: number; name?: string; description?: string },
  ) =>
    change(ctx, (db) => {
      requireClassification(db, input.id);
      if (input.name !== undefined) q.renameClassification(db, input.id, input.name);
      if (input.description !== undefined)
        q.setClassificationDescription(db, input.id, input.description);
      return requireClassification(db, input.id);
    }),
  'classifications.delete': (ctx: Ctx, input: { id: number }) =>
    change(ctx, (db) => {
      if (!q.deleteClassification(db, input.id))
        throw new WeftError('not_found', `There is no classification with id ${input.id}.`);
      return null;
    }),

  'cases.list': (ctx: Ctx, input: { classificationId?: number | null }) =>
    q.listCases(
      requireDb(ctx),
      input.classificationId === undefined
        ? undefined
        : { classificationId: input.classificationId },
    ),
  'cases.create': (
    ctx: Ctx,
    input: { name: string; classificationId?: number | null; description?: string },
  ) => change(ctx, (db) => q.createCase(db, { ...input, createdBy: requireCoder(ctx) })),
  'cases.update': (
    ctx: Ctx,
    input: { id: number; name?: string; description?: string; classificationId?: number | null },
  ) =>
    change(ctx, (db) => {
      requireCase(db, input.id);
      if (input.name !== undefined) q.renameCase(db, input.id, input.name);
      if (input.description !== undefined) q.setCaseDescription(db, input.id, input.description);
      if (input.classificationId !== undefined)
        q.setCaseClassification(db, input.id, input.classificationId);
      return requireCase(db, input.id);
    }),
  'cases.delete': (ctx: Ctx, input: { id: number }) =>
    change(ctx, (db) => {
      if (!q.deleteCase(db, input.id))
        throw new WeftError('not_found', `There is no case with id ${input.id}.`);
      return null;
    }),
  'cases.ofSource': (ctx: Ctx, input: { sourceId: number }) =>
    q.casesOfSource(requireDb(ctx), input.sourceId),
  'cases.linkSource': (ctx: Ctx, input: { caseId: number; sourceId: number }) =>
    change(ctx, (db) => q.linkSourceToCase(db, input.sourceId, input.caseId)),
  'cases.unlinkSource': (ctx: Ctx, input: { caseId: number; sourceId: number }) =>
    change(ctx, (db) => q.unlinkSourceFromCase(db, input.sourceId, input.caseId)),
  'cases.addPassage': (
    ctx: Ctx,
    input: { caseId: number; sourceId: number; start: number; end: number },
  ) => change(ctx, (db) => q.addCasePassage(db, { ...input, createdBy: requireCoder(ctx) })),
  'cases.removePassage': (ctx: Ctx, input: { id: number }) =>
    change(ctx, (db) => {
      if (!q.removeCasePassage(db, input.id))
        throw new WeftError('not_found', `There is no case passage with id ${input.id}.`);
      return null;
    }),
  'cases.passages': (ctx: Ctx, input: { caseId: number }) =>
    q.listCasePassages(requireDb(ctx), input.caseId),
  'cases.passageMarks': (ctx: Ctx, input: { sourceId: number }) =>
    q.passageMarksForSource(requireDb(ctx), input.sourceId),
  'cases.suggestLinks': suggestLinks,
  'cases.applyLinks': applyLinks,

  'attributes.list': (ctx: Ctx, input: { scope: Scope; classificationId?: number | null }) =>
    q.listAttributes(requireDb(ctx), input.scope, input.classificationId ?? null),
  'attributes.create': (
    ctx: Ctx,
    input: { scope: Scope; classificationId?: number | null; name: string; type: AttributeType },
  ) =>
    change(ctx, (db) =>
      input.scope === 'case'
        ? q.createAttribute(db, {
            scope: 'case',
            classificationId: input.classificationId!,
            name: input.name,
            type: input.type,
          })
        : q.createAttribute(db, { scope: 'source', name: input.name, type: input.type }),
    ),
  'attributes.update': (ctx: Ctx, input: { id: number; name?: string; type?: AttributeType }) =>
    change(ctx, (db) => {
      let a = q.getAttribute(db, input.id);
      if (!a) throw new WeftError('not_found', `There is no attribute with id ${input.id}.`);
      if (input.name !== undefined) a = q.renameAttribute(db, input.id, input.name);
      if (input.type !== undefined) a = q.changeAttributeType(db, input.id, input.type);
      return a;
    }),
  'attributes.delete': (ctx: Ctx, input: { id: number }) =>
    change(ctx, (db) => {
      if (!q.deleteAttribute(db, input.id))
        throw new WeftError('not_found', `There is no attribute with id ${input.id}.`);
      return null;
    }),
  'attributes.reorder': (ctx: Ctx, input: { ids: number[] }) =>
    change(ctx, (db) => q.reorderAttributes(db, input.ids)),
  'attributes.importTable': importAttributeTable,
  'attributes.exportTable': exportAttributeTable,

  'grid.cases': (ctx: Ctx, input: { classificationId: number | null }) =>
    q.caseGrid(requireDb(ctx), input.classificationId),
  'grid.sources': (ctx: Ctx) => q.sourceGrid(requireDb(ctx)),
  'values.set': (
    ctx: Ctx,
    input: {
      edits: (
        { caseId: number } | ({ sourceId: number } & { attributeId: number; value: RawValue })
      )[];
    },
  ) =>
    change(ctx, (db) => {
      q.setValues(db, input.edits as ValueEdit[]);
      return null;
    }),

  'summary.table': (ctx: Ctx, input: { classificationId: number; attributeIds: number[] }) =>
    summaryTable(requireDb(ctx), input.classificationId, input.attributeIds),
  'summary.export': (
    ctx: Ctx,
    input: { classificationId: number; attributeIds: number[]; format: 'csv' | 'text' },
  ) => {
    const table = summaryTable(requireDb(ctx), input.classificationId, input.attributeIds);
    return input.format === 'csv' ? summaryToCsv(table) : summaryToText(table);
  },
};
