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
import { createSet } from '../../db/queries/code-sets.js';
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
        createSet(db, {
          name: set.name,
          description: set.description,
          codeIds: ids,
          createdBy: coders[0],
        });
      }

      const sources = new Map<string, { id: number; text: string }>();
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
        sources.set(f, { id, text });
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
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (e) {
    db.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    throw e;
  }
  db.close();
}
