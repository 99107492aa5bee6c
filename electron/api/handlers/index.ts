import type { DbMethod, Output, ParsedInput } from '../contract.js';
import type { Ctx } from '../context.js';
import { caseHandlers } from './cases.js';
import { codeHandlers } from './codes.js';
import { codingHandlers } from './codings.js';
import { fsHandlers } from './fs.js';
import { importHandlers } from './imports.js';
import { memoHandlers } from './memos.js';
import { projectHandlers } from './project.js';
import { sourceHandlers } from './sources.js';
import { sourceEditHandlers } from './source-edit.js';
import { setHandlers } from './code-sets.js';
import { retrievalHandlers } from './retrieval.js';
import { coderHandlers } from './coders.js';
import { annotationHandlers } from './annotations.js';
import { undoHandlers } from './undo.js';
import { conceptHandlers } from './concepts.js';
import { canvasHandlers } from './canvas.js';
import { cmocHandlers } from './cmocs.js';
import { exchangeHandlers } from './exchange.js';

export type Handlers = {
  [M in DbMethod]: (ctx: Ctx, input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
};

/** Every method of the contract that runs beside the database. A missing one fails to compile. */
export const handlers: Handlers = {
  ...projectHandlers,
  ...fsHandlers,
  ...sourceHandlers,
  ...importHandlers,
  ...codeHandlers,
  ...codingHandlers,
  ...memoHandlers,
  ...caseHandlers,
  ...sourceEditHandlers,
  ...setHandlers,
  ...retrievalHandlers,
  ...coderHandlers,
  ...annotationHandlers,
  ...undoHandlers,
  ...conceptHandlers,
  ...canvasHandlers,
  ...cmocHandlers,
  ...exchangeHandlers,
};
