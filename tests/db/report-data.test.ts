// The rows behind the codebook and excerpt reports: tree order, counts, filters, cases and
// code-point offsets, checked against the existing queries on a small study and on the demo.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WeftError } from '../../db/errors.js';
import { openProject, type Db } from '../../db/open.js';
import {
  caseValues,
  createAttribute,
  createCase,
  createClassification,
  getCase,
  linkSourceToCase,
  listAttributes,
  listClassifications,
  setValues,
} from '../../db/queries/cases.js';
import { insertCode, listCodes } from '../../db/queries/codes.js';
import { insertCoding } from '../../db/queries/codings.js';
import { casesOfSpans, listExcerpts, setAttributionTemplate } from '../../db/queries/excerpts.js';
import {
  codebookRows,
  excerptReportData,
  pathText,
  type ExcerptFilter,
} from '../../db/queries/report-data.js';
import { insertSource, sourceText } from '../../db/queries/sources.js';
import { ensureUser, listUsers } from '../../db/queries/users.js';
import { buildDemoProject } from '../../electron/api/demo.js';
import { appRoot, tempDir } from '../helpers.js';

/** Code points before a UTF-16 offset, counted the slow, obvious way. */
const points = (text: string, unit: number) => Array.from(text.slice(0, unit)).length;

describe('pathText', () => {
  it('joins names with / and escapes a / or \\ inside a name so the path splits back', () => {
    expect(pathText(['Belonging', 'Supervision'])).toBe('Belonging/Supervision');
    expect(pathText(['Space', 'GP/nurse rooms'])).toBe('Space/GP\\/nurse rooms');
    expect(pathText(['a\\b'])).toBe('a\\\\b');
    const names = ['x/y', 'z\\', 'w'];
    // Split as a reader of the file would: a backslash takes the next character literally.
    const split: string[] = [];
    let name = '';
    const text = pathText(names);
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\\') name += text[++i];
      else if (text[i] === '/') {
        split.push(name);
        name = '';
      } else name += text[i];
    }
    split.push(name);
    expect(split).toEqual(names);
  });
});

describe('report data on a small study', () => {
  let dir: string;
  let db: Db;
  const TEXT_A =
    'Interviewer: Where do you meet?\nLW02: In the café 😀 by the surgery. ' +
    'مرحبا بكم في العيادة and then the GP came.\n';
  const TEXT_B = 'P05 waited an hour 🙂🙂 before the volunteer left.';
  let ids: {
    access: number;
    space: number;
    rooms: number;
    formula: number;
    a: number;
    b: number;
    rosa: number;
    sam: number;
    role: number;
    age: number;
    round: number;
    lw02: number;
    p05: number;
  };

  function code(sourceId: number, text: string, codeId: number, quote: string, coderId: number) {
    const start = text.indexOf(quote);
    expect(start).toBeGreaterThanOrEqual(0);
    return insertCoding(db, { sourceId, codeId, start, end: start + quote.length, coderId });
  }

  beforeEach(() => {
    dir = tempDir('weft-report-data-');
    db = openProject(path.join(dir, 'r.weft'), { create: true, name: 'Small study' });
    const rosa = ensureUser(db, 'Rosa Lind').id;
    const sam = ensureUser(db, 'Sam Okafor').id;
    const access = insertCode(db, { name: 'Access', description: 'Getting to a link worker.' });
    const space = insertCode(db, { name: 'Space/rooms', parentId: access });
    const rooms = insertCode(db, { name: 'Borrowed rooms', parentId: space });
    const formula = insertCode(db, { name: '=HYPERLINK("x")' });
    const a = insertSource(db, { name: 'Site2_LW02', kind: 'interview', text: TEXT_A });
    const b = insertSource(db, { name: 'Site2_fieldnotes', kind: 'fieldnote', text: TEXT_B });
    const person = createClassification(db, { name: 'Person' });
    const role = createAttribute(db, {
      scope: 'case',
      classificationId: person.id,
      name: 'Role',
      type: 'text',
    }).id;
    const age = createAttribute(db, {
      scope: 'case',
      classificationId: person.id,
      name: 'Age',
      type: 'number',
    }).id;
    const round = createAttribute(db, { scope: 'source', name: 'Round', type: 'text' }).id;
    const lw02 = createCase(db, { name: 'LW02', classificationId: person.id }).id;
    const p05 = createCase(db, { name: 'P05', classificationId: person.id }).id;
    linkSourceToCase(db, a, lw02);
    linkSourceToCase(db, b, p05);
    setValues(db, [
      { caseId: lw02, attributeId: role, value: 'Link worker' },
      { caseId: lw02, attributeId: age, value: 34 },
      { caseId: p05, attributeId: role, value: 'Patient' },
      { sourceId: a, attributeId: round, value: 'first' },
    ]);
    setAttributionTemplate(db, '({case}, {role})');
    code(a, TEXT_A, access, 'Where do you meet?', rosa);
    code(a, TEXT_A, space, 'café 😀 by the surgery', sam);
    code(a, TEXT_A, rooms, 'مرحبا بكم في العيادة', rosa);
    code(b, TEXT_B, rooms, 'waited an hour 🙂🙂', sam);
    code(b, TEXT_B, formula, 'the volunteer left', rosa);
    ids = { access, space, rooms, formula, a, b, rosa, sam, role, age, round, lw02, p05 };
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the codebook in tree order with paths, depths and the counts listCodes gives', () => {
    const rows = codebookRows(db);
    expect(rows.map((r) => r.path)).toEqual([
      ['Access'],
      ['Access', 'Space/rooms'],
      ['Access', 'Space/rooms', 'Borrowed rooms'],
      ['=HYPERLINK("x")'],
    ]);
    expect(rows.map((r) => r.depth)).toEqual([0, 1, 2, 0]);
    expect(rows.map((r) => r.hasChildren)).toEqual([true, true, false, false]);
    const counts = listCodes(db).map((c) => [c.codings, c.sources, c.totalCodings, c.totalSources]);
    expect(rows.map((r) => [r.codings, r.sources, r.totalCodings, r.totalSources])).toEqual(counts);
    expect(rows[0]!.totalCodings).toBe(4);
    expect(rows[0]!.description).toBe('Getting to a link worker.');
  });

  it('gives every coding once, grouped by code in codebook order, as listExcerpts reads it', () => {
    const data = excerptReportData(db, {});
    expect(data.groups.map((g) => g.codeId)).toEqual([
      ids.access,
      ids.space,
      ids.rooms,
      ids.formula,
    ]);
    expect(data.total).toBe(5);
    for (const g of data.groups) {
      const expected = listExcerpts(db, { codeIds: [g.codeId], context: 0 });
      expect(g.rows.map((r) => [r.codingId, r.text, r.attribution, r.sourceName, r.coder])).toEqual(
        expected.map((e) => [e.codingId, e.text, e.attribution, e.sourceName, e.coder]),
      );
    }
    const rooms = data.groups.find((g) => g.codeId === ids.rooms)!;
    expect(rooms.codePath).toEqual(['Access', 'Space/rooms', 'Borrowed rooms']);
    expect(rooms.rows.map((r) => r.cases)).toEqual([['P05'], ['LW02']]);
  });

  it('gives offsets in code points, so emoji before a passage count once', () => {
    const all = excerptReportData(db, {}).groups.flatMap((g) => g.rows);
    const byId = new Map(
      listExcerpts(db, { codeIds: [ids.access, ids.space, ids.rooms, ids.formula] }).map((e) => [
        e.codingId,
        e,
      ]),
    );
    let shifted = 0;
    for (const r of all) {
      const e = byId.get(r.codingId)!;
      const text = sourceText(db, e.sourceId)!;
      expect([r.start, r.end]).toEqual([points(text, e.start), points(text, e.end)]);
      // The words are the same counted either way.
      expect(Array.from(text).slice(r.start, r.end).join('')).toBe(r.text);
      if (r.start !== e.start) shifted++;
    }
    expect(shifted).toBeGreaterThan(0);
  });

  it('filters by code, with or without the codes below it', () => {
    const own = excerptReportData(db, { codeIds: [ids.space] });
    expect(own.groups.map((g) => g.codeId)).toEqual([ids.space]);
    expect(own.filter).toMatchObject({ codes: ['Space/rooms'], includeChildren: false });
    const withKids = excerptReportData(db, { codeIds: [ids.space], includeChildren: true });
    expect(withKids.groups.map((g) => g.codeId)).toEqual([ids.space, ids.rooms]);
    expect(withKids.total).toBe(3);
    expect(withKids.filter.includeChildren).toBe(true);
  });

  it('filters by source and by coder', () => {
    const b = excerptReportData(db, { sourceIds: [ids.b] });
    expect(b.total).toBe(2);
    expect(b.groups.flatMap((g) => g.rows.map((r) => r.sourceName))).toEqual([
      'Site2_fieldnotes',
      'Site2_fieldnotes',
    ]);
    expect(b.filter.sources).toEqual(['Site2_fieldnotes']);
    const sam = excerptReportData(db, { coderIds: [ids.sam] });
    expect(sam.groups.flatMap((g) => g.rows.map((r) => r.coder))).toEqual([
      'Sam Okafor',
      'Sam Okafor',
    ]);
    expect(sam.filter.coders).toEqual(['Sam Okafor']);
  });

  it('filters by a case attribute, reading values as a user types them', () => {
    const patient = excerptReportData(db, {
      attribute: { attributeId: ids.role, values: ['Patient'] },
    });
    expect(patient.total).toBe(2);
    expect(patient.groups.flatMap((g) => g.rows.flatMap((r) => r.cases))).toEqual(['P05', 'P05']);
    expect(patient.filter.attribute).toEqual({ name: 'Role', values: ['Patient'] });
    // "34.0" is the number 34; P05 has no age, so '' (no value) picks P05's codings.
    const aged = excerptReportData(db, { attribute: { attributeId: ids.age, values: ['34.0'] } });
    expect(aged.total).toBe(3);
    const noAge = excerptReportData(db, { attribute: { attributeId: ids.age, values: [''] } });
    expect(noAge.groups.flatMap((g) => g.rows.flatMap((r) => r.cases))).toEqual(['P05', 'P05']);
    expect(noAge.filter.attribute?.values).toEqual(['(no value)']);
    // A source no case claims has no Age either.
    const loose = insertSource(db, { name: 'Leaflet', kind: 'document', text: 'Drop-in at noon.' });
    code(loose, 'Drop-in at noon.', ids.access, 'Drop-in', ids.rosa);
    const still = excerptReportData(db, { attribute: { attributeId: ids.age, values: [''] } });
    expect(still.groups.flatMap((g) => g.rows.map((r) => r.sourceName)).sort()).toEqual([
      'Leaflet',
      'Site2_fieldnotes',
      'Site2_fieldnotes',
    ]);
    expect(
      excerptReportData(db, { attribute: { attributeId: ids.age, values: ['34'] } }).total,
    ).toBe(3);
  });

  it('filters by a source attribute', () => {
    const first = excerptReportData(db, {
      attribute: { attributeId: ids.round, values: ['first'] },
    });
    expect(new Set(first.groups.flatMap((g) => g.rows.map((r) => r.sourceId)))).toEqual(
      new Set([ids.a]),
    );
    expect(first.total).toBe(3);
  });

  it('combines filters, and an empty match is an empty report, not an error', () => {
    const none = excerptReportData(db, {
      codeIds: [ids.formula],
      coderIds: [ids.sam],
    });
    expect(none).toMatchObject({ total: 0, groups: [] });
  });

  it.each<[string, ExcerptFilter, string, RegExp]>([
    ['an unknown code', { codeIds: [9999] }, 'not_found', /code that does not exist \(id 9999\)/],
    ['an unknown source', { sourceIds: [424242] }, 'not_found', /source .*id 424242/],
    ['an unknown coder', { coderIds: [77] }, 'not_found', /coder .*id 77/],
    [
      'an unknown attribute',
      { attribute: { attributeId: 555, values: ['x'] } },
      'not_found',
      /attribute .*id 555/,
    ],
    ['an empty code list', { codeIds: [] }, 'invalid_filter', /at least one code/],
    ['a fractional id', { sourceIds: [1.5] }, 'invalid_filter', /1\.5 is not a valid source id/],
    [
      'a text id',
      { coderIds: ['1'] as unknown as number[] },
      'invalid_filter',
      /"1" is not a valid/,
    ],
  ])('refuses %s with a clear error', (_, filter, code, message) => {
    const before = db.prepare('SELECT total_changes()').pluck().get();
    const err = (() => {
      try {
        excerptReportData(db, filter);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(WeftError);
    expect((err as WeftError).code).toBe(code);
    expect((err as WeftError).message).toMatch(message);
    expect(db.prepare('SELECT total_changes()').pluck().get()).toBe(before);
  });

  it('refuses attribute values of the wrong type or none at all, naming the attribute', () => {
    expect(() =>
      excerptReportData(db, { attribute: { attributeId: ids.age, values: ['old'] } }),
    ).toThrow(/"Age" needs a number/);
    expect(() =>
      excerptReportData(db, { attribute: { attributeId: ids.age, values: [] } }),
    ).toThrow(/at least one value of “Age”/);
  });
});

describe('report data on the demo study', () => {
  let dir: string;
  let db: Db;
  beforeAll(() => {
    dir = tempDir('weft-report-demo-');
    const file = path.join(dir, 'demo.weft');
    buildDemoProject(file, path.join(appRoot, 'fixtures', 'demo'));
    db = openProject(file);
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports every coding exactly once, with the attribution listExcerpts gives', () => {
    const data = excerptReportData(db, {});
    const codings = db.prepare('SELECT count(*) FROM codings').pluck().get() as number;
    expect(codings).toBeGreaterThan(100);
    expect(data.total).toBe(codings);
    const rows = data.groups.flatMap((g) => g.rows);
    expect(new Set(rows.map((r) => r.codingId)).size).toBe(codings);
    const codes = listCodes(db);
    const expected = codes.flatMap((c) =>
      listExcerpts(db, { codeIds: [c.id] }).map((e) => [e.codingId, e.attribution]),
    );
    expect(rows.map((r) => [r.codingId, r.attribution])).toEqual(expected);
    expect(rows.every((r) => r.attribution.startsWith('(Site '))).toBe(true);
  });

  it('keeps exactly the codings whose cases have the chosen Role', () => {
    const person = listClassifications(db).find((c) => c.name === 'Person')!;
    const role = listAttributes(db, 'case', person.id).find((a) => a.name === 'Role')!;
    const data = excerptReportData(db, { attribute: { attributeId: role.id, values: ['GP'] } });
    const all = excerptReportData(db, {}).groups.flatMap((g) => g.rows);
    const spans = listExcerpts(db, { codeIds: listCodes(db).map((c) => c.id), context: 0 });
    const caseIds = casesOfSpans(db, spans);
    const isGp = (caseId: number) =>
      getCase(db, caseId)?.classificationId === person.id &&
      caseValues(db, caseId)[role.id] === 'GP';
    const expected = new Set(spans.filter((_, i) => caseIds[i]!.some(isGp)).map((e) => e.codingId));
    expect(expected.size).toBeGreaterThan(0);
    expect(expected.size).toBeLessThan(all.length);
    expect(new Set(data.groups.flatMap((g) => g.rows.map((r) => r.codingId)))).toEqual(expected);
  });

  it('filters the demo by coder', () => {
    const [first] = listUsers(db);
    const data = excerptReportData(db, { coderIds: [first!.id] });
    const rows = data.groups.flatMap((g) => g.rows);
    const expected = db
      .prepare('SELECT count(*) FROM codings WHERE coder_id = ?')
      .pluck()
      .get(first!.id) as number;
    expect(rows.length).toBe(expected);
    expect(rows.every((r) => r.coder === first!.name)).toBe(true);
  });
});
