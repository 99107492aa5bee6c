/**
 * Coded excerpts by code, each with the attribution a paper would print beside it. DOCX reads
 * as a document (the filters stated at the top, a heading per code, each quote with its
 * attribution); XLSX and CSV give one row per excerpt for sorting, filtering and counting.
 */
import type { Db } from '../../../db/open.js';
import { projectMeta } from '../../../db/queries/project.js';
import {
  excerptReportData,
  pathText,
  type ExcerptFilter,
  type ExcerptReportData,
  type ExcerptRow,
  type FilterInWords,
} from '../../../db/queries/report-data.js';
import type { ReportOptions } from './codebook-report.js';
import {
  checkFormat,
  csvBytes,
  dayOf,
  headerRow,
  MIME,
  reportFileName,
  textCell,
  xlsxBytes,
  xmlSafe,
  type ReportFile,
} from './report-file.js';

export type ExcerptsFormat = 'docx' | 'xlsx' | 'csv';
const FORMATS: readonly ExcerptsFormat[] = ['docx', 'xlsx', 'csv'];

export const EXCERPTS_TITLE = 'Coded excerpts';
export const NO_EXCERPTS = 'No excerpts match these filters.';
export const EXCERPT_COLUMNS = [
  'Code',
  'Source',
  'Case',
  'Coder',
  'Date',
  'Start',
  'End',
  'Excerpt',
  'Attribution',
] as const;

export async function excerptsReport(
  db: Db,
  format: ExcerptsFormat,
  filter: ExcerptFilter = {},
  options: ReportOptions = {},
): Promise<ReportFile> {
  const fmt = checkFormat(format, FORMATS, 'excerpts report');
  // The filter is checked (and refused in words) before anything is written.
  const data = excerptReportData(db, filter);
  const project = projectMeta(db).name;
  const day = dayOf(options.now ?? new Date());
  const fileName = reportFileName(EXCERPTS_TITLE, project, fmt);
  const rows = data.groups.flatMap((g) => g.rows);
  const bytes =
    fmt === 'csv'
      ? csvBytes(EXCERPT_COLUMNS, rows.length ? rows.map(tableRow) : [[NO_EXCERPTS]])
      : fmt === 'xlsx'
        ? await toXlsx(data, rows, project, day)
        : await toDocx(data, project, day);
  return { fileName, mime: MIME[fmt], bytes };
}

/** The day a coding was made, from its stored ISO time ('' when it has none). */
const dateOf = (createdAt: string) =>
  /^\d{4}-\d{2}-\d{2}/.test(createdAt) ? createdAt.slice(0, 10) : '';

function tableRow(r: ExcerptRow): (string | number)[] {
  return [
    pathText(r.codePath),
    r.sourceName,
    r.cases.join(', '),
    r.coder,
    dateOf(r.createdAt),
    r.start,
    r.end,
    r.text,
    r.attribution,
  ];
}

/** The filter as label/value lines; "All" where nothing was filtered. */
export function filterLines(f: FilterInWords): [string, string][] {
  const list = (names: string[] | null) => (names ? names.join(', ') : 'All');
  return [
    ['Codes', list(f.codes) + (f.includeChildren ? ' (with their subcodes)' : '')],
    ['Sources', list(f.sources)],
    [
      'Attribute',
      f.attribute ? `${f.attribute.name} is ${f.attribute.values.join(' or ')}` : 'Any',
    ],
    ['Coders', list(f.coders)],
  ];
}

const countLine = (data: ExcerptReportData, day: string) =>
  `Exported ${day}. ${data.total} ${data.total === 1 ? 'excerpt' : 'excerpts'} under ` +
  `${data.groups.length} ${data.groups.length === 1 ? 'code' : 'codes'}.`;

// ---------------------------------------------------------------- XLSX

async function toXlsx(
  data: ExcerptReportData,
  rows: ExcerptRow[],
  project: string,
  day: string,
): Promise<Uint8Array> {
  const cells = rows.map((r) =>
    tableRow(r).map((v, i) => {
      if (typeof v === 'number') return { value: v, type: Number };
      const date = i === 4 ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
      if (date) {
        const utc = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
        return { value: new Date(utc), type: Date, format: 'yyyy-mm-dd' };
      }
      return textCell(v, { wrap: i === 7 });
    }),
  );
  const about = [
    ['Report', EXCERPTS_TITLE],
    ['Project', project],
    ['Exported', day],
    ...filterLines(data.filter),
    ['Excerpts', String(data.total)],
  ].map(([label, value]) => [textCell(label!, { fontWeight: 'bold' }), textCell(value!)]);
  return xlsxBytes([
    {
      name: 'Excerpts',
      rows: [headerRow(EXCERPT_COLUMNS), ...(cells.length ? cells : [[textCell(NO_EXCERPTS)]])],
      columns: [30, 28, 16, 16, 11, 8, 8, 80, 30].map((width) => ({ width })),
    },
    { name: 'About', rows: about, columns: [{ width: 12 }, { width: 60 }] },
  ]);
}

// ---------------------------------------------------------------- DOCX

/** "  · coded by Rosa Lind, 2025-03-02", or as much of it as is known. */
function codedBy(r: ExcerptRow): string {
  const who = r.coder ? `coded by ${r.coder}` : '';
  const parts = [who, dateOf(r.createdAt)].filter(Boolean);
  return parts.length ? `  · ${parts.join(', ')}` : '';
}

async function toDocx(data: ExcerptReportData, project: string, day: string): Promise<Uint8Array> {
  // Loaded on demand: the writer is large and only exports need it.
  const d = await import('docx');
  const grey = (text: string, extra: { size?: number } = {}) =>
    new d.TextRun({ text: xmlSafe(text), color: '555555', ...extra });
  const children = [
    new d.Paragraph({
      heading: d.HeadingLevel.TITLE,
      children: [new d.TextRun(xmlSafe(`${EXCERPTS_TITLE}: ${project}`))],
    }),
    new d.Paragraph({ children: [grey(countLine(data, day))] }),
    ...filterLines(data.filter).map(
      ([label, value]) =>
        new d.Paragraph({
          bullet: { level: 0 },
          children: [
            new d.TextRun({ text: `${label}: `, bold: true }),
            new d.TextRun(xmlSafe(value)),
          ],
        }),
    ),
  ];
  if (!data.total) children.push(new d.Paragraph({ spacing: { before: 240 }, text: NO_EXCERPTS }));
  for (const g of data.groups) {
    const n = g.rows.length;
    children.push(
      new d.Paragraph({
        heading: d.HeadingLevel.HEADING_1,
        children: [new d.TextRun(xmlSafe(pathText(g.codePath)))],
      }),
      new d.Paragraph({ children: [grey(`${n} ${n === 1 ? 'excerpt' : 'excerpts'}`)] }),
    );
    for (const r of g.rows) {
      // A quote keeps its line breaks (speaker turns), each line its own run.
      const lines = xmlSafe(r.text).split(/\r\n|\r|\n/);
      children.push(
        new d.Paragraph({
          indent: { left: 360 },
          spacing: { before: 200 },
          // A quote never ends a page with its attribution on the next.
          keepNext: true,
          keepLines: true,
          children: lines.map(
            (line, i) =>
              new d.TextRun({
                text: `${i === 0 ? '“' : ''}${line}${i === lines.length - 1 ? '”' : ''}`,
                italics: true,
                ...(i ? { break: 1 } : {}),
              }),
          ),
        }),
        new d.Paragraph({
          indent: { left: 360 },
          children: [new d.TextRun(xmlSafe(r.attribution)), grey(codedBy(r), { size: 18 })],
        }),
      );
    }
  }
  const doc = new d.Document({
    title: xmlSafe(`${EXCERPTS_TITLE}: ${project}`),
    sections: [{ children }],
  });
  return d.Packer.toBuffer(doc);
}
