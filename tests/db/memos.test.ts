// Memos and annotations at the query level: search, targets, passages, updates.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../db/open.js';
import {
  assertPassage,
  getAnnotation,
  insertAnnotation,
  listAnnotations,
} from '../../db/queries/annotations.js';
import { createCase } from '../../db/queries/cases.js';
import { insertCode } from '../../db/queries/codes.js';
import { insertCoding } from '../../db/queries/codings.js';
import {
  addMemoPassage,
  assertTarget,
  getMemo,
  insertMemo,
  listMemoPassages,
  listMemos,
  updateMemo,
} from '../../db/queries/memos.js';
import { insertSource } from '../../db/queries/sources.js';
import { ensureUser } from '../../db/queries/users.js';
import { tempDir } from '../helpers.js';

let dir: string;
let db: Db;
let rosa: number;
const TEXT = 'LW03: The café lets us use the back room 😀 on Tuesdays.';

beforeEach(() => {
  dir = tempDir('weft-memos-');
  db = openProject(path.join(dir, 'm.weft'), { create: true });
  rosa = ensureUser(db, 'Rosa Lind').id;
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('memos', () => {
  it('finds memos whose title and text hold every word, ignoring case', () => {
    const a = insertMemo(db, { title: 'Rooms at Site 3', body: 'The CAFÉ offers its back room.' });
    const b = insertMemo(db, { title: 'Café culture', body: 'Nothing about rooms here.' });
    insertMemo(db, { title: 'Funding', body: 'Short contracts.' });
    const ids = (query: string) =>
      listMemos(db, { query })
        .map((m) => m.id)
        .sort();
    expect(ids('café')).toEqual([a, b].sort());
    expect(ids('ROOM café')).toEqual([a, b].sort()); // words may sit in title or text
    expect(ids('back   room')).toEqual([a]);
    expect(ids('room funding')).toEqual([]);
    expect(ids('   ')).toHaveLength(3);
  });

  it('filters by target and names it', () => {
    const code = insertCode(db, { name: 'Space' });
    const source = insertSource(db, { name: 'Site3_LW03', text: TEXT });
    const kase = createCase(db, { name: 'LW03' });
    const coding = insertCoding(db, {
      sourceId: source,
      codeId: code,
      start: 0,
      end: 4,
      coderId: rosa,
    });
    insertMemo(db, { title: 'p', targetType: 'project' });
    insertMemo(db, { title: 'k', targetType: 'code', targetId: code });
    insertMemo(db, { title: 's', targetType: 'source', targetId: source });
    insertMemo(db, { title: 'c', targetType: 'case', targetId: kase.id });
    insertMemo(db, { title: 'x', targetType: 'coding', targetId: coding });
    insertMemo(db, { title: 'free' });
    const names = Object.fromEntries(listMemos(db).map((m) => [m.title, m.targetName]));
    expect(names).toEqual({
      p: 'Project',
      k: 'Space',
      s: 'Site3_LW03',
      c: 'LW03',
      x: 'Space · Site3_LW03',
      free: null,
    });
    expect(listMemos(db, { targetType: 'code', targetId: code }).map((m) => m.title)).toEqual([
      'k',
    ]);
    expect(listMemos(db, { targetType: 'code', targetId: code + 1 })).toEqual([]);
    expect(listMemos(db, { targetType: 'case' }).map((m) => m.title)).toEqual(['c']);
  });

  it('checks a target exists', () => {
    const code = insertCode(db, { name: 'Space' });
    expect(() => assertTarget(db, 'code', code)).not.toThrow();
    expect(() => assertTarget(db, 'project', null)).not.toThrow();
    expect(() => assertTarget(db, 'code', 999)).toThrow(/no code with id 999/);
    expect(() => assertTarget(db, 'case', 1)).toThrow(/no case/);
    expect(() => assertTarget(db, 'source', null)).toThrow(/no source/);
  });

  it('moves updated_at forward on every update, and keeps what is not given', () => {
    const id = insertMemo(db, { title: 'Draft', body: 'one', rich: '{"root":1}' });
    const before = getMemo(db, id)!;
    updateMemo(db, id, { body: 'two' });
    const after = getMemo(db, id)!;
    expect(after).toMatchObject({ title: 'Draft', body: 'two', rich: '{"root":1}' });
    expect(after.updatedAt > before.updatedAt).toBe(true);
    expect(after.createdAt).toBe(before.createdAt);
    updateMemo(db, id, { rich: null });
    expect(getMemo(db, id)!.rich).toBeNull();
    expect(updateMemo(db, 999, { title: 'x' })).toBe(false);
  });

  it('links passages once per range, with their words, and counts them', () => {
    const source = insertSource(db, { name: 'Site3_LW03', text: TEXT });
    const memo = insertMemo(db, { title: 'Rooms' });
    const start = TEXT.indexOf('back room');
    const p = { memoId: memo, sourceId: source, start, end: start + 9 };
    const first = addMemoPassage(db, p);
    expect(addMemoPassage(db, p)).toBe(first);
    addMemoPassage(db, { ...p, start: 0, end: 4 });
    expect(listMemoPassages(db, memo).map((x) => x.text)).toEqual(['LW03', 'back room']);
    expect(getMemo(db, memo)!.passages).toBe(2);
  });
});

describe('passages and annotations', () => {
  it('refuses passages outside the text, empty, or splitting an emoji', () => {
    const source = insertSource(db, { name: 'S', text: TEXT });
    const emoji = TEXT.indexOf('😀');
    expect(assertPassage(db, source, 0, 4)).toBe(TEXT);
    expect(() => assertPassage(db, source, 0, TEXT.length + 1)).toThrow(/past the end/);
    expect(() => assertPassage(db, source, 5, 5)).toThrow(/not a passage/);
    expect(() => assertPassage(db, source, emoji + 1, emoji + 2)).toThrow(/splits a character/);
    expect(() => assertPassage(db, source, emoji, emoji + 1)).toThrow(/splits a character/);
    expect(() => assertPassage(db, 999, 0, 1)).toThrow(/no source/);
    expect(assertPassage(db, source, emoji, emoji + 2)).toBe(TEXT);
  });

  it('lists annotations by source and position, searchable in note and annotated words', () => {
    const b = insertSource(db, { name: 'B', text: 'Second source text.' });
    const a = insertSource(db, { name: 'a', text: TEXT });
    const cafe = TEXT.indexOf('café');
    const id1 = insertAnnotation(db, {
      sourceId: a,
      start: cafe,
      end: cafe + 4,
      body: 'Which one?',
      createdBy: rosa,
    });
    insertAnnotation(db, { sourceId: a, start: 0, end: 4, body: 'Check role', createdBy: null });
    insertAnnotation(db, { sourceId: b, start: 0, end: 6, body: 'Later', createdBy: rosa });
    const all = listAnnotations(db);
    expect(all.map((x) => [x.sourceName, x.text, x.author])).toEqual([
      ['a', 'LW03', ''],
      ['a', 'café', 'Rosa Lind'],
      ['B', 'Second', 'Rosa Lind'],
    ]);
    expect(listAnnotations(db, { sourceId: b }).map((x) => x.body)).toEqual(['Later']);
    expect(listAnnotations(db, { query: 'CAFÉ which' }).map((x) => x.id)).toEqual([id1]);
    expect(listAnnotations(db, { query: 'second later' }).map((x) => x.body)).toEqual(['Later']);
    expect(listAnnotations(db, { query: 'nowhere' })).toEqual([]);
    expect(getAnnotation(db, id1)).toMatchObject({ body: 'Which one?', text: 'café' });
  });
});
