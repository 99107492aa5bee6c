/**
 * One entry point for every file a researcher brings: picks the reader by extension and
 * returns the text that codings will index into, plus page and speaker-turn boundaries.
 * Every error names the file and says what to do, because imports run over many files and the
 * message is all the researcher sees.
 */
import { isUtf8 } from 'node:buffer';
import { WeftError } from '../../db/errors.js';
import { readCaptions } from './captions.js';
import { readDocx } from './docx.js';
import { declaredCharset, htmlToText } from './html.js';
import { readPdf } from './pdf.js';
import { decodeText, extensionOf, normaliseText } from './text.js';
import type { Turn } from './transcript.js';
import { detectTurns, transcriptOf } from './transcript.js';

export interface ReadSource {
  /** Normalised plain text, LF line endings, one paragraph per line (UTF-16 offsets). */
  text: string;
  format: 'txt' | 'md' | 'docx' | 'pdf' | 'vtt' | 'srt' | 'html';
  /** PDF page boundaries as offsets into text; a page without text has start === end. */
  pages?: { start: number; end: number }[];
  /** Speaker turns as offsets into text; each covers its whole turn, label included. */
  turns?: { start: number; end: number; speaker: string; time?: string }[];
  warnings: string[];
}

export const SOURCE_EXTENSIONS: readonly string[] = [
  '.txt',
  '.md',
  '.markdown',
  '.text',
  '.docx',
  '.pdf',
  '.vtt',
  '.srt',
  '.html',
  '.htm',
];

const FORMATS: Record<string, ReadSource['format']> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.docx': 'docx',
  '.pdf': 'pdf',
  '.vtt': 'vtt',
  '.srt': 'srt',
  '.html': 'html',
  '.htm': 'html',
};

export async function readSourceFile(bytes: Uint8Array, fileName: string): Promise<ReadSource> {
  const name = fileName.split(/[\\/]/).pop() || fileName;
  const ext = extensionOf(name);
  const format = FORMATS[ext];
  if (!format) throw unsupported(name, ext);
  if (bytes.length === 0) throw empty(name);

  const warnings: string[] = [];
  let text: string;
  let pages: ReadSource['pages'];
  let turns: Turn[];
  if (format === 'docx') {
    const docx = await readDocx(bytes, name);
    ({ text, turns } = transcriptOf(docx.text));
    warnings.push(...docx.warnings);
  } else if (format === 'pdf') {
    const pdf = await readPdf(bytes, name);
    // PDF text is not re-joined (that would move the page offsets), but its turns still count.
    ({ text, pages } = pdf);
    turns = detectTurns(text);
    warnings.push(...pdf.warnings);
  } else {
    const decoded = decode(bytes, name, warnings, format === 'html');
    if (format === 'vtt' || format === 'srt') {
      const captions = readCaptions(decoded, name);
      ({ text, turns } = captions);
      warnings.push(...captions.warnings);
    } else {
      ({ text, turns } = transcriptOf(format === 'html' ? htmlToText(decoded) : decoded));
    }
  }
  if (!/\S/.test(text)) throw empty(name);
  return {
    text,
    format,
    ...(pages ? { pages } : {}),
    ...(turns.length > 0 ? { turns } : {}),
    warnings,
  };
}

/**
 * Text formats: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252; LF line endings. An HTML
 * page that is not UTF-8 may declare its encoding (<meta charset="shift_jis">), which wins.
 */
function decode(bytes: Uint8Array, name: string, warnings: string[], html: boolean): string {
  const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const utf8 = bom || isUtf8(bytes);
  try {
    const declared = !utf8 && html ? decoderFor(declaredCharset(bytes)) : undefined;
    if (declared) return normaliseText(declared.decode(bytes));
    const text = decodeText(bytes);
    if (!utf8)
      warnings.push(
        `“${name}” is not UTF-8, so Weft read it as Windows-1252 (Western European). ` +
          'If accented letters look wrong, save it as UTF-8 and import it again.',
      );
    return text;
  } catch (e) {
    if (e instanceof WeftError && e.code === 'not_text') throw notText(bytes, name);
    throw e;
  }
}

/** A decoder for a declared charset other than the ones decodeText already covers. */
function decoderFor(charset: string | undefined): TextDecoder | undefined {
  if (!charset || /^(utf-?8|windows-1252|iso-8859-1|latin1|us-ascii|ascii)$/i.test(charset))
    return undefined;
  try {
    return new TextDecoder(charset);
  } catch {
    return undefined; // an encoding this runtime does not know: fall back as for .txt
  }
}

function unsupported(name: string, ext: string): WeftError {
  const what = ext ? `${ext} files` : 'files without an extension';
  const list = SOURCE_EXTENSIONS.slice(0, -1).join(', ') + ' and ' + SOURCE_EXTENSIONS.at(-1);
  return new WeftError(
    'unsupported_format',
    `Weft cannot import “${name}”: it does not read ${what}. It reads ${list}. ` +
      (TABLE_EXTENSIONS.includes(ext)
        ? 'For a table of participants or sites, use Cases → Import attributes… instead.'
        : 'Save the file in one of these formats (for example as .docx or .txt) and import it again.'),
  );
}

/** Spreadsheets are facesheets, not sources: the message sends them to the Cases view. */
const TABLE_EXTENSIONS = ['.xlsx', '.xls', '.csv', '.tsv', '.ods'];

function empty(name: string): WeftError {
  return new WeftError(
    'empty',
    `“${name}” is empty: it has no text to import. Check that you chose the right file.`,
  );
}

// What a file named .txt (or .vtt, .html) really is, judged by its first bytes.
const SIGNATURES: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF: rename it to .pdf'],
  [
    [0x50, 0x4b, 0x03, 0x04],
    'a zip archive, such as a Word file: if it is one, rename it to .docx',
  ],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an older Office file (.doc): open it in Word and save it as .docx'],
];

function notText(bytes: Uint8Array, name: string): WeftError {
  const hit = SIGNATURES.find(([magic]) => magic.every((b, i) => bytes[i] === b));
  const advice = hit
    ? `It looks like ${hit[1]}, then import it again.`
    : 'Check that you chose the right file, or save it as plain text (UTF-8) and import it again.';
  return new WeftError(
    'not_text',
    `“${name}” does not look like a text file (it holds binary data). ${advice}`,
  );
}
