/**
 * The CMOC table as a file, laid out like a realist article's Box 2: grouped by theme (the
 * concept), one row per CMOC, columns Theme | CMOC | Context | Mechanism | Outcome | Status,
 * each cell optionally followed by its supporting quotes with their attributions. Markdown,
 * HTML and DOCX show the table as a reader sees it; CSV gives one row per CMOC for analysis.
 */
import type { Db } from '../open.js';
import type { Cmoc, CmocPart, Evidence, ExportFormat } from '../realist-types.js';
import { evidenceByCmoc, listCmocs, type CmocFilter } from './cmocs.js';

export interface CmocExportFile {
  fileName: string;
  mime: string;
  /** The file's bytes, base64 (text files are UTF-8). */
  base64: string;
}

export interface CmocExportOptions {
  format: ExportFormat;
  quotes: boolean;
  filter?: Pick<CmocFilter, 'conceptId' | 'status'>;
}

/** One quote as a reader sees it: “words” (attribution), with what was lost said plainly. */
export interface QuoteLine {
  quote: string;
  attribution: string;
  lost: Evidence['lost'];
}

export interface TableCell {
  /** The part's text as lines (mechanism: its text, then Resource: … and Reasoning: …). */
  lines: string[];
  /** True when the part has no text and no evidence (an incomplete configuration). */
  missing: boolean;
  quotes: QuoteLine[];
}

export interface TableRow {
  cmoc: Cmoc;
  context: TableCell;
  mechanism: TableCell;
  outcome: TableCell;
  status: string;
}

export interface ThemeGroup {
  theme: string;
  rows: TableRow[];
}

export const NO_THEME = 'No theme';
const STATUS_LABEL: Record<Cmoc['status'], string> = {
  untested: 'Untested',
  supported: 'Supported',
  refined: 'Refined',
  refuted: 'Refuted',
};
const LOST_NOTE: Record<Evidence['lost'], string> = {
  '': '',
  source: 'source deleted',
  coding: 'coding deleted',
  text: 'words deleted from the source',
};

/** The table's content, grouped by theme in the CMOC list's order. */
export function cmocTable(db: Db, filter: CmocExportOptions['filter'] = {}): ThemeGroup[] {
  const cmocs = listCmocs(db, filter);
  const evidence = evidenceByCmoc(
    db,
    cmocs.map((c) => c.id),
  );
  const groups: ThemeGroup[] = [];
  for (const c of cmocs) {
    const theme = c.conceptName ?? NO_THEME;
    let group = groups.at(-1);
    if (!group || group.rows[0]!.cmoc.conceptId !== c.conceptId)
      groups.push((group = { theme, rows: [] }));
    const items = evidence.get(c.id) ?? [];
    const quotesOf = (parts: CmocPart[]): QuoteLine[] =>
      items
        .filter((e) => parts.includes(e.part))
        .map((e) => ({
          quote: e.quote.replace(/\s+/g, ' ').trim(),
          // A deleted source leaves no attribution to build: its kept name says where it was.
          attribution: e.attribution || `(${e.sourceName})`,
          lost: e.lost,
        }));
    const mechanismLines = [
      c.mechanism,
      c.resource.trim() && `Resource: ${c.resource.trim()}`,
      c.reasoning.trim() && `Reasoning: ${c.reasoning.trim()}`,
    ];
    group.rows.push({
      cmoc: c,
      context: cell([c.context], c.missing.includes('context'), quotesOf(['context'])),
      mechanism: cell(
        mechanismLines,
        c.missing.includes('mechanism'),
        quotesOf(['mechanism', 'resource', 'reasoning']),
      ),
      outcome: cell([c.outcome], c.missing.includes('outcome'), quotesOf(['outcome'])),
      status: STATUS_LABEL[c.status] + (c.statusReason.trim() ? `: ${c.statusReason.trim()}` : ''),
    });
  }
  return groups;
}

function cell(texts: string[], missing: boolean, quotes: QuoteLine[]): TableCell {
  const lines = texts
    .flatMap((t) => t.split(/\r\n|\r|\n/))
    .map((l) => l.trim())
    .filter(Boolean);
  return { lines, missing, quotes };
}

/** A quote as one line of text: “words” (Site A, LW02) [source deleted]. */
export function quoteText(q: QuoteLine): string {
  const note = LOST_NOTE[q.lost];
  return `“${q.quote}” ${q.attribution}${note ? ` [${note}]` : ''}`;
}

/** What an empty cell shows: a dash, or that the configuration lacks this part. */
export const emptyCell = (c: TableCell): string => (c.missing ? '(missing)' : '—');

export async function exportCmocTable(db: Db, o: CmocExportOptions): Promise<CmocExportFile> {
  const groups = cmocTable(db, o.filter);
  const fileName = `CMOC table.${o.format}`;
  const text = (mime: string, s: string): CmocExportFile => ({
    fileName,
    mime,
    base64: Buffer.from(s, 'utf8').toString('base64'),
  });
  switch (o.format) {
    case 'md':
      return text('text/markdown', toMarkdown(groups, o.quotes));
    case 'csv':
      return text('text/csv', toCsv(groups, o.quotes));
    case 'html':
      return text('text/html', toHtml(groups, o.quotes));
    case 'docx': {
      return {
        fileName,
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        base64: Buffer.from(await toDocx(groups, o.quotes)).toString('base64'),
      };
    }
  }
}

export const TITLE = 'CMOC table';
export const HEADER = ['Theme', 'CMOC', 'Context', 'Mechanism', 'Outcome', 'Status'] as const;
const cellsOf = (r: TableRow) => [r.context, r.mechanism, r.outcome];

// ---------------------------------------------------------------- Markdown

/** Characters Markdown would read as syntax inside a table cell. */
const mdEscape = (s: string) => s.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`);

function mdCell(c: TableCell, quotes: boolean): string {
  const lines = c.lines.length ? c.lines.map(mdEscape) : [emptyCell(c)];
  if (quotes) for (const q of c.quotes) lines.push(`*${mdEscape(quoteText(q))}*`);
  return lines.join('<br>');
}

export function toMarkdown(groups: ThemeGroup[], quotes: boolean): string {
  const out = [
    `# ${TITLE}`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map(() => ' --- ').join('|')}|`,
  ];
  for (const g of groups)
    g.rows.forEach((r, i) => {
      // The theme is written once, on its first row, as Box 2 merges it down.
      const theme = i === 0 ? `**${mdEscape(g.theme)}**` : '';
      const cells = [theme, mdEscape(r.cmoc.title), ...cellsOf(r).map((c) => mdCell(c, quotes))];
      out.push(`| ${[...cells, mdEscape(r.status)].join(' | ')} |`);
    });
  if (!groups.length) out.push('', 'No CMOCs.');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------- CSV

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or return) as a formula: a
 * participant's words must never become one. Such a cell gets a leading apostrophe, which Excel
 * and LibreOffice show as text.
 */
export const guardFormula = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** RFC 4180: a field with a comma, quote or line break goes in quotes, its quotes doubled. */
export function csvField(raw: string): string {
  const v = guardFormula(raw);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(groups: ThemeGroup[], quotes: boolean): string {
  const header = [
    'Theme',
    'CMOC',
    'Context',
    'Mechanism',
    'Resource',
    'Reasoning',
    'Outcome',
    'Status',
    'Status reason',
    'Statement',
    ...(quotes ? ['Context quotes', 'Mechanism quotes', 'Outcome quotes'] : []),
  ];
  const rows = groups.flatMap((g) =>
    g.rows.map((r) => {
      const c = r.cmoc;
      return [
        c.conceptName ?? '',
        c.title,
        c.context.trim(),
        c.mechanism.trim(),
        c.resource.trim(),
        c.reasoning.trim(),
        c.outcome.trim(),
        STATUS_LABEL[c.status],
        c.statusReason.trim(),
        c.shownStatement,
        ...(quotes ? cellsOf(r).map((x) => x.quotes.map(quoteText).join('\n')) : []),
      ];
    }),
  );
  // A byte-order mark so Excel reads UTF-8; CRLF between records, as RFC 4180 says.
  return `\ufeff${[header, ...rows].map((row) => row.map(csvField).join(',') + '\r\n').join('')}`;
}

// ---------------------------------------------------------------- HTML

export const htmlEscape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function htmlCell(c: TableCell, quotes: boolean): string {
  const text = c.lines.length
    ? c.lines.map((l) => `<p>${htmlEscape(l)}</p>`).join('')
    : `<p class="empty">${emptyCell(c)}</p>`;
  if (!quotes || !c.quotes.length) return `<td>${text}</td>`;
  const items = c.quotes
    .map((q) => {
      const note = LOST_NOTE[q.lost];
      return `<li${q.lost ? ' class="lost"' : ''}><q>${htmlEscape(q.quote)}</q> <cite>${htmlEscape(
        q.attribution,
      )}</cite>${note ? ` <em>[${htmlEscape(note)}]</em>` : ''}</li>`;
    })
    .join('');
  return `<td>${text}<ul class="quotes">${items}</ul></td>`;
}

export function toHtml(groups: ThemeGroup[], quotes: boolean): string {
  const body: string[] = [];
  for (const g of groups)
    g.rows.forEach((r, i) => {
      const theme =
        i === 0
          ? `<th scope="rowgroup" rowspan="${g.rows.length}">${htmlEscape(g.theme)}</th>`
          : '';
      body.push(
        `<tr>${theme}<td>${htmlEscape(r.cmoc.title)}</td>${cellsOf(r)
          .map((c) => htmlCell(c, quotes))
          .join('')}<td>${htmlEscape(r.status)}</td></tr>`,
      );
    });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${TITLE}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: #eee; }
td p { margin: 0 0 0.3rem; }
.empty { color: #888; }
.quotes { margin: 0.4rem 0 0; padding-left: 1rem; font-size: 0.9em; }
q { font-style: italic; }
cite { font-style: normal; color: #555; }
.lost { color: #a33; }
</style>
</head>
<body>
<h1>${TITLE}</h1>
<table>
<thead><tr>${HEADER.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>
${groups.length ? '' : '<p>No CMOCs.</p>\n'}</body>
</html>
`;
}

// ---------------------------------------------------------------- DOCX

/** A Word document holding the table, the theme cell merged down its rows as in Box 2. */
export async function toDocx(groups: ThemeGroup[], quotes: boolean): Promise<Uint8Array> {
  // Loaded on demand: the writer is large and only this export needs it.
  const d = await import('docx');
  const para = (text: string, opts: { bold?: boolean; italics?: boolean; color?: string } = {}) =>
    new d.Paragraph({ children: [new d.TextRun({ text, ...opts })] });
  const quotePara = (q: QuoteLine) => {
    const note = LOST_NOTE[q.lost];
    return new d.Paragraph({
      spacing: { before: 60 },
      children: [
        new d.TextRun({ text: `“${q.quote}”`, italics: true, size: 18 }),
        new d.TextRun({ text: ` ${q.attribution}`, size: 18 }),
        ...(note ? [new d.TextRun({ text: ` [${note}]`, size: 18, color: 'AA3333' })] : []),
      ],
    });
  };
  const partCell = (c: TableCell) =>
    new d.TableCell({
      children: [
        ...(c.lines.length
          ? c.lines.map((l) => para(l))
          : [para(emptyCell(c), { color: '888888' })]),
        ...(quotes ? c.quotes.map(quotePara) : []),
      ],
    });
  const header = new d.TableRow({
    tableHeader: true,
    children: HEADER.map((h) => new d.TableCell({ children: [para(h, { bold: true })] })),
  });
  const rows = groups.flatMap((g) =>
    g.rows.map(
      (r, i) =>
        new d.TableRow({
          children: [
            ...(i === 0
              ? [
                  new d.TableCell({
                    rowSpan: g.rows.length,
                    children: [para(g.theme, { bold: true })],
                  }),
                ]
              : []),
            new d.TableCell({ children: [para(r.cmoc.title)] }),
            ...cellsOf(r).map(partCell),
            new d.TableCell({ children: [para(r.status)] }),
          ],
        }),
    ),
  );
  const doc = new d.Document({
    title: TITLE,
    sections: [
      {
        properties: { page: { size: { orientation: d.PageOrientation.LANDSCAPE } } },
        children: [
          new d.Paragraph({ heading: d.HeadingLevel.HEADING_1, children: [new d.TextRun(TITLE)] }),
          groups.length
            ? new d.Table({
                width: { size: 100, type: d.WidthType.PERCENTAGE },
                rows: [header, ...rows],
              })
            : para('No CMOCs.'),
        ],
      },
    ],
  });
  return d.Packer.toBuffer(doc);
}
