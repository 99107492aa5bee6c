import { blankProject, type RefiProject } from './model.js';
import { WeftError } from '../../errors.js';
import type { Db } from '../../open.js';
import { clearUndo } from '../../undo.js';
import { prep } from '../../stmt.js';
import { setMeta } from '../project.js';
import { importCases, importCodes, importSources, importUsers } from './import-base.js';
import { Classifications, importVariables } from './import-variables.js';
import { ImportContext, type ImportOptions, type ImportSummary } from './import-context.js';
import { importNotes, importSelections } from './import-notes.js';
import { importCanvas, importCmocs, importLinks, importSets } from './import-realist.js';

export type { ImportOptions, ImportSummary } from './import-context.js';

/**
 * Brings a REFI-QDA project (as the qdpx reader gives it) into the project, in one
 * transaction: on any error nothing is written.
 *
 * - `new` fills an empty project (and takes the file's description and creation date).
 * - `merge` adds the file to the open project, matching by GUID. What the project already has
 *   is kept as it is, never overwritten: an entity whose GUID is there counts as "existing"
 *   and only what is new is added (its new codings, passages, notes…). So importing the same
 *   file twice changes nothing the second time. Coders and classifications are also matched
 *   by name (the same person or grouping made in another project has another GUID).
 *
 * What cannot be imported (a coding past the end of its text, a reference to a note the file
 * lacks, a value of the wrong type) is skipped and counted in the summary's sentences; names
 * that clash get " (2)" with a warning. The conventions Weft uses for its own things are in
 * conventions.ts.
 */
export function importRefi(db: Db, project: RefiProject, opts: ImportOptions): ImportSummary {
  const model = checkedModel(project);
  if (opts.mode === 'new') assertEmpty(db);
  const ctx = new ImportContext(db, model, opts);
  db.transaction(() => {
    if (opts.mode === 'new') {
      if (model.description) setMeta(db, 'description', model.description);
      if (model.created) setMeta(db, 'created_at', model.created);
    }
    importUsers(ctx);
    importCodes(ctx);
    const classes = new Classifications(ctx);
    const attributes = importVariables(ctx, classes);
    importSources(ctx, attributes);
    const casesOf = importCases(ctx, attributes, classes);
    const plan = importNotes(ctx);
    importSelections(ctx, plan, casesOf);
    importSets(ctx);
    importCmocs(ctx, plan);
    importCanvas(ctx);
    importLinks(ctx, plan);
  })();
  // Steps recorded before the import could now replay onto rows it added: forget them.
  clearUndo(db);
  opts.onProgress?.(ctx.total, ctx.total);
  return ctx.summary();
}

const LISTS = [
  'users',
  'codes',
  'variables',
  'cases',
  'texts',
  'media',
  'notes',
  'projectNoteRefs',
  'links',
  'sets',
  'graphs',
  'skipped',
  'warnings',
] as const;

/** The model with every list present; anything that is not a project is refused. */
function checkedModel(project: RefiProject): RefiProject {
  if (typeof project !== 'object' || project === null || Array.isArray(project))
    throw new WeftError('invalid_model', 'The file did not give a REFI-QDA project to import.');
  const out = { ...blankProject(String(project.name ?? 'Imported project')), ...project };
  for (const key of LISTS) {
    const v: unknown = out[key];
    if (v === undefined || v === null) (out as Record<string, unknown>)[key] = [];
    else if (!Array.isArray(v))
      throw new WeftError(
        'invalid_model',
        `The project's ${key} is not a list; nothing was imported.`,
      );
  }
  return out;
}

function assertEmpty(db: Db): void {
  const used = prep(
    db,
    `SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM codes)
          + (SELECT count(*) FROM cases) + (SELECT count(*) FROM memos)`,
  )
    .pluck()
    .get() as number;
  if (used > 0)
    throw new WeftError(
      'not_empty',
      'Importing as a new project needs an empty project; this one already has sources, codes, cases or memos. Merge into it instead.',
    );
}
