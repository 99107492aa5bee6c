import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Code,
  CodeImpact,
  CodeSet,
  Coding,
  CodingCreated,
  ImportResult,
  MergeResult,
  UncodeResult,
  UndoResult,
} from '../../electron/api/contract.js';
import { closeSession } from '../../electron/api/handlers/project.js';
import { errorOf, tempDir, testCtx, type TestCtx } from '../helpers.js';

// Two interviews; the first has an emoji (a surrogate pair) at EMOJI.
const ONE =
  'LW05: Patients come in worried about rent 🏠 and leave with a plan. It is the best part of the job.';
const TWO = 'HCP02: I did not know what a link worker was for until we shared a room.';
const EMOJI = ONE.indexOf('🏠');

let dir: string;
let ctx: TestCtx;
let one: number;
let two: number;

beforeEach(() => {
  dir = tempDir('weft-codebook-handlers-');
  ctx = testCtx(dir);
  ctx.ok('project.create', { path: path.join(dir, 'Study') });
  const r = ctx.ok<ImportResult>('sources.import', {
    files: [
      { name: 'One.txt', content: ONE },
      { name: 'Two.txt', content: TWO },
    ],
  });
  [one, two] = r.imported.map((s) => s.id) as [number, number];
});

afterEach(() => {
  closeSession(ctx);
  fs.rmSync(dir, { recursive: true, force: true });
});

const code = (name: string, more: Record<string, unknown> = {}) =>
  ctx.ok<Code>('codes.create', { name, ...more });
const apply = (sourceId: number, codeId: number, start: number, end: number) =>
  ctx.ok<CodingCreated>('codings.create', { sourceId, codeId, start, end }).coding;
const list = () => ctx.ok<Code[]>('codes.list');
const codings = (sourceId = one) =>
  ctx
    .ok<Coding[]>('codings.forSource', { sourceId })
    .map((c) => [c.codeId, c.start, c.end] as const);

/** Every row a codebook action can touch, read straight from the file. */
function rows() {
  const db = ctx.session.db!;
  return Object.fromEntries(
    ['codes', 'codings', 'code_sets', 'code_set_members', 'memos'].map((t) => [
      t,
      db.prepare(`SELECT * FROM ${t} ORDER BY id`).all(),
    ]),
  );
}

const changes = (since: number) =>
  ctx.events
    .slice(since)
    .filter((e) => e.event === 'project.changed')
    .map((e) => (e.payload as { what: string }).what);
const lastUndo = () =>
  ctx.events.filter((e) => e.event === 'undo.changed').at(-1)?.payload as
    { undo: string | null } | undefined;

/** Runs a call, checks its step's label, then that Undo gives back the rows and Redo the result. */
function undoable(method: string, input: unknown, label: string): unknown {
  const before = rows();
  const value = ctx.ok(method, input);
  const after = rows();
  expect(after).not.toEqual(before);
  expect(lastUndo()?.undo).toBe(label);
  expect(ctx.ok<UndoResult>('undo.undo').did).toBe(label);
  expect(rows()).toEqual(before);
  expect(ctx.ok<UndoResult>('undo.redo').did).toBe(label);
  expect(rows()).toEqual(after);
  return value;
}

/** The call fails with `code` and the project and its undo history are as they were. */
function refused(method: string, input: unknown, code: string): string {
  const before = rows();
  const undoBefore = ctx.ok('undo.state');
  const events = ctx.events.length;
  const e = errorOf(ctx, method, input);
  expect(e.code).toBe(code);
  expect(rows()).toEqual(before);
  expect(ctx.ok('undo.state')).toEqual(undoBefore);
  expect(ctx.events.length).toBe(events);
  return e.message;
}

describe('codes', () => {
  it('creates a code with its codebook entry, undoably, and lists it with counts', () => {
    const since = ctx.events.length;
    const c = undoable(
      'codes.create',
      {
        name: 'Supervision',
        description: 'Who supports the link worker.',
        inclusion: 'Named supervisors, peer support.',
        exclusion: 'Line management of other staff.',
        example: '“I see my supervisor monthly.”',
        origin: 'deductive',
        color: '#123456',
      },
      'New code ‘Supervision’',
    ) as Code;
    expect(changes(since)).toContain('codes');
    expect(list()).toEqual([
      {
        id: c.id,
        guid: expect.any(String),
        parentId: null,
        name: 'Supervision',
        color: '#123456',
        description: 'Who supports the link worker.',
        inclusion: 'Named supervisors, peer support.',
        exclusion: 'Line management of other staff.',
        example: '“I see my supervisor monthly.”',
        origin: 'deductive',
        codings: 0,
        sources: 0,
        totalCodings: 0,
        totalSources: 0,
      },
    ]);
  });

  it('counts codings and sources with descendants through the contract', () => {
    const parent = code('Belonging');
    const child = code('Space', { parentId: parent.id });
    apply(one, child.id, 0, 4);
    apply(two, child.id, 0, 5);
    apply(one, parent.id, 6, 14);
    expect(
      list().map((c) => [c.name, c.codings, c.sources, c.totalCodings, c.totalSources]),
    ).toEqual([
      ['Belonging', 1, 1, 3, 2],
      ['Space', 2, 2, 2, 2],
    ]);
    expect(ctx.ok<Code>('codes.update', { id: child.id, color: '#00aa00' })).toMatchObject({
      codings: 2,
      totalSources: 2,
    });
  });

  it('updates a code: rename, colour, criteria, origin, each an undoable step', () => {
    const a = code('Trust');
    code('Money');
    const renamed = undoable(
      'codes.update',
      { id: a.id, name: 'Mistrust' },
      'Rename ‘Trust’ to ‘Mistrust’',
    ) as Code;
    expect(renamed.name).toBe('Mistrust');
    undoable('codes.update', { id: a.id, color: '#abcdef' }, 'Recolour ‘Mistrust’');
    undoable(
      'codes.update',
      { id: a.id, inclusion: 'Doubts about the service', origin: 'inductive' },
      'Edit ‘Mistrust’',
    );
    expect(refused('codes.update', { id: a.id, name: 'MONEY' }, 'duplicate')).toBe(
      'A code named “Money” already exists at the top level.',
    );
    refused('codes.update', { id: 999, name: 'X' }, 'not_found');
  });

  it('moves a code: nests, reorders, refuses a cycle with a clear error', () => {
    const a = code('Belonging');
    const b = code('Space', { parentId: a.id });
    const c = code('Patients');
    const moved = undoable('codes.move', { id: c.id, parentId: a.id, index: 0 }, 'Move ‘Patients’');
    expect(moved).toMatchObject({ id: c.id, parentId: a.id });
    expect(list().map((x) => x.name)).toEqual(['Belonging', 'Patients', 'Space']);
    expect(refused('codes.move', { id: a.id, parentId: b.id, index: 0 }, 'invalid_move')).toBe(
      '“Belonging” cannot be put inside “Space”, which is one of its own subcodes.',
    );
    refused('codes.move', { id: a.id, parentId: a.id, index: 0 }, 'invalid_move');
    refused('codes.move', { id: a.id, parentId: 999, index: 0 }, 'not_found');
    refused('codes.move', { id: 999, parentId: null, index: 0 }, 'not_found');
  });

  it('deletes a code with what it takes, as one step undo restores', () => {
    const a = code('Belonging');
    const b = code('Space', { parentId: a.id });
    apply(one, b.id, 0, 4);
    apply(two, a.id, 0, 4);
    ctx.ok('sets.create', { name: 'Box 1', codeIds: [b.id] });
    ctx.ok('memos.create', { title: 'Rooms', targetType: 'code', targetId: b.id });
    const impact = { codes: 2, codings: 2, sources: 2, sets: 1, memos: 1 };
    expect(ctx.ok<CodeImpact>('codes.impact', { id: a.id })).toEqual(impact);
    const since = ctx.events.length;
    expect(undoable('codes.delete', { id: a.id }, 'Delete ‘Belonging’')).toEqual(impact);
    expect(changes(since)).toEqual(expect.arrayContaining(['codes', 'codings', 'sets']));
    refused('codes.delete', { id: 999 }, 'not_found');
    refused('codes.impact', { id: 999 }, 'not_found');
  });

  it('merges codes: codings move, duplicates collapse, subcodes and sets follow', () => {
    const target = code('Space to see patients');
    const a = code('Room');
    const b = code('Desk');
    code('Kitchen', { parentId: b.id });
    apply(one, target.id, 0, 4);
    apply(one, a.id, 0, 4); // the same words: collapses
    apply(one, a.id, 6, 14);
    apply(two, b.id, 0, 5);
    const set = ctx.ok<CodeSet>('sets.create', { name: 'Places', codeIds: [b.id] });
    const result = undoable(
      'codes.merge',
      { codeIds: [a.id, b.id], targetId: target.id },
      'Merge 2 codes into ‘Space to see patients’',
    );
    expect(result).toEqual<MergeResult>({ moved: 2, collapsed: 1 });
    expect(list().map((c) => [c.name, c.parentId, c.codings])).toEqual([
      ['Space to see patients', null, 3],
      ['Kitchen', target.id, 0],
    ]);
    expect(ctx.ok<CodeSet[]>('sets.list')[0]).toMatchObject({ id: set.id, codeIds: [target.id] });
    expect(lastUndo()?.undo).toBe('Merge 2 codes into ‘Space to see patients’');
  });

  it('refuses a merge into itself, into a descendant, or of unknown codes', () => {
    const a = code('Belonging');
    const b = code('Space', { parentId: a.id });
    apply(one, b.id, 0, 4);
    expect(refused('codes.merge', { codeIds: [a.id], targetId: a.id }, 'invalid_merge')).toBe(
      '“Belonging” cannot be merged into itself.',
    );
    refused('codes.merge', { codeIds: [a.id], targetId: b.id }, 'invalid_merge');
    refused('codes.merge', { codeIds: [b.id, 999], targetId: a.id }, 'not_found');
    refused('codes.merge', { codeIds: [b.id], targetId: 999 }, 'not_found');
  });
});

describe('coding', () => {
  it('applying a code by a new name is one step: undo removes the coding and the code', () => {
    const before = rows();
    ctx.ok('codings.create', { sourceId: one, start: 0, end: 4, codeName: 'Rent' });
    expect(lastUndo()?.undo).toBe('Apply ‘Rent’');
    ctx.ok('undo.undo');
    expect(rows()).toEqual(before);
    ctx.ok('undo.redo');
    expect(list().map((c) => [c.name, c.codings])).toEqual([['Rent', 1]]);
  });

  it('removes a coding as an undoable step', () => {
    const c = code('Rent');
    const k = apply(one, c.id, 0, 4);
    undoable('codings.delete', { id: k.id }, 'Remove ‘Rent’ from a passage');
    refused('codings.delete', { id: 999 }, 'not_found');
  });

  it('uncodes a passage from one code or all, trimming and splitting', () => {
    const a = code('Rent');
    const b = code('Plans');
    apply(one, a.id, 0, 30);
    apply(one, b.id, 10, 20);
    apply(two, a.id, 0, 30);
    const since = ctx.events.length;
    const r = undoable(
      'codings.uncode',
      { sourceId: one, start: 12, end: 16, codeId: a.id },
      'Uncode passage',
    );
    expect(r).toEqual<UncodeResult>({ changed: 1 });
    expect(changes(since)).toContain('codings');
    expect(codings()).toEqual([
      [a.id, 0, 12],
      [b.id, 10, 20],
      [a.id, 16, 30],
    ]);
    expect(ctx.ok('codings.uncode', { sourceId: one, start: 5, end: 25 })).toEqual({ changed: 3 });
    expect(codings()).toEqual([
      [a.id, 0, 5],
      [a.id, 25, 30],
    ]);
    expect(codings(two)).toEqual([[a.id, 0, 30]]);
    // nothing there: no step
    const state = ctx.ok('undo.state');
    expect(ctx.ok('codings.uncode', { sourceId: two, start: 40, end: 50 })).toEqual({ changed: 0 });
    expect(ctx.ok('undo.state')).toEqual(state);
  });

  it('never leaves half an emoji: a range cutting one takes the whole character', () => {
    const a = code('Rent');
    apply(one, a.id, 0, EMOJI + 2);
    apply(one, a.id, EMOJI, ONE.length);
    // starts inside the emoji's pair, ends inside it too
    ctx.ok('codings.uncode', { sourceId: one, start: EMOJI + 1, end: EMOJI + 1 + 1 });
    expect(codings()).toEqual([
      [a.id, 0, EMOJI],
      [a.id, EMOJI + 2, ONE.length],
    ]);
    for (const [, start, end] of codings()) {
      const piece = ONE.slice(start, end);
      expect(piece).toBe(Array.from(piece).join('')); // whole code points
      expect(piece.charCodeAt(0) >= 0xdc00 && piece.charCodeAt(0) <= 0xdfff).toBe(false);
      expect(/[\ud800-\udbff]$/.test(piece)).toBe(false);
    }
  });

  it('refuses uncoding past the end, in a missing source or for a missing code', () => {
    const a = code('Rent');
    apply(one, a.id, 0, 10);
    expect(
      refused('codings.uncode', { sourceId: one, start: 0, end: ONE.length + 1 }, 'out_of_range'),
    ).toMatch(/past the end/);
    refused('codings.uncode', { sourceId: 999, start: 0, end: 1 }, 'not_found');
    refused('codings.uncode', { sourceId: one, start: 0, end: 1, codeId: 999 }, 'not_found');
  });

  it('moves codings to another code, given ones or all of a code; duplicates collapse', () => {
    const a = code('Rent');
    const b = code('Money');
    const c = code('Housing');
    const k1 = apply(one, a.id, 0, 4);
    apply(one, b.id, 0, 4);
    const k3 = apply(two, a.id, 0, 4);
    expect(
      undoable(
        'codings.move',
        { codingIds: [k1.id, k3.id], toCodeId: b.id },
        'Move 2 codings to ‘Money’',
      ),
    ).toEqual({ moved: 1, collapsed: 1 });
    expect(
      undoable('codings.move', { fromCodeId: b.id, toCodeId: c.id }, 'Move 2 codings to ‘Housing’'),
    ).toEqual({ moved: 2, collapsed: 0 });
    expect(list().map((x) => [x.name, x.codings])).toEqual([
      ['Rent', 0],
      ['Money', 0],
      ['Housing', 2],
    ]);
    refused('codings.move', { fromCodeId: c.id, toCodeId: c.id }, 'invalid_move');
    refused('codings.move', { codingIds: [k3.id, 999], toCodeId: a.id }, 'not_found');
    refused('codings.move', { fromCodeId: 999, toCodeId: a.id }, 'not_found');
    refused('codings.move', { codingIds: [k3.id], toCodeId: 999 }, 'not_found');
  });
});

describe('code sets', () => {
  it('creates, edits, fills, empties and deletes a set, each undoable', () => {
    const a = code('Belonging');
    const b = code('Supervision', { parentId: a.id });
    const c = code('Funding');
    const set = undoable(
      'sets.create',
      { name: 'Box 1', description: 'Belonging', codeIds: [c.id, b.id] },
      'New set ‘Box 1’',
    ) as CodeSet;
    expect(set).toMatchObject({ name: 'Box 1', description: 'Belonging', codeIds: [b.id, c.id] });
    undoable('sets.update', { id: set.id, name: 'Box one' }, 'Rename set ‘Box 1’ to ‘Box one’');
    undoable('sets.addCodes', { id: set.id, codeIds: [a.id] }, 'Add 1 code to ‘Box one’');
    expect(ctx.ok<CodeSet[]>('sets.list')[0]?.codeIds).toEqual([a.id, b.id, c.id]);
    undoable(
      'sets.removeCodes',
      { id: set.id, codeIds: [a.id, c.id] },
      'Remove 2 codes from ‘Box one’',
    );
    undoable('sets.delete', { id: set.id }, 'Delete set ‘Box one’');
    expect(ctx.ok('sets.list')).toEqual([]);
  });

  it('refuses clashing names and unknown codes or sets, writing nothing', () => {
    const a = code('Belonging');
    const set = ctx.ok<CodeSet>('sets.create', { name: 'Box 1', codeIds: [a.id] });
    ctx.ok('sets.create', { name: 'Box 2' });
    expect(refused('sets.create', { name: 'box 1' }, 'duplicate')).toBe(
      'A code set named “Box 1” already exists.',
    );
    refused('sets.update', { id: set.id, name: 'BOX 2' }, 'duplicate');
    expect(refused('sets.create', { name: 'New', codeIds: [a.id, 999] }, 'not_found')).toBe(
      'There is no code with id 999.',
    );
    refused('sets.addCodes', { id: set.id, codeIds: [a.id, 998, 999] }, 'not_found');
    refused('sets.removeCodes', { id: set.id, codeIds: [999] }, 'not_found');
    refused('sets.addCodes', { id: 999, codeIds: [a.id] }, 'not_found');
    refused('sets.delete', { id: 999 }, 'not_found');
  });
});

describe('invalid and hostile input changes nothing', () => {
  const many = Array.from({ length: 10_001 }, (_, i) => i + 1);
  const cases: [string, string, unknown][] = [
    ['codes.create: bad origin', 'codes.create', { name: 'A', origin: 'abductive' }],
    ['codes.create: huge example', 'codes.create', { name: 'A', example: 'x'.repeat(20_001) }],
    ['codes.create: inclusion not text', 'codes.create', { name: 'A', inclusion: ['x'] }],
    ['codes.update: no id', 'codes.update', { name: 'A' }],
    ['codes.update: extra key', 'codes.update', { id: 1, name: 'A', parent_id: 2 }],
    ['codes.update: blank name', 'codes.update', { id: 1, name: '  ' }],
    ['codes.move: negative index', 'codes.move', { id: 1, parentId: null, index: -1 }],
    ['codes.move: float index', 'codes.move', { id: 1, parentId: null, index: 0.5 }],
    ['codes.move: huge index', 'codes.move', { id: 1, parentId: null, index: 1e9 }],
    ['codes.move: parent missing', 'codes.move', { id: 1, index: 0 }],
    ['codes.move: parent zero', 'codes.move', { id: 1, parentId: 0, index: 0 }],
    ['codes.move: parent as text', 'codes.move', { id: 1, parentId: '2', index: 0 }],
    ['codes.delete: id as text', 'codes.delete', { id: '1; DROP TABLE codes' }],
    ['codes.merge: no codes', 'codes.merge', { codeIds: [], targetId: 1 }],
    ['codes.merge: too many', 'codes.merge', { codeIds: many, targetId: 1 }],
    ['codes.merge: ids not numbers', 'codes.merge', { codeIds: ['2'], targetId: 1 }],
    ['codings.uncode: empty range', 'codings.uncode', { sourceId: 1, start: 5, end: 5 }],
    ['codings.uncode: backwards', 'codings.uncode', { sourceId: 1, start: 6, end: 5 }],
    ['codings.uncode: negative', 'codings.uncode', { sourceId: 1, start: -1, end: 5 }],
    ['codings.move: both sources', 'codings.move', { codingIds: [1], fromCodeId: 1, toCodeId: 2 }],
    ['codings.move: neither source', 'codings.move', { toCodeId: 2 }],
    ['codings.move: no target', 'codings.move', { codingIds: [1] }],
    ['sets.create: blank name', 'sets.create', { name: ' ' }],
    ['sets.create: too many codes', 'sets.create', { name: 'S', codeIds: many }],
    ['sets.create: __proto__', 'sets.create', JSON.parse('{"name":"S","__proto__":{"x":1}}')],
    ['sets.addCodes: empty', 'sets.addCodes', { id: 1, codeIds: [] }],
    ['sets.removeCodes: float', 'sets.removeCodes', { id: 1, codeIds: [1.5] }],
    ['sets.update: extra key', 'sets.update', { id: 1, codeIds: [1] }],
  ];

  it.each(cases)('%s', (_label, method, input) => {
    const a = code('Belonging');
    code('Space', { parentId: a.id });
    apply(one, a.id, 0, 10);
    ctx.ok('sets.create', { name: 'Box 1', codeIds: [a.id] });
    const message = refused(method, input, 'invalid_input');
    expect(message.length).toBeGreaterThan(0);
  });
});
