/**
 * THE contract between the renderer (and the CLI) and the main side: every method's input
 * schema (validated where the data lives) and output type, and the events that flow back.
 * The renderer imports this file for types only.
 */
import { z } from 'zod';
import type { Code, Coding, Excerpt, Memo, Source, SourceSummary, Stats } from '../../db/types.js';
import { casesContract } from './contract-cases.js';
import { workbenchContract } from './contract-workbench.js';
import { realistContract } from './contract-realist.js';
import { exchangeContract } from './contract-exchange.js';
import type { UndoState } from '../../db/workbench-types.js';
import type { ExchangeProgress } from './contract-exchange.js';
import { empty, filePath, id, name, out } from './schema.js';

export type { Code, Coding, Excerpt, Memo, Source, SourceSummary, Stats };
export type * from './contract-cases.js';
export type * from './contract-workbench.js';
export type * from './contract-realist.js';
export type * from './contract-exchange.js';
export type { AttributeType, AttributeValue, ValueMap } from '../../db/cases-types.js';

export interface ProjectInfo {
  path: string;
  name: string;
  guid: string;
  stats: Stats;
}

export interface RecentProject {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

export interface ImportResult {
  imported: SourceSummary[];
  errors: { name: string; message: string }[];
}

/** The outcome of importing one file. */
export interface ImportFileResult {
  name: string;
  ok: boolean;
  sourceId?: number;
  sourceName?: string;
  message?: string;
  warnings?: string[];
}

export interface ImportProgress {
  jobId: string;
  done: number;
  total: number;
  /** The file being read now, or null when finished. */
  current: string | null;
  /** Index (in file order) of the first of `results`. */
  from: number;
  /** Results of the files finished since the previous event. */
  results: ImportFileResult[];
  finished: boolean;
  cancelled: boolean;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  projectsDir: string;
  coder: string;
}

export interface Startup {
  project: ProjectInfo | null;
  firstRun: boolean;
  /** Set when the last project could not be reopened, so the user is told why. */
  notice: string | null;
}

export interface DirListing {
  dir: string;
  parent: string | null;
  entries: { name: string; kind: 'dir' | 'file' }[];
}

/** Largest text file accepted in one import (characters). */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;

export const contract = {
  ...casesContract,
  ...workbenchContract,
  ...realistContract,
  ...exchangeContract,
  'app.info': { input: empty, output: out<AppInfo>() },
  'app.startup': { input: empty, output: out<Startup>() },

  'project.create': {
    input: z.object({ path: filePath, name: name.optional() }).strict(),
    output: out<ProjectInfo>(),
  },
  'project.open': { input: z.object({ path: filePath }).strict(), output: out<ProjectInfo>() },
  'project.openDemo': { input: empty, output: out<ProjectInfo>() },
  'project.close': { input: empty, output: out<null>() },
  'project.current': { input: empty, output: out<ProjectInfo | null>() },
  'project.recent': { input: empty, output: out<RecentProject[]>() },
  'project.stats': { input: empty, output: out<Stats>() },

  'fs.list': { input: z.object({ dir: filePath.optional() }).strict(), output: out<DirListing>() },

  'sources.list': { input: empty, output: out<SourceSummary[]>() },
  'sources.get': { input: z.object({ id }).strict(), output: out<Source>() },
  'sources.import': {
    input: z
      .object({
        files: z
          .array(
            z
              .object({
                name,
                content: z.string().max(MAX_IMPORT_CHARS, 'File is too large to import'),
              })
              .strict(),
          )
          .min(1, 'Choose at least one file')
          .max(1000),
      })
      .strict(),
    output: out<ImportResult>(),
  },

  'import.start': {
    input: z
      .object({
        paths: z.array(filePath).min(1, 'Choose at least one file').max(20_000),
        /** Display names, when the paths are uploaded copies (browser mode). */
        names: z.array(name).max(20_000).optional(),
      })
      .strict()
      .refine((v) => !v.names || v.names.length === v.paths.length, {
        message: 'One name per path',
        path: ['names'],
      }),
    output: out<{ jobId: string; total: number }>(),
  },
  'import.cancel': {
    input: z.object({ jobId: z.string().min(1).max(100) }).strict(),
    output: out<boolean>(),
  },

  // Host methods: answered by the Electron main process (native dialogs); browser mode has
  // no native dialogs and answers `unsupported`, so the renderer shows its own picker.
  'dialog.openProject': { input: empty, output: out<string | null>() },
  'dialog.newProject': { input: empty, output: out<string | null>() },
  'dialog.importFiles': { input: empty, output: out<string[]>() },
} satisfies Record<string, { input: z.ZodType; output: unknown }>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = Contract[M]['output'];

export const HOST_METHODS = [
  'dialog.openProject',
  'dialog.newProject',
  'dialog.importFiles',
  'dialog.saveFile',
  'dialog.openFile',
] as const;
export type HostMethod = (typeof HOST_METHODS)[number];
export type DbMethod = Exclude<Method, HostMethod>;

export function isMethod(m: unknown): m is Method {
  return typeof m === 'string' && Object.prototype.hasOwnProperty.call(contract, m);
}

export interface ApiError {
  code: string;
  message: string;
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface Events {
  'project.changed': {
    what:
      | 'project'
      | 'sources'
      | 'codes'
      | 'codings'
      | 'cases'
      | 'sets'
      | 'memos'
      | 'annotations'
      | 'concepts'
      | 'cmocs'
      | 'canvas';
    sourceId?: number;
  };
  'menu.command': {
    command: 'new' | 'open' | 'import' | 'close' | 'openRecent' | 'undo' | 'redo';
    path?: string;
  };
  'import.progress': ImportProgress;
  /** Progress of a QDPX import or export. */
  'exchange.progress': ExchangeProgress;
  /** After every undoable change, undo and redo: what the Edit menu offers now. */
  'undo.changed': UndoState;
}
export type EventName = keyof Events;
