/**
 * The codebook as a file a team can circulate or append to a paper: every code in tree order
 * with its counts, and its definition, inclusion and exclusion criteria and example where they
 * are filled in. DOCX and Markdown read as a document (headings by depth); XLSX and CSV give
 * one row per code with its Level and Path for sorting and filtering.
 */
import type { Db } from '../../../db/open.js';
import { projectMeta } from '../../../db/queries/project.js';
import { codebookRows, pathText, type CodebookRow } from '../../../db/queries/report-data.js';
import {
  checkFormat,
  csvBytes,
  dayOf,
  headerRow,
  MIME,
  reportFileName,
  textCell,
  utf8,
  xlsxBytes,
  xmlSafe,
  type ReportFile,
} from './report-file.js';

export type CodebookFormat = 'docx' | 'xlsx' | 'csv' | 'md';
const FORMATS: readonly CodebookFormat[] = ['docx', 'xlsx', 'csv', 'md'];

export const CODEBOOK_TITLE = 'Codebook';

/** The codebook's own words, with the labels the code details dialog uses. */
export const DEFINITION_FIELDS = [
  ['description', 'Definition'],
  ['inclusion', 'Inclusion criteria'],
  ['exclusion', 'Exclusion criteria'],
  ['example', 'Example'],
] as const;

const ORIGIN_LABEL: Record<CodebookRow['origin'], string> = {
  '': '',
  deductive: 'Deductive',
  inductive: 'Inductive',
};

export const CODEBOOK_COLUMNS = [
  'Level',
  'Path',
  'Code',
  ...DEFINITION_FIELDS.map(([, label]) => label),
  'Origin',
  'Codings',
  'Sources',
  'Codings with subcodes',
  'Sources with subcodes',
] as const;

export interface ReportOptions {
  /** When the report is made; the date shown in it. */
  now?: Date;
}

export async function codebookReport(
  db: Db,
  format: CodebookFormat,
  options: ReportOptions = {},
): Promise<ReportFile> {
  const fmt = checkFormat(format, FORMATS, 'codebook');
  const rows = codebookRows(db);
  const project = projectMeta(db).name;
  const day = dayOf(options.now ?? new Date());
  const fileName = reportFileName(CODEBOOK_TITLE, project, fmt);
  const bytes =
    fmt === 'csv'
      ? csvBytes(CODEBOOK_COLUMNS, rows.map(tableRow))
      : fmt === 'xlsx'
        ? await toXlsx(rows)
        : fmt === 'md'
          ? utf8(toMarkdown(rows, project, day))
          : await toDocx(rows, project, day);
  return { fileName, mime: MIME[fmt], bytes };
}

/** One code as a table row, in CODEBOOK_COLUMNS order; Level counts from 1 for top-level codes. */
function tableRow(c: CodebookRow): (string | number)[] {
  return [
    c.depth + 1,
    pathText(c.path),
    c.name,
    ...DEFINITION_FIELDS.map(([key]) => c[key].trim()),
    ORIGIN_LABEL[c.origin],
    c.codings,
    c.sources,
    c.totalCodings,
    c.totalSources,
  ];
}

/** "12 codings in 5 sources", and the totals with subcodes when the code has any. */
export function countsLine(c: CodebookRow): string {
  const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : 's'}`;
  const own = `${n(c.codings, 'coding')} in ${n(c.sources, 'source')}`;
  return c.hasChildren
    ? `${own}; with subcodes ${n(c.totalCodings, 'coding')} in ${n(c.totalSources, 'source')}`
    : own;
}

const summaryLine = (rows: CodebookRow[], day: string) =>
  `Exported ${day}. ${rows.length} ${rows.length === 1 ? 'code' : 'codes'}, ` +
  `${rows.reduce((sum, c) => sum + c.codings, 0)} codings.`;

async function toXlsx(rows: CodebookRow[]): Promise<Uint8Array> {
  const data = rows.map((c) =>
    tableRow(c).map((v, i) =>
      typeof v === 'number'
        ? { value: v, type: Number }
        : // The Code column is indented by level so the tree reads at a glance.
          textCell(v, i === 2 ? { indent: c.depth, fontWeight: 'bold' } : { wrap: i > 2 }),
    ),
  );
  const widths = [7, 40, 32, 50, 40, 40, 40, 11, 9, 9, 12, 12];
  return xlsxBytes([
    {
      name: CODEBOOK_TITLE,
      rows: [headerRow(CODEBOOK_COLUMNS), ...data],
      columns: widths.map((width) => ({ width })),
    },
  ]);
}

// ---------------------------------------------------------------- Markdown

/** Characters Markdown would read as syntax. */
const mdEscape = (s: string) => s.replace(/[\\`*_[\]<>|#~]/g, (ch) => `\\${ch}`);

/** A multi-line field as a block quote, so its line breaks survive. */
const mdBlock = (s: string) =>
  s
    .trim()
    .split(/\r\n|\r|\n/)
    .map((l) => `> ${mdEscape(l)}`.trimEnd())
    .join('\n');

export function toMarkdown(rows: CodebookRow[], project: string, day: string): string {
  const out = [`# ${CODEBOOK_TITLE}: ${mdEscape(project)}`, '', summaryLine(rows, day)];
  for (const c of rows) {
    // Markdown stops at six levels; deeper codes keep level six and show their path.
    const level = Math.min(c.depth + 2, 6);
    out.push('', `${'#'.repeat(level)} ${mdEscape(c.name)}`, '');
    if (c.depth + 2 > 6) out.push(`*${mdEscape(pathText(c.path))}*`, '');
    out.push(countsLine(c) + (c.origin ? `. ${ORIGIN_LABEL[c.origin]}.` : '.'));
    for (const [key, label] of DEFINITION_FIELDS) {
      const value = c[key].trim();
      if (!value) continue;
      // One line reads best beside its label; several keep their breaks in a block quote.
      if (/[\r\n]/.test(value)) out.push('', `**${label}:**`, '', mdBlock(value));
      else out.push('', `**${label}:** ${mdEscape(value)}`);
    }
  }
  if (!rows.length) out.push('', 'The codebook has no codes yet.');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------- DOCX

/** A Word document: the title with project and date, then a heading per code, indented by depth. */
async function toDocx(rows: CodebookRow[], project: string, day: string): Promise<Uint8Array> {
  // Loaded on demand: the writer is large and only exports need it.
  const d = await import('docx');
  const HEADINGS = [
    d.HeadingLevel.HEADING_2,
    d.HeadingLevel.HEADING_3,
    d.HeadingLevel.HEADING_4,
    d.HeadingLevel.HEADING_5,
    d.HeadingLevel.HEADING_6,
  ];
  const lines = (text: string, opts: { italics?: boolean } = {}) =>
    xmlSafe(text.trim())
      .split(/\r\n|\r|\n/)
      .map((line, i) => new d.TextRun({ text: line, ...(i ? { break: 1 } : {}), ...opts }));
  const children = [
    new d.Paragraph({
      heading: d.HeadingLevel.TITLE,
      children: [new d.TextRun(xmlSafe(`${CODEBOOK_TITLE}: ${project}`))],
    }),
    new d.Paragraph({
      children: [new d.TextRun({ text: summaryLine(rows, day), color: '555555' })],
    }),
  ];
  for (const c of rows) {
    const indent = { left: Math.min(c.depth, 8) * 360 };
    children.push(
      new d.Paragraph({
        heading: HEADINGS[Math.min(c.depth, HEADINGS.length - 1)],
        indent,
        children: [new d.TextRun(xmlSafe(c.name))],
      }),
      new d.Paragraph({
        indent,
        children: [
          new d.TextRun({ text: countsLine(c), color: '555555' }),
          ...(c.origin
            ? [new d.TextRun({ text: ` · ${ORIGIN_LABEL[c.origin]}`, color: '555555' })]
            : []),
        ],
      }),
    );
    // Deeper than Word's heading levels: the path says where the code sits.
    if (c.depth >= HEADINGS.length)
      children.push(
        new d.Paragraph({
          indent,
          children: [new d.TextRun({ text: xmlSafe(pathText(c.path)), italics: true })],
        }),
      );
    for (const [key, label] of DEFINITION_FIELDS) {
      if (!c[key].trim()) continue;
      children.push(
        new d.Paragraph({
          indent,
          spacing: { before: 80 },
          children: [
            new d.TextRun({ text: `${label}: `, bold: true }),
            ...lines(c[key], { italics: key === 'example' }),
          ],
        }),
      );
    }
  }
  if (!rows.length) children.push(new d.Paragraph('The codebook has no codes yet.'));
  const doc = new d.Document({
    title: xmlSafe(`${CODEBOOK_TITLE}: ${project}`),
    sections: [{ children }],
  });
  return d.Packer.toBuffer(doc);
}
