import { WeftError } from '../../db/errors.js';

/** Extensions the plain-text reader accepts. */
export const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown', '.text'];

/**
 * Decodes a text file's bytes: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, and
 * Windows-1252 when the bytes are not valid UTF-8. The result is normalised (see below).
 */
export function decodeText(bytes: Uint8Array): string {
  return normaliseText(decodeRaw(bytes));
}

/**
 * The text of a file's bytes exactly as decoded, before any normalising (the REFI-QDA reader
 * reads a file's offsets against what the tool saw, line ends included).
 */
export function decodeRaw(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

// Bytes 0x80-0x9F of Windows-1252 (smart quotes, dashes, €…). Node's own 'windows-1252'
// decoder treats them as Latin-1 control characters in some releases, so we map them here.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    const codes = Array.from(chunk, (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b,
    );
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/**
 * The stored text is what codings index into, so it is fixed once at import: no BOM, LF line
 * endings. Text with NUL characters is not a transcript (usually a binary file renamed).
 */
export function normaliseText(text: string): string {
  let out = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (out.includes('\r')) out = out.replace(/\r\n?/g, '\n');
  if (out.includes('\u0000'))
    throw new WeftError('not_text', 'does not look like a text file (it holds binary data)');
  return out;
}

export function sourceNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).trim() || base;
}

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}
