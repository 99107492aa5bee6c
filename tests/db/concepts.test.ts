// Concepts and the programme theory canvas at the query level: what a concept's codings are,
// its view's groups and counts by case attribute, and how the canvas keeps itself consistent.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../db/open.js';
import { getCanvas, linkItems, moveItem, placeItem, setStages } from '../../db/queries/canvas.js';
import {
  addCasePassage,
  createAttribute,
  createCase,
  createClassification,
  linkSourceToCase,
  setValues,
} from '../../db/queries/cases.js';
import { createSet } from '../../db/queries/code-sets.js';
import { insertCode } from '../../db/queries/codes.js';
import { deleteCoding, insertCoding } from '../../db/queries/codings.js';
import {
  addConceptCodes,
  addConceptSets,
  conceptView,
  createConcept,
  deleteConcept,
  listConcepts,
  removeConceptCodes,
  requireConcept,
  updateConcept,
} from '../../db/queries/concepts.js';
import { setAttributionTemplate } from '../../db/queries/excerpts.js';
import { setMeta, stats } from '../../db/queries/project.js';
import { insertSource } from '../../db/queries/sources.js';
import { ensureUser } from '../../db/queries/users.js';
import { tempDir } from '../helpers.js';

const INTERVIEW = 'LW01: The room is shared. I see people in the nurse room on Tuesdays.';
const FIELDNOTE =
  'Tuesday. P01 said supervision helped. Later the manager spoke about supervision.';

let dir: string;
let db: Db;
let coder: number;

beforeEach(() => {
  dir = tempDir('weft-concepts-');
  db = openProject(path.join(dir, 'c.weft'), { create: true, name: 'Concepts' });
  coder = ensureUser(db, 'Rosa Lind').id;
});

afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function at(text: string, quote: string): [number, number] {
  const start = text.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  return [start, start + quote.length];
}

/** Two sources, cases with Role and Setting, a small codebook, and some codings. */
function study() {
  const interview = insertSource(db, {
    name: 'LW01 interview',
    kind: 'interview',
    text: INTERVIEW,
  });
  const notes = insertSource(db, { name: 'Site 2 notes', kind: 'fieldnote', text: FIELDNOTE });
  const person = createClassification(db, { name: 'Person' });
  const site = createClassification(db, { name: 'Site' });
  const role = createAttribute(db, {
    scope: 'case',
    classificationId: person.id,
    name: 'Role',
    type: 'text',
  });
  const setting = createAttribute(db, {
    scope: 'case',
    classificationId: site.id,
    name: 'Setting',
    type: 'text',
  });
  const lw01 = createCase(db, { name: 'LW01', classificationId: person.id }).id;
  const lw09 = createCase(db, { name: 'LW09', classificationId: person.id }).id;
  const p01 = createCase(db, { name: 'P01', classificationId: person.id }).id;
  const site2 = createCase(db, { name: 'Site 2', classificationId: site.id }).id;
  setValues(db, [
    { caseId: lw01, attributeId: role.id, value: 'Link worker' },
    { caseId: lw09, attributeId: role.id, value: 'Link worker' },
    { caseId: p01, attributeId: role.id, value: 'Patient' },
    { caseId: site2, attributeId: setting.id, value: 'rural' },
  ]);
  // the interview is two link workers' (both "Link worker": its codings count once for it)
  linkSourceToCase(db, interview, lw01);
  linkSourceToCase(db, interview, lw09);
  linkSourceToCase(db, notes, site2);
  const [ps, pe] = at(FIELDNOTE, 'P01 said supervision helped.');
  addCasePassage(db, { caseId: p01, sourceId: notes, start: ps, end: pe });

  const rooms = insertCode(db, { name: 'Rooms' });
  const sharing = insertCode(db, { name: 'Sharing rooms', parentId: rooms });
  const supervision = insertCode(db, { name: 'Supervision' });
  const funding = insertCode(db, { name: 'Funding' });
  const code = (sourceId: number, text: string, quote: string, codeId: number) => {
    const [start, end] = at(text, quote);
    return insertCoding(db, { sourceId, codeId, start, end, coderId: coder });
  };
  const codings = {
    room: code(interview, INTERVIEW, 'The room is shared.', rooms),
    nurse: code(interview, INTERVIEW, 'I see people in the nurse room', sharing),
    helped: code(notes, FIELDNOTE, 'supervision helped', supervision),
    manager: code(notes, FIELDNOTE, 'the manager spoke about supervision', supervision),
    funding: code(interview, INTERVIEW, 'on Tuesdays', funding),
  };
  const resources = createSet(db, { name: 'Resources', codeIds: [supervision] });
  return {
    interview,
    notes,
    role,
    setting,
    codes: { rooms, sharing, supervision, funding },
    codings,
    resources,
  };
}

describe('concepts', () => {
  it('counts the codings of its codes, their sub-codes and its sets’ codes, each once', () => {
    const s = study();
    const id = createConcept(db, { name: 'Having a place', createdBy: coder });
    expect(requireConcept(db, id)).toMatchObject({ codeIds: [], setIds: [], codings: 0, cmocs: 0 });

    addConceptCodes(db, id, [s.codes.rooms]);
    // Rooms and its sub-code Sharing rooms
    expect(requireConcept(db, id).codings).toBe(2);
    addConceptSets(db, id, [s.resources]);
    expect(requireConcept(db, id).codings).toBe(4);
    // Supervision directly as well as through the set: still each coding once
    addConceptCodes(db, id, [s.codes.supervision, s.codes.sharing, s.codes.rooms]);
    const c = requireConcept(db, id);
    expect(c.codings).toBe(4);
    expect(c.codeIds).toEqual([s.codes.rooms, s.codes.supervision, s.codes.sharing]);
    expect(c.setIds).toEqual([s.resources]);

    // a code may sit in several concepts
    const other = createConcept(db, { name: 'Being valued' });
    addConceptCodes(db, other, [s.codes.supervision]);
    expect(requireConcept(db, other).codings).toBe(2);

    deleteCoding(db, s.codings.helped);
    expect(requireConcept(db, id).codings).toBe(3);
    removeConceptCodes(db, id, [s.codes.rooms, s.codes.funding]);
    expect(requireConcept(db, id).codeIds).toEqual([s.codes.supervision, s.codes.sharing]);
  });

  it('refuses a name another concept has, in any case or script, and unknown codes or sets', () => {
    const s = study();
    createConcept(db, { name: 'Été et hiver' });
    const id = createConcept(db, { name: 'Forging relationships' });
    expect(() => createConcept(db, { name: 'ÉTÉ ET HIVER' })).toThrow(/already exists/);
    expect(() => updateConcept(db, id, { name: 'été et hiver' })).toThrow(/already exists/);
    // renaming to its own name in another case is allowed
    updateConcept(db, id, { name: 'FORGING relationships', color: '#123456' });
    expect(requireConcept(db, id)).toMatchObject({
      name: 'FORGING relationships',
      color: '#123456',
    });

    expect(() => addConceptCodes(db, id, [s.codes.rooms, 9999])).toThrow(/no code with id 9999/);
    expect(() => addConceptSets(db, id, [9998, 9999])).toThrow(/no code sets with ids 9998, 9999/);
    expect(() => addConceptCodes(db, 4242, [s.codes.rooms])).toThrow(/no concept with id 4242/);
    expect(requireConcept(db, id).codeIds).toEqual([]);
  });

  it('deletes a concept, keeping its CMOCs without a theme and its codes and sets', () => {
    const s = study();
    const id = createConcept(db, { name: 'Having a place' });
    addConceptCodes(db, id, [s.codes.rooms]);
    addConceptSets(db, id, [s.resources]);
    db.prepare(
      `INSERT INTO cmocs (guid, title, concept_id, created_at, updated_at)
       VALUES ('g1', 'A room of one''s own', ?, 'now', 'now')`,
    ).run(id);
    expect(requireConcept(db, id).cmocs).toBe(1);
    placeItem(db, { kind: 'concept', refId: id, x: 0, y: 0 });

    deleteConcept(db, id);
    expect(listConcepts(db)).toEqual([]);
    expect(db.prepare('SELECT title, concept_id AS c FROM cmocs').all()).toEqual([
      { title: "A room of one's own", c: null },
    ]);
    expect(stats(db)).toMatchObject({ concepts: 0, cmocs: 1, codes: 4 });
    expect(db.prepare('SELECT count(*) FROM code_set_members').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM canvas_items').pluck().get()).toBe(0);
    expect(() => deleteConcept(db, id)).toThrow(/no concept/);
  });

  it('shows excerpts by code, with attributions, and counts codings by case attribute value', () => {
    const s = study();
    setAttributionTemplate(db, '({case}, {Role})');
    const id = createConcept(db, { name: 'Having a place' });
    addConceptCodes(db, id, [s.codes.rooms]);
    addConceptSets(db, id, [s.resources]);

    const v = conceptView(db, id);
    expect(v.concept.name).toBe('Having a place');
    expect(v.groups.map((g) => [g.codeName, g.excerpts.map((e) => e.text)])).toEqual([
      ['Rooms', ['The room is shared.']],
      ['Sharing rooms', ['I see people in the nurse room']],
      ['Supervision', ['supervision helped', 'the manager spoke about supervision']],
    ]);
    // the passage's case wins over the whole source's, as in every attribution
    expect(v.groups[2]!.excerpts.map((e) => e.attribution)).toEqual([
      '(P01, Patient)',
      '(Site 2, ?)',
    ]);
    expect(v.groups[0]!.excerpts[0]!.attribution).toBe('(LW01, LW09, Link worker)');

    expect(v.counts).toEqual([
      {
        attributeId: s.role.id,
        attribute: 'Role',
        values: [
          { value: 'Link worker', codings: 2 },
          { value: 'Patient', codings: 1 },
          { value: '', codings: 1 },
        ],
      },
      {
        attributeId: s.setting.id,
        attribute: 'Setting',
        values: [
          { value: 'rural', codings: 1 },
          { value: '', codings: 3 },
        ],
      },
    ]);

    // only the attributes asked for, in that order; a source attribute is not a case attribute
    expect(conceptView(db, id, [s.setting.id]).counts.map((c) => c.attribute)).toEqual(['Setting']);
    const round = createAttribute(db, { scope: 'source', name: 'Round', type: 'text' });
    expect(() => conceptView(db, id, [round.id])).toThrow(/no case attribute/);
  });

  it('lists its own codes even when empty, and an empty concept has no counts to show', () => {
    const s = study();
    const id = createConcept(db, { name: 'Money' });
    expect(conceptView(db, id)).toMatchObject({
      groups: [],
      counts: [
        { attribute: 'Role', values: [] },
        { attribute: 'Setting', values: [] },
      ],
    });
    const funding = insertCode(db, { name: 'Grants' });
    addConceptCodes(db, id, [funding, s.codes.funding]);
    expect(conceptView(db, id).groups.map((g) => [g.codeName, g.excerpts.length])).toEqual([
      ['Grants', 0],
      ['Funding', 1],
    ]);
  });
});

describe('canvas', () => {
  it('places each concept or CMOC once (placing again moves it), notes as often as wanted', () => {
    const a = createConcept(db, { name: 'Having a place' });
    const b = createConcept(db, { name: 'Being valued' });
    const first = placeItem(db, { kind: 'concept', refId: a, x: 10, y: 20 });
    expect(placeItem(db, { kind: 'concept', refId: a, x: 300, y: 40 })).toBe(first);
    placeItem(db, { kind: 'concept', refId: b, x: 0, y: 0 });
    placeItem(db, { kind: 'note', refId: null, label: '  Money follows people  ', x: 1, y: 1 });
    placeItem(db, { kind: 'note', refId: null, label: 'Money follows people', x: 2, y: 2 });
    expect(getCanvas(db).items.map((i) => [i.kind, i.label, i.x, i.y])).toEqual([
      ['concept', 'Having a place', 300, 40],
      ['concept', 'Being valued', 0, 0],
      ['note', 'Money follows people', 1, 1],
      ['note', 'Money follows people', 2, 2],
    ]);
    // labels follow the concept's name
    updateConcept(db, a, { name: 'A place of one’s own' });
    expect(getCanvas(db).items[0]!.label).toBe('A place of one’s own');

    expect(() => placeItem(db, { kind: 'note', refId: null, label: '   ', x: 0, y: 0 })).toThrow(
      /needs some text/,
    );
    expect(() => placeItem(db, { kind: 'note', refId: a, label: 'x', x: 0, y: 0 })).toThrow(
      /refId must be null/,
    );
    expect(() => placeItem(db, { kind: 'cmoc', refId: 77, x: 0, y: 0 })).toThrow(/no CMOC/);
    expect(() => placeItem(db, { kind: 'concept', refId: null, x: 0, y: 0 })).toThrow(
      /which concept/,
    );
    expect(() => moveItem(db, 999, 0, 0)).toThrow(/no canvas item/);
    expect(getCanvas(db).items).toHaveLength(4);
  });

  it('links items one way once, never to themselves, and forgets what was deleted', () => {
    const a = createConcept(db, { name: 'A' });
    db.prepare(
      `INSERT INTO cmocs (guid, title, created_at, updated_at) VALUES ('g', 'Room', 'n', 'n')`,
    ).run();
    const cmoc = db.prepare('SELECT id FROM cmocs').pluck().get() as number;
    const ia = placeItem(db, { kind: 'concept', refId: a, x: 0, y: 0 });
    const ic = placeItem(db, { kind: 'cmoc', refId: cmoc, x: 100, y: 0 });
    const link = linkItems(db, ia, ic, ' theme ');
    expect(() => linkItems(db, ia, ia)).toThrow(/itself/);
    expect(() => linkItems(db, ia, ic, 'again')).toThrow(/already linked/);
    linkItems(db, ic, ia, 'feeds back');
    expect(getCanvas(db).links).toEqual([
      { id: link, from: ia, to: ic, label: 'theme' },
      expect.objectContaining({ from: ic, to: ia, label: 'feeds back' }),
    ]);

    // a CMOC deleted elsewhere leaves the canvas, with its links
    db.prepare('DELETE FROM cmocs WHERE id = ?').run(cmoc);
    expect(getCanvas(db)).toMatchObject({ items: [{ id: ia }], links: [] });
  });

  it('keeps the continuum’s stages, and reads unreadable ones as none', () => {
    expect(getCanvas(db).stages).toEqual([]);
    setStages(db, ['Bolted on', ' Fitting in ', 'Belonging']);
    expect(getCanvas(db).stages).toEqual(['Bolted on', 'Fitting in', 'Belonging']);
    setMeta(db, 'canvas_stages', '{not json');
    expect(getCanvas(db).stages).toEqual([]);
    setMeta(db, 'canvas_stages', '["ok", 3, null]');
    expect(getCanvas(db).stages).toEqual(['ok']);
  });
});
