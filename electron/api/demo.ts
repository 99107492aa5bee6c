import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { openProject, type Db } from '../../db/open.js';
import {
  createAttribute,
  createCase,
  createClassification,
  linkSourceToCase,
  setValues,
} from '../../db/queries/cases.js';
import type { ValueEdit } from '../../db/cases-types.js';
import { linkItems, placeItem, setStages } from '../../db/queries/canvas.js';
import { createSet } from '../../db/queries/code-sets.js';
import {
  addConceptCodes,
  addConceptSets,
  conceptCodeIds,
  createConcept,
} from '../../db/queries/concepts.js';
import { newGuid } from '../../db/ids.js';
import { insertCode } from '../../db/queries/codes.js';
import { insertCoding } from '../../db/queries/codings.js';
import { setMeta } from '../../db/queries/project.js';
import { setAttributionTemplate } from '../../db/queries/excerpts.js';
import { insertSource } from '../../db/queries/sources.js';
import { ensureUser } from '../../db/queries/users.js';
import { WeftError } from '../../db/errors.js';
import { decodeText, sourceNameFromFile } from '../formats/text.js';
import { hintsFromFileName, kindFromName } from '../formats/autolink.js';

export const DEMO_FILE_NAME = 'Demo - Threads of Connection.weft';

/**
 * Participants and sites with their attributes, and each source linked to its participant and
 * site by its file name (Site2_LW02_followup.txt: LW02, Site 2, follow-up), as a researcher
 * would after importing a facesheet and reviewing Weft's suggested links.
 */
function addCases(
  db: Db,
  study: z.infer<typeof studySchema>,
  sources: Map<string, { id: number }>,
  createdBy: number,
): void {
  const caseIds = new Map<string, number>();
  const edits: ValueEdit[] = [];
  for (const cls of study.classifications) {
    const c = createClassification(db, { name: cls.name, description: cls.description });
    const attrs = new Map(
      cls.attributes.map((a) => [
        a.name,
        createAttribute(db, { scope: 'case', classificationId: c.id, ...a }),
      ]),
    );
    for (const k of cls.cases) {
      const id = createCase(db, { name: k.name, classificationId: c.id, createdBy }).id;
      caseIds.set(k.name, id);
      for (const [name, value] of Object.entries(k.values))
        edits.push({ caseId: id, attributeId: attrs.get(name)!.id, value });
    }
  }
  const sourceAttrs = new Map(
    study.sourceAttributes.map((a) => [a.name, createAttribute(db, { scope: 'source', ...a })]),
  );
  for (const [file, { id }] of sources) {
    const hints = hintsFromFileName(file, [...caseIds.keys()]);
    const person = hints.caseName ? caseIds.get(hints.caseName) : undefined;
    const site = hints.site ? caseIds.get(`Site ${hints.site}`) : undefined;
    if (person) linkSourceToCase(db, id, person);
    if (site) linkSourceToCase(db, id, site);
    const round = sourceAttrs.get('Round');
    const siteAttr = sourceAttrs.get('Site');
    if (round && hints.round)
      edits.push({ sourceId: id, attributeId: round.id, value: hints.round });
    if (siteAttr && hints.site)
      edits.push({ sourceId: id, attributeId: siteAttr.id, value: hints.site });
  }
  setValues(db, edits);
}

type Origin = '' | 'deductive' | 'inductive';
interface CodeSpec {
  name: string;
  description?: string;
  inclusion?: string;
  exclusion?: string;
  example?: string;
  /** Inherited by the children that do not say: the framework's codes are all deductive. */
  origin?: Origin;
  children?: CodeSpec[];
}
const codeSpec: z.ZodType<CodeSpec> = z.lazy(() =>
  z.object({
    name: z.string(),
    description: z.string().optional(),
    inclusion: z.string().optional(),
    exclusion: z.string().optional(),
    example: z.string().optional(),
    origin: z.enum(['', 'deductive', 'inductive']).optional(),
    children: z.array(codeSpec).optional(),
  }),
);
const attrSpec = z.object({
  name: z.string(),
  type: z.enum(['text', 'number', 'date', 'boolean']),
});
const studySchema = z.object({
  name: z.string(),
  description: z.string(),
  coders: z.array(z.string()).min(1),
  codes: z.array(codeSpec),
  /** Code sets, their codes by name. */
  codeSets: z
    .array(z.object({ name: z.string(), description: z.string(), codes: z.array(z.string()) }))
    .default([]),
  classifications: z
    .array(
      z.object({
        name: z.string(),
        description: z.string(),
        attributes: z.array(attrSpec),
        cases: z.array(
          z.object({
            name: z.string(),
            values: z.record(z.string(), z.union([z.string(), z.number()])),
          }),
        ),
      }),
    )
    .default([]),
  sourceAttributes: z.array(attrSpec).default([]),
});
const codingsSchema = z.array(
  z.object({ file: z.string(), code: z.string(), quote: z.string().min(1) }),
);

// ---------------------------------------------------------------- realist analysis (realist.json)

const partSchema = z.enum(['context', 'mechanism', 'resource', 'reasoning', 'outcome']);
/** Fields a CMOC had before it was refined, and when (days before the build) it changed. */
const earlierSchema = z
  .object({
    title: z.string().optional(),
    context: z.string().optional(),
    mechanism: z.string().optional(),
    outcome: z.string().optional(),
    status: z.literal('untested'),
    statusReason: z.literal(''),
    at: z.number().int().negative(),
  })
  .strict();
const realistSchema = z.object({
  concepts: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      color: z.string().regex(/^#[0-9a-f]{6}$/i),
      codes: z.array(z.string()),
      sets: z.array(z.string()),
    }),
  ),
  cmocs: z.array(
    z
      .object({
        title: z.string(),
        concept: z.string(),
        context: z.string(),
        mechanism: z.string(),
        resource: z.string().default(''),
        reasoning: z.string().default(''),
        outcome: z.string(),
        statement: z.string().nullable().default(null),
        provenance: z.enum(['', 'review', 'theory', 'data']),
        status: z.enum(['untested', 'supported', 'refined', 'refuted']),
        statusReason: z.string(),
        confidence: z.enum(['', 'low', 'medium', 'high']),
        notes: z.string(),
        earlier: earlierSchema.optional(),
        evidence: z
          .array(z.object({ part: partSchema, file: z.string(), quote: z.string().min(1) }))
          .min(1),
      })
      .strict(),
  ),
  canvas: z.object({
    stages: z.array(z.string()),
    items: z.array(
      z.union([
        z.object({
          kind: z.enum(['concept', 'cmoc']),
          ref: z.string(),
          x: z.number(),
          y: z.number(),
        }),
        z.object({ kind: z.literal('note'), label: z.string(), x: z.number(), y: z.number() }),
      ]),
    ),
    links: z.array(z.object({ from: z.string(), to: z.string(), label: z.string() })),
  }),
});
type Realist = z.infer<typeof realistSchema>;

interface Built {
  codeIds: Map<string, number>;
  setIds: Map<string, number>;
  sources: Map<string, { id: number; text: string; name: string }>;
  coders: number[];
}

const bad = (what: string): never => {
  throw new WeftError('bad_fixture', `realist.json: ${what}`);
};
const DAY = 86_400_000;

/**
 * The four concepts, the CMOCs with their evidence and history, and the programme theory
 * canvas. CMOC rows, evidence and history are written with plain SQL in the shape
 * queries/cmocs.ts reads (the history as a researcher's edits would have left it: created,
 * evidence added, then tested), so the demo does not depend on the CMOC editor's code.
 * Evidence is placed by finding its quote in the source, as codings are.
 */
function addRealist(db: Db, realist: Realist, b: Built): void {
  const conceptIds = new Map<string, number>();
  for (const c of realist.concepts) {
    const id = createConcept(db, { ...c, createdBy: b.coders[0] });
    addConceptCodes(
      db,
      id,
      c.codes.map((n) => b.codeIds.get(n) ?? bad(`concept "${c.name}" names no code "${n}"`)),
    );
    addConceptSets(
      db,
      id,
      c.sets.map((n) => b.setIds.get(n) ?? bad(`concept "${c.name}" names no set "${n}"`)),
    );
    conceptIds.set(c.name, id);
  }

  const insertCmoc = db.prepare(
    `INSERT INTO cmocs (guid, title, concept_id, context, mechanism, resource, reasoning, outcome,
       statement, provenance, status, status_reason, confidence, notes, position, created_at,
       updated_at, created_by)
     VALUES (@guid, @title, @conceptId, @context, @mechanism, @resource, @reasoning, @outcome,
       @statement, @provenance, @status, @statusReason, @confidence, @notes, @position, @at, @at,
       @by)`,
  );
  const insertEvidence = db.prepare(
    `INSERT INTO cmoc_evidence (guid, cmoc_id, part, source_id, start, end, coding_id,
       coding_guid, quote, source_name, position, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const codingsAt = db.prepare(
    'SELECT id, guid, code_id AS codeId FROM codings WHERE source_id = ? AND start = ? AND end = ? ORDER BY id',
  );
  const insertHistory = db.prepare(
    `INSERT INTO cmoc_history (cmoc_id, version, action, before, after, detail, reason,
       changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const touch = db.prepare('UPDATE cmocs SET updated_at = ? WHERE id = ?');
  const retest = db.prepare(
    `UPDATE cmocs SET title = ?, context = ?, mechanism = ?, outcome = ?, status = ?,
       status_reason = ? WHERE id = ?`,
  );

  const cmocIds = new Map<string, number>();
  const positions = new Map<number, number>();
  const now = Date.now();
  realist.cmocs.forEach((m, i) => {
    const conceptId = conceptIds.get(m.concept) ?? bad(`CMOC "${m.title}" names no concept`);
    const by = b.coders[i % b.coders.length]!;
    const tester = b.coders[(i + 1) % b.coders.length]!;
    const position = positions.get(conceptId) ?? 0;
    positions.set(conceptId, position + 1);
    // Drafted about a month ago, an hour apart; tested in the last three weeks.
    let t = now - 30 * DAY + i * 3_600_000;
    const iso = () => new Date(t).toISOString();

    const { earlier, evidence, concept: _concept, ...current } = m;
    const { at: _at, ...was } = earlier ?? { at: 0 };
    const first = { ...current, conceptId, status: 'untested', statusReason: '', ...was };
    const id = Number(
      insertCmoc.run({ ...first, guid: newGuid(), position, at: iso(), by }).lastInsertRowid,
    );
    cmocIds.set(m.title, id);
    let version = 0;
    const history = (
      action: string,
      before: object | null,
      after: object | null,
      detail: string | null,
      reason: string,
      who: number,
    ) => {
      insertHistory.run(
        id,
        ++version,
        action,
        before && JSON.stringify(before),
        after && JSON.stringify(after),
        detail,
        reason,
        iso(),
        who,
      );
      touch.run(iso(), id);
    };
    history('created', null, withValues(first), null, '', by);

    const partPositions = new Map<string, number>();
    const conceptCodes = new Set(conceptCodeIds(db, conceptId));
    for (const e of evidence) {
      const source = b.sources.get(e.file) ?? bad(`no source file "${e.file}"`);
      const start = source.text.indexOf(e.quote);
      if (start < 0) bad(`cannot place "${e.quote.slice(0, 40)}…" (${e.file})`);
      const end = start + e.quote.length;
      // The coding it was taken from, when the quote is exactly one (of the concept's, if any).
      const codings = codingsAt.all(source.id, start, end) as {
        id: number;
        guid: string;
        codeId: number;
      }[];
      const coding = codings.find((c) => conceptCodes.has(c.codeId)) ?? codings[0];
      const position = partPositions.get(e.part) ?? 0;
      partPositions.set(e.part, position + 1);
      t += 600_000;
      insertEvidence.run(
        newGuid(),
        id,
        e.part,
        source.id,
        start,
        end,
        coding?.id ?? null,
        coding?.guid ?? null,
        e.quote,
        source.name,
        position,
        iso(),
        by,
      );
      history('evidence added', null, null, `“${e.quote}” (${source.name})`, '', by);
    }

    if (m.status !== 'untested') {
      t = now + (earlier ? earlier.at : -10) * DAY + i * 3_600_000;
      const changed = (Object.keys(was) as (keyof typeof was)[]).filter(
        (k) => was[k] !== current[k],
      );
      const keys = [...new Set([...changed, 'status', 'statusReason'] as const)];
      const pick = (o: Record<string, unknown>) => Object.fromEntries(keys.map((k) => [k, o[k]]));
      history('status', pick(first), pick(current), null, m.statusReason, tester);
      retest.run(
        current.title,
        current.context,
        current.mechanism,
        current.outcome,
        current.status,
        current.statusReason,
        id,
      );
    }
  });

  setStages(db, realist.canvas.stages);
  const itemIds = new Map<string, number>();
  for (const item of realist.canvas.items) {
    if (item.kind === 'note') {
      placeItem(db, { kind: 'note', refId: null, label: item.label, x: item.x, y: item.y });
      continue;
    }
    const refId =
      (item.kind === 'concept' ? conceptIds : cmocIds).get(item.ref) ??
      bad(`the canvas places an unknown ${item.kind} "${item.ref}"`);
    itemIds.set(item.ref, placeItem(db, { kind: item.kind, refId, x: item.x, y: item.y }));
  }
  for (const l of realist.canvas.links) {
    const from = itemIds.get(l.from) ?? bad(`a link starts at "${l.from}", not on the canvas`);
    const to = itemIds.get(l.to) ?? bad(`a link ends at "${l.to}", not on the canvas`);
    linkItems(db, from, to, l.label);
  }
}

/** A CMOC's fields as its first history entry keeps them: only those with something in. */
function withValues(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== '' && v !== null && v !== undefined),
  );
}

/** The demo's transcript and codings files, in the order they are loaded. */
export function demoFiles(fixturesDir: string): { sourceFiles: string[]; codingFiles: string[] } {
  const sourceFiles = fs
    .readdirSync(path.join(fixturesDir, 'sources'))
    .filter((f) => f.endsWith('.txt'));
  const codingFiles = fs.readdirSync(fixturesDir).filter((f) => /^codings-.*\.json$/.test(f));
  return { sourceFiles: sourceFiles.sort(), codingFiles: codingFiles.sort() };
}

/**
 * Writes the fictional demo study (fixtures/demo) into a new project file in one transaction.
 * The fixture files are only read. A quote that cannot be found fails the build loudly.
 */
export function buildDemoProject(file: string, fixturesDir: string, nativeBinding?: string): void {
  const study = studySchema.parse(
    JSON.parse(fs.readFileSync(path.join(fixturesDir, 'study.json'), 'utf8')),
  );
  const realist = realistSchema.parse(
    JSON.parse(fs.readFileSync(path.join(fixturesDir, 'realist.json'), 'utf8')),
  );
  const sourcesDir = path.join(fixturesDir, 'sources');
  const { sourceFiles: files, codingFiles } = demoFiles(fixturesDir);

  const db = openProject(file, { create: true, name: study.name, nativeBinding });
  try {
    db.transaction(() => {
      setMeta(db, 'description', study.description);
      // Quotes come attributed the way the study's papers cite them.
      setAttributionTemplate(db, '(Site {site}, {person}, {kind})');
      const coders = study.coders.map((n) => ensureUser(db, n).id);
      const codeIds = new Map<string, number>();
      const setIds = new Map<string, number>();
      const addCodes = (specs: CodeSpec[], parentId: number | null, origin: Origin) => {
        for (const { children, ...c } of specs) {
          const id = insertCode(db, {
            ...c,
            origin: c.origin ?? origin,
            parentId,
            createdBy: coders[0],
          });
          codeIds.set(c.name, id);
          addCodes(children ?? [], id, c.origin ?? origin);
        }
      };
      addCodes(study.codes, null, '');
      for (const set of study.codeSets) {
        const ids = set.codes.map((name) => {
          const id = codeIds.get(name);
          if (id === undefined)
            throw new WeftError(
              'bad_fixture',
              `study.json: set "${set.name}" names no code "${name}"`,
            );
          return id;
        });
        const setId = createSet(db, {
          name: set.name,
          description: set.description,
          codeIds: ids,
          createdBy: coders[0],
        });
        setIds.set(set.name, setId);
      }

      const sources = new Map<string, { id: number; text: string; name: string }>();
      for (const f of files) {
        const text = decodeText(fs.readFileSync(path.join(sourcesDir, f)));
        const name = sourceNameFromFile(f);
        const id = insertSource(db, {
          name,
          kind: kindFromName(name),
          text,
          originalName: f,
          createdBy: coders[0],
        });
        sources.set(f, { id, text, name });
      }

      addCases(db, study, sources, coders[0]!);

      codingFiles.forEach((cf, fileIndex) => {
        const coderId = coders[fileIndex % coders.length]!;
        const entries = codingsSchema.parse(
          JSON.parse(fs.readFileSync(path.join(fixturesDir, cf), 'utf8')),
        );
        for (const e of entries) {
          const source = sources.get(e.file);
          const codeId = codeIds.get(e.code);
          const start = source ? source.text.indexOf(e.quote) : -1;
          if (!source || codeId === undefined || start < 0) {
            throw new WeftError(
              'bad_fixture',
              `${cf}: cannot place "${e.quote.slice(0, 40)}…" (${e.file}, ${e.code})`,
            );
          }
          insertCoding(db, {
            sourceId: source.id,
            codeId,
            start,
            end: start + e.quote.length,
            coderId,
          });
        }
      });

      addRealist(db, realist, { codeIds, setIds, sources, coders });
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (e) {
    db.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    throw e;
  }
  db.close();
}
