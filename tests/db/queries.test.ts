import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../db/open.js';
import {
  findCodeByName,
  getCode,
  insertCode,
  listCodes,
  nextColor,
  PALETTE,
} from '../../db/queries/codes.js';
import {
  deleteCoding,
  findSameCoding,
  getCoding,
  insertCoding,
  listCodingsForSource,
} from '../../db/queries/codings.js';
import { listExcerpts } from '../../db/queries/excerpts.js';
import { getMemo, insertMemo, listMemos } from '../../db/queries/memos.js';
import { getMeta, projectMeta, setMeta, stats } from '../../db/queries/project.js';
import {
  countWords,
  deleteSource,
  getSource,
  getSourceSummary,
  insertSource,
  listSources,
  sourceLength,
  sourceNameExists,
  sourceText,
} from '../../db/queries/sources.js';
import { ensureUser, getUser, initialsOf, listUsers } from '../../db/queries/users.js';
import { tempDir } from '../helpers.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let dir: string;
let db: Db;
let coderId: number;

beforeEach(() => {
  dir = tempDir('weft-queries-');
  db = openProject(path.join(dir, 'q.weft'), { create: true, name: 'Queries' });
  coderId = ensureUser(db, 'Rosa Lind').id;
});

afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function code(db: Db, sourceId: number, codeId: number, start: number, end: number): number {
  return insertCoding(db, { sourceId, codeId, start, end, coderId });
}

describe('sources', () => {
  it('stores a source and reads it back whole, with length in UTF-16 units and a word count', () => {
    const text = 'Interviewer: Hello 😀 there.\n\nP01: Hi.';
    const id = insertSource(db, { name: 'P01 first', text, originalName: 'P01 first.txt' });
    const s = getSource(db, id)!;
    expect(s).toMatchObject({ id, name: 'P01 first', kind: 'document', text, codings: 0 });
    expect(s.length).toBe(text.length); // the emoji counts as 2
    expect(s.length).toBe([...text].length + 1);
    expect(s.words).toBe(6);
    expect(s.guid).toMatch(GUID);
    expect(Number.isNaN(Date.parse(s.createdAt))).toBe(false);
    expect(sourceLength(db, id)).toBe(text.length);
  });

  it('lists sources by name, ignoring case, with each one’s number of codings', () => {
    const b = insertSource(db, { name: 'beta', text: 'one two three four' });
    const a = insertSource(db, { name: 'Alpha', text: 'one two three four' });
    const c = insertSource(db, { name: 'Gamma', text: 'one two three four' });
    const k = insertCode(db, { name: 'Trust' });
    const k2 = insertCode(db, { name: 'Money' });
    code(db, b, k, 0, 3);
    code(db, b, k2, 0, 3);
    code(db, b, k, 4, 7);
    code(db, c, k, 0, 3);
    expect(listSources(db).map((s) => [s.name, s.codings])).toEqual([
      ['Alpha', 0],
      ['beta', 3],
      ['Gamma', 1],
    ]);
    expect(getSourceSummary(db, a)).toMatchObject({ name: 'Alpha', codings: 0, length: 18 });
    expect(getSourceSummary(db, b)).not.toHaveProperty('text');
  });

  it('answers undefined / false for a source that does not exist', () => {
    expect(getSource(db, 42)).toBeUndefined();
    expect(getSourceSummary(db, 42)).toBeUndefined();
    expect(sourceLength(db, 42)).toBeUndefined();
    expect(sourceText(db, 42)).toBeUndefined();
    expect(deleteSource(db, 42)).toBe(false);
  });

  it('finds a taken name regardless of case', () => {
    insertSource(db, { name: 'Site1_LW01_first', text: 'x' });
    expect(sourceNameExists(db, 'site1_lw01_FIRST')).toBe(true);
    expect(sourceNameExists(db, 'Site1_LW01_followup')).toBe(false);
  });

  it('deleting a source deletes its codings (and only its codings)', () => {
    const gone = insertSource(db, { name: 'Gone', text: 'the quick brown fox' });
    const kept = insertSource(db, { name: 'Kept', text: 'the quick brown fox' });
    const k = insertCode(db, { name: 'Animals' });
    code(db, gone, k, 16, 19);
    code(db, gone, k, 4, 9);
    const keptCoding = code(db, kept, k, 16, 19);
    expect(stats(db).codings).toBe(3);

    expect(deleteSource(db, gone)).toBe(true);
    expect(getSource(db, gone)).toBeUndefined();
    expect(listCodingsForSource(db, gone)).toEqual([]);
    expect(stats(db)).toMatchObject({ sources: 1, codings: 1 });
    expect(listExcerpts(db, { codeIds: [k] }).map((e) => e.codingId)).toEqual([keptCoding]);
    expect(getCode(db, k)?.codings).toBe(1);
  });
});

describe('sourceText cache', () => {
  it('returns the text of the source asked for, also past the cache size', () => {
    const ids = Array.from({ length: 40 }, (_, i) =>
      insertSource(db, { name: `S${i}`, text: `text of source ${i}` }),
    );
    for (let round = 0; round < 2; round++) {
      for (const [i, id] of ids.entries()) expect(sourceText(db, id)).toBe(`text of source ${i}`);
    }
  });

  it('keeps texts per database handle', () => {
    const other = openProject(path.join(dir, 'other.weft'), { create: true });
    try {
      const a = insertSource(db, { name: 'A', text: 'from the first project' });
      const b = insertSource(other, { name: 'B', text: 'from the second project' });
      expect(a).toBe(b); // same id in both files
      expect(sourceText(db, a)).toBe('from the first project');
      expect(sourceText(other, b)).toBe('from the second project');
    } finally {
      other.close();
    }
  });

  it('is dropped by deleteSource, so a new source that reuses the id shows its own text', () => {
    const old = insertSource(db, { name: 'Old', text: 'the old transcript' });
    expect(sourceText(db, old)).toBe('the old transcript');
    deleteSource(db, old);
    expect(sourceText(db, old)).toBeUndefined();
    const fresh = insertSource(db, { name: 'New', text: 'a different transcript' });
    expect(fresh).toBe(old); // SQLite reuses the rowid of the deleted last row
    expect(sourceText(db, fresh)).toBe('a different transcript');
  });
});

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['one', 1],
    ['  one   two  ', 2],
    ['line one\nline two\r\nline three', 6],
    ['tab\tseparated\u00a0nbsp', 3],
    ["don't stop—ever, really.", 3],
    ['Interviewer: [laughs] um, yes.', 4],
    ['😀 emoji count 🌍', 4],
  ])('%j has %i words', (text, n) => {
    expect(countWords(text)).toBe(n);
  });
});

describe('codes', () => {
  it('gives new codes the next palette colour, unless one is chosen', () => {
    const ids = Array.from({ length: PALETTE.length + 1 }, (_, i) =>
      insertCode(db, { name: `Code ${i}` }),
    );
    expect(ids.map((id) => getCode(db, id)!.color)).toEqual([...PALETTE, PALETTE[0]]);
    const chosen = insertCode(db, { name: 'Chosen', color: '#123456' });
    expect(getCode(db, chosen)!.color).toBe('#123456');
    expect(nextColor(db)).toBe(PALETTE[(PALETTE.length + 2) % PALETTE.length]);
  });

  it('lists codes in tree order: parents before children, siblings in creation order', () => {
    const belonging = insertCode(db, { name: 'Belonging' });
    const patients = insertCode(db, { name: 'Patient experience' });
    const space = insertCode(db, { name: 'Space', parentId: belonging });
    const lonely = insertCode(db, { name: 'Loneliness', parentId: patients });
    const room = insertCode(db, { name: 'A room of my own', parentId: space });
    const supervision = insertCode(db, { name: 'Supervision', parentId: belonging });
    const boundaries = insertCode(db, { name: 'Boundaries' });
    expect(listCodes(db).map((c) => c.id)).toEqual([
      belonging,
      space,
      room,
      supervision,
      patients,
      lonely,
      boundaries,
    ]);
    expect(getCode(db, room)).toMatchObject({ parentId: space, name: 'A room of my own' });
  });

  it('keeps sibling names unique regardless of case, but allows the same name elsewhere', () => {
    const parent = insertCode(db, { name: 'Belonging' });
    insertCode(db, { name: 'Supervision', parentId: parent });
    expect(() => insertCode(db, { name: 'SUPERVISION', parentId: parent })).toThrow(/UNIQUE/);
    expect(() => insertCode(db, { name: 'belonging' })).toThrow(/UNIQUE/); // top level too
    const elsewhere = insertCode(db, { name: 'supervision' }); // top level, not a sibling
    expect(listCodes(db).map((c) => c.name)).toEqual(['Belonging', 'Supervision', 'supervision']);
    expect(getCode(db, elsewhere)?.parentId).toBeNull();
  });

  it('finds a code by name among its siblings only, ignoring case', () => {
    const parent = insertCode(db, { name: 'Belonging' });
    const child = insertCode(db, { name: 'Supervision', parentId: parent });
    expect(findCodeByName(db, 'supervision', parent)?.id).toBe(child);
    expect(findCodeByName(db, 'supervision')).toBeUndefined();
    expect(findCodeByName(db, 'BELONGING')?.id).toBe(parent);
    expect(findCodeByName(db, 'Nope')).toBeUndefined();
  });

  it('counts each code’s codings', () => {
    const s = insertSource(db, { name: 'S', text: 'abcdefghij' });
    const k = insertCode(db, { name: 'K', description: 'why' });
    code(db, s, k, 0, 2);
    code(db, s, k, 3, 5);
    expect(getCode(db, k)).toMatchObject({ codings: 2, description: 'why' });
    expect(listCodes(db)[0]?.codings).toBe(2);
    expect(getCode(db, 999)).toBeUndefined();
  });
});

describe('codings', () => {
  it('lists a source’s codings by start, then end, then creation', () => {
    const s = insertSource(db, { name: 'S', text: 'x'.repeat(100) });
    const other = insertSource(db, { name: 'Other', text: 'x'.repeat(100) });
    const k = insertCode(db, { name: 'K' });
    const k2 = insertCode(db, { name: 'K2' });
    const c1 = code(db, s, k, 50, 60);
    const c2 = code(db, s, k, 10, 40);
    const c3 = code(db, s, k, 10, 20);
    const c4 = code(db, s, k2, 10, 20);
    code(db, other, k, 0, 5);
    const list = listCodingsForSource(db, s);
    expect(list.map((c) => c.id)).toEqual([c3, c4, c2, c1]);
    expect(list[0]).toEqual({
      id: c3,
      guid: expect.stringMatching(GUID) as string,
      sourceId: s,
      codeId: k,
      start: 10,
      end: 20,
      coderId,
      createdAt: expect.any(String) as string,
    });
    expect(getCoding(db, c1)).toMatchObject({ start: 50, end: 60 });
  });

  it('finds the same range with the same code, whoever coded it', () => {
    const s = insertSource(db, { name: 'S', text: 'abcdefghij' });
    const k = insertCode(db, { name: 'K' });
    const k2 = insertCode(db, { name: 'K2' });
    const id = code(db, s, k, 2, 5);
    expect(findSameCoding(db, { sourceId: s, codeId: k, start: 2, end: 5 })?.id).toBe(id);
    expect(findSameCoding(db, { sourceId: s, codeId: k2, start: 2, end: 5 })).toBeUndefined();
    expect(findSameCoding(db, { sourceId: s, codeId: k, start: 2, end: 6 })).toBeUndefined();
  });

  it('deletes one coding', () => {
    const s = insertSource(db, { name: 'S', text: 'abcdefghij' });
    const k = insertCode(db, { name: 'K' });
    const a = code(db, s, k, 0, 2);
    const b = code(db, s, k, 2, 4);
    expect(deleteCoding(db, a)).toBe(true);
    expect(deleteCoding(db, a)).toBe(false);
    expect(listCodingsForSource(db, s).map((c) => c.id)).toEqual([b]);
    expect(getCoding(db, a)).toBeUndefined();
  });

  it('slices excerpts by UTF-16 offsets, with emoji (surrogate pairs) before and inside the range', () => {
    const text = '😀😀 Café 🌍 — the room 👩🏽‍⚕️ was ours.\n\nNext paragraph.';
    const s = insertSource(db, { name: 'Emoji', text });
    const k = insertCode(db, { name: 'Space' });
    const phrases = ['Café', 'the room 👩🏽‍⚕️ was ours.', '🌍', 'Next paragraph.'];
    for (const p of phrases) {
      const start = text.indexOf(p);
      code(db, s, k, start, start + p.length);
    }
    expect(text.indexOf('Café')).toBe(5); // two emoji = 4 units + a space
    const excerpts = listExcerpts(db, { codeIds: [k] });
    expect(excerpts.map((e) => e.text)).toEqual([
      'Café',
      '🌍',
      'the room 👩🏽‍⚕️ was ours.',
      'Next paragraph.',
    ]);
    expect(excerpts[0]).toMatchObject({
      sourceId: s,
      sourceName: 'Emoji',
      codeId: k,
      start: 5,
      end: 9,
      coder: 'Rosa Lind',
    });
  });

  it('orders excerpts by source name (ignoring case) then position, and names each coder', () => {
    const zed = insertSource(db, { name: 'zed', text: 'zed one two' });
    const alpha = insertSource(db, { name: 'Alpha', text: 'alpha one two' });
    const beta = insertSource(db, { name: 'beta', text: 'beta one two' });
    const k = insertCode(db, { name: 'K' });
    const sam = ensureUser(db, 'Sam Okafor').id;
    code(db, zed, k, 0, 3);
    insertCoding(db, { sourceId: alpha, codeId: k, start: 6, end: 9, coderId: sam });
    code(db, alpha, k, 0, 5);
    code(db, beta, k, 5, 8);
    const got = listExcerpts(db, { codeIds: [k] }).map((e) => [e.sourceName, e.text, e.coder]);
    expect(got).toEqual([
      ['Alpha', 'alpha', 'Rosa Lind'],
      ['Alpha', 'one', 'Sam Okafor'],
      ['beta', 'one', 'Rosa Lind'],
      ['zed', 'zed', 'Rosa Lind'],
    ]);
    expect(listExcerpts(db, { codeIds: [insertCode(db, { name: 'Unused' })] })).toEqual([]);
  });
});

describe('users', () => {
  it('ensureUser creates a coder once and returns the same one afterwards', () => {
    const again = ensureUser(db, 'Rosa Lind');
    expect(again.id).toBe(coderId);
    expect(again).toEqual(getUser(db, coderId));
    expect(again.guid).toMatch(GUID);
    const sam = ensureUser(db, 'Sam Okafor');
    expect(sam.id).not.toBe(coderId);
    expect(ensureUser(db, 'Sam Okafor')).toEqual(sam);
    expect(listUsers(db).map((u) => u.name)).toEqual(['Rosa Lind', 'Sam Okafor']);
    expect(stats(db).users).toBe(2);
  });

  it('lists users by name', () => {
    ensureUser(db, 'Ada Byron');
    ensureUser(db, 'Zoe Ng');
    expect(listUsers(db).map((u) => u.name)).toEqual(['Ada Byron', 'Rosa Lind', 'Zoe Ng']);
    expect(getUser(db, 999)).toBeUndefined();
  });

  it.each([
    ['Rosa Lind', 'RL'],
    ['ada', 'A'],
    ['  sam   okafor ', 'SO'],
    ['Mary Ann de Souza Smith', 'MAD'],
    ['émile zola', 'ÉZ'],
    ['', ''],
  ])('initials of %j are %j', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });

  it('stores the initials with the user', () => {
    expect(ensureUser(db, 'Priya Shah').initials).toBe('PS');
    expect(getUser(db, coderId)?.initials).toBe('RL');
  });

  // BUG (db/queries/users.ts:31): `w[0]` is one UTF-16 unit, so a name starting with an
  // astral character (emoji, many CJK extension letters) gets a lone surrogate as its initial.
  it('does not split a character when taking initials', () => {
    expect(initialsOf('😀 Smiley Person')).toBe('😀SP');
  });
});

describe('memos', () => {
  it('stores a memo with defaults and an optional target', () => {
    const plain = insertMemo(db, { title: 'First thoughts' });
    expect(getMemo(db, plain)).toMatchObject({
      title: 'First thoughts',
      body: '',
      targetType: null,
      targetId: null,
    });
    const linked = insertMemo(db, {
      title: 'About rooms',
      body: 'Three sites lack a room.',
      targetType: 'code',
      targetId: 7,
      createdBy: coderId,
    });
    const m = getMemo(db, linked)!;
    expect(m).toMatchObject({ body: 'Three sites lack a room.', targetType: 'code', targetId: 7 });
    expect(m.guid).toMatch(GUID);
    expect(m.createdAt).toBe(m.updatedAt);
    expect(getMemo(db, 999)).toBeUndefined();
  });

  it('lists the most recently updated memo first', () => {
    const a = insertMemo(db, { title: 'A' });
    const b = insertMemo(db, { title: 'B' });
    db.prepare("UPDATE memos SET updated_at = '2099-01-01T00:00:00.000Z' WHERE id = ?").run(a);
    const c = insertMemo(db, { title: 'C' });
    expect(listMemos(db).map((m) => m.id)).toEqual([a, c, b]);
  });

  it('refuses an unknown target type', () => {
    expect(() =>
      insertMemo(db, { title: 'x', targetType: 'banana' as 'code', targetId: 1 }),
    ).toThrow(/CHECK/);
    expect(listMemos(db)).toEqual([]);
  });
});

describe('stats and meta', () => {
  it('counts sources, codes, codings and users', () => {
    expect(stats(db)).toEqual({
      sources: 0,
      codes: 0,
      codings: 0,
      users: 1,
      cases: 0,
      attributes: 0,
      concepts: 0,
      cmocs: 0,
    });
    const s = insertSource(db, { name: 'S', text: 'abcdef' });
    insertSource(db, { name: 'T', text: 'abcdef' });
    const k = insertCode(db, { name: 'K' });
    insertCode(db, { name: 'L', parentId: k });
    insertCode(db, { name: 'M' });
    code(db, s, k, 0, 1);
    ensureUser(db, 'Sam Okafor');
    expect(stats(db)).toEqual({
      sources: 2,
      codes: 3,
      codings: 1,
      users: 2,
      cases: 0,
      attributes: 0,
      concepts: 0,
      cmocs: 0,
    });
  });

  it('reads, adds and replaces project metadata', () => {
    expect(getMeta(db, 'description')).toBeUndefined();
    setMeta(db, 'description', 'first');
    setMeta(db, 'description', 'second');
    expect(getMeta(db, 'description')).toBe('second');
    expect(
      db.prepare("SELECT count(*) FROM project_meta WHERE key = 'description'").pluck().get(),
    ).toBe(1);
    setMeta(db, 'name', 'Renamed');
    expect(projectMeta(db).name).toBe('Renamed');
  });

  it('falls back to "Untitled project" when a file has no metadata', () => {
    db.exec('DELETE FROM project_meta');
    expect(projectMeta(db)).toEqual({ guid: '', name: 'Untitled project', createdAt: '' });
  });
});
