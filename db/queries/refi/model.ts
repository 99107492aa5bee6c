/** The REFI-QDA model shared with the qdpx reader and writer (db/refi-model.ts). */
export type * from '../../refi-model.js';
import type { RefiProject } from '../../refi-model.js';

/** A project with nothing in it (the model's emptyProject, without loading electron/). */
export function blankProject(name: string): RefiProject {
  return {
    name,
    users: [],
    codes: [],
    variables: [],
    cases: [],
    texts: [],
    media: [],
    notes: [],
    projectNoteRefs: [],
    links: [],
    sets: [],
    graphs: [],
    skipped: [],
    warnings: [],
  };
}
