/**
 * Exchange (issue 6): REFI-QDA projects (.qdpx) and codebooks (.qdc) in and out, and reports.
 * Merged into contract.ts.
 */
import { z } from 'zod';
import type { ExportedFile } from './contract-cases.js';
import { filePath, id, name, out } from './schema.js';

/** What an import brought in, for the summary the user sees afterwards. */
export interface ExchangeSummary {
  /** The project that received it (a new one for `mode: 'new'`). */
  projectPath: string;
  /** Counts per kind that came in, e.g. { codes: 20, sources: 50, codings: 1195 }. */
  added: Record<string, number>;
  /** Counts per kind already in the project (merging by GUID), not duplicated. */
  present: Record<string, number>;
  /** How each text source's offsets were counted, e.g. { codepoints: 48, 'utf16-crlf2': 2 }. */
  conventions: Record<string, number>;
  origin: string;
  skipped: string[];
  warnings: string[];
  ms: number;
}

export interface ExportResult {
  /** Where it was written, when the caller gave a path. */
  path: string | null;
  bytes: number;
  /** The file itself, when no path was given (browser mode downloads it). */
  file: ExportedFile | null;
  warnings: string[];
}

export interface ExchangeProgress {
  task: 'qdpx.import' | 'qdpx.export';
  phase: 'reading' | 'writing' | 'saving';
  done: number;
  total: number;
}

const reportFilter = z
  .object({
    codeIds: z.array(id).max(10_000).optional(),
    includeChildren: z.boolean().optional(),
    sourceIds: z.array(id).max(100_000).optional(),
    attribute: z
      .object({ attributeId: id, values: z.array(z.string().max(500)).min(1).max(1000) })
      .strict()
      .optional(),
    coderIds: z.array(id).max(1000).optional(),
  })
  .strict();

export type ReportFilter = z.infer<typeof reportFilter>;

export const exchangeContract = {
  /**
   * Imports a .qdpx (or a bare .qde) into the open project, merging by GUID, or into a new
   * project (then the open one) at `newProjectPath`, by default in the projects folder under
   * the imported project's name.
   */
  'qdpx.import': {
    input: z
      .object({
        path: filePath,
        mode: z.enum(['merge', 'new']),
        newProjectPath: filePath.optional(),
      })
      .strict(),
    output: out<ExchangeSummary>(),
  },
  /** Writes the open project as .qdpx to `path`, or returns it for download when no path. */
  'qdpx.export': {
    input: z.object({ path: filePath.optional() }).strict(),
    output: out<ExportResult>(),
  },
  /** Imports a .qdc codebook into the open project (merging by GUID). */
  'qdc.import': {
    input: z.object({ path: filePath }).strict(),
    output: out<ExchangeSummary>(),
  },
  'qdc.export': {
    input: z.object({ path: filePath.optional() }).strict(),
    output: out<ExportResult>(),
  },
  'reports.codebook': {
    input: z.object({ format: z.enum(['docx', 'xlsx', 'csv', 'md']) }).strict(),
    output: out<ExportedFile>(),
  },
  'reports.excerpts': {
    input: z
      .object({ format: z.enum(['docx', 'xlsx', 'csv']), filter: reportFilter.optional() })
      .strict(),
    output: out<ExportedFile>(),
  },
  /** The desktop app's native save dialog (browser mode answers `unsupported`). */
  'dialog.saveFile': {
    input: z
      .object({
        defaultName: name,
        filters: z
          .array(z.object({ name, extensions: z.array(z.string().max(10)).max(10) }).strict())
          .max(10),
      })
      .strict(),
    output: out<string | null>(),
  },
  'dialog.openFile': {
    input: z
      .object({
        filters: z
          .array(z.object({ name, extensions: z.array(z.string().max(10)).max(10) }).strict())
          .max(10),
      })
      .strict(),
    output: out<string | null>(),
  },
} satisfies Record<string, { input: z.ZodType; output: unknown }>;
