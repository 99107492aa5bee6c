/** The REFI-QDA model shared with the qdpx reader and writer (db/refi-model.ts). */
export type * from '../../refi-model.js';
/** A project with nothing in it. */
export { emptyProject as blankProject } from '../../refi-model.js';
