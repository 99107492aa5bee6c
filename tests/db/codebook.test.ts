import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WeftError } from '../../db/errors.js';
import { openProject, type Db } from '../../db/open.js';
import {
  codeImpact,
  codebookOrder,
  deleteCode,
  findCodeByName,
  getCode,
  insertCode,
  listCodes,
  mergeCodes,
  moveCode,
  subtreeIds,
  updateCode,
} from '../../db/queries/codes.js';
import {
  addToSet,
  createSet,
  deleteSet,
  getSet,
  listSets,
  removeFromSet,
  updateSet,
} from '../../db/queries/code-sets.js';
import {
  insertCoding,
  listCodingsForSource,
  moveCodings,
  uncode,
} from '../../db/queries/codings.js';
import { insertMemo } from '../../db/queries/memos.js';
import { insertSource } from '../../db/queries/sources.js';
import { ensureUser } from '../../db/queries/users.js';
import { redo, undo, undoable } from '../../db/undo.js';
import { tempDir } from '../helpers.js';

const TEXT =
  'LW03: We had a room once. Then the nurse needed it back, so now I borrow the kitchen.';

let dir: string;
let db: Db;
let ana: number;
let ben: number;
let s1: number;
let s2: number;

beforeEach(() => {
  dir = tempDir('weft-codebook-');
  db = openProject(path.join(dir, 'c.weft'), { create: true });
  ana = ensureUser(db, 'Ana Moss').id;
  ben = ensureUser(db, 'Ben Hale').id;
  s1 = insertSource(db, { name: 'LW03 first', text: TEXT });
  s2 = insertSource(db, { name: 'LW03 follow-up', text: TEXT });
});

afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const coding = (sourceId: number, codeId: number, start: number, end: number, coderId = ana) =>
  insertCoding(db, { sourceId, codeId, start, end, coderId });

/** Every row an action may touch, to compare before and after undo. */
const rows = () => ({
  codes: db.prepare('SELECT * FROM codes ORDER BY id').all(),
  codings: db.prepare('SELECT * FROM codings ORDER BY id').all(),
  sets: db.prepare('SELECT * FROM code_sets ORDER BY id').all(),
  members: db.prepare('SELECT * FROM code_set_members ORDER BY id').all(),
  memos: db.prepare('SELECT * FROM memos ORDER BY id').all(),
});

/** Runs `fn` as an undoable step, then checks undo gives back the rows and redo the result. */
function undoesExactly(fn: () => unknown): void {
  const before = rows();
  undoable(db, 'step', fn);
  const after = rows();
  expect(after).not.toEqual(before);
  undo(db);
  expect(rows()).toEqual(before);
  redo(db);
  expect(rows()).toEqual(after);
}

const errorCode = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof WeftError) return e.code;
    throw e;
  }
  throw new Error('expected a refusal');
};

/** Belonging > Space > Room; Belonging > Supervision; Patients. */
function tree() {
  const belonging = insertCode(db, { name: 'Belonging' });
  const space = insertCode(db, { name: 'Space', parentId: belonging });
  const room = insertCode(db, { name: 'Room', parentId: space });
  const supervision = insertCode(db, { name: 'Supervision', parentId: belonging });
  const patients = insertCode(db, { name: 'Patients' });
  return { belonging, space, room, supervision, patients };
}

const names = () => listCodes(db).map((c) => c.name);

describe('code counts', () => {
  it('counts each code’s own codings and sources, and with its descendants, sources distinct', () => {
    const t = tree();
    coding(s1, t.room, 0, 4);
    coding(s1, t.room, 10, 20);
    coding(s2, t.space, 0, 4);
    coding(s1, t.space, 5, 9);
    coding(s2, t.supervision, 30, 40);
    const byName = Object.fromEntries(
      listCodes(db).map((c) => [c.name, [c.codings, c.sources, c.totalCodings, c.totalSources]]),
    );
    expect(byName).toEqual({
      Belonging: [0, 0, 5, 2],
      Space: [2, 2, 4, 2],
      Room: [2, 1, 2, 1],
      Supervision: [1, 1, 1, 1],
      Patients: [0, 0, 0, 0],
    });
    // getCode counts the same way, code by code
    for (const c of listCodes(db)) expect(getCode(db, c.id)).toEqual(c);
  });

  it('reads the codebook fields back', () => {
    const id = insertCode(db, {
      name: 'Space to see patients',
      description: 'Where the link worker can talk in private.',
      inclusion: 'Rooms, desks, booking systems.',
      exclusion: 'Home visits.',
      example: '“I borrow the kitchen.”',
      origin: 'deductive',
    });
    expect(getCode(db, id)).toMatchObject({
      inclusion: 'Rooms, desks, booking systems.',
      exclusion: 'Home visits.',
      example: '“I borrow the kitchen.”',
      origin: 'deductive',
    });
    expect(getCode(db, insertCode(db, { name: 'Plain' }))).toMatchObject({
      inclusion: '',
      origin: '',
    });
  });
});

describe('updateCode', () => {
  it('writes only what changed, and refuses a sibling’s name in any case', () => {
    const t = tree();
    expect(updateCode(db, t.space, { name: 'Space', color: getCode(db, t.space)!.color })).toBe(
      false,
    );
    expect(errorCode(() => updateCode(db, t.space, { name: 'SUPERVISION' }))).toBe('duplicate');
    insertCode(db, { name: 'Über', parentId: t.belonging });
    // SQLite's NOCASE folds ASCII only; the check folds every script
    expect(errorCode(() => updateCode(db, t.space, { name: 'über' }))).toBe('duplicate');
    expect(findCodeByName(db, 'ÜBER', t.belonging)?.name).toBe('Über');
    expect(updateCode(db, t.space, { name: 'Patients', origin: 'inductive' })).toBe(true);
    expect(getCode(db, t.space)).toMatchObject({ name: 'Patients', origin: 'inductive' });
    expect(updateCode(db, t.space, { name: 'patients' })).toBe(true); // its own name, recased
  });

  it('undo puts back the old words', () => {
    const t = tree();
    undoesExactly(() => updateCode(db, t.space, { name: 'Room of one’s own', example: 'x' }));
  });
});

describe('moveCode', () => {
  it('reorders siblings and renumbers their positions', () => {
    const t = tree();
    const c = insertCode(db, { name: 'Boundaries' });
    moveCode(db, c, null, 0);
    expect(names()).toEqual([
      'Boundaries',
      'Belonging',
      'Space',
      'Room',
      'Supervision',
      'Patients',
    ]);
    moveCode(db, t.belonging, null, 99); // past the end: last
    expect(names()).toEqual([
      'Boundaries',
      'Patients',
      'Belonging',
      'Space',
      'Room',
      'Supervision',
    ]);
    const positions = db
      .prepare('SELECT position FROM codes WHERE parent_id IS NULL ORDER BY position')
      .pluck()
      .all();
    expect(positions).toEqual([0, 1, 2]);
  });

  it('nests a code with its subtree under another, at an index, and can bring it back to the top', () => {
    const t = tree();
    moveCode(db, t.space, t.patients, 0);
    expect(getCode(db, t.space)?.parentId).toBe(t.patients);
    expect(names()).toEqual(['Belonging', 'Supervision', 'Patients', 'Space', 'Room']);
    moveCode(db, t.space, null, 1);
    expect(names()).toEqual(['Belonging', 'Supervision', 'Space', 'Room', 'Patients']);
    expect(getCode(db, t.room)?.parentId).toBe(t.space);
  });

  it('refuses to put a code inside itself or its own descendant, or next to a namesake', () => {
    const t = tree();
    const before = rows();
    expect(() => moveCode(db, t.belonging, t.belonging, 0)).toThrow(/inside itself/);
    expect(() => moveCode(db, t.belonging, t.room, 0)).toThrow(
      /cannot be put inside “Room”, which is one of its own subcodes/,
    );
    expect(errorCode(() => moveCode(db, t.belonging, t.room, 0))).toBe('invalid_move');
    insertCode(db, { name: 'room', parentId: t.patients });
    const withNamesake = rows();
    expect(errorCode(() => moveCode(db, t.room, t.patients, 0))).toBe('duplicate');
    expect(errorCode(() => moveCode(db, t.room, 999, 0))).toBe('not_found');
    expect(rows()).toEqual(withNamesake);
    expect(before.codes).toHaveLength(5);
  });

  it('undo puts every position and parent back', () => {
    const t = tree();
    undoesExactly(() => moveCode(db, t.supervision, null, 0));
    undoesExactly(() => moveCode(db, t.room, t.patients, 0));
  });
});

describe('deleteCode', () => {
  it('says what it would take, then takes exactly that', () => {
    const t = tree();
    coding(s1, t.room, 0, 4);
    coding(s2, t.space, 0, 4);
    const kept = coding(s1, t.patients, 0, 4);
    const set = createSet(db, { name: 'Belonging set', codeIds: [t.room, t.patients] });
    createSet(db, { name: 'Places', codeIds: [t.space] });
    insertMemo(db, { title: 'Why rooms', targetType: 'code', targetId: t.room });
    const aboutCoding = db
      .prepare('SELECT id FROM codings WHERE code_id = ?')
      .pluck()
      .get(t.space) as number;
    insertMemo(db, { title: 'This one', targetType: 'coding', targetId: aboutCoding });
    insertMemo(db, { title: 'Stays', targetType: 'code', targetId: t.patients });

    const impact = { codes: 2, codings: 2, sources: 2, sets: 2, memos: 2 };
    expect(codeImpact(db, t.space)).toEqual(impact);
    expect(deleteCode(db, t.space)).toEqual(impact);
    expect(names()).toEqual(['Belonging', 'Supervision', 'Patients']);
    expect(db.prepare('SELECT id FROM codings').pluck().all()).toEqual([kept]);
    expect(getSet(db, set)?.codeIds).toEqual([t.patients]);
    expect(db.prepare('SELECT title FROM memos').pluck().all()).toEqual(['Stays']);
    expect(errorCode(() => codeImpact(db, t.space))).toBe('not_found');
  });

  it('undo brings back the codes, codings, memberships and memos', () => {
    const t = tree();
    coding(s1, t.room, 0, 4);
    createSet(db, { name: 'S', codeIds: [t.room] });
    insertMemo(db, { title: 'Why rooms', targetType: 'code', targetId: t.room });
    undoesExactly(() => deleteCode(db, t.belonging));
  });
});

describe('mergeCodes', () => {
  it('moves codings to the target, collapsing the ones it already has', () => {
    const t = tree();
    const same = coding(s1, t.supervision, 0, 4, ben);
    const other = coding(s1, t.supervision, 5, 9);
    const target = coding(s1, t.patients, 0, 4);
    coding(s2, t.room, 0, 4);
    const roomTwin = coding(s2, t.space, 0, 4); // the same words as Room's: one survives
    const result = mergeCodes(db, [t.supervision, t.room, t.space], t.patients);
    expect(result).toEqual({ moved: 2, collapsed: 2 });
    const left = [...listCodingsForSource(db, s1), ...listCodingsForSource(db, s2)];
    expect(left.map((c) => [c.sourceId, c.codeId, c.start, c.end])).toEqual([
      [s1, t.patients, 0, 4],
      [s1, t.patients, 5, 9],
      [s2, t.patients, 0, 4],
    ]);
    expect(left.map((c) => c.id)).toContain(target);
    expect(left.map((c) => c.id)).toContain(other);
    expect(left.map((c) => c.id)).not.toContain(same);
    expect(left.map((c) => c.id)).not.toContain(roomTwin);
    expect(names()).toEqual(['Belonging', 'Patients']);
  });

  it('moves subcodes under the target, renaming a clash, with sets and memos', () => {
    const t = tree();
    const targetRoom = insertCode(db, { name: 'ROOM', parentId: t.patients });
    const deeper = insertCode(db, { name: 'Cupboard', parentId: t.room });
    const set = createSet(db, { name: 'Places', codeIds: [t.space] });
    const both = createSet(db, { name: 'Both', codeIds: [t.space, t.patients] });
    const memo = insertMemo(db, { title: 'Space', targetType: 'code', targetId: t.space });
    mergeCodes(db, [t.space], t.patients);
    expect(names()).toEqual([
      'Belonging',
      'Supervision',
      'Patients',
      'ROOM',
      'Room (2)',
      'Cupboard',
    ]);
    expect(getCode(db, t.room)).toMatchObject({ parentId: t.patients, name: 'Room (2)' });
    expect(getCode(db, deeper)?.parentId).toBe(t.room);
    expect(getCode(db, targetRoom)?.name).toBe('ROOM');
    expect(getSet(db, set)?.codeIds).toEqual([t.patients]);
    expect(getSet(db, both)?.codeIds).toEqual([t.patients]);
    expect(db.prepare('SELECT target_id FROM memos WHERE id = ?').pluck().get(memo)).toBe(
      t.patients,
    );
  });

  it('merges a code into its parent, and a code together with its own subcode', () => {
    const t = tree();
    coding(s1, t.room, 0, 4);
    mergeCodes(db, [t.room], t.space);
    expect(getCode(db, t.space)).toMatchObject({ codings: 1 });
    coding(s1, t.supervision, 0, 4);
    mergeCodes(db, [t.space, t.belonging], t.patients);
    expect(listCodes(db).map((c) => [c.name, c.parentId, c.codings])).toEqual([
      ['Patients', null, 1],
      ['Supervision', t.patients, 1],
    ]);
  });

  it('refuses a merge into itself or into its own descendant, changing nothing', () => {
    const t = tree();
    coding(s1, t.room, 0, 4);
    const before = rows();
    expect(errorCode(() => mergeCodes(db, [t.space], t.space))).toBe('invalid_merge');
    expect(() => mergeCodes(db, [t.belonging], t.room)).toThrow(
      /cannot be merged into “Room”, which is one of its own subcodes/,
    );
    expect(errorCode(() => mergeCodes(db, [t.space, 999], t.patients))).toBe('not_found');
    expect(errorCode(() => mergeCodes(db, [t.space], 999))).toBe('not_found');
    expect(rows()).toEqual(before);
  });

  it('undo restores the merged codes, their codings, subcodes, sets and memos', () => {
    const t = tree();
    insertCode(db, { name: 'Room', parentId: t.patients });
    coding(s1, t.space, 0, 4);
    coding(s1, t.patients, 0, 4);
    coding(s2, t.space, 1, 4);
    createSet(db, { name: 'Places', codeIds: [t.space] });
    insertMemo(db, { title: 'Space', targetType: 'code', targetId: t.space });
    undoesExactly(() => mergeCodes(db, [t.space, t.supervision], t.patients));
  });
});

describe('moveCodings', () => {
  it('moves codings to a code, collapsing duplicates, leaving ones already there', () => {
    const t = tree();
    const a = coding(s1, t.room, 0, 4);
    const b = coding(s1, t.space, 0, 4); // same words as a
    const c = coding(s1, t.patients, 5, 9);
    const there = coding(s1, t.supervision, 10, 12);
    expect(moveCodings(db, [a, b, c, there], t.supervision)).toEqual({ moved: 2, collapsed: 1 });
    expect(listCodingsForSource(db, s1).map((x) => [x.id, x.codeId])).toEqual([
      [a, t.supervision],
      [c, t.supervision],
      [there, t.supervision],
    ]);
  });

  it('refuses an unknown coding (the caller’s transaction rolls back) and undoes exactly', () => {
    const t = tree();
    const a = coding(s1, t.room, 0, 4);
    coding(s1, t.supervision, 0, 4);
    const before = rows();
    expect(() => db.transaction(() => moveCodings(db, [a, 999], t.space))()).toThrow(
      /no coding with id 999/,
    );
    expect(rows()).toEqual(before);
    undoesExactly(() => moveCodings(db, [a], t.supervision));
  });
});

describe('uncode', () => {
  it('deletes a coding inside the range, trims one over an edge, splits one around it', () => {
    const t = tree();
    const inside = coding(s1, t.room, 10, 14);
    const left = coding(s1, t.room, 2, 12);
    const right = coding(s1, t.space, 12, 30);
    const around = coding(s1, t.supervision, 0, 40, ben);
    const elsewhere = coding(s1, t.room, 50, 60);
    const createdAt = db.prepare('SELECT created_at FROM codings WHERE id = ?').pluck();
    const when = createdAt.get(around);
    expect(uncode(db, { sourceId: s1, start: 8, end: 20 })).toBe(4);
    const now = listCodingsForSource(db, s1);
    expect(now.map((c) => [c.id, c.codeId, c.start, c.end])).toEqual([
      [around, t.supervision, 0, 8],
      [left, t.room, 2, 8],
      [right, t.space, 20, 30],
      [expect.any(Number), t.supervision, 20, 40],
      [elsewhere, t.room, 50, 60],
    ]);
    expect(now.map((c) => c.id)).not.toContain(inside);
    const tail = now[3]!;
    expect(tail.guid).not.toBe(now[0]!.guid);
    expect(tail).toMatchObject({ coderId: ben, sourceId: s1 });
    expect(createdAt.get(tail.id)).toBe(when);
  });

  it('touches only the given code’s codings when asked, and nothing outside the source', () => {
    const t = tree();
    coding(s1, t.room, 0, 20);
    coding(s1, t.space, 0, 20);
    coding(s2, t.room, 0, 20);
    expect(uncode(db, { sourceId: s1, start: 5, end: 10, codeId: t.room })).toBe(1);
    expect(listCodingsForSource(db, s1).map((c) => [c.codeId, c.start, c.end])).toEqual([
      [t.room, 0, 5],
      [t.space, 0, 20],
      [t.room, 10, 20],
    ]);
    expect(listCodingsForSource(db, s2).map((c) => [c.start, c.end])).toEqual([[0, 20]]);
    expect(uncode(db, { sourceId: s1, start: 20, end: 30 })).toBe(0); // touches, no overlap
  });

  it('collapses a trimmed piece into an identical coding of the same code', () => {
    const t = tree();
    const whole = coding(s1, t.room, 0, 10);
    const part = coding(s1, t.room, 0, 5);
    expect(uncode(db, { sourceId: s1, start: 5, end: 10 })).toBe(1);
    expect(listCodingsForSource(db, s1).map((c) => c.id)).toEqual([part]);
    expect(listCodingsForSource(db, s1).map((c) => c.id)).not.toContain(whole);
  });

  it('undo puts the trimmed, split and deleted codings back exactly', () => {
    const t = tree();
    coding(s1, t.room, 10, 14);
    coding(s1, t.room, 2, 12);
    coding(s1, t.supervision, 0, 40);
    undoesExactly(() => uncode(db, { sourceId: s1, start: 8, end: 20 }));
  });
});

describe('code sets', () => {
  it('lists sets with their codes in codebook order, whatever order they were added in', () => {
    const t = tree();
    const id = createSet(db, {
      name: 'Belonging',
      description: 'Box 1',
      codeIds: [t.patients, t.supervision, t.room, t.room],
    });
    expect(listSets(db)).toEqual([
      {
        id,
        guid: expect.any(String),
        name: 'Belonging',
        description: 'Box 1',
        codeIds: [t.room, t.supervision, t.patients],
      },
    ]);
    moveCode(db, t.patients, null, 0);
    expect(getSet(db, id)?.codeIds).toEqual([t.patients, t.room, t.supervision]);
    expect(codebookOrder(db)[0]).toBe(t.patients);
  });

  it('a code can be in several sets; add and remove are idempotent', () => {
    const t = tree();
    const a = createSet(db, { name: 'A' });
    const b = createSet(db, { name: 'B', codeIds: [t.space] });
    expect(addToSet(db, a, [t.space, t.room])).toBe(2);
    expect(getSet(db, b)?.codeIds).toEqual([t.space]); // another set's membership untouched
    expect(addToSet(db, a, [t.space])).toBe(0);
    expect(removeFromSet(db, a, [t.room, t.patients])).toBe(1);
    expect(listSets(db).map((s) => [s.name, s.codeIds])).toEqual([
      ['A', [t.space]],
      ['B', [t.space]],
    ]);
    deleteSet(db, a);
    expect(listSets(db).map((s) => s.name)).toEqual(['B']);
    expect(getCode(db, t.space)).toBeDefined(); // its codes stay
  });

  it('refuses a name another set has in any case, and unknown codes, writing nothing', () => {
    const t = tree();
    const a = createSet(db, { name: 'Belonging' });
    const b = createSet(db, { name: 'Other' });
    const before = rows();
    expect(errorCode(() => createSet(db, { name: 'BELONGING' }))).toBe('duplicate');
    expect(errorCode(() => updateSet(db, b, { name: 'belonging' }))).toBe('duplicate');
    expect(errorCode(() => createSet(db, { name: 'New', codeIds: [t.room, 999] }))).toBe(
      'not_found',
    );
    expect(errorCode(() => addToSet(db, a, [t.room, 998, 999]))).toBe('not_found');
    expect(errorCode(() => removeFromSet(db, a, [999]))).toBe('not_found');
    expect(errorCode(() => deleteSet(db, 999))).toBe('not_found');
    expect(rows()).toEqual(before);
    expect(updateSet(db, a, { name: 'Belonging', description: '' })).toBe(false);
    expect(updateSet(db, a, { name: 'belonging' })).toBe(true);
  });

  it('undo restores sets and memberships for each action', () => {
    const t = tree();
    let id = 0;
    undoesExactly(() => (id = createSet(db, { name: 'S', codeIds: [t.room] })));
    undoesExactly(() => updateSet(db, id, { name: 'T', description: 'why' }));
    undoesExactly(() => addToSet(db, id, [t.space, t.patients]));
    undoesExactly(() => removeFromSet(db, id, [t.room]));
    undoesExactly(() => deleteSet(db, id));
  });
});

describe('subtreeIds', () => {
  it('lists a code and all its descendants', () => {
    const t = tree();
    expect(subtreeIds(db, t.belonging).sort()).toEqual(
      [t.belonging, t.space, t.room, t.supervision].sort(),
    );
    expect(subtreeIds(db, t.room)).toEqual([t.room]);
  });
});
