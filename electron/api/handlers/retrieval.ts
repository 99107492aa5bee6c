import { WeftError } from '../../../db/errors.js';
import {
  attributionTemplate,
  codeAndDescendants,
  listExcerpts,
  setAttributionTemplate,
  templateFields,
} from '../../../db/queries/excerpts.js';
import { getCoding } from '../../../db/queries/codings.js';
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
    const all = listExcerpts(db, {
      codeIds: [coding.codeId],
      template: input.template,
      context: 0,
    });
    return all.find((e) => e.codingId === coding.id)!.attribution;
  },
  'settings.get': settings,
  'settings.update': (ctx: Ctx, input: { attributionTemplate?: string }): ProjectSettings => {
    const db = requireDb(ctx);
    const template = input.attributionTemplate;
    if (template !== undefined) db.transaction(() => setAttributionTemplate(db, template))();
    return settings(ctx);
  },
};
