/**
 * Streams REFI-QDA XML through saxes without building a DOM: a 40 MB project.qde is fed in 1 MiB
 * slices, so memory stays flat and progress can be reported. Safety lives here, once, for both
 * projects and codebooks: any DOCTYPE is refused (REFI-QDA never needs one, and it is the door to
 * entity expansion such as billion laughs), as are absurd nesting depths and attribute lengths.
 * Element names are reduced to their local part, so `qda:Code` and `Code` read alike whatever
 * namespace prefix or version a tool wrote.
 */
import { SaxesParser } from 'saxes';
import type { ReadLimits } from './read-limits.js';
import { own } from './read-attrs.js';
import { DEFAULT_LIMITS, RefiError, formatBytes } from './read-limits.js';

export type XmlAttributes = Record<string, string>;

export interface XmlHandler {
  /** An element opens (`name` is local, `qualified` as written). Return true to have its text
   *  collected and passed to `close`. */
  open(name: string, attrs: XmlAttributes, depth: number, qualified: string): boolean | void;
  close(name: string, text: string, depth: number): void;
}

export interface ParseXmlOptions {
  limits?: ReadLimits;
  /** "The project file" / "The codebook": starts every error sentence. */
  what: string;
  onProgress?(done: number, total: number): void;
}

const SLICE_BYTES = 1024 * 1024;
const HEAD_BYTES = 256;

export function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** Where XML bytes come from: a whole buffer, or an archive entry inflated chunk by chunk. */
export interface XmlSource {
  size: number;
  pump(sink: (chunk: Uint8Array) => void): void;
}

function bufferSource(bytes: Uint8Array): XmlSource {
  return {
    size: bytes.length,
    pump: (sink) => {
      for (let at = 0; at < bytes.length; at += SLICE_BYTES)
        sink(bytes.subarray(at, Math.min(at + SLICE_BYTES, bytes.length)));
    },
  };
}

export function parseXml(
  input: Uint8Array | XmlSource,
  handler: XmlHandler,
  opts: ParseXmlOptions,
): void {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const { what } = opts;
  const source = input instanceof Uint8Array ? bufferSource(input) : input;
  if (source.size > limits.entryInflatedBytes)
    throw new RefiError(
      'too-large',
      `${what} is ${formatBytes(source.size)}, more than the ${formatBytes(limits.entryInflatedBytes)} Weft reads.`,
    );
  const parser = new SaxesParser({ xmlns: false, position: true });

  // Names of open elements; `captureFrom` is the depth whose text we collect (or -1).
  const stack: string[] = [];
  let captureFrom = -1;
  let captured: string[] = [];
  let capturedLength = 0;
  const collect = (text: string): void => {
    if (captureFrom < 0) return;
    capturedLength += text.length;
    if (capturedLength > limits.textElementLength)
      throw new RefiError(
        'too-large',
        `${what} holds a text of more than ${formatBytes(limits.textElementLength)} in one element.`,
      );
    captured.push(text);
  };

  parser.on('doctype', () => {
    throw new RefiError(
      'unsafe',
      `${what} declares a DOCTYPE (with possible entity definitions). REFI-QDA files never need ` +
        'one and it can be used to attack the importer, so the file was not imported.',
    );
  });
  // Checking every attribute of every tag is measurable on 40 MB of XML; a tag shorter than
  // the limit cannot hold a longer attribute, so only long tags are looked at closely.
  let tagStart = 0;
  parser.on('opentagstart', () => {
    tagStart = parser.position;
    if (stack.length + 1 > limits.xmlDepth)
      throw new RefiError(
        'too-large',
        `${what} nests elements more than ${limits.xmlDepth} deep; it is not a file Weft can read.`,
      );
  });
  parser.on('opentag', (tag) => {
    const attrs = tag.attributes as XmlAttributes;
    if (parser.position - tagStart > limits.attributeLength)
      for (const key in attrs) {
        if ((attrs[key] ?? '').length > limits.attributeLength)
          throw new RefiError(
            'too-large',
            `${what} has an attribute "${key}" on <${tag.name}> longer than ` +
              `${limits.attributeLength.toLocaleString('en')} characters; it is not a file Weft can read.`,
          );
      }
    const name = localName(tag.name);
    const depth = stack.length;
    stack.push(name);
    if (handler.open(name, attrs, depth, tag.name) === true && captureFrom < 0) {
      captureFrom = depth;
      captured = [];
      capturedLength = 0;
    }
  });
  parser.on('text', collect);
  parser.on('cdata', collect);
  parser.on('closetag', () => {
    const name = stack.pop() ?? '';
    const depth = stack.length;
    let text = '';
    if (captureFrom === depth) {
      // One part would still be a slice of the parser's chunk: copy it so it lets the chunk go.
      text = captured.length === 1 ? own(captured[0]!) : captured.join('');
      captured = [];
      captureFrom = -1;
    }
    handler.close(name, text, depth);
  });

  // The decoder is chosen from the first bytes (BOM or XML declaration), so they are held back
  // until there are enough of them to look at.
  let decoder: TextDecoder | undefined;
  let head: Uint8Array[] = [];
  let headLength = 0;
  let done = 0;
  const feed = (bytes: Uint8Array, last: boolean): void => {
    const text = decoder!.decode(bytes, { stream: !last });
    if (text) parser.write(text);
  };
  const start = (): void => {
    const first = concat(head);
    head = [];
    decoder = decoderFor(first, what);
    feed(first, false);
  };
  try {
    source.pump((chunk) => {
      done += chunk.length;
      if (decoder) feed(chunk, false);
      else {
        head.push(chunk);
        headLength += chunk.length;
        if (headLength >= HEAD_BYTES) start();
      }
      opts.onProgress?.(done, source.size);
    });
    if (!decoder) start();
    feed(new Uint8Array(0), true);
    parser.close();
  } catch (e) {
    if (e instanceof RefiError) throw e;
    if (e instanceof TypeError && /decode|encoded/i.test(e.message))
      throw new RefiError(
        'malformed',
        `${what} is not valid text in its declared encoding; it may be damaged.`,
      );
    throw new RefiError(
      'malformed',
      `${what} is not well-formed XML (${(e as Error).message}); it may be cut short or damaged.`,
    );
  }
}

/** Picks the decoder from the byte-order mark or the XML declaration; REFI-QDA says UTF-8. */
function decoderFor(bytes: Uint8Array, what: string): TextDecoder {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true });
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true });
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return new TextDecoder('utf-16le', { fatal: true });
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return new TextDecoder('utf-16be', { fatal: true });
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  const declared =
    /^(?:\uFEFF|\xEF\xBB\xBF)?\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
      head,
    )?.[1];
  const label = (declared ?? 'utf-8').toLowerCase();
  if (label === 'us-ascii' || label === 'ascii' || label === 'utf8') return utf8();
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    throw new RefiError(
      'unsupported',
      `${what} declares the text encoding "${declared}", which Weft cannot read.`,
    );
  }
}

const utf8 = (): TextDecoder => new TextDecoder('utf-8', { fatal: true });

/** True when the bytes begin (after a BOM and whitespace) with `<`, in UTF-8 or UTF-16. */
export function looksLikeXml(bytes: Uint8Array): boolean {
  let at = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) at = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return true;
  while (at < bytes.length && at < 4096) {
    const b = bytes[at]!;
    if (b === 0x3c) return true;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x00) return false;
    at++;
  }
  return false;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
