import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../db/open.js';
import { getCode, insertCode, listCodes } from '../../db/queries/codes.js';
import { insertCoding, listCodingsForSource } from '../../db/queries/codings.js';
import { insertSource } from '../../db/queries/sources.js';
import { ensureUser } from '../../db/queries/users.js';
import { clearUndo, redo, undo, undoable, undoState } from '../../db/undo.js';
import { tempDir } from '../helpers.js';

let db: Db;
let sourceId: number;
let coder: number;

beforeEach(() => {
  db = openProject(path.join(tempDir(), 'u.weft'), { create: true });
  coder = ensureUser(db, 'Ana').id;
  sourceId = insertSource(db, { name: 'S', text: 'one two three four five six' });
});
afterEach(() => db.close());

const snapshot = () => ({
  codes: db.prepare('SELECT * FROM codes ORDER BY id').all(),
  codings: db.prepare('SELECT * FROM codings ORDER BY id').all(),
});

describe('session undo', () => {
  it('undoes and redoes an action, step by step, back to the same rows', () => {
    const empty = snapshot();
    const codeId = undoable(db, 'Create ‘Trust’', () => insertCode(db, { name: 'Trust' }));
    const afterCreate = snapshot();
    undoable(db, 'Apply ‘Trust’', () =>
      insertCoding(db, { sourceId, codeId, start: 0, end: 3, coderId: coder }),
    );
    const afterApply = snapshot();
    expect(undoState(db)).toEqual({ undo: 'Apply ‘Trust’', redo: null });

    expect(undo(db)).toBe('Apply ‘Trust’');
    expect(snapshot()).toEqual(afterCreate);
    expect(undo(db)).toBe('Create ‘Trust’');
    expect(snapshot()).toEqual(empty);
    expect(undoState(db)).toEqual({ undo: null, redo: 'Create ‘Trust’' });
    expect(() => undo(db)).toThrow(/nothing to undo/);

    expect(redo(db)).toBe('Create ‘Trust’');
    expect(redo(db)).toBe('Apply ‘Trust’');
    expect(snapshot()).toEqual(afterApply);
  });

  it('puts back a deleted code with the codings its deletion cascaded to', () => {
    const codeId = insertCode(db, { name: 'Trust' });
    const child = insertCode(db, { name: 'Deep', parentId: codeId });
    insertCoding(db, { sourceId, codeId, start: 0, end: 3, coderId: coder });
    insertCoding(db, { sourceId, codeId: child, start: 4, end: 7, coderId: coder });
    const before = snapshot();
    undoable(db, 'Delete ‘Trust’', () => db.prepare('DELETE FROM codes WHERE id = ?').run(codeId));
    expect(listCodes(db)).toHaveLength(0);
    expect(listCodingsForSource(db, sourceId)).toHaveLength(0);
    undo(db);
    expect(snapshot()).toEqual(before);
    redo(db);
    expect(listCodes(db)).toHaveLength(0);
  });

  it('reverts only the columns an update changed', () => {
    const codeId = insertCode(db, { name: 'Trust', color: '#111111' });
    undoable(db, 'Rename', () =>
      db.prepare("UPDATE codes SET name = 'Faith' WHERE id = ?").run(codeId),
    );
    db.prepare("UPDATE codes SET color = '#222222' WHERE id = ?").run(codeId); // outside the log
    undo(db);
    expect(getCode(db, codeId)).toMatchObject({ name: 'Trust', color: '#222222' });
  });

  it('a new action clears redo; a failed action records nothing', () => {
    undoable(db, 'A', () => insertCode(db, { name: 'A' }));
    undo(db);
    undoable(db, 'B', () => insertCode(db, { name: 'B' }));
    expect(undoState(db)).toEqual({ undo: 'B', redo: null });
    expect(() =>
      undoable(db, 'C', () => {
        insertCode(db, { name: 'C' });
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(undoState(db).undo).toBe('B');
    expect(listCodes(db).map((c) => c.name)).toEqual(['B']);
  });

  it('a step whose rows depend on something deleted since fails cleanly and is dropped', () => {
    const codeId = insertCode(db, { name: 'Trust' });
    const id = insertCoding(db, { sourceId, codeId, start: 0, end: 3, coderId: coder });
    undoable(db, 'Remove coding', () => db.prepare('DELETE FROM codings WHERE id = ?').run(id));
    db.prepare('DELETE FROM sources WHERE id = ?').run(sourceId);
    const before = snapshot();
    expect(() => undo(db)).toThrow(/cannot be undone/);
    expect(snapshot()).toEqual(before);
    expect(undoState(db)).toEqual({ undo: null, redo: null });
  });

  it('clearUndo forgets everything', () => {
    undoable(db, 'A', () => insertCode(db, { name: 'A' }));
    clearUndo(db);
    expect(undoState(db)).toEqual({ undo: null, redo: null });
  });
});
