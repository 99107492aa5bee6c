import { WeftError } from '../../../db/errors.js';
import {
  attributionTemplate,
  codeAndDescendants,
  attributionsFor,
  listExcerpts,
  setAttributionTemplate,
  templateFields,
} from '../../../db/queries/excerpts.js';
import { getCoding } from '../../../db/queries/codings.js';
import { prep } from '../../../db/stmt.js';
import type { Excerpt, ProjectSettings } from '../contract.js';
import type { Ctx } from '../context.js';
import { requireDb } from '../context.js';

export interface ExcerptsInput {
  codeId: number;
  descendants?: boolean;
  context?: number;
  coderIds?: number[];
}

/** A code's excerpts (and its descendants' if asked), with context and attributions. */
export function excerptsForCode(ctx: Ctx, input: ExcerptsInput): Excerpt[] {
  const db = requireDb(ctx);
  const tree = codeAndDescendants(db, input.codeId);
  if (!tree.length) throw new WeftError('not_found', `There is no code with id ${input.codeId}.`);
  return listExcerpts(db, {
    codeIds: input.descendants ? tree : [input.codeId],
    coderIds: input.coderIds,
    context: input.context,
  });
}

function settings(ctx: Ctx): ProjectSettings {
  const db = requireDb(ctx);
  return { attributionTemplate: attributionTemplate(db), fields: templateFields(db) };
}

export const retrievalHandlers = {
  'excerpts.forCode': excerptsForCode,
  'excerpts.attribution': (ctx: Ctx, input: { codingId: number; template: string }): string => {
    const db = requireDb(ctx);
    const coding = getCoding(db, input.codingId);
    if (!coding) throw new WeftError('not_found', `There is no coding with id ${input.codingId}.`);
    // Only this coding is read (the preview runs as the user types).
    const names = prep(
      db,
      `SELECT s.name AS sourceName, k.name AS codeName, ifnull(u.name, '') AS coder
         FROM sources s, codes k LEFT JOIN users u ON u.id = ? WHERE s.id = ? AND k.id = ?`,
    ).get(coding.coderId, coding.sourceId, coding.codeId) as {
      sourceName: string;
      codeName: string;
      coder: string;
    };
    return attributionsFor(db, [{ ...coding, ...names }], input.template)[0]!;
  },
  'settings.get': settings,
  'settings.update': (ctx: Ctx, input: { attributionTemplate?: string }): ProjectSettings => {
    const db = requireDb(ctx);
    const template = input.attributionTemplate;
    if (template !== undefined) db.transaction(() => setAttributionTemplate(db, template))();
    return settings(ctx);
  },
};
