import Papa from 'papaparse';
import { InvalidInputError, readSheet, SheetNotFoundError } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import type { Cell, Row } from 'write-excel-file/node';
import { WeftError } from '../../db/errors.js';
import { decodeText, extensionOf } from './text.js';

/** A case-attribute table: one header row of column names, then rows of trimmed strings. */
export interface AttributeTable {
  header: string[];
  rows: string[][];
}

export type ColumnType = 'number' | 'date' | 'boolean' | 'text';

// Far beyond any study's participant list; past this a file is almost certainly the wrong one,
// and refusing early keeps the import (and the undo of it) bounded.
export const MAX_ROWS = 100_000;
export const MAX_COLUMNS = 1_000;

const CSV_EXTENSIONS = ['.csv', '.tsv'];
const XLSX_EXTENSIONS = ['.xlsx', '.xls'];

/**
 * Reads a CSV (any encoding decodeText handles; comma, semicolon or tab separated) or an .xlsx
 * workbook (the first sheet unless `sheetName` is given) into an AttributeTable.
 */
export async function readAttributeTable(
  bytes: Uint8Array,
  fileName: string,
  sheetName?: string,
): Promise<AttributeTable> {
  const name = baseName(fileName);
  const ext = extensionOf(fileName);
  if (!CSV_EXTENSIONS.includes(ext) && !XLSX_EXTENSIONS.includes(ext)) {
    throw new WeftError(
      'unsupported_format',
      `"${name}" is not a CSV or Excel (.xlsx) file, so its attributes cannot be read`,
    );
  }
  if (bytes.length === 0) throw new WeftError('empty', `"${name}" is empty`);
  // Sniff the content, not just the name: people rename workbooks to .csv and old binary
  // workbooks to .xlsx, and a clear message beats a table of garbage.
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new WeftError(
      'unsupported_format',
      `"${name}" is an old-style Excel (.xls) workbook; open it in Excel and save it as .xlsx or .csv`,
    );
  }
  const raw = startsWith(bytes, ZIP_MAGIC)
    ? await readXlsxRows(bytes, name, sheetName)
    : XLSX_EXTENSIONS.includes(ext)
      ? corrupt(name, 'is not a valid Excel workbook')
      : readCsvRows(bytes, name);
  return buildTable(raw, name);
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function corrupt(name: string, what: string): never {
  throw new WeftError('corrupt', `"${name}" ${what}`);
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

// ---- CSV ----------------------------------------------------------------------------------

function readCsvRows(bytes: Uint8Array, name: string): string[][] {
  let text: string;
  try {
    text = decodeText(bytes); // strips the BOM and turns CRLF/CR into LF
  } catch (e) {
    if (e instanceof WeftError) corrupt(name, 'holds binary data, not comma-separated text');
    throw e;
  }
  if (text.trim() === '') throw new WeftError('empty', `"${name}" is empty`);
  const delimiter = guessDelimiter(text);
  const result = Papa.parse<string[]>(text, { delimiter, newline: '\n', quoteChar: '"' });
  // Papa recovers from stray quotes inside a field the way Excel does, but an unclosed quote
  // swallows the rest of the file into one cell, so that must not pass silently.
  const unclosed = result.errors.find((err) => err.code === 'MissingQuotes');
  if (unclosed) {
    throw new WeftError(
      'bad_table',
      `"${name}": a quoted value starting in row ${(unclosed.row ?? 0) + 1} is never closed`,
    );
  }
  return result.data.map((row) => row.map(unguardFormula));
}

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * Papa's own guess is fooled by commas inside values (e.g. "1,5" in a semicolon file), so we
 * pick the delimiter that splits the first rows most consistently into more than one column.
 */
function guessDelimiter(text: string): string {
  let best: { delimiter: string; score: number; width: number } = {
    delimiter: ',',
    score: -1,
    width: 1,
  };
  for (const delimiter of DELIMITERS) {
    const sample = Papa.parse<string[]>(text, { delimiter, newline: '\n', preview: 50 }).data;
    const rows = sample.filter((r) => r.some((c) => c.trim() !== ''));
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    const score = rows.filter((r) => r.length === width).length;
    if (score > best.score || (score === best.score && width > best.width)) {
      best = { delimiter, score, width };
    }
  }
  return best.delimiter;
}

// ---- XLSX ---------------------------------------------------------------------------------

async function readXlsxRows(
  bytes: Uint8Array,
  name: string,
  sheetName: string | undefined,
): Promise<string[][]> {
  // The Node reader treats anything that is not a Buffer as a file path, so wrap, don't pass.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let data: unknown[][];
  try {
    data = await readSheet(buffer, sheetName ?? 1);
  } catch (e) {
    if (e instanceof SheetNotFoundError) {
      const sheets = (e as SheetNotFoundError & { sheets?: string[] }).sheets ?? [];
      throw new WeftError(
        'bad_table',
        `"${name}" has no sheet named "${sheetName ?? ''}" (its sheets: ${sheets.join(', ')})`,
      );
    }
    if (e instanceof InvalidInputError && e.code === 'XLS_FILE_NOT_SUPPORTED') {
      throw new WeftError(
        'unsupported_format',
        `"${name}" is an old-style Excel (.xls) workbook; save it as .xlsx or .csv`,
      );
    }
    if (e instanceof InvalidInputError && e.code === 'NO_DATA') {
      throw new WeftError('empty', `"${name}" is empty`);
    }
    return corrupt(name, 'is damaged or not a valid Excel workbook');
  }
  return data.map((row) => row.map(cellText));
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return excelDateText(value);
  return String(value);
}

/**
 * Numbers as Excel shows them: 15 significant digits (so 0.1+0.2 reads "0.3", not
 * "0.30000000000000004") and never in exponent form, which researchers would not recognise.
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(Number(n.toPrecision(15)) || 0); // `|| 0` turns -0 into 0
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const sign = m[1] ?? '';
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const exp = Number(m[4]);
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const point = exp + 1;
  return point >= digits.length
    ? sign + digits + '0'.repeat(point - digits.length)
    : `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Excel stores a bare time (an interview's start or length) as a fraction of day zero,
 * 1899-12-30; turning that into a date would throw the time away, so it becomes HH:MM:SS.
 */
function excelDateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = new Date(Math.round(d.getTime() / 1000) * 1000).toISOString();
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (date === '1899-12-30') return time;
  return time === '00:00:00' ? date : `${date} ${time}`;
}

// ---- validation shared by both readers ----------------------------------------------------

function buildTable(raw: string[][], name: string): AttributeTable {
  const trimmed = (row: string[]) => row.map((c) => c.trim());
  const isBlank = (row: string[]) => row.every((c) => c.trim() === '');
  const headerAt = raw.findIndex((row) => !isBlank(row));
  const headerRow = raw[headerAt];
  if (headerAt < 0 || !headerRow) {
    throw new WeftError('empty', `"${name}" has no header row (it holds no values)`);
  }
  // Spreadsheets often carry empty trailing columns (formatting, a trailing comma); they hold
  // nothing, so the table is as wide as its last named column.
  const width = lastFilled(headerRow);
  if (width > MAX_COLUMNS) {
    throw new WeftError(
      'bad_table',
      `"${name}" has ${width} columns; Weft imports at most ${MAX_COLUMNS.toLocaleString('en')}`,
    );
  }
  const header = pad(trimmed(headerRow), width);
  checkHeader(header, name);

  const rows: string[][] = [];
  for (let i = headerAt + 1; i < raw.length; i++) {
    const row = raw[i] ?? [];
    if (isBlank(row)) continue; // blank lines between records carry no case
    // Extra cells that are empty are harmless padding; extra values would be silently lost.
    if (row.slice(width).some((c) => c.trim() !== '')) {
      throw new WeftError(
        'bad_table',
        `"${name}": row ${i + 1} has ${lastFilled(row)} cells but the header has only ${width} columns`,
      );
    }
    rows.push(pad(trimmed(row), width));
    if (rows.length > MAX_ROWS) {
      throw new WeftError(
        'bad_table',
        `"${name}" has more than ${MAX_ROWS.toLocaleString('en')} rows; Weft imports at most that many`,
      );
    }
  }
  return { header, rows };
}

function checkHeader(header: string[], name: string): void {
  const blank = header.findIndex((h) => h === '');
  if (blank >= 0) {
    throw new WeftError(
      'bad_table',
      `"${name}": column ${blank + 1} (${columnLetter(blank)}) has no name in the header row`,
    );
  }
  // Only numbers and dates in the first row means the header row is missing and the first
  // case would become the column names.
  if (header.every((h) => isNumber(h) || isDate(h))) {
    throw new WeftError(
      'bad_table',
      `"${name}" has no header row: the first row holds values, not column names`,
    );
  }
  // Case-insensitive, since "Age" and "age" would read as one attribute to a researcher.
  const seen = new Map<string, string>();
  for (const h of header) {
    const key = h.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      const which = first === h ? `"${h}" twice` : `"${first}" and "${h}"`;
      throw new WeftError('bad_table', `"${name}" has duplicate column names: ${which}`);
    }
    seen.set(key, h);
  }
}

function pad(row: string[], width: number): string[] {
  const out = row.slice(0, width);
  while (out.length < width) out.push('');
  return out;
}

function lastFilled(row: string[]): number {
  let n = 0;
  row.forEach((c, i) => {
    if (c.trim() !== '') n = i + 1;
  });
  return n;
}

function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  }
  return s;
}

// ---- writers ------------------------------------------------------------------------------

/**
 * RFC 4180 with CRLF line ends and a UTF-8 BOM: without the BOM Excel on Windows reads the
 * file as ANSI and mangles every accented name. Fields with separators, quotes or line
 * breaks are quoted; ';' and tab are quoted too so the file reads back under any locale.
 */
export function writeAttributeCsv(t: AttributeTable): string {
  const lines = [t.header, ...rowsOf(t)].map((row) => row.map(csvField).join(','));
  return '\ufeff' + lines.map((line) => line + '\r\n').join('');
}

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula: participant data must never
 * become one (CSV injection). Such a value is written with a leading apostrophe, which Excel
 * and LibreOffice show as text, and which readAttributeTable removes again. A plain number
 * ("-3", "+44") is left alone.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const isPlainNumber = (v: string) => /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(v);
const guardFormula = (v: string) => (FORMULA_START.test(v) && !isPlainNumber(v) ? `'${v}` : v);
const unguardFormula = (v: string) =>
  v.startsWith("'") && FORMULA_START.test(v.slice(1)) && !isPlainNumber(v.slice(1))
    ? v.slice(1)
    : v;

function csvField(raw: string): string {
  const value = guardFormula(raw);
  return /[",;\t\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Numbers and ISO dates are written as real Excel numbers and dates (so researchers can sort
 * and average them) only when reading them back gives the very same text; anything else —
 * '007', '1.50', '+44 114' — stays text so nothing is lost.
 */
export async function writeAttributeXlsx(
  t: AttributeTable,
  sheetName = 'Attributes',
): Promise<Uint8Array> {
  const header: Row = t.header.map((h) => ({ value: h, type: String, fontWeight: 'bold' }));
  const body: Row[] = rowsOf(t).map((row) => row.map(xlsxCell));
  const widths = t.header.map((h, i) => {
    const longest = Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length));
    return { width: Math.min(60, Math.max(8, longest + 2)) };
  });
  const buffer = await writeXlsxFile([header, ...body], {
    sheet: safeSheetName(sheetName),
    columns: widths,
    stickyRowsCount: 1,
  }).toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function xlsxCell(value: string): Cell {
  if (value === '') return null;
  if (isNumber(value) && plainNumber(Number(value)) === value) {
    return { value: Number(value), type: Number };
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso && isIsoDate(value)) {
    const date = new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
    return { value: date, type: Date, format: 'yyyy-mm-dd' };
  }
  // write-excel-file drops the control characters XML forbids, so a stray \u0001 cannot
  // produce a workbook Excel refuses to open.
  return { value, type: String };
}

/** Rows padded to the header; a row longer than the header would write a nameless column. */
function rowsOf(t: AttributeTable): string[][] {
  return t.rows.map((row, i) => {
    if (row.length > t.header.length) {
      throw new WeftError(
        'bad_table',
        `row ${i + 1} has ${row.length} cells but the header has ${t.header.length}`,
      );
    }
    return pad(row, t.header.length);
  });
}

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\ */
function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31)
    .trim();
  return cleaned || 'Attributes';
}

// ---- type inference -----------------------------------------------------------------------

const BOOLEAN_WORDS = new Set(['yes', 'no', 'true', 'false', 'y', 'n']);

/**
 * Suggests an attribute type from a column's values, ignoring empty cells. Y/N counts as
 * yes/no because facesheets use it (the Sheffield one does). A leading zero ('007') marks an
 * identifier, not a quantity, so such a column stays text and keeps its zeros.
 */
export function inferColumnType(values: string[]): ColumnType {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  if (filled.length === 0) return 'text';
  if (filled.every((v) => BOOLEAN_WORDS.has(v.toLowerCase()))) return 'boolean';
  if (filled.every(isDate)) return 'date';
  if (filled.every(isNumber)) return 'number';
  return 'text';
}

function isNumber(value: string): boolean {
  return /^[-+]?(?:0|[1-9]\d*|(?=\.))(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(value);
}

/** ISO (2023-04-21, optionally with a time) or day-first 21/04/2023, as UK studies write them. */
function isDate(value: string): boolean {
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$/.test(value)) {
    return isIsoDate(value.slice(0, 10));
  }
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  return !!dmy && isRealDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
}

function isIsoDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  return isRealDate(y ?? NaN, m ?? NaN, d ?? NaN);
}

/** Rejects 31/02/2023 and the like, which Date would silently roll into March. */
function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1000 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}
