// Shared by the bench scenarios: results, timing helpers, the raw SQLite floor, synthetic files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Envelope } from '../../electron/api/contract.js';
import { rng, syntheticTranscript } from '../../fixtures/generate.js';
import { MIGRATIONS } from '../../db/migrate.js';
import { countWords } from '../../db/queries/sources.js';

/** The folder holding dist/ (the bench runs bundled from dist/electron/bench.js). */
export const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Result {
  scenario: string;
  unit: string;
  weft: number;
  floor: number;
  /** weft / floor; null when the floor is 0 (nothing to divide by). */
  ratio: number | null;
  note: string;
  /** The target, e.g. "≤ 3× floor", and whether this run met it. */
  goal?: string;
  met?: boolean;
  /** Further figures for --json (rates, memory, breakdowns). */
  extra?: Record<string, number | string>;
}

export interface Skipped {
  scenario: string;
  reason: string;
}

export interface Options {
  quick: boolean;
  /** A folder for this run; removed at the end. */
  dir: string;
  /** Progress lines go to stderr, so --json stays clean on stdout. */
  log(message: string): void;
}

export const now = () => performance.now();
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const MB = 1024 * 1024;

export function result(
  scenario: string,
  unit: string,
  weft: number,
  floor: number,
  note: string,
  more: Pick<Result, 'goal' | 'met' | 'extra'> = {},
): Result {
  return { scenario, unit, weft, floor, ratio: floor > 0 ? weft / floor : null, note, ...more };
}

export async function unwrap<T>(p: Promise<Envelope<unknown>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** The floor: a raw better-sqlite3 file with Weft's schema and pragmas, no handlers. */
export function rawDb(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  for (const m of MIGRATIONS) m.up(db);
  db.prepare(
    "INSERT INTO users (guid, name, initials, created_at) VALUES ('u', 'Bench', 'B', '')",
  ).run();
  return db;
}

export interface Corpus {
  files: string[];
  bytes: number;
  words: number;
}

/**
 * Writes `count` synthetic transcripts (T0000.txt…) of `words` words each into `dir`. Texts
 * are generated one at a time, so the bench process never holds the whole corpus.
 */
export function writeCorpus(dir: string, count: number, words: number): Corpus {
  fs.mkdirSync(dir, { recursive: true });
  const corpus: Corpus = { files: [], bytes: 0, words: 0 };
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `T${String(i).padStart(4, '0')}.txt`);
    const text = syntheticTranscript(i, words);
    fs.writeFileSync(file, text);
    corpus.files.push(file);
    corpus.bytes += Buffer.byteLength(text);
    corpus.words += countWords(text);
  }
  return corpus;
}

const FIELD_WORDS = (
  'the link worker met a woman at the practice who had not left her flat since winter and we ' +
  'talked about the garden group on thursdays her daughter lives in leeds she said the bus is ' +
  'hard with her knee so we looked at community transport and a befriending call first ' +
  'observed the waiting room was full of people reading leaflets about housing benefit money ' +
  'advice loneliness walking football the cafe volunteers knew everyone by name'
).split(' ');

/** A fieldnote of about `words` words in paragraphs of ~80 words (no speaker labels). */
export function fieldnoteText(words: number, seed = 42): string {
  const rand = rng(seed);
  const paras: string[] = [];
  for (let count = 0; count < words;) {
    const n = Math.min(70 + Math.floor(rand() * 21), words - count);
    const w: string[] = [];
    for (let i = 0; i < n; i++) w.push(FIELD_WORDS[Math.floor(rand() * FIELD_WORDS.length)]!);
    w[0] = w[0]![0]!.toUpperCase() + w[0]!.slice(1);
    paras.push(`${w.join(' ')}.`);
    count += n;
  }
  return paras.join('\n\n') + '\n';
}
