import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttributeType, RawValue } from '../../db/cases-types.js';
import { WeftError } from '../../db/errors.js';
import { SCHEMA_VERSION, schemaVersion } from '../../db/migrate.js';
import { m0001Init } from '../../db/migrations/0001-init.js';
import { APPLICATION_ID, openProject, type Db } from '../../db/open.js';
import {
  addCasePassage,
  caseGrid,
  caseValues,
  casesOfSource,
  changeAttributeType,
  createAttribute,
  createCase,
  createClassification,
  deleteAttribute,
  deleteCase,
  deleteClassification,
  findCaseByName,
  getAttribute,
  getCase,
  getClassification,
  getSourceMeta,
  linkSourceToCase,
  listAttributes,
  listCasePassages,
  listCases,
  listClassifications,
  normaliseFolder,
  normaliseValue,
  passageMarksForSource,
  removeCasePassage,
  renameAttribute,
  renameCase,
  renameClassification,
  reorderAttributes,
  setCaseClassification,
  setCaseDescription,
  setCaseValue,
  setClassificationDescription,
  setSourceMeta,
  setSourceValue,
  setValues,
  sourceGrid,
  sourcesOfCase,
  sourceValues,
  unlinkSourceFromCase,
} from '../../db/queries/cases.js';
import { getCode, insertCode } from '../../db/queries/codes.js';
import { insertCoding, listCodingsForSource } from '../../db/queries/codings.js';
import { insertMemo, listMemos } from '../../db/queries/memos.js';
import { projectMeta } from '../../db/queries/project.js';
import { deleteSource, getSource, insertSource, listSources } from '../../db/queries/sources.js';
import { ensureUser } from '../../db/queries/users.js';
import { tempDir } from '../helpers.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let dir: string;
let db: Db;

beforeEach(() => {
  dir = tempDir('weft-cases-');
  db = openProject(path.join(dir, 'cases.weft'), { create: true, name: 'Cases' });
});

afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The WeftError `f` throws (failing the test if it throws something else or nothing). */
function weftError(f: () => unknown): WeftError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WeftError);
    return e as WeftError;
  }
  throw new Error('expected a WeftError');
}

function count(table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** A 'Person' classification with Age (number) and Role (text), and three people. */
function people() {
  const person = createClassification(db, { name: 'Person' }).id;
  const age = createAttribute(db, {
    scope: 'case',
    classificationId: person,
    name: 'Age',
    type: 'number',
  });
  const role = createAttribute(db, {
    scope: 'case',
    classificationId: person,
    name: 'Role',
    type: 'text',
  });
  const lw01 = createCase(db, { name: 'LW01', classificationId: person }).id;
  const lw02 = createCase(db, { name: 'LW02', classificationId: person }).id;
  const p10 = createCase(db, { name: 'P10', classificationId: person }).id;
  return { person, age: age.id, role: role.id, lw01, lw02, p10 };
}

describe('migration 0002 (cases)', () => {
  /** A v1 project file with data in every v1 table, written by migration 0001 alone. */
  function v1Project(file: string) {
    const v1 = new Database(file);
    v1.pragma('journal_mode = WAL');
    v1.pragma('foreign_keys = ON');
    v1.pragma(`application_id = ${APPLICATION_ID}`);
    m0001Init.up(v1);
    v1.pragma('user_version = 1');
    const put = v1.prepare('INSERT INTO project_meta (key, value) VALUES (?, ?)');
    put.run('guid', '0b3e8a4c-1d2f-4e5a-9b6c-7d8e9f0a1b2c');
    put.run('name', 'Old study');
    put.run('created_at', '2024-01-01T00:00:00.000Z');
    const rosa = ensureUser(v1, 'Rosa Lind');
    const text = 'Interviewer: Where do you see patients?\n\nLW01: In a cupboard 😀, honestly.';
    const sourceId = insertSource(v1, { name: 'Site1_LW01_first', kind: 'interview', text });
    const codeId = insertCode(v1, { name: 'Space to see patients' });
    const start = text.indexOf('In a cupboard');
    insertCoding(v1, { sourceId, codeId, start, end: text.length, coderId: rosa.id });
    insertMemo(v1, { title: 'Rooms', body: 'Ask LW02.', targetType: 'code', targetId: codeId });
    v1.close();
    return { text, sourceId, codeId, start, rosa };
  }

  it('carries a v1 project’s data across, after writing and checking a backup', () => {
    const file = path.join(dir, 'old.weft');
    const old = v1Project(file);
    const sourceGuid = new Database(file, { readonly: true });
    const guid = (sourceGuid.prepare('SELECT guid FROM sources').get() as { guid: string }).guid;
    sourceGuid.close();

    const up = openProject(file);
    try {
      expect(schemaVersion(up)).toBe(SCHEMA_VERSION);
      expect(projectMeta(up)).toMatchObject({
        name: 'Old study',
        guid: '0b3e8a4c-1d2f-4e5a-9b6c-7d8e9f0a1b2c',
      });
      expect(getSource(up, old.sourceId)).toMatchObject({
        text: old.text,
        kind: 'interview',
        codings: 1,
        guid,
      });
      expect(listCodingsForSource(up, old.sourceId)).toEqual([
        expect.objectContaining({ codeId: old.codeId, start: old.start, end: old.text.length }),
      ]);
      expect(getCode(up, old.codeId)?.name).toBe('Space to see patients');
      expect(listMemos(up).map((m) => m.title)).toEqual(['Rooms']);
      // The new source columns start empty rather than null.
      expect(getSourceMeta(up, old.sourceId)).toMatchObject({ folder: '', description: '' });

      // The backup is the v1 file as it was, and passes an integrity check.
      const backups = fs.readdirSync(dir).filter((f) => f.endsWith('.bak'));
      expect(backups).toHaveLength(1);
      expect(backups[0]).toMatch(/^old\.weft\.v1-\d+\.bak$/);
      const bak = new Database(path.join(dir, backups[0]!), { readonly: true });
      try {
        expect(bak.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(schemaVersion(bak)).toBe(1);
        expect(bak.prepare('SELECT text FROM sources').get()).toEqual({ text: old.text });
        expect(
          bak.prepare("SELECT 1 FROM sqlite_master WHERE name = 'cases'").get(),
        ).toBeUndefined();
      } finally {
        bak.close();
      }

      // The new tables work with the old data.
      const person = createClassification(up, { name: 'Person' });
      const lw01 = createCase(up, {
        name: 'LW01',
        classificationId: person.id,
        createdBy: old.rosa.id,
      });
      const round = createAttribute(up, { scope: 'source', name: 'Round', type: 'text' });
      setSourceValue(up, old.sourceId, round.id, 'first');
      linkSourceToCase(up, old.sourceId, lw01.id);
      const passage = addCasePassage(up, {
        caseId: lw01.id,
        sourceId: old.sourceId,
        start: old.start,
        end: old.text.length,
      });
      expect(passage.text).toBe('In a cupboard 😀, honestly.');
      expect(getCase(up, lw01.id)).toMatchObject({
        sources: 1,
        passages: 1,
        classificationName: 'Person',
      });
      expect(sourceValues(up, old.sourceId)).toEqual({ [round.id]: 'first' });
    } finally {
      up.close();
    }
  });

  it('leaves a v1 file as it was when the upgrade fails part-way', () => {
    const file = path.join(dir, 'clash.weft');
    const old = v1Project(file);
    const v1 = new Database(file);
    v1.exec('CREATE TABLE cases (x INTEGER)'); // 0002 adds the source columns, then fails here
    v1.close();
    expect(() => openProject(file)).toThrow(/already exists/);
    const check = new Database(file, { readonly: true });
    try {
      expect(schemaVersion(check)).toBe(1);
      const columns = check.prepare("SELECT name FROM pragma_table_info('sources')").all();
      expect(columns).not.toContainEqual({ name: 'folder' });
      expect(check.prepare('SELECT text FROM sources').get()).toEqual({ text: old.text });
      expect(
        check.prepare("SELECT 1 FROM sqlite_master WHERE name = 'classifications'").get(),
      ).toBeUndefined();
    } finally {
      check.close();
    }
  });

  it('makes every new table STRICT and gives every entity a GUID', () => {
    const strict = db
      .prepare(
        "SELECT name FROM pragma_table_list WHERE strict = 1 AND name IN ('classifications', 'cases', 'attributes', 'case_values', 'source_values', 'source_cases', 'case_passages')",
      )
      .all();
    expect(strict).toHaveLength(7);
    expect(() =>
      db
        .prepare(
          "INSERT INTO case_passages (guid, case_id, source_id, start, end, created_at) VALUES ('g', 1, 1, 'one', 2, 'x')",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    const { person, age, lw01 } = people();
    const s = insertSource(db, { name: 'S', text: 'hello world' });
    const passage = addCasePassage(db, { caseId: lw01, sourceId: s, start: 0, end: 5 });
    expect(getClassification(db, person)?.guid).toMatch(GUID);
    expect(getCase(db, lw01)?.guid).toMatch(GUID);
    expect(getAttribute(db, age)?.guid).toMatch(GUID);
    expect(passage.guid).toMatch(GUID);
    expect(
      new Set([getClassification(db, person)?.guid, getCase(db, lw01)?.guid, passage.guid]).size,
    ).toBe(3);
  });

  it('keeps a case attribute tied to a classification and a source attribute free of one', () => {
    const insert = db.prepare(
      "INSERT INTO attributes (guid, scope, classification_id, name, type, created_at) VALUES (?, ?, ?, 'X', 'text', 'now')",
    );
    expect(() => insert.run('a', 'case', null)).toThrow(/CHECK/);
    const k = createClassification(db, { name: 'Site' }).id;
    expect(() => insert.run('b', 'source', k)).toThrow(/CHECK/);
    expect(() => insert.run('c', 'memo', null)).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO attributes (guid, scope, name, type, created_at) VALUES ('d', 'source', 'X', 'colour', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(count('attributes')).toBe(0);
  });
});

describe('classifications', () => {
  it('creates, lists (by name, with counts), renames and describes', () => {
    const site = createClassification(db, { name: ' Site ', description: ' Practices ' });
    expect(site).toMatchObject({ name: 'Site', description: 'Practices', cases: 0, attributes: 0 });
    const { person } = people();
    expect(listClassifications(db).map((k) => [k.name, k.cases, k.attributes])).toEqual([
      ['Person', 3, 2],
      ['Site', 0, 0],
    ]);
    expect(renameClassification(db, site.id, 'Practice').name).toBe('Practice');
    expect(setClassificationDescription(db, person, 'Interviewees').description).toBe(
      'Interviewees',
    );
    expect(getClassification(db, person)?.description).toBe('Interviewees');
  });

  it('keeps names unique ignoring case, and refuses empty names, changing nothing', () => {
    const person = createClassification(db, { name: 'Person' }).id;
    expect(weftError(() => createClassification(db, { name: 'PERSON' })).code).toBe('duplicate');
    const site = createClassification(db, { name: 'Site' }).id;
    const e = weftError(() => renameClassification(db, site, 'person'));
    expect(e.code).toBe('duplicate');
    expect(e.message).toContain('"person"');
    expect(weftError(() => createClassification(db, { name: '   ' })).code).toBe('invalid_name');
    expect(renameClassification(db, person, 'PERSON').name).toBe('PERSON'); // its own name, recased
    expect(listClassifications(db).map((k) => k.name)).toEqual(['PERSON', 'Site']);
    expect(() =>
      db
        .prepare("INSERT INTO classifications (guid, name, created_at) VALUES ('g', 'site', 'x')")
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it('reports a missing classification', () => {
    expect(weftError(() => renameClassification(db, 99, 'X')).code).toBe('not_found');
    expect(weftError(() => setClassificationDescription(db, 99, 'X')).code).toBe('not_found');
    expect(getClassification(db, 99)).toBeUndefined();
    expect(deleteClassification(db, 99)).toBe(false);
  });

  it('deleting one leaves its cases unclassified and removes its attributes and their values', () => {
    const { person, age, lw01 } = people();
    const site = createClassification(db, { name: 'Site' }).id;
    const size = createAttribute(db, {
      scope: 'case',
      classificationId: site,
      name: 'Size',
      type: 'number',
    }).id;
    const s1 = createCase(db, { name: 'Site 1', classificationId: site }).id;
    setCaseValue(db, lw01, age, 34);
    setCaseValue(db, s1, size, 12);
    expect(deleteClassification(db, person)).toBe(true);
    expect(getCase(db, lw01)).toMatchObject({ classificationId: null, classificationName: null });
    expect(listCases(db, { classificationId: null }).map((c) => c.name)).toEqual([
      'LW01',
      'LW02',
      'P10',
    ]);
    expect(getAttribute(db, age)).toBeUndefined();
    expect(caseValues(db, lw01)).toEqual({});
    expect(caseValues(db, s1)).toEqual({ [size]: 12 }); // another classification is untouched
  });
});

describe('cases', () => {
  it('creates cases and lists them as people read names, with their classification', () => {
    const { person, lw01 } = people();
    createCase(db, { name: 'P2', classificationId: person, description: ' Patient ' });
    createCase(db, { name: 'Site 1' });
    expect(listCases(db).map((c) => c.name)).toEqual(['LW01', 'LW02', 'P2', 'P10', 'Site 1']);
    expect(listCases(db, { classificationId: null }).map((c) => c.name)).toEqual(['Site 1']);
    expect(listCases(db, { classificationId: person })).toHaveLength(4);
    expect(getCase(db, lw01)).toEqual({
      id: lw01,
      guid: expect.stringMatching(GUID) as string,
      name: 'LW01',
      description: '',
      classificationId: person,
      classificationName: 'Person',
      sources: 0,
      passages: 0,
      createdAt: expect.any(String) as string,
    });
    expect(findCaseByName(db, ' lw01 ')?.id).toBe(lw01);
    expect(findCaseByName(db, 'LW99')).toBeUndefined();
    expect(findCaseByName(db, 'P2')?.description).toBe('Patient');
  });

  it('keeps case names unique ignoring case and surrounding spaces', () => {
    const { lw01, lw02 } = people();
    expect(weftError(() => createCase(db, { name: ' lw01 ' })).code).toBe('duplicate');
    expect(weftError(() => renameCase(db, lw02, 'Lw01')).code).toBe('duplicate');
    expect(weftError(() => createCase(db, { name: '' })).code).toBe('invalid_name');
    expect(renameCase(db, lw01, 'lw01').name).toBe('lw01');
    expect(renameCase(db, lw02, ' LW-02 ').name).toBe('LW-02');
    expect(listCases(db).map((c) => c.name)).toEqual(['LW-02', 'lw01', 'P10']);
  });

  it('refuses a missing classification or case', () => {
    expect(weftError(() => createCase(db, { name: 'X', classificationId: 42 })).code).toBe(
      'not_found',
    );
    expect(weftError(() => renameCase(db, 42, 'Y')).code).toBe('not_found');
    expect(weftError(() => setCaseDescription(db, 42, 'Y')).code).toBe('not_found');
    expect(weftError(() => setCaseClassification(db, 42, null)).code).toBe('not_found');
    const c = createCase(db, { name: 'X' }).id;
    expect(weftError(() => setCaseClassification(db, c, 42)).code).toBe('not_found');
    expect(count('cases')).toBe(1);
  });

  it('describes a case', () => {
    const c = createCase(db, { name: 'Site 2' }).id;
    expect(setCaseDescription(db, c, '  Rural practice, two GPs. ').description).toBe(
      'Rural practice, two GPs.',
    );
  });

  it('moving a case to another classification drops the values that described it before', () => {
    const { age, role, lw01, lw02 } = people();
    const staff = createClassification(db, { name: 'Staff' }).id;
    setCaseValue(db, lw01, age, '34');
    setCaseValue(db, lw01, role, 'Link worker');
    setCaseValue(db, lw02, age, '41');
    const moved = setCaseClassification(db, lw01, staff);
    expect(moved.removedValues).toBe(2);
    expect(moved.case).toMatchObject({ classificationId: staff, classificationName: 'Staff' });
    expect(caseValues(db, lw01)).toEqual({});
    expect(caseValues(db, lw02)).toEqual({ [age]: 41 });
    expect(setCaseClassification(db, lw01, staff).removedValues).toBe(0);
    expect(setCaseClassification(db, lw01, null).case.classificationName).toBeNull();
  });

  it('deleting a case removes its values, links and passages but never the sources', () => {
    const { age, lw01, lw02 } = people();
    const s = insertSource(db, { name: 'Interview', text: 'We had no room at all.' });
    setCaseValue(db, lw01, age, 30);
    setCaseValue(db, lw02, age, 40);
    linkSourceToCase(db, s, lw01);
    addCasePassage(db, { caseId: lw01, sourceId: s, start: 0, end: 2 });
    addCasePassage(db, { caseId: lw02, sourceId: s, start: 3, end: 6 });
    expect(deleteCase(db, lw01)).toBe(true);
    expect(deleteCase(db, lw01)).toBe(false);
    expect(getCase(db, lw01)).toBeUndefined();
    expect(count('case_values')).toBe(1);
    expect(count('source_cases')).toBe(0);
    expect(passageMarksForSource(db, s).map((p) => p.caseId)).toEqual([lw02]);
    expect(getSource(db, s)?.text).toBe('We had no room at all.');
  });
});

describe('attributes', () => {
  it('creates attributes in order within their classification or the source scope', () => {
    const { person, age, role } = people();
    const consent = createAttribute(db, {
      scope: 'case',
      classificationId: person,
      name: ' Consented ',
      type: 'boolean',
    });
    expect(consent).toEqual({
      id: consent.id,
      guid: expect.stringMatching(GUID) as string,
      scope: 'case',
      classificationId: person,
      name: 'Consented',
      type: 'boolean',
      position: 2,
    });
    const round = createAttribute(db, { scope: 'source', name: 'Round', type: 'text' });
    expect(round).toMatchObject({ classificationId: null, position: 0 });
    expect(listAttributes(db, 'case', person).map((a) => a.id)).toEqual([age, role, consent.id]);
    expect(listAttributes(db, 'source').map((a) => a.name)).toEqual(['Round']);
    expect(listAttributes(db, 'case', null)).toEqual([]);
    expect(getAttribute(db, age)).toMatchObject({ name: 'Age', type: 'number', position: 0 });
  });

  it('keeps a name unique within its classification (ignoring case) but not across them', () => {
    const { person, role } = people();
    const site = createClassification(db, { name: 'Site' }).id;
    expect(
      weftError(() =>
        createAttribute(db, { scope: 'case', classificationId: person, name: 'age', type: 'text' }),
      ).code,
    ).toBe('duplicate');
    createAttribute(db, { scope: 'case', classificationId: site, name: 'Age', type: 'number' });
    createAttribute(db, { scope: 'source', name: 'AGE', type: 'number' });
    expect(
      weftError(() => createAttribute(db, { scope: 'source', name: 'Age', type: 'number' })).code,
    ).toBe('duplicate');
    expect(weftError(() => renameAttribute(db, role, 'AGE')).code).toBe('duplicate');
    expect(renameAttribute(db, role, ' Job role ').name).toBe('Job role');
    expect(getAttribute(db, role)?.name).toBe('Job role');
    expect(count('attributes')).toBe(4);
  });

  it('refuses an unknown type, a missing classification and an empty name', () => {
    const k = createClassification(db, { name: 'Person' }).id;
    const bad = {
      scope: 'case',
      classificationId: k,
      name: 'X',
      type: 'colour' as AttributeType,
    } as const;
    expect(weftError(() => createAttribute(db, bad)).code).toBe('invalid_type');
    expect(
      weftError(() => createAttribute(db, { ...bad, type: 'text', classificationId: 9 })).code,
    ).toBe('not_found');
    expect(weftError(() => createAttribute(db, { ...bad, type: 'text', name: ' ' })).code).toBe(
      'invalid_name',
    );
    expect(weftError(() => renameAttribute(db, 9, 'Y')).code).toBe('not_found');
    expect(count('attributes')).toBe(0);
  });

  it('deleting an attribute deletes its values only', () => {
    const { age, role, lw01 } = people();
    setCaseValue(db, lw01, age, 34);
    setCaseValue(db, lw01, role, 'GP');
    expect(deleteAttribute(db, age)).toBe(true);
    expect(deleteAttribute(db, age)).toBe(false);
    expect(caseValues(db, lw01)).toEqual({ [role]: 'GP' });
  });

  it('reorders a whole list, and refuses a partial or mixed one', () => {
    const { person, age, role } = people();
    const consent = createAttribute(db, {
      scope: 'case',
      classificationId: person,
      name: 'Consented',
      type: 'boolean',
    }).id;
    const round = createAttribute(db, { scope: 'source', name: 'Round', type: 'text' }).id;
    expect(reorderAttributes(db, [consent, age, role]).map((a) => a.id)).toEqual([
      consent,
      age,
      role,
    ]);
    expect(listAttributes(db, 'case', person).map((a) => a.position)).toEqual([0, 1, 2]);
    for (const ids of [
      [age, role],
      [age, role, role],
      [age, role, consent, round],
      [age, role, round],
    ]) {
      expect(weftError(() => reorderAttributes(db, ids)).code).toBe('invalid_order');
    }
    expect(listAttributes(db, 'case', person).map((a) => a.id)).toEqual([consent, age, role]);
    expect(reorderAttributes(db, [])).toEqual([]);
    // A new attribute goes after the reordered ones.
    const last = createAttribute(db, {
      scope: 'case',
      classificationId: person,
      name: 'Site',
      type: 'text',
    });
    expect(listAttributes(db, 'case', person).at(-1)?.id).toBe(last.id);
  });

  describe('changing type', () => {
    it('converts every value when all of them convert', () => {
      const { role, lw01, lw02, p10 } = people();
      setCaseValue(db, lw01, role, '42');
      setCaseValue(db, lw02, role, ' 3.5');
      expect(changeAttributeType(db, role, 'number')).toMatchObject({ type: 'number' });
      expect(getAttribute(db, role)?.type).toBe('number');
      expect(
        caseGrid(db, getCase(db, lw01)!.classificationId).rows.map((r) => r.values[role]),
      ).toEqual([42, 3.5, undefined]);
      expect(changeAttributeType(db, role, 'text').type).toBe('text');
      expect(caseValues(db, lw02)).toEqual({ [role]: '3.5' });
      expect(caseValues(db, p10)).toEqual({});
    });

    it('changes nothing when any value would not convert, and names the culprits', () => {
      const { role, lw01, lw02 } = people();
      setCaseValue(db, lw01, role, '42');
      setCaseValue(db, lw02, role, 'about forty');
      const e = weftError(() => changeAttributeType(db, role, 'number'));
      expect(e.code).toBe('invalid_value');
      expect(e.message).toContain('"Role"');
      expect(e.message).toContain('LW02: about forty');
      expect(e.message).not.toContain('LW01');
      expect(getAttribute(db, role)?.type).toBe('text');
      expect(caseValues(db, lw01)).toEqual({ [role]: '42' });
    });

    it('reads yes/no as Yes/No text and as 1/0 numbers, and converts back', () => {
      const { person, lw01, lw02 } = people();
      const a = createAttribute(db, {
        scope: 'case',
        classificationId: person,
        name: 'Consented',
        type: 'boolean',
      }).id;
      setCaseValue(db, lw01, a, 'y');
      setCaseValue(db, lw02, a, 'no');
      changeAttributeType(db, a, 'text');
      expect([caseValues(db, lw01)[a], caseValues(db, lw02)[a]]).toEqual(['Yes', 'No']);
      changeAttributeType(db, a, 'boolean');
      expect([caseValues(db, lw01)[a], caseValues(db, lw02)[a]]).toEqual([true, false]);
      changeAttributeType(db, a, 'number');
      expect([caseValues(db, lw01)[a], caseValues(db, lw02)[a]]).toEqual([1, 0]);
      changeAttributeType(db, a, 'boolean');
      expect(caseValues(db, lw01)[a]).toBe(true);
    });

    it('turns day-first text into dates, and refuses dates as numbers', () => {
      const round = createAttribute(db, { scope: 'source', name: 'Interviewed', type: 'text' }).id;
      const s = insertSource(db, { name: 'S', text: 'x' });
      setSourceValue(db, s, round, '21/04/2023');
      changeAttributeType(db, round, 'date');
      expect(sourceValues(db, s)).toEqual({ [round]: '2023-04-21' });
      const e = weftError(() => changeAttributeType(db, round, 'number'));
      expect(e.message).toContain('S: 2023-04-21');
      expect(changeAttributeType(db, round, 'date').type).toBe('date'); // same type: nothing to do
      expect(weftError(() => changeAttributeType(db, round, 'colour' as AttributeType)).code).toBe(
        'invalid_type',
      );
    });
  });
});

describe('values', () => {
  const cases: [AttributeType, RawValue, unknown][] = [
    ['number', '42', 42],
    ['number', '3.5', 3.5],
    ['number', ' 7 ', 7],
    ['number', '-2', -2],
    ['number', '+0.25', 0.25],
    ['number', '.5', 0.5],
    ['number', '1e3', 1000],
    ['number', 12.75, 12.75],
    ['number', '-0', 0],
    ['date', '2023-04-21', '2023-04-21'],
    ['date', ' 21/04/2023 ', '2023-04-21'],
    ['date', '1/2/2024', '2024-02-01'],
    ['date', '2024-2-9', '2024-02-09'],
    ['date', '29/02/2024', '2024-02-29'],
    ['date', '2023-04-21 00:00:00', '2023-04-21'],
    ['date', '2023-04-21T10:30', '2023-04-21'],
    ['boolean', 'true', true],
    ['boolean', 'FALSE', false],
    ['boolean', 'Yes', true],
    ['boolean', ' no ', false],
    ['boolean', 'Y', true],
    ['boolean', 'n', false],
    ['boolean', '1', true],
    ['boolean', '0', false],
    ['boolean', true, true],
    ['boolean', 0, false],
    ['text', '  Link worker  ', 'Link worker'],
    ['text', 'Café 😀', 'Café 😀'],
    ['text', 42, '42'],
  ];
  it.each(cases)('a %s attribute stores %j as %j', (type, raw, stored) => {
    expect(normaliseValue({ name: 'A', type }, raw)).toBe(stored);
  });

  const bad: [AttributeType, RawValue][] = [
    ['number', 'forty'],
    ['number', '3,5'],
    ['number', '12abc'],
    ['number', '0x10'],
    ['number', 'Infinity'],
    ['number', 'NaN'],
    ['number', '1e400'],
    ['number', Number.NaN],
    ['number', true],
    ['number', '1 000'],
    ['date', '31/02/2023'],
    ['date', '2023-02-29'],
    ['date', '2023-13-01'],
    ['date', '04/21/2023'],
    ['date', '21.04.2023'],
    ['date', '0023-01-01'],
    ['date', 'yesterday'],
    ['date', 20230421],
    ['boolean', 'maybe'],
    ['boolean', 'ja'],
    ['boolean', 2],
    ['boolean', '10'],
  ];
  it.each(bad)('a %s attribute refuses %j', (type, raw) => {
    const e = weftError(() => normaliseValue({ name: 'Age at interview', type }, raw));
    expect(e.code).toBe('invalid_value');
    expect(e.message).toContain('"Age at interview"');
    expect(e.message).toContain(typeof raw === 'string' ? `"${raw}"` : String(raw));
  });

  it.each(['text', 'number', 'date', 'boolean'] as const)(
    'a %s value is cleared by "", spaces or null',
    (type) => {
      for (const raw of ['', '   ', null])
        expect(normaliseValue({ name: 'A', type }, raw)).toBeNull();
    },
  );

  it('shortens a very long bad value in the message without splitting an emoji', () => {
    const e = weftError(() =>
      normaliseValue({ name: 'N', type: 'number' }, 'x'.repeat(59) + '😀'.repeat(10)),
    );
    expect(e.message).toContain(`"${'x'.repeat(59)}😀…"`);
  });

  it('stores each type as itself and reads it back', () => {
    const { person, age, role, lw01 } = people();
    const consent = createAttribute(db, {
      scope: 'case',
      classificationId: person,
      name: 'Consented',
      type: 'boolean',
    }).id;
    const seen = createAttribute(db, {
      scope: 'case',
      classificationId: person,
      name: 'Interviewed',
      type: 'date',
    }).id;
    expect(setCaseValue(db, lw01, age, ' 34 ')).toBe(34);
    expect(setCaseValue(db, lw01, role, ' Link worker ')).toBe('Link worker');
    expect(setCaseValue(db, lw01, consent, 'YES')).toBe(true);
    expect(setCaseValue(db, lw01, seen, '03/05/2023')).toBe('2023-05-03');
    expect(caseValues(db, lw01)).toEqual({
      [age]: 34,
      [role]: 'Link worker',
      [consent]: true,
      [seen]: '2023-05-03',
    });
    const types = db
      .prepare(
        'SELECT attribute_id AS a, typeof(value) AS t FROM case_values ORDER BY attribute_id',
      )
      .all();
    expect(types).toEqual([
      { a: age, t: 'real' },
      { a: role, t: 'text' },
      { a: consent, t: 'integer' },
      { a: seen, t: 'text' },
    ]);
  });

  it('replaces a value, clears it with "" or null, and keeps it when the input is bad', () => {
    const { age, lw01 } = people();
    setCaseValue(db, lw01, age, 34);
    setCaseValue(db, lw01, age, '35');
    expect(caseValues(db, lw01)).toEqual({ [age]: 35 });
    const e = weftError(() => setCaseValue(db, lw01, age, 'thirty'));
    expect(e.code).toBe('invalid_value');
    expect(e.message).toBe('LW01: "Age" needs a number, not "thirty".');
    expect(caseValues(db, lw01)).toEqual({ [age]: 35 });
    expect(setCaseValue(db, lw01, age, '')).toBeNull();
    expect(caseValues(db, lw01)).toEqual({});
    setCaseValue(db, lw01, age, 36);
    setCaseValue(db, lw01, age, null);
    expect(count('case_values')).toBe(0);
  });

  it('refuses a value for an attribute that does not describe the case or source', () => {
    const { age, lw01 } = people();
    const site = createClassification(db, { name: 'Site' }).id;
    const s1 = createCase(db, { name: 'Site 1', classificationId: site }).id;
    const loose = createCase(db, { name: 'Loose' }).id;
    const round = createAttribute(db, { scope: 'source', name: 'Round', type: 'text' }).id;
    const s = insertSource(db, { name: 'S', text: 'x' });
    expect(weftError(() => setCaseValue(db, s1, age, 50)).code).toBe('not_applicable');
    expect(weftError(() => setCaseValue(db, loose, age, 50)).message).toContain('unclassified');
    expect(weftError(() => setCaseValue(db, lw01, round, 'first')).code).toBe('not_applicable');
    expect(weftError(() => setSourceValue(db, s, age, 50)).code).toBe('not_applicable');
    expect(weftError(() => setCaseValue(db, 99, age, 50)).code).toBe('not_found');
    expect(weftError(() => setCaseValue(db, lw01, 99, 50)).code).toBe('not_found');
    expect(weftError(() => setSourceValue(db, 99, round, 'x')).code).toBe('not_found');
    expect(count('case_values') + count('source_values')).toBe(0);
  });

  it('applies a grid’s edits together, or none of them if one is bad', () => {
    const { age, role, lw01, lw02 } = people();
    const round = createAttribute(db, { scope: 'source', name: 'Round', type: 'text' }).id;
    const s = insertSource(db, { name: 'S', text: 'x' });
    expect(
      setValues(db, [
        { caseId: lw01, attributeId: age, value: '34' },
        { caseId: lw02, attributeId: role, value: 'GP' },
        { sourceId: s, attributeId: round, value: ' first ' },
      ]),
    ).toEqual([34, 'GP', 'first']);
    const e = weftError(() =>
      setValues(db, [
        { caseId: lw01, attributeId: age, value: '' },
        { sourceId: s, attributeId: round, value: 'second' },
        { caseId: lw02, attributeId: age, value: 'old' },
      ]),
    );
    expect(e.message).toBe('LW02: "Age" needs a number, not "old".');
    expect(caseValues(db, lw01)).toEqual({ [age]: 34 });
    expect(sourceValues(db, s)).toEqual({ [round]: 'first' });
    // Inside the caller's transaction the failed batch is undone and the rest of it stands.
    db.transaction(() => {
      setCaseValue(db, lw02, age, 41);
      expect(() => setValues(db, [{ caseId: lw01, attributeId: age, value: 'x' }])).toThrow(
        WeftError,
      );
    })();
    expect(caseValues(db, lw02)).toEqual({ [age]: 41, [role]: 'GP' });
  });
});

describe('grids', () => {
  it('returns a classification’s attributes in order and each case’s values', () => {
    const { person, age, role, lw01, lw02, p10 } = people();
    createCase(db, { name: 'Loose' });
    const site = createClassification(db, { name: 'Site' }).id;
    createCase(db, { name: 'Site 1', classificationId: site });
    reorderAttributes(db, [role, age]);
    setValues(db, [
      { caseId: lw01, attributeId: age, value: 34 },
      { caseId: lw01, attributeId: role, value: 'Link worker' },
      { caseId: p10, attributeId: age, value: '61' },
    ]);
    const grid = caseGrid(db, person);
    expect(grid.attributes.map((a) => a.name)).toEqual(['Role', 'Age']);
    expect(grid.rows.map((r) => [r.case.id, r.values])).toEqual([
      [lw01, { [age]: 34, [role]: 'Link worker' }],
      [lw02, {}],
      [p10, { [age]: 61 }],
    ]);
    expect(grid.rows[0]?.case).toMatchObject({ name: 'LW01', classificationName: 'Person' });
    expect(caseGrid(db, null)).toEqual({
      attributes: [],
      rows: [{ case: expect.objectContaining({ name: 'Loose' }) as unknown, values: {} }],
    });
    expect(weftError(() => caseGrid(db, 99)).code).toBe('not_found');
  });

  it('returns every source with its folder, description and values, by folder then name', () => {
    const round = createAttribute(db, { scope: 'source', name: 'Round', type: 'text' }).id;
    const held = createAttribute(db, { scope: 'source', name: 'Held on', type: 'date' }).id;
    const a = insertSource(db, { name: 'LW10 first', kind: 'interview', text: 'x' });
    const b = insertSource(db, { name: 'LW2 first', kind: 'interview', text: 'x' });
    const c = insertSource(db, { name: 'Debrief 1', kind: 'fieldnote', text: 'x' });
    setSourceMeta(db, a, { folder: 'Interviews', description: 'Long one' });
    setSourceMeta(db, b, { folder: 'interviews/' });
    setSourceValue(db, a, round, 'first');
    setSourceValue(db, a, held, '05/06/2023');
    const grid = sourceGrid(db);
    expect(grid.attributes.map((x) => x.id)).toEqual([round, held]);
    expect(grid.rows.map((r) => [r.source.name, r.source.folder, r.values])).toEqual([
      ['Debrief 1', '', {}],
      ['LW2 first', 'interviews', {}],
      ['LW10 first', 'Interviews', { [round]: 'first', [held]: '2023-06-05' }],
    ]);
    expect(grid.rows[2]?.source).toEqual({
      id: a,
      guid: expect.stringMatching(GUID) as string,
      name: 'LW10 first',
      kind: 'interview',
      folder: 'Interviews',
      description: 'Long one',
    });
    expect(grid.rows[0]?.source.id).toBe(c);
  });
});

describe('source metadata', () => {
  it.each([
    ['Interviews', 'Interviews'],
    [' Interviews / Site 1 /', 'Interviews/Site 1'],
    ['Interviews\\Site 1\\\\Round 2', 'Interviews/Site 1/Round 2'],
    ['/', ''],
    ['', ''],
  ])('folder %j is stored as %j', (input, folder) => {
    expect(normaliseFolder(input)).toBe(folder);
  });

  it('sets a folder and description separately, and refuses a missing source', () => {
    const s = insertSource(db, { name: 'Leaflet', text: 'x' });
    setSourceMeta(db, s, { folder: 'Documents / Site 3' });
    expect(setSourceMeta(db, s, { description: '  Collected at reception. ' })).toMatchObject({
      folder: 'Documents/Site 3',
      description: 'Collected at reception.',
    });
    expect(getSourceMeta(db, s)).toMatchObject({
      folder: 'Documents/Site 3',
      description: 'Collected at reception.',
    });
    expect(listSources(db)[0]?.name).toBe('Leaflet'); // v1 listing unaffected by the new columns
    expect(weftError(() => setSourceMeta(db, 99, { folder: 'x' })).code).toBe('not_found');
    expect(getSourceMeta(db, 99)).toBeUndefined();
  });
});

describe('sources and passages of cases', () => {
  it('links whole sources to cases once, and unlinks them', () => {
    const { lw01, lw02 } = people();
    const s = insertSource(db, { name: 'Site1_LW01', text: 'x' });
    const t = insertSource(db, { name: 'Focus group', text: 'y' });
    expect(linkSourceToCase(db, s, lw01)).toBe(true);
    expect(linkSourceToCase(db, s, lw01)).toBe(false);
    linkSourceToCase(db, t, lw01);
    linkSourceToCase(db, t, lw02);
    expect(getCase(db, lw01)?.sources).toBe(2);
    expect(listCases(db).map((c) => c.sources)).toEqual([2, 1, 0]);
    expect(unlinkSourceFromCase(db, t, lw01)).toBe(true);
    expect(unlinkSourceFromCase(db, t, lw01)).toBe(false);
    expect(casesOfSource(db, t).map((c) => c.name)).toEqual(['LW02']);
    expect(weftError(() => linkSourceToCase(db, 99, lw01)).code).toBe('not_found');
    expect(weftError(() => linkSourceToCase(db, s, 99)).code).toBe('not_found');
  });

  it('adds passages by UTF-16 offsets, with their text, once per range', () => {
    const { lw01, lw02 } = people();
    const text = '😀😀 LW01: I had no room. 👩🏽‍⚕️ LW02: Nor me.';
    const s = insertSource(db, { name: 'Focus group', text });
    const mine = 'I had no room. 👩🏽‍⚕️';
    const start = text.indexOf(mine);
    expect(start).toBe(11); // two emoji = 4 units
    const p = addCasePassage(db, { caseId: lw01, sourceId: s, start, end: start + mine.length });
    expect(p).toEqual({
      id: p.id,
      guid: expect.stringMatching(GUID) as string,
      caseId: lw01,
      sourceId: s,
      sourceName: 'Focus group',
      start,
      end: start + mine.length,
      text: mine,
      createdAt: expect.any(String) as string,
    });
    expect(
      addCasePassage(db, { caseId: lw01, sourceId: s, start, end: start + mine.length }).id,
    ).toBe(p.id);
    const nor = addCasePassage(db, {
      caseId: lw02,
      sourceId: s,
      start: text.indexOf('Nor'),
      end: text.length,
    });
    expect(nor.text).toBe('Nor me.');
    expect(getCase(db, lw01)?.passages).toBe(1);
    expect(passageMarksForSource(db, s)).toEqual([
      { id: p.id, caseId: lw01, caseName: 'LW01', start, end: start + mine.length },
      { id: nor.id, caseId: lw02, caseName: 'LW02', start: nor.start, end: text.length },
    ]);
  });

  it('refuses passages outside the text, empty, backwards or splitting a character', () => {
    const { lw01 } = people();
    const s = insertSource(db, { name: 'S', text: 'ab😀cd' });
    const at = (start: number, end: number) => () =>
      addCasePassage(db, { caseId: lw01, sourceId: s, start, end });
    expect(weftError(at(0, 7)).code).toBe('out_of_range');
    expect(weftError(at(3, 3)).code).toBe('out_of_range');
    expect(weftError(at(4, 2)).code).toBe('out_of_range');
    expect(weftError(at(-1, 2)).code).toBe('out_of_range');
    expect(weftError(at(0.5, 2)).code).toBe('out_of_range');
    expect(weftError(at(3, 5)).code).toBe('bad_offset');
    expect(weftError(at(0, 3)).code).toBe('bad_offset');
    expect(
      weftError(() => addCasePassage(db, { caseId: 99, sourceId: s, start: 0, end: 1 })).code,
    ).toBe('not_found');
    expect(
      weftError(() => addCasePassage(db, { caseId: lw01, sourceId: 99, start: 0, end: 1 })).code,
    ).toBe('not_found');
    expect(addCasePassage(db, { caseId: lw01, sourceId: s, start: 2, end: 4 }).text).toBe('😀');
    expect(() =>
      db
        .prepare(
          "INSERT INTO case_passages (guid, case_id, source_id, start, end, created_at) VALUES ('g', ?, ?, 2, 2, 'x')",
        )
        .run(lw01, s),
    ).toThrow(/CHECK/);
    expect(count('case_passages')).toBe(1);
  });

  it('holds one passage per range per case, while other cases may share the range', () => {
    const { lw01, lw02 } = people();
    const s = insertSource(db, { name: 'S', text: 'abcdefgh' });
    const a = addCasePassage(db, { caseId: lw01, sourceId: s, start: 2, end: 5 });
    const b = addCasePassage(db, { caseId: lw02, sourceId: s, start: 2, end: 5 });
    expect(b.id).not.toBe(a.id);
    expect(() =>
      db
        .prepare(
          "INSERT INTO case_passages (guid, case_id, source_id, start, end, created_at) VALUES ('g', ?, ?, 2, 5, 'x')",
        )
        .run(lw01, s),
    ).toThrow(/UNIQUE/);
    expect(count('case_passages')).toBe(2);
  });

  it('lists a case’s passages by source name then position, and removes one', () => {
    const { lw01 } = people();
    const zed = insertSource(db, { name: 'zed', text: 'zed one two' });
    const alpha = insertSource(db, { name: 'Alpha', text: 'alpha one two' });
    const a2 = addCasePassage(db, { caseId: lw01, sourceId: alpha, start: 6, end: 9 }).id;
    addCasePassage(db, { caseId: lw01, sourceId: zed, start: 0, end: 3 });
    addCasePassage(db, { caseId: lw01, sourceId: alpha, start: 0, end: 5 });
    expect(listCasePassages(db, lw01).map((p) => p.text)).toEqual(['alpha', 'one', 'zed']);
    expect(removeCasePassage(db, a2)).toBe(true);
    expect(removeCasePassage(db, a2)).toBe(false);
    expect(listCasePassages(db, lw01).map((p) => p.text)).toEqual(['alpha', 'zed']);
  });

  it('tells which cases a source belongs to, and which sources a case draws on', () => {
    const { lw01, lw02, p10 } = people();
    const site = createClassification(db, { name: 'Site' }).id;
    const s1 = createCase(db, { name: 'Site 1', classificationId: site }).id;
    const fg = insertSource(db, { name: 'Focus group', text: 'one two three four' });
    const other = insertSource(db, { name: 'Other', text: 'x' });
    linkSourceToCase(db, fg, s1);
    addCasePassage(db, { caseId: lw01, sourceId: fg, start: 0, end: 3 });
    addCasePassage(db, { caseId: lw01, sourceId: fg, start: 4, end: 7 });
    addCasePassage(db, { caseId: lw02, sourceId: fg, start: 8, end: 13 });
    linkSourceToCase(db, fg, lw02);
    linkSourceToCase(db, other, p10);
    expect(
      casesOfSource(db, fg).map((c) => [c.name, c.classificationName, c.whole, c.passages]),
    ).toEqual([
      ['LW01', 'Person', false, 2],
      ['LW02', 'Person', true, 1],
      ['Site 1', 'Site', true, 0],
    ]);
    expect(casesOfSource(db, 99)).toEqual([]);
    linkSourceToCase(db, other, lw01);
    expect(sourcesOfCase(db, lw01).map((s) => [s.name, s.whole, s.passages])).toEqual([
      ['Focus group', false, 2],
      ['Other', true, 0],
    ]);
  });

  it('deleting a source removes its values, case links and passages, and nothing else', () => {
    const { lw01 } = people();
    const round = createAttribute(db, { scope: 'source', name: 'Round', type: 'text' }).id;
    const s = insertSource(db, { name: 'Gone', text: 'some words here' });
    const kept = insertSource(db, { name: 'Kept', text: 'more words' });
    setSourceValue(db, s, round, 'first');
    setSourceValue(db, kept, round, 'second');
    linkSourceToCase(db, s, lw01);
    linkSourceToCase(db, kept, lw01);
    addCasePassage(db, { caseId: lw01, sourceId: s, start: 0, end: 4 });
    addCasePassage(db, { caseId: lw01, sourceId: kept, start: 0, end: 4 });
    expect(deleteSource(db, s)).toBe(true);
    expect(count('source_values')).toBe(1);
    expect(sourceValues(db, kept)).toEqual({ [round]: 'second' });
    expect(getCase(db, lw01)).toMatchObject({ sources: 1, passages: 1 });
    expect(listCasePassages(db, lw01).map((p) => p.sourceName)).toEqual(['Kept']);
    expect(getAttribute(db, round)).toBeDefined();
  });
});
