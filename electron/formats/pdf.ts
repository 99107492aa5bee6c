/**
 * PDF to plain text through pdf.js's text layer. pdf.js gives positioned fragments; we rebuild
 * lines from their baselines and paragraphs from the spacing between lines, and record where
 * each page's text starts and ends so a quote can cite its page.
 *
 * In Node pdf.js runs its "worker" on the calling thread (it disables real workers itself and
 * loads ./pdf.worker.mjs next to pdf.mjs), so no GlobalWorkerOptions are needed; Weft already
 * runs imports off the UI thread. pdf.js (a few MB of code) is loaded on the first PDF only, so
 * it costs nothing at start-up.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { WeftError } from '../../db/errors.js';
import { labelAt } from './transcript.js';

export interface PdfText {
  text: string;
  pages: { start: number; end: number }[];
  warnings: string[];
}

interface Line {
  text: string;
  x: number;
  y: number;
  right: number;
  size: number;
}

export async function readPdf(bytes: Uint8Array, fileName: string): Promise<PdfText> {
  const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(bytes), // pdf.js may take ownership of the buffer it is given
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    useSystemFonts: false,
    ...assetUrls(),
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy();
    throw openError(e, fileName);
  }
  try {
    const pageTexts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pageTexts.push(pageText(content.items.filter((i): i is TextItem => 'str' in i)));
      page.cleanup();
    }
    return assemble(pageTexts, fileName);
  } catch (e) {
    if (e instanceof WeftError) throw e;
    throw new WeftError(
      'corrupt',
      `“${fileName}” is damaged: Weft could not read all its pages (${message(e)}). ` +
        'Open it in a PDF reader, save or print it as a new PDF, and import that.',
    );
  } finally {
    await doc.destroy();
  }
}

function openError(e: unknown, fileName: string): WeftError {
  if (e instanceof Error && e.name === 'PasswordException')
    return new WeftError(
      'encrypted',
      `“${fileName}” is password-protected. Open it with its password, save a copy without ` +
        'the password (or print it to PDF), and import that copy.',
    );
  return new WeftError(
    'corrupt',
    `“${fileName}” is damaged or is not a PDF (${message(e)}). Open it in a PDF reader, ` +
      'save or print it as a new PDF, and import that.',
  );
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/\.$/, '');

function assemble(pageTexts: string[], fileName: string): PdfText {
  if (pageTexts.every((t) => t === ''))
    throw new WeftError(
      'no_text_layer',
      `“${fileName}” has no text layer: its pages are images, probably scanned. Run OCR on it ` +
        'first (for example Adobe Acrobat’s “Scan & OCR”, or the free OCRmyPDF), then import the result.',
    );
  const pages: PdfText['pages'] = [];
  let text = '';
  for (const t of pageTexts) {
    // Pages are separated by one line break; a page without text takes no room at all.
    if (t !== '' && text !== '') text += '\n';
    pages.push({ start: text.length, end: text.length + t.length });
    text += t;
  }
  const blank = pageTexts.flatMap((t, i) => (t === '' ? [i + 1] : []));
  const warnings =
    blank.length > 0
      ? [
          `“${fileName}”: ${blank.length === 1 ? 'page' : 'pages'} ${listPages(blank)} ` +
            `${blank.length === 1 ? 'has' : 'have'} no text (scanned images?). Run OCR on the PDF to include those pages.`,
        ]
      : [];
  return { text, pages, warnings };
}

function listPages(pages: number[]): string {
  const shown = pages.slice(0, 10).join(', ');
  return pages.length > 10 ? `${shown} and ${pages.length - 10} more` : shown;
}

/** Fragments to lines (by baseline), lines to paragraphs (by spacing), one paragraph per line. */
export function pageText(items: TextItem[]): string {
  const lines = toLines(items);
  const typical = typicalGap(lines);
  const right = Math.max(0, ...lines.map((l) => l.right));
  const paragraphs: string[] = [];
  let prev: Line | undefined;
  for (const line of lines) {
    const last = paragraphs.length - 1;
    if (prev && last >= 0 && !startsParagraph(prev, line, typical, right)) {
      paragraphs[last] = joinLines(paragraphs[last] ?? '', line.text);
    } else {
      paragraphs.push(line.text);
    }
    prev = line;
  }
  return paragraphs.join('\n');
}

function toLines(items: TextItem[]): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  let breakAfter = false;
  for (const item of items) {
    const [, , c = 0, d = 0, x = 0, y = 0] = item.transform as number[];
    const size = Math.hypot(c, d) || item.height || 10;
    if (item.str !== '') {
      if (!line || breakAfter || Math.abs(y - line.y) > size * 0.5) {
        line = { text: '', x, y, right: x, size };
        lines.push(line);
      } else if (x - line.right > size * 0.2 && !/\s$/.test(line.text) && !/^\s/.test(item.str)) {
        line.text += ' '; // a visible gap between fragments is a word space
      }
      line.text += item.str;
      line.right = Math.max(line.right, x + item.width);
      line.size = Math.max(line.size, size);
      breakAfter = false;
    }
    if (item.hasEOL) breakAfter = true;
  }
  return lines.map((l) => ({ ...l, text: clean(l.text) })).filter((l) => l.text !== '');
}

// Broken font maps can yield control characters (even NUL); they are not text to code.
const clean = (line: string) =>
  line
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[ \t\u00a0]{2,}/g, ' ')
    .trim();

/** The usual distance between baselines on this page: the median of the downward steps. */
function typicalGap(lines: Line[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1];
    const b = lines[i];
    if (a && b && a.y - b.y > 0 && a.y - b.y < a.size * 3) gaps.push(a.y - b.y);
  }
  gaps.sort((p, q) => p - q);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

function startsParagraph(prev: Line, line: Line, typical: number, right: number): boolean {
  const gap = prev.y - line.y;
  if (gap <= 0 || gap > line.size * 3) return true; // new column, or a blank line's worth
  if (typical > 0 && gap > typical * 1.4) return true; // extra space between paragraphs
  if (Math.abs(prev.size - line.size) > line.size * 0.15) return true; // heading size change
  // A line that stops well short of the right margin after a full stop ends a paragraph.
  if (/[.?!:"”’)]$/.test(prev.text) && prev.right < right - line.size * 4) return true;
  return labelAt(line.text, 0) !== undefined; // each speaker turn starts a paragraph
}

function joinLines(a: string, b: string): string {
  if (a.endsWith('\u00ad')) return a.slice(0, -1) + b; // soft hyphen: the word was split
  // A hard hyphen at a line end may be a split word or a compound ("well-known"); keeping it and
  // joining without a space never loses or invents a letter.
  if (/\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b)) return a + b;
  return `${a} ${b}`;
}

/** pdf.js's character maps and standard fonts, for PDFs that rely on them (CJK, base-14). */
function assetUrls(): { cMapUrl?: string; cMapPacked?: boolean; standardFontDataUrl?: string } {
  try {
    // CommonJS bundles (Electron's main.cjs) have `require` but no import.meta.url.
    const resolve =
      typeof require === 'function' ? require.resolve : createRequire(import.meta.url).resolve;
    const root = path.dirname(resolve('pdfjs-dist/package.json'));
    // pdf.js in Node reads these with fs; it needs the trailing slash.
    return {
      cMapUrl: `${path.join(root, 'cmaps')}/`,
      cMapPacked: true,
      standardFontDataUrl: `${path.join(root, 'standard_fonts')}/`,
    };
  } catch {
    return {}; // pdf.js still reads the text of most PDFs without them
  }
}
