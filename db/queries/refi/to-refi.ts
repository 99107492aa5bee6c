import { blankProject } from './model.js';
import type { Db } from '../../open.js';
import type {
  MediaDoc,
  RefiCase,
  RefiCode,
  RefiProject,
  RefiSelection,
  RefiSet,
  TextDoc,
} from './model.js';
import { codebookOrder } from '../codes.js';
import { getMeta } from '../project.js';
import {
  codingSelectionGuid,
  foldEntry,
  folderSetGuid,
  kindSetGuid,
  refiGuid,
  withMachine,
} from './conventions.js';
import { addExtras } from './extras.js';
import { addCases, addVariables, valuesByOwner, type AttributeOrder } from './to-refi-cases.js';
import { addAnnotations, addMemos } from './to-refi-notes.js';
import { addConcepts, addRealist } from './to-refi-realist.js';

/** Kinds of source Weft keeps without text: they go out as media sources. */
export const MEDIA_KINDS = new Set<string>(['picture', 'audio', 'video', 'pdf']);

/** A selection waiting to be put in its source's order (see sortSelections). */
export interface Placed {
  sel: RefiSelection;
  /** Codings, then case passages, memo passages, annotations, evidence. */
  rank: number;
  /** The row's id within its kind: import inserts in model order, so ids keep this order. */
  seq: number;
}

/** What the parts of an export share: GUIDs by row id and the model's objects being filled. */
export interface ExportState {
  db: Db;
  project: RefiProject;
  users: Map<number, string>;
  codes: Map<number, RefiCode>;
  texts: Map<number, TextDoc>;
  media: Map<number, MediaDoc>;
  sourceGuids: Map<number, string>;
  cases: Map<number, RefiCase>;
  selections: Map<number, Placed[]>;
  /** Memos about a coding, by coding id: NoteRefs of the coding's selection. */
  codingMemos: Map<number, string[]>;
}

/**
 * Everything Weft holds that REFI-QDA can carry, as the shared model (conventions.ts says how
 * Weft's own things are represented). Reads only; deterministic: the same project gives the
 * same model, and a model imported into a new project gives it back.
 */
export function projectToRefi(db: Db, opts: { name: string; version: string }): RefiProject {
  const s = exportState(db, opts);
  addUsers(s);
  addCodes(s);
  const attributeOrder = addVariables(s);
  addSources(s, attributeOrder);
  addCases(s, attributeOrder);
  addMemos(s);
  addCodings(s);
  addAnnotations(s);
  addCodeSets(s);
  addRealist(s);
  addSourceSets(s);
  addExtras(s);
  for (const [sourceId, placed] of s.selections) {
    const text = s.texts.get(sourceId);
    if (text) text.selections = sortSelections(placed);
  }
  return s.project;
}

/**
 * The codebook only, for a .qdc: codes, code sets and concepts (as sets of codes). Reads no
 * sources or codings, so it stays quick on a large project.
 */
export function codebookToRefi(db: Db, opts: { name: string; version: string }): RefiProject {
  const s = exportState(db, opts);
  addUsers(s);
  addCodes(s);
  addCodeSets(s);
  addConcepts(s);
  return s.project;
}

function exportState(db: Db, opts: { name: string; version: string }): ExportState {
  const project = blankProject(opts.name);
  project.origin = `Weft ${opts.version}`;
  const description = getMeta(db, 'description');
  if (description) project.description = description;
  const created = getMeta(db, 'created_at');
  if (created) project.created = created;
  return {
    db,
    project,
    users: new Map(),
    codes: new Map(),
    texts: new Map(),
    media: new Map(),
    sourceGuids: new Map(),
    cases: new Map(),
    selections: new Map(),
    codingMemos: new Map(),
  };
}

export function place(s: ExportState, sourceId: number, p: Placed): void {
  const text = s.texts.get(sourceId);
  // Only passages of the text as it is now (a stale range would point at other words).
  if (!text || p.sel.start < 0 || p.sel.end <= p.sel.start || p.sel.end > text.text.length) return;
  const list = s.selections.get(sourceId);
  if (list) list.push(p);
  else s.selections.set(sourceId, [p]);
}

function sortSelections(placed: Placed[]): RefiSelection[] {
  placed.sort(
    (a, b) =>
      a.sel.start - b.sel.start || a.sel.end - b.sel.end || a.rank - b.rank || a.seq - b.seq,
  );
  return placed.map((p) => p.sel);
}

function addUsers(s: ExportState): void {
  const rows = s.db.prepare('SELECT id, guid, name, initials FROM users ORDER BY id').all() as {
    id: number;
    guid: string;
    name: string;
    initials: string;
  }[];
  for (const u of rows) {
    const guid = refiGuid(u.guid);
    s.users.set(u.id, guid);
    s.project.users.push(
      u.initials ? { guid, name: u.name, id: u.initials } : { guid, name: u.name },
    );
  }
}

const HEX = /^#[0-9a-f]{6}$/;

function addCodes(s: ExportState): void {
  const rows = s.db
    .prepare(
      `SELECT id, guid, parent_id AS parentId, name, color, description, inclusion, exclusion,
              example, origin, codable FROM codes`,
    )
    .all() as {
    id: number;
    guid: string;
    parentId: number | null;
    name: string;
    color: string;
    description: string;
    inclusion: string;
    exclusion: string;
    example: string;
    origin: '' | 'deductive' | 'inductive';
    codable: number;
  }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of codebookOrder(s.db)) {
    const r = byId.get(id)!;
    const color = r.color.toLowerCase();
    const description = foldEntry(r);
    const code: RefiCode = {
      guid: refiGuid(r.guid),
      name: r.name,
      ...(HEX.test(color) ? { color } : {}),
      ...(description ? { description } : {}),
      codable: r.codable !== 0,
      children: [],
      noteRefs: [],
    };
    s.codes.set(id, code);
    const parent = r.parentId === null ? undefined : s.codes.get(r.parentId);
    if (parent) parent.children.push(code);
    else s.project.codes.push(code);
  }
}

function addSources(s: ExportState, order: AttributeOrder): void {
  const values = valuesByOwner(s.db, 'source_values', order);
  const rows = s.db
    .prepare(
      `SELECT id, guid, name, kind, text, description, created_at AS created, created_by AS createdBy
         FROM sources ORDER BY id`,
    )
    .all() as {
    id: number;
    guid: string;
    name: string;
    kind: string;
    text: string;
    description: string;
    created: string;
    createdBy: number | null;
  }[];
  for (const r of rows) {
    const guid = refiGuid(r.guid);
    s.sourceGuids.set(r.id, guid);
    const description = r.description ? { description: r.description } : {};
    if (r.text === '' && MEDIA_KINDS.has(r.kind)) {
      const media: MediaDoc = {
        guid,
        name: r.name,
        kind: r.kind as MediaDoc['kind'],
        ...description,
        skippedSelections: 0,
        values: values.get(r.id) ?? [],
      };
      s.media.set(r.id, media);
      s.project.media.push(media);
      continue;
    }
    const creatingUser = r.createdBy === null ? undefined : s.users.get(r.createdBy);
    const text: TextDoc = {
      guid,
      name: r.name,
      origin: 'text',
      ...description,
      text: r.text,
      ...(creatingUser ? { creatingUser } : {}),
      created: r.created,
      selections: [],
      codings: [],
      noteRefs: [],
      values: values.get(r.id) ?? [],
    };
    s.texts.set(r.id, text);
    s.project.texts.push(text);
  }
}

/** Each coding as a selection of its own (GUID derived from the coding's). */
function addCodings(s: ExportState): void {
  const rows = s.db
    .prepare('SELECT id, guid, source_id, code_id, start, end, coder_id, created_at FROM codings')
    .raw()
    .all() as [number, string, number, number, number, number, number, string][];
  for (const [id, rawGuid, sourceId, codeId, start, end, coderId, created] of rows) {
    const code = s.codes.get(codeId);
    if (!code) continue;
    const guid = refiGuid(rawGuid);
    const creatingUser = s.users.get(coderId);
    const sel: RefiSelection = {
      guid: codingSelectionGuid(guid),
      start,
      end,
      ...(creatingUser ? { creatingUser } : {}),
      created,
      codings: [{ guid, code: code.guid, ...(creatingUser ? { creatingUser } : {}), created }],
      noteRefs: s.codingMemos.get(id) ?? [],
    };
    place(s, sourceId, { sel, rank: 0, seq: id });
  }
}

function addCodeSets(s: ExportState): void {
  const rank = new Map(codebookOrder(s.db).map((id, i) => [id, i]));
  const sets = s.db
    .prepare('SELECT id, guid, name, description FROM code_sets ORDER BY position, id')
    .all() as { id: number; guid: string; name: string; description: string }[];
  const members = s.db.prepare('SELECT set_id, code_id FROM code_set_members').raw().all() as [
    number,
    number,
  ][];
  for (const set of sets) {
    const codes = members
      .filter(([setId]) => setId === set.id)
      .map(([, codeId]) => codeId)
      .sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))
      .flatMap((id) => s.codes.get(id)?.guid ?? []);
    s.project.sets.push({
      guid: refiGuid(set.guid),
      name: set.name,
      ...(set.description ? { description: set.description } : {}),
      codes,
      sources: [],
      notes: [],
    });
  }
}

/** Sources by folder and by kind, as sets of sources (sorted by path and kind). */
function addSourceSets(s: ExportState): void {
  const rows = s.db.prepare('SELECT id, folder, kind FROM sources ORDER BY id').all() as {
    id: number;
    folder: string;
    kind: string;
  }[];
  const group = (key: 'folder' | 'kind') => {
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const guid = s.sourceGuids.get(r.id);
      if (!r[key] || !guid) continue;
      out.set(r[key], [...(out.get(r[key]) ?? []), guid]);
    }
    return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  };
  const sets: RefiSet[] = [
    ...group('folder').map(([path, sources]) => ({
      guid: folderSetGuid(path),
      name: `Folder: ${path}`,
      description: withMachine(`Sources in the Weft folder “${path}”.`, 'folder', { path }),
      codes: [],
      sources,
      notes: [],
    })),
    ...group('kind').map(([kind, sources]) => ({
      guid: kindSetGuid(kind),
      name: `Kind: ${kind}`,
      description: withMachine(`Sources of the kind “${kind}” in Weft.`, 'kind', { kind }),
      codes: [],
      sources,
      notes: [],
    })),
  ];
  s.project.sets.push(...sets);
}
