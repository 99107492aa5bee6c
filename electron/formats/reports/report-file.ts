import { safeFileName } from '../file-name.js';
/**
 * What every report writer shares: the file it hands back, its name, and the careful bits of
 * CSV, XLSX and DOCX writing (formula guards, a BOM, text Word can open).
 */
import Papa from 'papaparse';
import writeXlsxFile from 'write-excel-file/node';
import type { Cell, Row } from 'write-excel-file/node';
import { WeftError } from '../../../db/errors.js';

export interface ReportFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

export const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  md: 'text/markdown',
} as const;

export type ReportFormat = keyof typeof MIME;

/** Refuses a format the report does not come in, naming the ones it does. */
export function checkFormat<F extends ReportFormat>(
  format: unknown,
  allowed: readonly F[],
  what: string,
): F {
  if (!allowed.includes(format as F)) {
    throw new WeftError(
      'unsupported_format',
      `The ${what} can be saved as ${allowed.map((f) => f.toUpperCase()).join(', ')}, not “${String(format)}”.`,
    );
  }
  return format as F;
}

/** "Codebook - Threads of Connection.docx", with the characters file systems refuse replaced. */
export function reportFileName(title: string, project: string, format: ReportFormat): string {
  return `${safeFileName(`${title} - ${project}`)}.${format}`;
}

/** The day a report was made, as the report shows it (YYYY-MM-DD, the reader's calendar). */
export function dayOf(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * RFC 4180 with CRLF and a UTF-8 byte-order mark (without it Excel on Windows reads the file as
 * ANSI and mangles every accented name). Cells starting with = + - @ tab or return get a leading
 * apostrophe, so a participant's words can never run as a spreadsheet formula.
 */
export function csvBytes(
  header: readonly string[],
  rows: readonly (string | number)[][],
): Uint8Array {
  const text = Papa.unparse([header as string[], ...rows], {
    newline: '\r\n',
    escapeFormulae: true,
  });
  return utf8(`\ufeff${text}\r\n`);
}

export interface XlsxSheet {
  name: string;
  rows: Row[];
  columns?: { width?: number }[];
}

/** A workbook through write-excel-file; string cells stay text (never formulas). */
export async function xlsxBytes(sheets: XlsxSheet[]): Promise<Uint8Array> {
  const buffer = await writeXlsxFile(
    sheets.map((s) => ({
      data: s.rows,
      sheet: s.name,
      stickyRowsCount: 1,
      ...(s.columns ? { columns: s.columns } : {}),
    })),
  ).toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export const headerRow = (names: readonly string[]): Row =>
  names.map((value) => ({ value, type: String, fontWeight: 'bold' }));

export const textCell = (value: string, extra: Partial<Exclude<Cell, null>> = {}): Cell =>
  value === '' ? null : { ...(extra as object), value, type: String };

/**
 * Text Word can open: XML 1.0 forbids most control characters and lone surrogate halves, and
 * one stray byte from an imported file would make the whole document unreadable.
 */
export const xmlSafe = (s: string): string =>
  s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
