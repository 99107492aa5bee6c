import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { openProject } from '../../db/open.js';
import { insertCode } from '../../db/queries/codes.js';
import { insertCoding } from '../../db/queries/codings.js';
import { setMeta } from '../../db/queries/project.js';
import { insertSource } from '../../db/queries/sources.js';
import { ensureUser } from '../../db/queries/users.js';
import { WeftError } from '../../db/errors.js';
import { decodeText, sourceNameFromFile } from '../formats/text.js';
import { kindFromName } from './handlers/sources.js';

export const DEMO_FILE_NAME = 'Demo - Threads of Connection.weft';

interface CodeSpec {
  name: string;
  description?: string;
  children?: CodeSpec[];
}
const codeSpec: z.ZodType<CodeSpec> = z.lazy(() =>
  z.object({
    name: z.string(),
    description: z.string().optional(),
    children: z.array(codeSpec).optional(),
  }),
);
const studySchema = z.object({
  name: z.string(),
  description: z.string(),
  coders: z.array(z.string()).min(1),
  codes: z.array(codeSpec),
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
      const coders = study.coders.map((n) => ensureUser(db, n).id);
      const codeIds = new Map<string, number>();
      const addCodes = (specs: CodeSpec[], parentId: number | null) => {
        for (const c of specs) {
          const id = insertCode(db, {
            name: c.name,
            description: c.description,
            parentId,
            createdBy: coders[0],
          });
          codeIds.set(c.name, id);
          addCodes(c.children ?? [], id);
        }
      };
      addCodes(study.codes, null);

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
