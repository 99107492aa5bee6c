/**
 * A defensive reader for the zip container of a .qdpx. We read the central directory ourselves
 * (so every name and declared size is checked before a single byte is inflated) and inflate one
 * entry at a time with fflate's streaming `Inflate`, counting real output bytes: an entry that
 * inflates past what it declared is a lie and the whole file is refused. Entries are never
 * written to disk, but names that would escape a folder (zip-slip) still mark the file hostile.
 */
import { Inflate } from 'fflate';
import type { ReadLimits } from './read-limits.js';
import { DEFAULT_LIMITS, RefiError, formatBytes } from './read-limits.js';

export interface ZipEntry {
  /** The name as stored, with `/` separators. */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** Uncompressed size as the central directory declares it. */
  size: number;
  localHeaderOffset: number;
  dataStart: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
/** Compressed bytes pushed per step bound how much one step can inflate (deflate ≤ ~1032x)
 *  before the running count is checked: small for small entries, larger (faster) for big ones. */
const MIN_INFLATE_STEP = 16 * 1024;
const MAX_INFLATE_STEP = 64 * 1024;

/** True when the bytes start like a zip archive (a local header or an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/** Why a name would escape the folder it is extracted into, or undefined when it is safe. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\0')) return 'a NUL character';
  if (name.startsWith('/') || name.startsWith('\\')) return 'an absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'a drive letter';
  if (name.split(/[\\/]/).some((part) => part.trim() === '..')) return 'a ".." step';
  return undefined;
}

export class ZipArchive {
  readonly entries: ZipEntry[];
  /** Names stored twice (compared without case); the first one wins. */
  readonly duplicateNames: string[] = [];
  private readonly byLowerName = new Map<string, ZipEntry>();
  private inflatedTotal = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ReadLimits = DEFAULT_LIMITS,
  ) {
    this.entries = readCentralDirectory(bytes, limits);
    // Bombs are refused up front, even in entries the project never names: nothing honest
    // packs a thousandfold, and media (which may be large) does not compress at all.
    let declared = 0;
    for (const entry of this.entries) {
      refuseBomb(entry, limits);
      declared += entry.size;
    }
    if (declared > limits.totalInflatedBytes)
      throw new RefiError(
        'too-large',
        `The archive declares ${formatBytes(declared)} of content, more than the ` +
          `${formatBytes(limits.totalInflatedBytes)} Weft reads; it may be a zip bomb.`,
      );
    for (const entry of this.entries) {
      const key = entry.name.toLowerCase();
      if (this.byLowerName.has(key)) this.duplicateNames.push(entry.name);
      else this.byLowerName.set(key, entry);
    }
  }

  /** The entry with this path, compared without case (tools disagree on `Sources/`). */
  find(path: string): ZipEntry | undefined {
    return this.byLowerName.get(path.toLowerCase());
  }

  /** Bytes inflated so far, across every read. */
  get inflatedBytes(): number {
    return this.inflatedTotal;
  }

  /** Inflates one entry, enforcing the per-entry, total and ratio limits on real output. */
  read(entry: ZipEntry): Uint8Array {
    if (entry.method === METHOD_STORED) {
      this.check(entry);
      const stored = this.packed(entry);
      if (stored.length !== entry.size) throw sizeMismatch(entry);
      this.inflatedTotal += stored.length;
      return stored;
    }
    const out = new Uint8Array(entry.size);
    let written = 0;
    this.stream(entry, (chunk) => {
      out.set(chunk, written);
      written += chunk.length;
    });
    return out;
  }

  /**
   * Inflates one entry chunk by chunk into `sink` (the project XML goes straight into the
   * parser this way, never whole in memory). Same limits as `read`. Errors thrown by the sink
   * pass through unchanged.
   */
  stream(entry: ZipEntry, sink: (chunk: Uint8Array) => void): void {
    this.check(entry);
    const packed = this.packed(entry);
    if (entry.method === METHOD_STORED) {
      if (packed.length !== entry.size) throw sizeMismatch(entry);
      for (let at = 0; at < packed.length; at += MAX_INFLATE_STEP * 4)
        sink(packed.subarray(at, Math.min(at + MAX_INFLATE_STEP * 4, packed.length)));
      this.inflatedTotal += packed.length;
      return;
    }
    let written = 0;
    let finished = false;
    let sinkError: unknown;
    const inflater = new Inflate((chunk, final) => {
      if (written + chunk.length > entry.size)
        throw new RefiError(
          'unsafe',
          `The entry "${entry.name}" expands to more than the ${formatBytes(entry.size)} it declares; ` +
            'the file has been tampered with and was not imported.',
        );
      written += chunk.length;
      if (final) finished = true;
      try {
        sink(chunk);
      } catch (e) {
        sinkError = e;
        throw e;
      }
    });
    try {
      if (packed.length === 0) inflater.push(packed, true);
      const step = Math.min(MAX_INFLATE_STEP, Math.max(MIN_INFLATE_STEP, entry.size >> 4));
      for (let at = 0; at < packed.length; at += step) {
        const end = Math.min(at + step, packed.length);
        inflater.push(packed.subarray(at, end), end === packed.length);
      }
    } catch (e) {
      if (sinkError !== undefined || e instanceof RefiError) throw e;
      throw new RefiError(
        'malformed',
        `The entry "${entry.name}" is damaged and cannot be unpacked (${(e as Error).message}).`,
      );
    } finally {
      this.inflatedTotal += written;
    }
    if (!finished || written !== entry.size)
      throw new RefiError(
        'malformed',
        `The entry "${entry.name}" is shorter than it declares; the file is damaged or incomplete.`,
      );
  }

  private packed(entry: ZipEntry): Uint8Array {
    return this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  }

  /** Limits that can be judged from the directory, before inflating anything. */
  private check(entry: ZipEntry): void {
    const { limits } = this;
    const label = `"${entry.name}"`;
    if (entry.flags & 1)
      throw new RefiError('unsupported', `The entry ${label} is encrypted; Weft cannot open it.`);
    if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE)
      throw new RefiError(
        'unsupported',
        `The entry ${label} uses a compression method Weft cannot read (method ${entry.method}). ` +
          'Re-save the file with ordinary zip compression.',
      );
    if (entry.size > limits.entryInflatedBytes)
      throw new RefiError(
        'too-large',
        `The entry ${label} would expand to ${formatBytes(entry.size)}, more than the ` +
          `${formatBytes(limits.entryInflatedBytes)} Weft reads from one file.`,
      );
    if (this.inflatedTotal + entry.size > limits.totalInflatedBytes)
      throw new RefiError(
        'too-large',
        `The archive would expand to more than ${formatBytes(limits.totalInflatedBytes)}; ` +
          'Weft does not read archives that large.',
      );
    refuseBomb(entry, limits);
  }
}

function refuseBomb(entry: ZipEntry, limits: ReadLimits): void {
  const ratio = entry.size / Math.max(entry.compressedSize, 1);
  if (entry.size > limits.ratioCheckFloorBytes && ratio > limits.compressionRatio)
    throw new RefiError(
      'too-large',
      `The entry "${entry.name}" would expand ${Math.round(ratio)} times its packed size, ` +
        'which is how zip bombs look; nothing was imported.',
    );
}

function sizeMismatch(entry: ZipEntry): RefiError {
  return new RefiError(
    'unsafe',
    `The entry "${entry.name}" is stored with a size that does not match its declared size.`,
  );
}

function readCentralDirectory(bytes: Uint8Array, limits: ReadLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = (why: string): RefiError =>
    new RefiError('malformed', `The archive is damaged or incomplete (${why}).`);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) throw damaged('no central directory');
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0)
    throw new RefiError('unsupported', 'The archive is split over several files.');
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== SIG_EOCD64_LOCATOR)
      throw damaged('a ZIP64 directory without its locator');
    const record = safeNumber(view.getBigUint64(locator + 8, true));
    if (record + 56 > bytes.length || view.getUint32(record, true) !== SIG_EOCD64)
      throw damaged('a ZIP64 directory record out of place');
    count = safeNumber(view.getBigUint64(record + 32, true));
    cdSize = safeNumber(view.getBigUint64(record + 40, true));
    cdOffset = safeNumber(view.getBigUint64(record + 48, true));
  }
  if (count > limits.entries)
    throw new RefiError(
      'too-large',
      `The archive lists ${count.toLocaleString('en')} entries; Weft reads at most ` +
        `${limits.entries.toLocaleString('en')}.`,
    );
  if (cdOffset + cdSize > bytes.length) throw damaged('the directory points past the end');

  const entries: ZipEntry[] = [];
  let at = cdOffset;
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== SIG_CENTRAL)
      throw damaged('a directory entry is cut short');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localHeaderOffset = view.getUint32(at + 42, true);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength + commentLength > bytes.length)
      throw damaged('a directory entry is cut short');
    const name = decoder.decode(bytes.subarray(at + 46, nameEnd));
    const unsafe = unsafeEntryName(name);
    if (unsafe)
      throw new RefiError(
        'unsafe',
        `The archive holds an entry named "${name}" with ${unsafe}, which would place it outside ` +
          'its folder. It may be a malicious file; nothing was imported.',
      );
    // ZIP64 extra field: the 64-bit values appear only for the fields saturated above.
    for (let x = nameEnd; x + 4 <= nameEnd + extraLength;) {
      const id = view.getUint16(x, true);
      const length = view.getUint16(x + 2, true);
      if (id === 0x0001) {
        let y = x + 4;
        const next = (): number => {
          if (y + 8 > x + 4 + length) throw damaged('a ZIP64 field is cut short');
          const v = safeNumber(view.getBigUint64(y, true));
          y += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      }
      x += 4 + length;
    }
    if (
      localHeaderOffset + 30 > bytes.length ||
      view.getUint32(localHeaderOffset, true) !== SIG_LOCAL
    )
      throw damaged(`the data of "${name}" is missing`);
    const dataStart =
      localHeaderOffset +
      30 +
      view.getUint16(localHeaderOffset + 26, true) +
      view.getUint16(localHeaderOffset + 28, true);
    if (dataStart + compressedSize > bytes.length)
      throw damaged(`the data of "${name}" runs past the end`);
    entries.push({ name, method, flags, compressedSize, size, localHeaderOffset, dataStart });
    at = nameEnd + extraLength + commentLength;
  }
  refuseOverlaps(entries);
  return entries;
}

// Overlapping entries let a small archive inflate the same compressed bytes many times over
// (a classic zip-bomb construction); no honest zip writer produces them.
function refuseOverlaps(entries: ZipEntry[]): void {
  const sorted = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (previous.dataStart + previous.compressedSize > current.localHeaderOffset)
      throw new RefiError(
        'unsafe',
        `The archive's entries "${previous.name}" and "${current.name}" overlap, which is how ` +
          'zip bombs are built; nothing was imported.',
      );
  }
}

function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === SIG_EOCD) return at;
  }
  return -1;
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RefiError('too-large', 'The archive declares sizes beyond what Weft can read.');
  return Number(value);
}
