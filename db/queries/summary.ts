import type { Db } from '../open.js';
import { prep } from '../stmt.js';
import { WeftError } from '../errors.js';
import type { Attribute, AttributeSummary, NumberSummary, SummaryTable } from '../cases-types.js';
import {
  compareNames,
  displayValue,
  fromStored,
  getAttribute,
  getClassification,
} from './cases.js';

/**
 * A participant table like a paper's Table 1: for each chosen attribute of a classification,
 * counts per value (text, date, yes/no) or n, range, mean and SD (numbers). Cases with no
 * value are counted as not recorded, so every group adds up to the classification's N.
 */
export function summaryTable(
  db: Db,
  classificationId: number,
  attributeIds: readonly number[],
): SummaryTable {
  const k = getClassification(db, classificationId);
  if (!k)
    throw new WeftError('not_found', `There is no classification with id ${classificationId}.`);
  const attributes = attributeIds.map((id) => {
    const a = getAttribute(db, id);
    if (!a) throw new WeftError('not_found', `There is no attribute with id ${id}.`);
    if (a.classificationId !== classificationId)
      throw new WeftError('not_applicable', `"${a.name}" is not an attribute of ${k.name}.`);
    return a;
  });
  return {
    classificationId,
    classificationName: k.name,
    cases: k.cases,
    rows: attributes.map((a) => summarise(a, valuesOf(db, a), k.cases)),
  };
}

function valuesOf(db: Db, a: Attribute): unknown[] {
  const rows = prep(
    db,
    `SELECT v.value FROM case_values v JOIN cases c ON c.id = v.case_id
      WHERE v.attribute_id = ? AND c.classification_id = ?`,
  ).all(a.id, a.classificationId) as { value: unknown }[];
  return rows.map((r) => r.value);
}

function summarise(a: Attribute, stored: unknown[], cases: number): AttributeSummary {
  const base = { attributeId: a.id, name: a.name };
  if (a.type === 'number') {
    return {
      ...base,
      type: 'number',
      ...describeNumbers(stored.map(Number)),
      missing: cases - stored.length,
    };
  }
  const counts = new Map<string, number>();
  for (const v of stored) {
    const label = displayValue(a.type, fromStored(a.type, v));
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const sorted = [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((x, y) => y.count - x.count || compareNames(x.value, y.value));
  return { ...base, type: a.type, counts: sorted, notRecorded: cases - stored.length };
}

/** n, min, max, mean and the sample SD (n - 1), as papers report them. */
export function describeNumbers(
  xs: readonly number[],
): Omit<NumberSummary, 'attributeId' | 'name' | 'type' | 'missing'> {
  const n = xs.length;
  if (n === 0) return { n, min: null, max: null, mean: null, sd: null };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  // Two passes: summing squared deviations from the mean keeps precision for large values.
  const ss = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
  return {
    n,
    min: Math.min(...xs),
    max: Math.max(...xs),
    mean,
    sd: n < 2 ? null : Math.sqrt(ss / (n - 1)),
  };
}

// ---------------------------------------------------------------- formatting

export interface SummaryFormat {
  /** Decimal places for means, SDs, percentages and non-integer values (default 1). */
  decimals?: number;
}

/**
 * The table as rows of cells: Attribute | Category | "Person (N = 20)". Counts read
 * "3 (15.0%)"; numbers give "Mean (SD)" and "Range"; "Not recorded" rows appear only
 * when some case lacks a value.
 */
export function summaryCells(table: SummaryTable, format: SummaryFormat = {}): string[][] {
  const d = format.decimals ?? 1;
  const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(d));
  const pct = (count: number) =>
    `${count} (${(table.cases ? (100 * count) / table.cases : 0).toFixed(d)}%)`;
  const out: string[][] = [
    ['Attribute', 'Category', `${table.classificationName} (N = ${table.cases})`],
  ];
  for (const row of table.rows) {
    const lines: [string, string][] = [];
    if (row.type === 'number') {
      if (row.n > 0) {
        lines.push([
          'Mean (SD)',
          `${row.mean!.toFixed(d)} (${row.sd === null ? '–' : row.sd.toFixed(d)})`,
        ]);
        lines.push(['Range', `${num(row.min!)}–${num(row.max!)}`]);
      }
      if (row.missing > 0) lines.push(['Not recorded', pct(row.missing)]);
    } else {
      for (const c of row.counts) lines.push([c.value, pct(c.count)]);
      if (row.notRecorded > 0) lines.push(['Not recorded', pct(row.notRecorded)]);
    }
    if (lines.length === 0) lines.push(['', '–']); // no cases: keep the attribute visible
    for (const [category, value] of lines) out.push([row.name, category, value]);
  }
  return out;
}

/** Spreadsheets would run a cell starting with = + @ as a formula; a leading ' stops that. */
function csvCell(cell: string): string {
  const safe = /^[=+@\t\r]|^-(?![\d.])/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV (CRLF), the attribute named on every row so it sorts and filters. */
export function summaryToCsv(table: SummaryTable, format?: SummaryFormat): string {
  return summaryCells(table, format)
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/**
 * Tab-separated, for pasting into Word (Convert Text to Table) or a spreadsheet. The attribute
 * is named once, on its first row, as in a paper's table.
 */
export function summaryToText(table: SummaryTable, format?: SummaryFormat): string {
  const flat = (cell: string) => cell.replace(/[\t\r\n]+/g, ' ');
  let previous: string | undefined;
  return summaryCells(table, format)
    .map((row, i) => {
      const [name = '', ...rest] = row;
      const shown = i > 0 && name === previous ? '' : name;
      previous = name;
      return [shown, ...rest].map(flat).join('\t');
    })
    .join('\n')
    .concat('\n');
}
