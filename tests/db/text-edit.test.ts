import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WeftError } from '../../db/errors.js';
import { m0001Init } from '../../db/migrations/0001-init.js';
import { openProject, type Db } from '../../db/open.js';
import { insertCode } from '../../db/queries/codes.js';
import { insertCoding } from '../../db/queries/codings.js';
import {
  editSourceText,
  forgetSourceText,
  restoreRows,
  type AnchoredRow,
  type AnchoredTable,
} from '../../db/queries/edit-source.js';
import { getSource, insertSource, sourceText } from '../../db/queries/sources.js';
import { ensureUser } from '../../db/queries/users.js';
import {
  applyEdits,
  diffToEdits,
  invertEdits,
  transformRange,
  type Range,
  type TextEdit,
} from '../../db/text-edit.js';
import { tempDir } from '../helpers.js';

/** 'the [quick] fox' -> the text without brackets and the bracketed range. */
function marked(s: string): { text: string; range: Range } {
  const start = s.indexOf('[');
  const end = s.indexOf(']') - 1;
  return { text: s.replace('[', '').replace(']', ''), range: { start, end } };
}

/** The text after the edits, with the coding's new range in brackets; null if it was removed. */
function after(s: string, ...edits: TextEdit[]): string | null {
  const { text, range } = marked(s);
  const next = applyEdits(text, edits);
  const r = transformRange(range, edits);
  return r && `${next.slice(0, r.start)}[${next.slice(r.start, r.end)}]${next.slice(r.end)}`;
}

const edit = (start: number, end: number, text = ''): TextEdit => ({ start, end, text });

function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof WeftError) return e.code;
    throw e;
  }
  return 'no error';
}

// 'the quick brown fox': the=0..3 quick=4..9 brown=10..15 fox=16..19
describe('transformRange: where a coding goes', () => {
  const coded = 'the [quick brown] fox';

  it('keeps an insertion exactly at the start outside, before the coding', () => {
    expect(after(coded, edit(4, 4, 'very '))).toBe('the very [quick brown] fox');
  });

  it('keeps an insertion exactly at the end outside, after the coding', () => {
    expect(after(coded, edit(15, 15, 'ish'))).toBe('the [quick brown]ish fox');
  });

  it('grows over an insertion strictly inside', () => {
    expect(after(coded, edit(9, 9, ' and'))).toBe('the [quick and brown] fox');
  });

  it('keeps replaced words coded when the replacement lies within the coding', () => {
    expect(after('the [Xuick brown] fox', edit(4, 5, 'q'))).toBe('the [quick brown] fox');
    expect(after(coded, edit(10, 15, 'red'))).toBe('the [quick red] fox');
    expect(after(coded, edit(6, 13, 'ack-o'))).toBe('the [quack-own] fox');
  });

  it('clips to the surviving words when a replacement crosses a boundary', () => {
    expect(after(coded, edit(0, 10, 'a '))).toBe('a [brown] fox');
    expect(after(coded, edit(2, 6, 'EY QU'))).toBe('thEY QU[ick brown] fox');
    expect(after(coded, edit(10, 19, 'cat'))).toBe('the [quick ]cat');
  });

  it('shrinks to what is left when words inside are deleted', () => {
    expect(after(coded, edit(4, 10))).toBe('the [brown] fox');
    expect(after(coded, edit(9, 15))).toBe('the [quick] fox');
    expect(after(coded, edit(6, 12))).toBe('the [quown] fox');
  });

  it('removes a coding that lay inside a deleted or replaced span', () => {
    expect(after(coded, edit(0, 19))).toBeNull();
    expect(after(coded, edit(3, 16, ' '))).toBeNull();
    expect(after(coded, edit(4, 15, 'slow red'))).toBeNull();
  });

  it('removes a coding that touching edits eat from both sides (it would be empty)', () => {
    expect(after(coded, edit(0, 9, 'A'), edit(9, 19, 'B'))).toBeNull();
    expect(after(coded, edit(4, 10, 'x'), edit(10, 15, 'y'))).toBeNull();
  });

  it('leaves a coding alone when every edit is outside it, moving it by their lengths', () => {
    expect(after(coded, edit(0, 3, 'A'), edit(16, 19, 'cat'))).toBe('A [quick brown] cat');
    expect(after(coded, edit(0, 4), edit(15, 19))).toBe('[quick brown]');
  });

  it('applies several edits of one call, given in any order', () => {
    const edits = [edit(16, 19, 'cat'), edit(9, 9, ' and'), edit(0, 3, 'A'), edit(15, 15, '!')];
    expect(after(coded, ...edits)).toBe('A [quick and brown]! cat');
  });

  it('gives null for an empty range: there are no words to keep', () => {
    expect(transformRange({ start: 3, end: 3 }, [])).toBeNull();
  });

  it('refuses overlapping edits and two insertions at one point', () => {
    const r = { start: 4, end: 15 };
    expect(errorCode(() => transformRange(r, [edit(2, 6), edit(5, 8)]))).toBe('bad_edit');
    expect(errorCode(() => transformRange(r, [edit(5, 5, 'a'), edit(5, 5, 'b')]))).toBe('bad_edit');
    expect(errorCode(() => transformRange(r, [edit(5, 4)]))).toBe('bad_edit');
  });
});

describe('transformRange with emoji, combining marks and right-to-left text', () => {
  it('treats an emoji as two units and keeps it whole', () => {
    // 'I feel ' = 0..7, '😀' = 7..9
    expect(after('I feel [😀 happy] today', edit(7, 7, '🙂'))).toBe('I feel 🙂[😀 happy] today');
    expect(after('I feel [😀 happy] today', edit(7, 9, '😃'))).toBe('I feel [😃 happy] today');
    expect(after('I feel [😀 happy] today', edit(0, 7, '👍🏽 '))).toBe('👍🏽 [😀 happy] today');
    expect(after('I feel [😀 happy] today', edit(9, 10))).toBe('I feel [😀happy] today');
  });

  it('refuses an edit that splits an emoji or inserts half of one', () => {
    expect(errorCode(() => applyEdits('a 😀 b', [edit(3, 3, 'x')]))).toBe('bad_edit');
    expect(errorCode(() => applyEdits('a 😀 b', [edit(2, 3)]))).toBe('bad_edit');
    expect(errorCode(() => applyEdits('a 😀 b', [edit(0, 1, '\ud83d')]))).toBe('bad_edit');
  });

  it('keeps a combining accent with its letter', () => {
    // 'un ' = 0..3, 'cafe\u0301' = 3..8
    expect(after('un [cafe\u0301] noir', edit(6, 8, 'é'))).toBe('un [café] noir');
    expect(after('un [cafe\u0301] noir', edit(8, 8, 's'))).toBe('un [cafe\u0301]s noir');
    expect(after('un [cafe\u0301] noir', edit(3, 3, 'le '))).toBe('un le [cafe\u0301] noir');
  });

  it('works in logical order for Hebrew and Arabic', () => {
    // 'אמר ' = 0..4, 'שלום עולם' = 4..13
    expect(after('אמר [שלום עולם] היום', edit(4, 4, 'לי '))).toBe('אמר לי [שלום עולם] היום');
    expect(after('אמר [שלום עולם] היום', edit(8, 8, ' גדול'))).toBe('אמר [שלום גדול עולם] היום');
    // 'قال ' = 0..4, 'مرحبا بالعالم' = 4..17
    expect(after('قال [مرحبا بالعالم] أمس', edit(4, 10))).toBe('قال [بالعالم] أمس');
  });
});

describe('applyEdits and invertEdits', () => {
  it('applies edits given in any order against the old text', () => {
    const text = 'the quick brown fox';
    expect(applyEdits(text, [edit(16, 19, 'cat'), edit(0, 0, '>'), edit(4, 9, 'slow')])).toBe(
      '>the slow brown cat',
    );
    expect(applyEdits(text, [edit(19, 19, '.'), edit(3, 3, ','), edit(3, 4, ' ')])).toBe(
      'the, quick brown fox.',
    );
  });

  it('refuses edits outside the text or not made of whole numbers', () => {
    for (const bad of [edit(0, 20), edit(-1, 2), edit(1.5, 2), edit(3, 2)]) {
      expect(errorCode(() => applyEdits('the quick brown fox', [bad]))).toBe('bad_edit');
    }
  });

  it('invertEdits undoes the edits, also deletions that touched', () => {
    const touching = [edit(0, 4), edit(4, 10)];
    expect(invertEdits('the quick brown fox', touching)).toEqual([edit(0, 0, 'the quick ')]);

    const text = 'the 😀 quick brown fox';
    const edits = [edit(19, 22, 'cat'), edit(4, 6), edit(0, 0, 'So ')];
    const next = applyEdits(text, edits);
    expect(next).toBe('So the  quick brown cat');
    expect(applyEdits(next, invertEdits(text, edits))).toBe(text);
  });
});

describe('diffToEdits', () => {
  it('finds the characters that changed', () => {
    expect(diffToEdits('the quick brown fox', 'the quick brawn fox')).toEqual([edit(12, 13, 'a')]);
    expect(diffToEdits('same', 'same')).toEqual([]);
    expect(diffToEdits('', 'new')).toEqual([edit(0, 0, 'new')]);
  });

  it('keeps unchanged words between two changes out of the edits, so their codings stay', () => {
    const old = 'Teh cat sat on the mat and then the dog ran off quickyl';
    const now = 'The cat sat on the mat and then the dog ran off quickly';
    const edits = diffToEdits(old, now);
    expect(edits).toHaveLength(2);
    expect(applyEdits(old, edits)).toBe(now);
    expect(after('Teh cat sat on [the mat and then the dog] ran off quickyl', ...edits)).toBe(
      'The cat sat on [the mat and then the dog] ran off quickly',
    );
  });

  it('diffs a transcript line by line, then word by word within changed lines', () => {
    const old = ['I: How was it?', 'P: It was fine.', 'I: And the staff?', 'P: Kind, mostly.'];
    const now = ['I: How was it there?', 'P: It was fine.', 'P: Really.', 'I: And the staff?'];
    const edits = diffToEdits(old.join('\n'), [...now, 'P: Kind, mostly!'].join('\n'));
    expect(edits.map((e) => e.text)).toEqual([' there', 'P: Really.\n', '!']);
    expect(
      after('I: How was it?\nP: [It was fine.\nI: And] the staff?\nP: Kind, mostly.', ...edits),
    ).toBe(
      'I: How was it there?\nP: [It was fine.\nP: Really.\nI: And] the staff?\nP: Kind, mostly!',
    );
  });

  it('never cuts an emoji in half, even when halves match', () => {
    // 😀 and 😃 share their first unit; 😀 and U+20600 share their second.
    expect(diffToEdits('a 😀 b', 'a 😃 b')).toEqual([edit(2, 4, '😃')]);
    expect(diffToEdits('a 😀 b', 'a \u{20600} b')).toEqual([edit(2, 4, '\u{20600}')]);
  });

  const alphabet = ['a', 'b', ' ', '\n', '😀', '😃', '\u{20600}', 'e', '\u0301', 'ש', ','];
  const str = fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }).map((a) => a.join(''));

  it('gives edits that turn the old text into the new (property)', () => {
    fc.assert(
      fc.property(str, str, (a, b) => {
        const edits = diffToEdits(a, b);
        expect(applyEdits(a, edits)).toBe(b); // applyEdits refuses split emoji and overlaps
        expect(applyEdits(b, invertEdits(a, edits))).toBe(a);
      }),
      { numRuns: 500 },
    );
  });

  it('still round-trips texts too different to diff word by word', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(' ');
    const b = Array.from({ length: 3000 }, (_, i) => `v${i * 7}`).join(' ');
    expect(applyEdits(a, diffToEdits(a, b))).toBe(b);
  });
});

/* ---------- properties over random texts and codings ---------- */

const WORDS = ['the', 'quick', '😀', 'cafe\u0301', 'naïve', 'שלום', 'مرحبا', '👍🏽', 'x', '日本語'];
const SEPARATORS = [' ', '  ', '\n', ', ', '. ', '\u00a0'];
const INSERTS = ['', 'new ', ' ', '😃', 'e\u0301', 'עוד', 'xy'];

interface Doc {
  text: string;
  words: Range[];
  /** Offsets that do not split a surrogate pair. */
  bounds: number[];
}

const docArb = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts): Doc => {
    let text = '';
    const words: Range[] = [];
    for (const [w, sep] of parts) {
      words.push({ start: text.length, end: text.length + w.length });
      text += w + sep;
    }
    const bounds = [0];
    for (const ch of text) bounds.push(bounds[bounds.length - 1]! + ch.length);
    return { text, words, bounds };
  });

/** A coding over whole words i..j. */
function wordsRange(doc: Doc, i: number, j: number): Range {
  const [a, b] = [i % doc.words.length, j % doc.words.length].sort((x, y) => x - y);
  return { start: doc.words[a!]!.start, end: doc.words[b!]!.end };
}

const rawEdit = fc.record({ x: fc.nat(), y: fc.nat(), text: fc.constantFrom(...INSERTS) });

/** Random edits at character boundaries, made disjoint by dropping the ones that collide. */
function disjointEdits(doc: Doc, raw: { x: number; y: number; text: string }[]): TextEdit[] {
  const n = doc.bounds.length;
  const edits = raw
    .map((r) => {
      const [s, e] = [doc.bounds[r.x % n]!, doc.bounds[r.y % n]!].sort((p, q) => p - q);
      return edit(s!, e!, r.text);
    })
    .sort((p, q) => p.start - q.start || p.end - q.end);
  const kept: TextEdit[] = [];
  for (const e of edits) {
    const prev = kept[kept.length - 1];
    if (prev && (e.start < prev.end || (e.start === prev.start && e.end === prev.end))) continue;
    kept.push(e);
  }
  return kept;
}

/**
 * The rules, written out per character: lay out the new text as old characters and inserted
 * characters, mark the ones the coding keeps, and take the span from first to last.
 */
function model(text: string, r: Range, edits: TextEdit[]): Range | null {
  const joins = (e: TextEdit) =>
    e.start === e.end ? r.start < e.start && e.start < r.end : r.start <= e.start && e.end <= r.end;
  const units: { old?: number; joins?: boolean }[] = [];
  let at = 0;
  for (const e of [...edits].sort((p, q) => p.start - q.start || p.end - q.end)) {
    for (; at < e.start; at++) units.push({ old: at });
    for (let k = 0; k < e.text.length; k++) units.push({ joins: joins(e) });
    at = e.end;
  }
  for (; at < text.length; at++) units.push({ old: at });
  const survives = (u: { old?: number }) =>
    u.old !== undefined && u.old >= r.start && u.old < r.end;
  if (!units.some(survives)) return null;
  const kept = units.map((u) => survives(u) || u.joins === true);
  return { start: kept.indexOf(true), end: kept.lastIndexOf(true) + 1 };
}

describe('properties', () => {
  it('edits that do not touch a coding’s words never move it off them', () => {
    fc.assert(
      fc.property(
        docArb,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
        fc.array(rawEdit, { maxLength: 8 }),
        (doc, pairs, raw) => {
          const codings = pairs.map(([i, j]) => wordsRange(doc, i, j));
          const outside = (e: TextEdit) =>
            codings.every((c) => e.end <= c.start || e.start >= c.end);
          const edits = disjointEdits(doc, raw).filter(outside);
          const next = applyEdits(doc.text, edits);
          for (const c of codings) {
            const r = transformRange(c, edits);
            expect(r).not.toBeNull();
            expect(next.slice(r!.start, r!.end)).toBe(doc.text.slice(c.start, c.end));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('deleting words leaves each coding on exactly the surviving words of its range', () => {
    fc.assert(
      fc.property(
        docArb,
        fc.tuple(fc.nat(), fc.nat()),
        fc.array(fc.constantFrom('keep', 'word', 'word and space'), { maxLength: 12 }),
        (doc, [i, j], plan) => {
          const c = wordsRange(doc, i, j);
          const edits: TextEdit[] = [];
          doc.words.forEach((w, k) => {
            const next = doc.words[k + 1]?.start ?? doc.text.length;
            if (plan[k] === 'word') edits.push(edit(w.start, w.end));
            if (plan[k] === 'word and space') edits.push(edit(w.start, next));
          });
          const deleted = (p: number) => edits.some((e) => e.start <= p && p < e.end);
          let survivors = '';
          for (let p = c.start; p < c.end; p++) if (!deleted(p)) survivors += doc.text[p];
          const r = transformRange(c, edits);
          if (survivors === '') expect(r).toBeNull();
          else expect(applyEdits(doc.text, edits).slice(r!.start, r!.end)).toBe(survivors);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any edits move any range as the per-character rules say', () => {
    fc.assert(
      fc.property(
        docArb,
        fc.nat(),
        fc.nat(),
        fc.array(rawEdit, { maxLength: 5 }),
        (doc, x, y, raw) => {
          const n = doc.bounds.length;
          const [s, e] = [doc.bounds[x % n]!, doc.bounds[y % n]!].sort((p, q) => p - q);
          const range = { start: s!, end: e! };
          const edits = disjointEdits(doc, raw);
          expect(transformRange(range, edits)).toEqual(model(doc.text, range, edits));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

/* ---------- the database ---------- */

describe('editSourceText', () => {
  let dir: string;
  let db: Db;
  let coderId: number;
  let codeId: number;

  beforeEach(() => {
    dir = tempDir('weft-text-edit-');
    db = openProject(path.join(dir, 'e.weft'), { create: true, name: 'Edits' });
    coderId = ensureUser(db, 'Rosa Lind').id;
    codeId = insertCode(db, { name: 'Safety' });
  });

  afterEach(() => {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const TEXT = 'P01: I felt 😀 safe on the ward. The night staff knew my name.';

  /** Codes the first occurrence of `words` in the source's text. */
  function code(sourceId: number, words: string): number {
    const text = getSource(db, sourceId)!.text;
    const start = text.indexOf(words);
    expect(start).toBeGreaterThanOrEqual(0);
    return insertCoding(db, { sourceId, codeId, start, end: start + words.length, coderId });
  }

  const rows = (table = 'codings') =>
    db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Record<string, unknown>[];
  const codedWords = (sourceId: number) => {
    const text = getSource(db, sourceId)!.text;
    return (
      db
        .prepare('SELECT start, "end" FROM codings WHERE source_id = ? ORDER BY id')
        .all(sourceId) as Range[]
    ).map((r) => text.slice(r.start, r.end));
  };
  const at = (words: string) => TEXT.indexOf(words);

  it('rewrites the text and its length and keeps every coding on its words', () => {
    const s = insertSource(db, { name: 'P01', text: TEXT });
    const other = insertSource(db, { name: 'P02', text: TEXT });
    for (const w of ['felt 😀 safe', 'the ward', 'my name']) code(s, w);
    code(other, 'the ward');
    const otherBefore = rows().filter((r) => r.source_id === other);

    const result = editSourceText(db, s, [
      edit(0, 5),
      edit(at('The night'), at('The night'), 'Yes. '),
    ]);
    const text = 'I felt 😀 safe on the ward. Yes. The night staff knew my name.';
    // 'my name' lost 5 units before it and gained 5: same offsets, not moved.
    expect(result).toMatchObject({ text, moved: 2, removed: [], reshaped: [] });
    expect(getSource(db, s)).toMatchObject({ text, length: text.length });
    expect(codedWords(s)).toEqual(['felt 😀 safe', 'the ward', 'my name']);
    expect(rows().filter((r) => r.source_id === other)).toEqual(otherBefore);
  });

  it('removes codings whose words are gone, returns them whole, and undo restores every row', () => {
    const s = insertSource(db, { name: 'P01', text: TEXT });
    const felt = code(s, 'felt 😀 safe');
    const ward = code(s, 'on the ward');
    const night = code(s, 'night staff');
    code(s, 'my name');
    const before = rows();
    const edits = [
      edit(at('felt'), at('felt') + 4, 'was'), // within a coding: it stays on 'was 😀 safe'
      edit(at('on the ward.'), at('The night')), // a whole coding deleted
      edit(at('The night'), at('staff')), // clips 'night staff' to 'staff'
    ];

    const result = editSourceText(db, s, edits);
    expect(result.text).toBe('P01: I was 😀 safe staff knew my name.');
    expect(codedWords(s)).toEqual(['was 😀 safe', 'staff', 'my name']);
    expect(result.removed).toEqual([{ table: 'codings', row: before.find((r) => r.id === ward) }]);
    expect(result.moved).toBe(3);
    expect(result.reshaped).toEqual(
      [felt, night].map((id) => ({ table: 'codings', row: before.find((r) => r.id === id) })),
    );

    // Undo: the inverse edit, then the saved rows. The inverse alone cannot regrow 'staff'.
    editSourceText(db, s, invertEdits(TEXT, edits));
    expect(getSource(db, s)!.text).toBe(TEXT);
    expect(codedWords(s)).toEqual(['felt 😀 safe', 'staff', 'my name']);
    restoreRows(db, [...result.removed, ...result.reshaped]);
    expect(rows()).toEqual(before);
    expect(codedWords(s)).toEqual(['felt 😀 safe', 'on the ward', 'night staff', 'my name']);
  });

  it('is one transaction: a failure midway leaves text, codings and the cache as they were', () => {
    const s = insertSource(db, { name: 'P01', text: TEXT });
    code(s, 'felt 😀 safe');
    const second = code(s, 'the ward');
    code(s, 'my name');
    expect(sourceText(db, s)).toBe(TEXT); // cached now
    const before = rows();
    // The text is written and the first coding moved before this fires.
    db.exec(`CREATE TRIGGER fail_midway BEFORE UPDATE ON codings WHEN OLD.id = ${second}
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);

    expect(() => editSourceText(db, s, [edit(0, 5)])).toThrow(/injected failure/);
    expect(getSource(db, s)).toMatchObject({ text: TEXT, length: TEXT.length });
    expect(rows()).toEqual(before);
    expect(sourceText(db, s)).toBe(TEXT);

    db.exec('DROP TRIGGER fail_midway');
    editSourceText(db, s, [edit(0, 5)]);
    expect(codedWords(s)).toEqual(['felt 😀 safe', 'the ward', 'my name']);
  });

  it('refuses a missing source and bad edits, changing nothing', () => {
    const s = insertSource(db, { name: 'P01', text: TEXT });
    code(s, 'the ward');
    const before = rows();
    const emoji = at('😀');
    expect(errorCode(() => editSourceText(db, 999, [edit(0, 1)]))).toBe('not_found');
    for (const edits of [
      [edit(0, TEXT.length + 1)],
      [edit(0, 10), edit(5, 12, 'x')],
      [edit(emoji + 1, emoji + 1, 'x')],
      [edit(emoji, emoji + 1)],
      [edit(3, 3, 'a'), edit(3, 3, 'b')],
    ]) {
      expect(errorCode(() => editSourceText(db, s, edits))).toBe('bad_edit');
    }
    expect(getSource(db, s)).toMatchObject({ text: TEXT, length: TEXT.length });
    expect(rows()).toEqual(before);
  });

  it('refreshes the sourceText cache that coding checks offsets against', () => {
    const s = insertSource(db, { name: 'P01', text: TEXT });
    expect(sourceText(db, s)).toBe(TEXT);
    editSourceText(db, s, [edit(0, 5, 'P1: ')]);
    expect(sourceText(db, s)).toBe(`P1: ${TEXT.slice(5)}`);
  });

  it('forgetSourceText changes nothing in the database', () => {
    const s = insertSource(db, { name: 'P01', text: TEXT });
    code(s, 'the ward');
    const before = { source: getSource(db, s), codings: rows() };
    sourceText(db, s);
    forgetSourceText(db, s);
    expect({ source: getSource(db, s), codings: rows() }).toEqual(before);
  });

  it('restoreRows refuses rows it cannot put back, all or nothing', () => {
    const s = insertSource(db, { name: 'P01', text: TEXT });
    code(s, 'felt 😀 safe');
    code(s, 'my name');
    const cut = [edit(at('felt'), TEXT.length)];
    const { removed } = editSourceText(db, s, cut);
    expect(removed).toHaveLength(2);
    editSourceText(db, s, invertEdits(TEXT, cut)); // the words are back, the codings not yet
    const [first, last] = removed as [AnchoredRow, AnchoredRow];
    const table = 'codings' as const;
    const cases: [AnchoredRow[], string][] = [
      [[first, { table, row: { ...last.row, 'x") VALUES (1); --': 1 } }], 'bad_input'],
      [[first, { table: 'sources' as AnchoredTable, row: last.row }], 'bad_input'],
      [[first, { table, row: { ...last.row, guid: undefined } }], 'bad_input'],
      [[first, { table, row: { ...last.row, end: TEXT.length + 1 } }], 'out_of_range'],
      [[first, { table, row: { ...last.row, start: at('😀') + 1 } }], 'out_of_range'],
    ];
    for (const [attempt, expected] of cases) {
      expect(errorCode(() => restoreRows(db, attempt))).toBe(expected);
      expect(rows()).toEqual([]); // not even the first, valid row
    }

    // Ids are never reused (migration 0004): a coding made since gets a fresh id, and the
    // removed ones come back beside it with their own.
    const fresh = code(s, 'P01');
    expect(fresh).not.toBe(first.row.id);
    expect(fresh).not.toBe(last.row.id);
    restoreRows(db, [first, last]);
    expect(
      rows()
        .map((r) => r.id)
        .sort(),
    ).toEqual([first.row.id, last.row.id, fresh].sort());
  });

  /** The table migration 0002 adds, if it has not landed yet. */
  function ensureCasePassages(): void {
    db.exec(`CREATE TABLE IF NOT EXISTS case_passages (
      id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE, case_id INTEGER NOT NULL,
      source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
      start INTEGER NOT NULL, end INTEGER NOT NULL, CHECK (start >= 0 AND end > start)) STRICT;
      CREATE UNIQUE INDEX IF NOT EXISTS case_passages_range
        ON case_passages (case_id, source_id, start, end)`);
    db.pragma('foreign_keys = OFF'); // passages of case 1, without needing a cases table
  }

  /** A case passage; other required columns of the real table get placeholder values. */
  function passage(sourceId: number, words: string): number {
    const start = TEXT.indexOf(words);
    const values: Record<string, unknown> = {
      guid: randomUUID(),
      case_id: 1,
      source_id: sourceId,
      start,
      end: start + words.length,
    };
    const columns = db
      .prepare(
        'SELECT name, type, "notnull" AS nn, dflt_value AS dflt, pk FROM pragma_table_info(?)',
      )
      .all('case_passages') as {
      name: string;
      type: string;
      nn: number;
      dflt: unknown;
      pk: number;
    }[];
    for (const c of columns) {
      if (c.name in values || !c.nn || c.dflt !== null || c.pk) continue;
      values[c.name] = /INT/i.test(c.type) ? 1 : /REAL/i.test(c.type) ? 0 : 'x';
    }
    const keys = Object.keys(values);
    const sql = `INSERT INTO case_passages (${keys.map((k) => `"${k}"`).join(', ')})
                 VALUES (${keys.map(() => '?').join(', ')})`;
    return Number(db.prepare(sql).run(keys.map((k) => values[k])).lastInsertRowid);
  }

  it('moves, removes and restores case passages once their table exists', () => {
    ensureCasePassages();
    const s = insertSource(db, { name: 'P01', text: TEXT });
    code(s, 'the ward');
    passage(s, 'I felt 😀 safe');
    const ward = passage(s, 'on the ward.');
    passage(s, 'knew my name');
    const before = rows('case_passages');
    const edits = [edit(0, 5), edit(at('on the ward.'), at('The night'))];

    const result = editSourceText(db, s, edits);
    const text = getSource(db, s)!.text;
    const passages = rows('case_passages') as unknown as Range[];
    expect(passages.map((p) => text.slice(p.start, p.end))).toEqual([
      'I felt 😀 safe',
      'knew my name',
    ]);
    expect(result.removed.map((r) => [r.table, r.row.id])).toEqual([
      ['codings', 1],
      ['case_passages', ward],
    ]);

    editSourceText(db, s, invertEdits(TEXT, edits));
    restoreRows(db, [...result.removed, ...result.reshaped]);
    expect(rows('case_passages')).toEqual(before);
  });

  it('keeps one of two passages of a case that land on the same words, and undo splits them', () => {
    ensureCasePassages();
    const s = insertSource(db, { name: 'P01', text: TEXT });
    const short = passage(s, 'The night');
    const long = passage(s, 'The night staff');
    const before = rows('case_passages');
    const edits = [edit(at(' staff'), at(' knew'))];

    const result = editSourceText(db, s, edits);
    expect(rows('case_passages').map((r) => r.id)).toEqual([short]);
    expect(result.removed).toEqual([
      { table: 'case_passages', row: before.find((r) => r.id === long) },
    ]);

    editSourceText(db, s, invertEdits(TEXT, edits));
    restoreRows(db, [...result.removed, ...result.reshaped]);
    expect(rows('case_passages')).toEqual(before);
  });

  it('undo puts back twin passages even when one must retake the range the other holds', () => {
    ensureCasePassages();
    const s = insertSource(db, { name: 'P01', text: TEXT });
    const kept = passage(s, 'night staff');
    const twin = passage(s, 'staff');
    const before = rows('case_passages');
    const edits = [edit(at('night'), at('staff'))];

    const result = editSourceText(db, s, edits);
    expect(result.removed.map((r) => r.row.id)).toEqual([twin]);
    expect(result.reshaped.map((r) => r.row.id)).toEqual([kept]);
    // After the inverse edit the kept passage sits on 'staff', where the twin goes back.
    editSourceText(db, s, invertEdits(TEXT, edits));
    restoreRows(db, [...result.removed, ...result.reshaped]);
    expect(rows('case_passages')).toEqual(before);
  });

  it('moves passages of one case onto each other’s old ranges without tripping the index', () => {
    ensureCasePassages();
    const s = insertSource(db, { name: 'P01', text: TEXT });
    passage(s, 'on the'); // 6 units, right before the next one
    passage(s, ' ward.');
    const before = rows('case_passages');
    const edits = [edit(0, 0, 'Q: Hi ')]; // 6 units: the first lands where the second was

    const result = editSourceText(db, s, edits);
    const text = result.text;
    const words = (rows('case_passages') as unknown as Range[]).map((p) =>
      text.slice(p.start, p.end),
    );
    expect(words).toEqual(['on the', ' ward.']);
    editSourceText(db, s, invertEdits(TEXT, edits));
    expect(rows('case_passages')).toEqual(before);
  });

  it('keeps two codings of one code that land on the same words: codings have no such rule', () => {
    const s = insertSource(db, { name: 'P01', text: TEXT });
    code(s, 'The night');
    code(s, 'The night staff');
    const result = editSourceText(db, s, [edit(at(' staff'), at(' knew'))]);
    expect(result.removed).toEqual([]);
    expect(codedWords(s)).toEqual(['The night', 'The night']);
  });

  it('works on a project from before migration 0002, which has no case_passages', () => {
    const old = new Database(':memory:');
    try {
      m0001Init.up(old);
      const s = insertSource(old, { name: 'P01', text: TEXT });
      const k = insertCode(old, { name: 'Safety' });
      const u = ensureUser(old, 'Rosa Lind').id;
      insertCoding(old, {
        sourceId: s,
        codeId: k,
        start: at('the ward'),
        end: at('.'),
        coderId: u,
      });
      const result = editSourceText(old, s, [edit(0, 5)]);
      expect(result.moved).toBe(1);
      const row = { id: 1, guid: randomUUID(), case_id: 1, source_id: s, start: 0, end: 3 };
      expect(errorCode(() => restoreRows(old, [{ table: 'case_passages', row }]))).toBe(
        'bad_input',
      );
    } finally {
      old.close();
    }
  });
});
