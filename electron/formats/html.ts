/**
 * HTML to plain text without a DOM: Weft's main side runs under plain Node, and a tag scanner
 * is enough for the text of a page. Block elements become line breaks (one paragraph per
 * line), whitespace inside a paragraph collapses as a browser would show it, list items get
 * "- " or "1. " (indented two spaces per nesting level), and table rows become one line with
 * cells separated by " | ". Also used for mammoth's HTML rendering of .docx files.
 */
import { decodeWindows1252 } from './text.js';

// Elements whose content is never shown as text; skipped up to their closing tag.
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'title', 'svg', 'math']);

const BLOCKS = new Set(
  (
    'address article aside blockquote body caption center dd details dialog dir div dl dt ' +
    'fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend ' +
    'main menu nav option p section summary'
  ).split(' '),
);

const TAG =
  /<!--[\s\S]*?(?:-->|$)|<![^>]*>?|<\?[^>]*>?|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

export function htmlToText(html: string): string {
  const out = new TextBuilder();
  let last = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (m.index > last) out.text(html.slice(last, m.index));
    last = TAG.lastIndex;
    const name = m[2]?.toLowerCase();
    if (!name) continue; // comment, doctype, processing instruction
    const closing = m[1] === '/';
    if (!closing && SKIPPED.has(name) && !m[3]?.trimEnd().endsWith('/')) {
      const close = new RegExp(`</${name}\\s*>`, 'gi');
      close.lastIndex = last;
      last = close.exec(html) ? close.lastIndex : html.length;
      TAG.lastIndex = last;
      continue;
    }
    out.tag(name, closing, m[3] ?? '');
  }
  if (last < html.length) out.text(html.slice(last));
  return out.finish();
}

/** The charset a page declares in its first 1024 bytes (<meta charset> or http-equiv). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase();
}

interface List {
  ordered: boolean;
  next: number;
}
interface Table {
  rows: string[];
  cells: string[];
  cell: string | undefined; // text of the open cell, if any
}

const collapse = (s: string) => s.replace(/[ \t\n\r\f\u00a0]+/g, ' ').trim();

class TextBuilder {
  private readonly lines: string[] = [];
  private prefix = '';
  private buf = '';
  private pre = 0;
  private readonly lists: List[] = [];
  private readonly tables: Table[] = [];

  text(raw: string): void {
    const text = decodeEntities(raw);
    const table = this.tables.at(-1);
    if (table?.cell !== undefined) table.cell += text;
    else if (this.pre > 0) this.preText(text);
    else this.buf += text;
  }

  tag(name: string, closing: boolean, attrs: string): void {
    if (name === 'table') return closing ? this.closeTable() : this.openTable();
    const table = this.tables.at(-1);
    if (table && (name === 'tr' || name === 'td' || name === 'th')) {
      this.closeCell(table);
      if (name === 'tr') this.closeRow(table);
      else if (!closing) table.cell = '';
      return;
    }
    if (table?.cell !== undefined) {
      // Inside a cell everything stays on the row's line.
      if (BLOCKS.has(name) || name === 'br' || name === 'li') table.cell += ' ';
      return;
    }
    if (name === 'ul' || name === 'ol') {
      this.flush();
      if (closing) this.lists.pop();
      else this.lists.push({ ordered: name === 'ol', next: startOf(attrs) });
    } else if (name === 'li') {
      this.flush();
      const list = this.lists.at(-1);
      if (!closing) {
        const indent = '  '.repeat(Math.max(0, this.lists.length - 1));
        this.prefix = indent + (list?.ordered ? `${list.next++}. ` : '- ');
      }
    } else if (name === 'pre') {
      this.flush();
      this.pre = Math.max(0, this.pre + (closing ? -1 : 1));
    } else if (name === 'br') {
      if (this.pre > 0) this.preText('\n');
      else this.flush();
    } else if (BLOCKS.has(name)) {
      this.flush();
    }
  }

  finish(): string {
    while (this.tables.length > 0) this.closeTable();
    this.flush();
    return this.lines.join('\n');
  }

  /** Ends the current line. An empty line keeps its list marker for the text still to come. */
  private flush(): void {
    const content = this.pre > 0 ? this.buf.trimEnd() : collapse(this.buf);
    if (content === '') return;
    this.lines.push(this.prefix + content);
    this.prefix = '';
    this.buf = '';
  }

  /** Preformatted text keeps its spaces and line breaks; blank lines are dropped. */
  private preText(text: string): void {
    const parts = text.split(/\r\n?|\n/);
    parts.forEach((part, i) => {
      if (i > 0) this.flush();
      this.buf += part;
    });
  }

  private openTable(): void {
    this.flush();
    this.tables.push({ rows: [], cells: [], cell: undefined });
  }

  private closeCell(table: Table): void {
    if (table.cell === undefined) return;
    table.cells.push(collapse(table.cell));
    table.cell = undefined;
  }

  private closeRow(table: Table): void {
    this.closeCell(table);
    const row = table.cells.join(' | ').trim();
    if (row.replace(/\|/g, '').trim() !== '') table.rows.push(row);
    table.cells = [];
  }

  private closeTable(): void {
    const table = this.tables.pop();
    if (!table) return;
    this.closeRow(table);
    const parent = this.tables.at(-1);
    // A table nested in a cell stays inside that cell, rows separated by "; ".
    if (parent?.cell !== undefined) parent.cell += ` ${table.rows.join('; ')} `;
    else for (const row of table.rows) this.lines.push(row);
  }
}

function startOf(attrs: string): number {
  const m = /\bstart\s*=\s*["']?(-?\d+)/i.exec(attrs);
  return m?.[1] ? Number(m[1]) : 1;
}

// Entity names for U+00A0..U+00FF, in code point order (HTML's Latin-1 set).
const LATIN1 = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
  'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
  'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
  'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute ' +
  'icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml'
).split(' ');

const NAMED = new Map<string, string>([
  ...LATIN1.map((name, i): [string, string] => [name, String.fromCharCode(0xa0 + i)]),
  ...Object.entries({
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    ndash: '\u2013',
    mdash: '\u2014',
    lsquo: '\u2018',
    rsquo: '\u2019',
    sbquo: '\u201a',
    ldquo: '\u201c',
    rdquo: '\u201d',
    bdquo: '\u201e',
    hellip: '\u2026',
    bull: '\u2022',
    prime: '\u2032',
    Prime: '\u2033',
    lsaquo: '\u2039',
    rsaquo: '\u203a',
    euro: '\u20ac',
    trade: '\u2122',
    dagger: '\u2020',
    Dagger: '\u2021',
    permil: '\u2030',
    OElig: '\u0152',
    oelig: '\u0153',
    Scaron: '\u0160',
    scaron: '\u0161',
    Yuml: '\u0178',
    fnof: '\u0192',
    circ: '\u02c6',
    tilde: '\u02dc',
    ensp: '\u2002',
    emsp: '\u2003',
    thinsp: '\u2009',
    zwnj: '\u200c',
    zwj: '\u200d',
    lrm: '\u200e',
    rlm: '\u200f',
    larr: '\u2190',
    rarr: '\u2192',
    uarr: '\u2191',
    darr: '\u2193',
    harr: '\u2194',
    minus: '\u2212',
    le: '\u2264',
    ge: '\u2265',
    ne: '\u2260',
    asymp: '\u2248',
    infin: '\u221e',
    check: '\u2713',
    hearts: '\u2665',
  }),
]);

// Entities browsers still accept without the closing ';' (in text content).
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);

/** Decodes named (common) and numeric character references; unknown names stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]{1,31}))(;?)/g,
    (whole, dec?: string, hex?: string, name?: string, semi?: string) => {
      if (name !== undefined) {
        const value = NAMED.get(name);
        return value !== undefined && (semi || LEGACY.has(name)) ? value : whole;
      }
      return fromCodePoint(dec !== undefined ? parseInt(dec, 10) : parseInt(hex ?? '', 16));
    },
  );
}

function fromCodePoint(code: number): string {
  // As browsers do: 0x80-0x9F mean their Windows-1252 characters; invalid code points become
  // the replacement character rather than throwing.
  if (code >= 0x80 && code <= 0x9f) return decodeWindows1252(Uint8Array.of(code));
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}
