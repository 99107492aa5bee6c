import { WeftError } from '../../db/errors.js';

/** Extensions the plain-text reader accepts. */
export const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown', '.text'];

/**
 * Decodes a text file's bytes: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, and
 * Windows-1252 when the bytes are not valid UTF-8. The result is normalised (see below).
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = new TextDecoder('utf-8').decode(bytes.subarray(3));
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
    }
  }
  return normaliseText(text);
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
