// CMOC queries on a real project file: evidence carried through text edits (flagged, never
// dropped, and put back by the editor's undo), the deletion triggers, and history rows.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../db/open.js';
import { insertCode } from '../../db/queries/codes.js';
import { insertCoding } from '../../db/queries/codings.js';
import {
  cmocHistory,
  getCmoc,
  insertCmoc,
  insertEvidence,
  listCmocs,
  updateCmoc,
} from '../../db/queries/cmocs.js';
import { editSourceText, restoreRows } from '../../db/queries/edit-source.js';
import { deleteSource, insertSource } from '../../db/queries/sources.js';
import { ensureUser } from '../../db/queries/users.js';
import { invertEdits, type TextEdit } from '../../db/text-edit.js';
import { tempDir } from '../helpers.js';

const TEXT = 'PT11: The choir needed a tenor. I was the tenor! Now I lead warm-ups on Mondays.';

let dir: string;
let db: Db;
let user: number;

beforeEach(() => {
  dir = tempDir('weft-cmoc-db-');
  db = openProject(path.join(dir, 'c.weft'), { create: true, name: 'CMOCs' });
  user = ensureUser(db, 'Noor Haddad').id;
});

afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const at = (words: string) => {
  const i = TEXT.indexOf(words);
  expect(i).toBeGreaterThanOrEqual(0);
  return { start: i, end: i + words.length };
};
const storedEvidence = () =>
  db.prepare('SELECT * FROM cmoc_evidence ORDER BY id').all() as Record<string, unknown>[];

function setup() {
  const sourceId = insertSource(db, { name: 'PT11', text: TEXT });
  const cmocId = insertCmoc(db, { title: 'Needed' }, user);
  const tenor = insertEvidence(
    db,
    { cmocId, part: 'context', sourceId, ...at('The choir needed a tenor') },
    user,
  );
  const lead = insertEvidence(
    db,
    { cmocId, part: 'outcome', sourceId, ...at('I lead warm-ups') },
    user,
  );
  return { sourceId, cmocId, tenor, lead };
}

describe('evidence through text edits', () => {
  it('flags evidence whose words are all deleted instead of dropping it, and undo restores it', () => {
    const { sourceId, cmocId } = setup();
    const before = storedEvidence();
    const cut = at(' The choir needed a tenor.');
    const edits: TextEdit[] = [{ start: cut.start, end: cut.end, text: '' }];
    const r = editSourceText(db, sourceId, edits);
    // Nothing removed (the count the editor reports), the evidence returned for undo.
    expect(r.removed).toEqual([]);
    expect(r.reshaped.map((x) => [x.table, x.row.lost])).toEqual([['cmoc_evidence', '']]);
    const after = storedEvidence();
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ lost: 'text', quote: 'The choir needed a tenor' });
    expect(after[1]).toMatchObject({
      lost: '',
      start: r.text.indexOf('I lead'),
      quote: 'I lead warm-ups',
    });
    expect(getCmoc(db, cmocId)!.lostEvidence).toBe(1);

    // Undo as the editor does it: the inverse edit, then the saved rows put back.
    editSourceText(db, sourceId, invertEdits(TEXT, edits));
    restoreRows(db, r.reshaped);
    expect(storedEvidence()).toEqual(before);
    expect(getCmoc(db, cmocId)!.lostEvidence).toBe(0);
  });

  it('refuses to restore an evidence row with foreign columns, changing nothing', () => {
    const { sourceId } = setup();
    const row = storedEvidence()[0]!;
    const before = storedEvidence();
    expect(() =>
      restoreRows(db, [{ table: 'cmoc_evidence', row: { ...row, 'lost = 1; --': 1 } }]),
    ).toThrow(/wrong columns/);
    expect(() =>
      restoreRows(db, [{ table: 'cmoc_evidence', row: { ...row, end: TEXT.length + 9 } }]),
    ).toThrow(/does not fit/);
    expect(storedEvidence()).toEqual(before);
    expect(sourceId).toBeGreaterThan(0);
  });
});

describe('deletion triggers', () => {
  it('keeps evidence of a deleted source, with its quote and name; a coded one reads as source lost', () => {
    const { sourceId, cmocId } = setup();
    const codeId = insertCode(db, { name: 'Being needed' });
    const coding = insertCoding(db, {
      sourceId,
      codeId,
      ...at('I was the tenor'),
      coderId: user,
    });
    insertEvidence(
      db,
      { cmocId, part: 'mechanism', sourceId, ...at('I was the tenor'), codingId: coding },
      user,
    );
    deleteSource(db, sourceId);
    const items = getCmoc(db, cmocId)!.evidenceItems;
    expect(
      items.map((e) => [e.part, e.quote, e.sourceName, e.sourceId, e.codingId, e.lost]),
    ).toEqual([
      ['context', 'The choir needed a tenor', 'PT11', null, null, 'source'],
      ['mechanism', 'I was the tenor', 'PT11', null, null, 'source'],
      ['outcome', 'I lead warm-ups', 'PT11', null, null, 'source'],
    ]);
    expect(listCmocs(db)[0]!.lostEvidence).toBe(3);
  });
});

describe('history', () => {
  it('keeps only changed fields, in order, and the reason given', () => {
    const id = insertCmoc(db, { title: 'T', context: 'a' }, user);
    expect(updateCmoc(db, id, { context: 'a', notes: '' }, undefined, user)).toBe(false);
    expect(updateCmoc(db, id, { context: 'b', status: 'refined' }, ' Site 2 ', user)).toBe(true);
    const [latest, first] = cmocHistory(db, id);
    expect(latest).toEqual({
      version: 2,
      action: 'status',
      before: { context: 'a', status: 'untested', statusReason: '' },
      after: { context: 'b', status: 'refined', statusReason: 'Site 2' },
      evidence: null,
      reason: 'Site 2',
      by: 'Noor Haddad',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(first!.action).toBe('created');
    expect(getCmoc(db, id)!.version).toBe(2);
  });
});
