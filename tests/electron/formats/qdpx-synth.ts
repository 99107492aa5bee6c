// Builds synthetic REFI-QDA files for tests: small project XML from parts, zipped with fflate's
// zipSync, plus byte-level surgery on the zip (declared sizes, entry counts) to forge the
// hostile archives real attackers send. Other format tests may reuse it.
import { zipSync, type Zippable } from 'fflate';

export const PROJECT_NS = 'urn:QDA-XML:project:1.0';

const enc = new TextEncoder();
export const bytesOf = (s: string): Uint8Array => enc.encode(s);

/** A deterministic GUID for test item `n` (upper-case, as several tools write them). */
export function guid(n: number, prefix = 'A0000000'): string {
  return `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`.toUpperCase();
}

export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function attrs(a: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');
}

/** `<Project …>body</Project>` with an XML declaration. */
export function projectXml(
  body: string,
  a: Record<string, string | undefined> = {},
  ns = PROJECT_NS,
): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<Project xmlns="${ns}"${attrs({ name: 'Synthetic study', ...a })}>${body}</Project>`
  );
}

export interface SynthCode {
  guid: string;
  name: string;
  color?: string;
  codable?: boolean;
  description?: string;
  children?: SynthCode[];
}

export function codeXml(c: SynthCode): string {
  const inner =
    (c.description !== undefined ? `<Description>${esc(c.description)}</Description>` : '') +
    (c.children ?? []).map(codeXml).join('');
  const a = attrs({ guid: c.guid, name: c.name, isCodable: c.codable ?? true, color: c.color });
  return inner ? `<Code${a}>${inner}</Code>` : `<Code${a}/>`;
}

export const codeBookXml = (codes: SynthCode[]): string =>
  `<CodeBook><Codes>${codes.map(codeXml).join('')}</Codes></CodeBook>`;

export interface SynthSelection {
  guid: string;
  start: number;
  end: number;
  /** GUIDs of the codes applied (one Coding each). */
  codes?: string[];
  user?: string;
  created?: string;
  noteRefs?: string[];
}

export function selectionXml(s: SynthSelection, codingGuid: (i: number) => string): string {
  const codings = (s.codes ?? [])
    .map(
      (code, i) =>
        `<Coding${attrs({ guid: codingGuid(i), creatingUser: s.user, creationDateTime: s.created })}>` +
        `<CodeRef targetGUID="${code}"/></Coding>`,
    )
    .join('');
  const notes = (s.noteRefs ?? []).map((n) => `<NoteRef targetGUID="${n}"/>`).join('');
  return (
    `<PlainTextSelection${attrs({ guid: s.guid, startPosition: s.start, endPosition: s.end, creatingUser: s.user, creationDateTime: s.created })}>` +
    `${codings}${notes}</PlainTextSelection>`
  );
}

export interface SynthTextSource {
  guid: string;
  name: string;
  /** plainTextPath attribute, e.g. `internal://<guid>.txt`. */
  path?: string;
  inline?: string;
  selections?: SynthSelection[];
  /** Extra XML placed after the selections (Coding, NoteRef, VariableValue). */
  extra?: string;
  element?: string;
}

let codingCounter = 0;
export function textSourceXml(t: SynthTextSource): string {
  const el = t.element ?? 'TextSource';
  const inline =
    t.inline !== undefined ? `<PlainTextContent>${esc(t.inline)}</PlainTextContent>` : '';
  const sels = (t.selections ?? [])
    .map((s) => selectionXml(s, () => guid(++codingCounter, 'C0D10000')))
    .join('');
  return `<${el}${attrs({ guid: t.guid, name: t.name, plainTextPath: t.path })}>${inline}${sels}${t.extra ?? ''}</${el}>`;
}

export const sourcesXml = (sources: SynthTextSource[]): string =>
  `<Sources>${sources.map(textSourceXml).join('')}</Sources>`;

/** A .qdpx (zip) from file names to contents; strings are written as UTF-8. */
export function buildZip(
  files: Record<string, string | Uint8Array>,
  opts: { level?: 0 | 1 | 6 | 9 } = {},
): Uint8Array {
  const z: Zippable = {};
  for (const [name, data] of Object.entries(files))
    z[name] = [typeof data === 'string' ? bytesOf(data) : data, { level: opts.level ?? 6 }];
  return zipSync(z);
}

/** A project archive: `project.qde` plus source files under `sources/`. */
export function buildQdpx(
  xml: string,
  sources: Record<string, string | Uint8Array> = {},
  opts: { folder?: string; qdeName?: string; level?: 0 | 1 | 6 | 9 } = {},
): Uint8Array {
  const files: Record<string, string | Uint8Array> = { [opts.qdeName ?? 'project.qde']: xml };
  for (const [name, data] of Object.entries(sources))
    files[`${opts.folder ?? 'sources'}/${name}`] = data;
  return buildZip(files, opts);
}

// --- byte surgery on zips built above (no comments, no ZIP64) ---

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function endOfCentralDirectory(b: Uint8Array): number {
  const v = view(b);
  for (let at = b.length - 22; at >= 0; at--) if (v.getUint32(at, true) === 0x06054b50) return at;
  throw new Error('no EOCD');
}

/** Offsets of every central-directory entry, with its name. */
function centralEntries(b: Uint8Array): { at: number; name: string; local: number }[] {
  const v = view(b);
  const eocd = endOfCentralDirectory(b);
  const count = v.getUint16(eocd + 10, true);
  let at = v.getUint32(eocd + 16, true);
  const out: { at: number; name: string; local: number }[] = [];
  for (let i = 0; i < count; i++) {
    const n = v.getUint16(at + 28, true);
    const name = new TextDecoder().decode(b.subarray(at + 46, at + 46 + n));
    out.push({ at, name, local: v.getUint32(at + 42, true) });
    at += 46 + n + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
  }
  return out;
}

/** Rewrites the declared uncompressed size of `name` in both its local and central headers. */
export function patchDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const b = zip.slice();
  const v = view(b);
  const entry = centralEntries(b).find((e) => e.name === name);
  if (!entry) throw new Error(`no entry ${name}`);
  v.setUint32(entry.at + 24, size, true);
  v.setUint32(entry.local + 22, size, true);
  return b;
}

/** Rewrites the entry counts in the end-of-central-directory record. */
export function patchEntryCount(zip: Uint8Array, count: number): Uint8Array {
  const b = zip.slice();
  const v = view(b);
  const eocd = endOfCentralDirectory(b);
  v.setUint16(eocd + 8, count, true);
  v.setUint16(eocd + 10, count, true);
  return b;
}

/** Points the central entry `name` at the local header of `other` (overlapping entries). */
export function patchOverlap(zip: Uint8Array, name: string, other: string): Uint8Array {
  const b = zip.slice();
  const v = view(b);
  const entries = centralEntries(b);
  const target = entries.find((e) => e.name === name);
  const source = entries.find((e) => e.name === other);
  if (!target || !source) throw new Error('no such entries');
  v.setUint32(target.at + 42, source.local, true);
  return b;
}

/** Sets the general-purpose flags of `name` (bit 0: encrypted) in both headers. */
export function patchFlags(zip: Uint8Array, name: string, flags: number): Uint8Array {
  const b = zip.slice();
  const v = view(b);
  const entry = centralEntries(b).find((e) => e.name === name);
  if (!entry) throw new Error(`no entry ${name}`);
  v.setUint16(entry.at + 8, flags, true);
  v.setUint16(entry.local + 6, flags, true);
  return b;
}

// --- a large synthetic project, for timing scripts ---

const WORDS = (
  'shift rota ward handover patient family night morning tired support team manager pay ' +
  'break meal sleep stress kind rushed quiet busy training nurse doctor porter cleaner cover ' +
  'leave sick overtime agency bank staff safe unsafe alarm call bell chart plan audit'
).split(' ');

/**
 * A .qdpx with `sources` texts of `wordsPerSource` words and `selectionsPerSource` coded
 * selections each (one coding per selection, on word boundaries). Every other text uses CRLF
 * line ends and carries an emoji per line, so offset detection has real work to do.
 */
export function largeProjectQdpx(opts: {
  sources: number;
  wordsPerSource: number;
  selectionsPerSource: number;
  codes?: number;
  /** Leave coder and date off the selections (NVivo writes them; others do not). */
  lean?: boolean;
}): { zip: Uint8Array; xmlBytes: number; textBytes: number; selections: number } {
  const codeCount = opts.codes ?? 200;
  const codes = Array.from({ length: codeCount }, (_, i) => ({
    guid: guid(i, 'C0DE0000'),
    name: `Code ${i}`,
  }));
  const parts: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Project xmlns="${PROJECT_NS}" name="Large" origin="NVivo 14 (Windows)">`,
  ];
  parts.push(
    `<Users><User guid="${guid(1, 'BEEF0000')}" name="Coder"/></Users>`,
    codeBookXml(codes),
    '<Sources>',
  );
  const files: Record<string, Uint8Array> = {};
  let textBytes = 0;
  let selections = 0;
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  for (let s = 0; s < opts.sources; s++) {
    const crlf = s % 2 === 1;
    const eol = crlf ? ' 🙂\r\n' : '\n';
    const words: string[] = [];
    const starts: number[] = []; // UTF-16 offsets in the file's own text (NVivo convention)
    let length = 0;
    for (let w = 0; w < opts.wordsPerSource; w++) {
      const word = WORDS[next() % WORDS.length]!;
      starts.push(length);
      const sep = w % 12 === 11 ? eol : ' ';
      words.push(word + sep);
      length += word.length + sep.length;
    }
    const text = words.join('');
    const g = guid(s, '50000000');
    const bytes = bytesOf(text);
    textBytes += bytes.length;
    files[`sources/${g}.txt`] = bytes;
    parts.push(
      `<TextSource guid="${g}" name="Interview ${s}" plainTextPath="internal://${g}.txt">`,
    );
    const step = Math.max(1, Math.floor(opts.wordsPerSource / opts.selectionsPerSource));
    for (let k = 0; k < opts.selectionsPerSource; k++) {
      const w = Math.min(k * step, opts.wordsPerSource - 3);
      const start = starts[w]!;
      const end = starts[w + 2]! - 1;
      parts.push(
        `<PlainTextSelection guid="${guid(selections, '5E100000')}" startPosition="${start}" endPosition="${end}"${opts.lean ? '' : ` creatingUser="${guid(1, 'BEEF0000')}" creationDateTime="2024-01-02T03:04:05Z"`}>` +
          `<Coding guid="${guid(selections, 'C0D10000')}" creatingUser="${guid(1, 'BEEF0000')}"><CodeRef targetGUID="${codes[next() % codeCount]!.guid}"/></Coding></PlainTextSelection>`,
      );
      selections++;
    }
    parts.push('</TextSource>');
  }
  parts.push('</Sources></Project>');
  const xml = bytesOf(parts.join(''));
  const zip = zipSync({
    'project.qde': [xml, { level: 1 }],
    ...Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: 1 }]])),
  });
  return { zip, xmlBytes: xml.length, textBytes, selections };
}
