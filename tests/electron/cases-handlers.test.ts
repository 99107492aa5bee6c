// Cases, classifications, typed attributes, participant tables and links from file names,
// driven through the real dispatch (validation, handlers, SQLite) as the transports drive them.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AttributeValue,
  CategorySummary,
  NumberSummary,
  ValueMap,
} from '../../db/cases-types.js';
import type { ImportResult, Startup, Stats } from '../../electron/api/contract.js';
import type {
  Attribute,
  AttributeImportResult,
  Case,
  CaseGrid,
  CaseOfSource,
  CasePassage,
  Classification,
  ExportedFile,
  LinkSuggestion,
  PassageMark,
  SourceGrid,
  SummaryTable,
} from '../../electron/api/contract-cases.js';
import { closeSession } from '../../electron/api/handlers/project.js';
import { tempDir, testCtx, type TestCtx, errorOf } from '../helpers.js';

const TEXT =
  'Interviewer: Where do you see patients?\n\nP01: In a cupboard 😀, honestly. Next to the sharps bin.';
const CASES_CHANGED = { event: 'project.changed', payload: { what: 'cases' } };

let dir: string;
let ctxs: TestCtx[];

beforeEach(() => {
  dir = tempDir('weft-cases-');
  ctxs = [];
});

afterEach(() => {
  for (const c of ctxs) closeSession(c);
  fs.rmSync(dir, { recursive: true, force: true });
});

function newCtx(): TestCtx {
  const c = testCtx(dir);
  ctxs.push(c);
  return c;
}

async function asyncOk<T>(ctx: TestCtx, method: string, input: unknown): Promise<T> {
  const r = await ctx.callAsync(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function asyncError(
  ctx: TestCtx,
  method: string,
  input: unknown,
): Promise<{ code: string; message: string }> {
  const r = await ctx.callAsync(method, input);
  if (r.ok) throw new Error(`${method} unexpectedly succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}

interface Study {
  sourceId: number;
  person: Classification;
  role: Attribute;
  age: Attribute;
  joined: Attribute;
  consent: Attribute;
  studyId: Attribute;
  round: Attribute;
  p01: Case;
  p2: Case;
  p10: Case;
}

/**
 * A project with one interview, a Person classification with an attribute of each type, three
 * cases (created out of natural order) with some values, and a source attribute. Events are
 * cleared so each test sees only its own.
 */
function study(ctx: TestCtx): Study {
  ctx.ok('project.create', { path: path.join(dir, 'Study') });
  const sourceId = ctx.ok<ImportResult>('sources.import', {
    files: [{ name: 'Interview.txt', content: TEXT }],
  }).imported[0]!.id;
  const person = ctx.ok<Classification>('classifications.create', {
    name: 'Person',
    description: 'Participants',
  });
  const attr = (name: string, type: string) =>
    ctx.ok<Attribute>('attributes.create', {
      scope: 'case',
      classificationId: person.id,
      name,
      type,
    });
  const role = attr('Role', 'text');
  const age = attr('Age', 'number');
  const joined = attr('Joined', 'date');
  const consent = attr('Consent', 'boolean');
  const studyId = attr('Study ID', 'text');
  const round = ctx.ok<Attribute>('attributes.create', {
    scope: 'source',
    name: 'Round',
    type: 'text',
  });
  const newCase = (name: string) =>
    ctx.ok<Case>('cases.create', { name, classificationId: person.id });
  const p10 = newCase('P10');
  const p2 = newCase('P2');
  const p01 = newCase('P01');
  ctx.ok('values.set', {
    edits: [
      { caseId: p01.id, attributeId: role.id, value: 'Patient, retired' },
      { caseId: p01.id, attributeId: age.id, value: 72 },
      { caseId: p01.id, attributeId: joined.id, value: '2023-04-21' },
      { caseId: p01.id, attributeId: consent.id, value: true },
      { caseId: p01.id, attributeId: studyId.id, value: '007' },
      { caseId: p2.id, attributeId: role.id, value: 'Nurse' },
      { caseId: p2.id, attributeId: age.id, value: 24 },
      { caseId: p2.id, attributeId: consent.id, value: false },
      { caseId: p2.id, attributeId: studyId.id, value: '012' },
      { caseId: p10.id, attributeId: role.id, value: 'GP' },
      { sourceId, attributeId: round.id, value: 'first' },
    ],
  });
  ctx.events.length = 0;
  return { sourceId, person, role, age, joined, consent, studyId, round, p01, p2, p10 };
}

/** What a user can see of the project's cases side. */
function visible(ctx: TestCtx) {
  const classifications = ctx.ok<Classification[]>('classifications.list');
  return {
    stats: ctx.ok<Stats>('project.stats'),
    classifications,
    cases: ctx.ok<Case[]>('cases.list', {}),
    grids: [null, ...classifications.map((c) => c.id)].map((id) =>
      ctx.ok<CaseGrid>('grid.cases', { classificationId: id }),
    ),
    sourceGrid: ctx.ok<SourceGrid>('grid.sources'),
    sourceAttributes: ctx.ok<Attribute[]>('attributes.list', { scope: 'source' }),
    casesOfSource: ctx.ok<CaseOfSource[]>('cases.ofSource', { sourceId: 1 }),
    marks: ctx.ok<PassageMark[]>('cases.passageMarks', { sourceId: 1 }),
  };
}

/** A grid's values as a reader sees them: case name -> attribute name -> value. */
function byName(grid: CaseGrid): Record<string, Record<string, AttributeValue>> {
  const out: Record<string, Record<string, AttributeValue>> = {};
  for (const row of grid.rows) {
    const values: Record<string, AttributeValue> = {};
    for (const a of grid.attributes) {
      const v = row.values[a.id];
      if (v !== undefined) values[a.name] = v;
    }
    out[row.case.name] = values;
  }
  return out;
}

const grid = (ctx: TestCtx, classificationId: number | null) =>
  ctx.ok<CaseGrid>('grid.cases', { classificationId });

const decode = (f: ExportedFile) => Buffer.from(f.base64, 'base64').toString('utf8');

describe('classifications', () => {
  it('creates, renames and describes a classification, telling the renderer each time', () => {
    const ctx = newCtx();
    ctx.ok('project.create', { path: path.join(dir, 'S') });
    ctx.events.length = 0;
    const c = ctx.ok<Classification>('classifications.create', {
      name: '  Person ',
      description: ' Participants ',
    });
    expect(c).toMatchObject({ name: 'Person', description: 'Participants', cases: 0 });
    expect(ctx.events).toEqual([CASES_CHANGED]);
    ctx.ok('classifications.create', { name: 'Organisation' });
    expect(ctx.ok<Classification[]>('classifications.list').map((k) => k.name)).toEqual([
      'Organisation',
      'Person',
    ]);

    const renamed = ctx.ok<Classification>('classifications.update', {
      id: c.id,
      name: 'Participant',
      description: 'People we interviewed',
    });
    expect(renamed).toEqual({
      ...c,
      name: 'Participant',
      description: 'People we interviewed',
    });
    expect(ctx.events).toEqual([CASES_CHANGED, CASES_CHANGED, CASES_CHANGED]);
    expect(ctx.ok<Classification[]>('classifications.list').map((k) => k.name)).toEqual([
      'Organisation',
      'Participant',
    ]);
  });

  it('refuses a name another classification has, in any letter case, and changes nothing', () => {
    const ctx = newCtx();
    study(ctx);
    const org = ctx.ok<Classification>('classifications.create', { name: 'Organisation' });
    ctx.events.length = 0;
    const before = visible(ctx);
    expect(errorOf(ctx, 'classifications.create', { name: 'PERSON' }).code).toBe('duplicate');
    const e = errorOf(ctx, 'classifications.update', {
      id: org.id,
      name: 'person',
      description: 'changed too?',
    });
    expect(e).toEqual({
      code: 'duplicate',
      message: 'A classification called "person" already exists.',
    });
    expect(errorOf(ctx, 'classifications.update', { id: 99, name: 'X' }).code).toBe('not_found');
    expect(errorOf(ctx, 'classifications.delete', { id: 99 }).code).toBe('not_found');
    expect(visible(ctx)).toEqual(before);
    expect(ctx.events).toEqual([]);
  });

  it('deleting one deletes its attributes and values, and keeps its cases, unclassified', () => {
    const ctx = newCtx();
    const s = study(ctx);
    expect(ctx.ok('classifications.delete', { id: s.person.id })).toBeNull();
    expect(ctx.events).toEqual([CASES_CHANGED]);
    expect(ctx.ok('classifications.list')).toEqual([]);
    const unclassified = grid(ctx, null);
    expect(unclassified.attributes).toEqual([]);
    expect(unclassified.rows.map((r) => [r.case.name, r.case.classificationId, r.values])).toEqual([
      ['P01', null, {}],
      ['P2', null, {}],
      ['P10', null, {}],
    ]);
    expect(ctx.ok<Stats>('project.stats')).toMatchObject({ cases: 3, attributes: 1 });
    expect(errorOf(ctx, 'grid.cases', { classificationId: s.person.id }).code).toBe('not_found');
    // the source attribute and its value are untouched
    expect(ctx.ok<SourceGrid>('grid.sources').rows[0]!.values).toEqual({ [s.round.id]: 'first' });
  });
});

describe('cases', () => {
  it('lists cases in natural order (P2 before P10), all or by classification', () => {
    const ctx = newCtx();
    const s = study(ctx);
    const loose = ctx.ok<Case>('cases.create', { name: 'Site visit', description: ' A day ' });
    expect(loose).toMatchObject({
      name: 'Site visit',
      description: 'A day',
      classificationId: null,
      classificationName: null,
      sources: 0,
      passages: 0,
    });
    expect(ctx.events).toEqual([CASES_CHANGED]);
    const names = (input: unknown) => ctx.ok<Case[]>('cases.list', input).map((c) => c.name);
    expect(names({})).toEqual(['P01', 'P2', 'P10', 'Site visit']);
    expect(names({ classificationId: s.person.id })).toEqual(['P01', 'P2', 'P10']);
    expect(names({ classificationId: null })).toEqual(['Site visit']);
    expect(
      ctx.ok<Classification[]>('classifications.list').map((c) => [c.name, c.cases, c.attributes]),
    ).toEqual([['Person', 3, 5]]);
  });

  it('renames and describes a case, and refuses a name another case has', () => {
    const ctx = newCtx();
    const s = study(ctx);
    const updated = ctx.ok<Case>('cases.update', {
      id: s.p2.id,
      name: 'P02',
      description: 'Moved away in May',
    });
    expect(updated).toMatchObject({ id: s.p2.id, name: 'P02', description: 'Moved away in May' });
    expect(ctx.events).toEqual([CASES_CHANGED]);
    const before = visible(ctx);
    expect(errorOf(ctx, 'cases.update', { id: s.p10.id, name: 'p01' }).code).toBe('duplicate');
    expect(errorOf(ctx, 'cases.create', { name: 'P02' }).code).toBe('duplicate');
    expect(errorOf(ctx, 'cases.create', { name: 'P3', classificationId: 99 }).code).toBe(
      'not_found',
    );
    expect(errorOf(ctx, 'cases.update', { id: 99, name: 'X' }).code).toBe('not_found');
    expect(visible(ctx)).toEqual(before);
    expect(ctx.events).toHaveLength(1);
    // values stay with the renamed case
    expect(byName(grid(ctx, s.person.id)).P02).toMatchObject({ Role: 'Nurse', Age: 24 });
  });

  it('moving a case to another classification drops the values that no longer describe it', () => {
    const ctx = newCtx();
    const s = study(ctx);
    const site = ctx.ok<Classification>('classifications.create', { name: 'Site' });
    const moved = ctx.ok<Case>('cases.update', { id: s.p01.id, classificationId: site.id });
    expect(moved).toMatchObject({ classificationId: site.id, classificationName: 'Site' });
    expect(byName(grid(ctx, site.id))).toEqual({ P01: {} });
    ctx.ok('cases.update', { id: s.p01.id, classificationId: s.person.id });
    expect(byName(grid(ctx, s.person.id)).P01).toEqual({});
    expect(byName(grid(ctx, s.person.id)).P2).toMatchObject({ Role: 'Nurse' });
  });

  it('links and unlinks whole sources; deleting a case keeps its sources', () => {
    const ctx = newCtx();
    const s = study(ctx);
    expect(ctx.ok('cases.linkSource', { caseId: s.p01.id, sourceId: s.sourceId })).toBe(true);
    expect(ctx.ok('cases.linkSource', { caseId: s.p01.id, sourceId: s.sourceId })).toBe(false);
    expect(ctx.events).toEqual([CASES_CHANGED, CASES_CHANGED]);
    expect(ctx.ok<CaseOfSource[]>('cases.ofSource', { sourceId: s.sourceId })).toEqual([
      expect.objectContaining({ name: 'P01', classificationName: 'Person', whole: true }),
    ]);
    expect(ctx.ok<Case[]>('cases.list', {}).find((c) => c.id === s.p01.id)?.sources).toBe(1);
    expect(errorOf(ctx, 'cases.linkSource', { caseId: s.p01.id, sourceId: 99 }).code).toBe(
      'not_found',
    );
    expect(ctx.ok('cases.unlinkSource', { caseId: s.p01.id, sourceId: s.sourceId })).toBe(true);
    expect(ctx.ok('cases.unlinkSource', { caseId: s.p01.id, sourceId: s.sourceId })).toBe(false);
    expect(ctx.ok('cases.ofSource', { sourceId: s.sourceId })).toEqual([]);

    ctx.ok('cases.linkSource', { caseId: s.p2.id, sourceId: s.sourceId });
    expect(ctx.ok('cases.delete', { id: s.p2.id })).toBeNull();
    expect(errorOf(ctx, 'cases.delete', { id: s.p2.id }).code).toBe('not_found');
    expect(ctx.ok('cases.ofSource', { sourceId: s.sourceId })).toEqual([]);
    expect(ctx.ok<Stats>('project.stats')).toMatchObject({ sources: 1, cases: 2 });
  });
});

describe('attributes', () => {
  it('creates case and source attributes, listed in the order the user chose', () => {
    const ctx = newCtx();
    const s = study(ctx);
    const names = (input: unknown) =>
      ctx.ok<Attribute[]>('attributes.list', input).map((a) => a.name);
    expect(names({ scope: 'case', classificationId: s.person.id })).toEqual([
      'Role',
      'Age',
      'Joined',
      'Consent',
      'Study ID',
    ]);
    expect(names({ scope: 'source' })).toEqual(['Round']);
    const pages = ctx.ok<Attribute>('attributes.create', {
      scope: 'source',
      name: 'Pages',
      type: 'number',
    });
    expect(pages).toMatchObject({ scope: 'source', classificationId: null, type: 'number' });
    expect(ctx.events).toEqual([CASES_CHANGED]);
    expect(
      errorOf(ctx, 'attributes.create', { scope: 'source', name: 'round', type: 'text' }).code,
    ).toBe('duplicate');

    const order = [s.studyId, s.age, s.role, s.joined, s.consent].map((a) => a.id);
    const reordered = ctx.ok<Attribute[]>('attributes.reorder', { ids: order });
    expect(reordered.map((a) => a.name)).toEqual(['Study ID', 'Age', 'Role', 'Joined', 'Consent']);
    expect(grid(ctx, s.person.id).attributes.map((a) => a.id)).toEqual(order);
    const e = errorOf(ctx, 'attributes.reorder', { ids: [s.age.id, s.role.id] });
    expect(e.code).toBe('invalid_order');
    expect(names({ scope: 'case', classificationId: s.person.id })[0]).toBe('Study ID');

    const renamed = ctx.ok<Attribute>('attributes.update', { id: s.age.id, name: 'Age (years)' });
    expect(renamed).toMatchObject({ id: s.age.id, name: 'Age (years)', type: 'number' });
    expect(byName(grid(ctx, s.person.id)).P01).toMatchObject({ 'Age (years)': 72 });
  });

  it('changes a type when every value converts, and changes nothing when one does not', () => {
    const ctx = newCtx();
    const s = study(ctx);
    const asText = ctx.ok<Attribute>('attributes.update', { id: s.age.id, type: 'text' });
    expect(asText.type).toBe('text');
    expect(byName(grid(ctx, s.person.id)).P01!.Age).toBe('72');
    const consentAsNumber = ctx.ok<Attribute>('attributes.update', {
      id: s.consent.id,
      type: 'number',
    });
    expect(consentAsNumber.type).toBe('number');
    expect([
      byName(grid(ctx, s.person.id)).P01!.Consent,
      byName(grid(ctx, s.person.id)).P2!.Consent,
    ]).toEqual([1, 0]);

    const before = visible(ctx);
    const events = ctx.events.length;
    const e = errorOf(ctx, 'attributes.update', { id: s.role.id, name: 'Job', type: 'number' });
    expect(e.code).toBe('invalid_value');
    expect(e.message).toContain(
      'cannot become a number: 3 values would not convert (P01: Patient, retired; P2: Nurse; P10: GP)',
    );
    expect(visible(ctx)).toEqual(before);
    expect(ctx.events).toHaveLength(events);
  });

  it('deleting an attribute deletes its values', () => {
    const ctx = newCtx();
    const s = study(ctx);
    expect(ctx.ok('attributes.delete', { id: s.role.id })).toBeNull();
    expect(ctx.events).toEqual([CASES_CHANGED]);
    const g = grid(ctx, s.person.id);
    expect(g.attributes.map((a) => a.name)).toEqual(['Age', 'Joined', 'Consent', 'Study ID']);
    expect(g.rows.every((r) => !(s.role.id in r.values))).toBe(true);
    expect(errorOf(ctx, 'attributes.delete', { id: s.role.id }).code).toBe('not_found');
    expect(errorOf(ctx, 'attributes.update', { id: s.role.id, name: 'X' }).code).toBe('not_found');
    expect(ctx.ok<Stats>('project.stats').attributes).toBe(5);
  });
});

describe('invalid input is refused and changes nothing', () => {
  const value = { caseId: 1, attributeId: 1, value: 'x' };
  const cases: [string, string, unknown][] = [
    [
      'attributes.create: a case attribute without classificationId',
      'attributes.create',
      { scope: 'case', name: 'Town', type: 'text' },
    ],
    [
      'attributes.create: a source attribute with a classificationId',
      'attributes.create',
      { scope: 'source', classificationId: 1, name: 'Town', type: 'text' },
    ],
    [
      'attributes.create: an unknown type',
      'attributes.create',
      { scope: 'source', name: 'Town', type: 'float' },
    ],
    ['attributes.create: a blank name', 'attributes.create', { scope: 'source', name: ' ' }],
    ['values.set: a value object', 'values.set', { edits: [{ ...value, value: { x: 1 } }] }],
    ['values.set: a value array', 'values.set', { edits: [{ ...value, value: [1] }] }],
    ['values.set: NaN', 'values.set', { edits: [{ ...value, value: NaN }] }],
    ['values.set: Infinity', 'values.set', { edits: [{ ...value, value: Infinity }] }],
    ['values.set: no edits', 'values.set', { edits: [] }],
    [
      'values.set: 100,001 edits',
      'values.set',
      { edits: Array.from({ length: 100_001 }, () => value) },
    ],
    ['values.set: both caseId and sourceId', 'values.set', { edits: [{ ...value, sourceId: 1 }] }],
    [
      'values.set: a good edit beside one without an owner',
      'values.set',
      { edits: [value, { attributeId: 1, value: 'x' }] },
    ],
    [
      'values.set: a 10,001-character text',
      'values.set',
      { edits: [{ ...value, value: 'x'.repeat(10_001) }] },
    ],
    ['classifications.create: empty name', 'classifications.create', { name: '' }],
    [
      'classifications.create: 201-character name',
      'classifications.create',
      { name: 'x'.repeat(201) },
    ],
    ['cases.create: extra key', 'cases.create', { name: 'P9', createdBy: 1 }],
    ['cases.create: classificationId 0', 'cases.create', { name: 'P9', classificationId: 0 }],
    [
      'cases.addPassage: an empty passage',
      'cases.addPassage',
      { caseId: 1, sourceId: 1, start: 4, end: 4 },
    ],
    ['cases.applyLinks: no links', 'cases.applyLinks', { links: [] }],
    [
      'cases.applyLinks: an unknown round',
      'cases.applyLinks',
      { links: [{ sourceId: 1, caseName: 'P9', round: 'third' }] },
    ],
    ['summary.table: no attributes', 'summary.table', { classificationId: 1, attributeIds: [] }],
    [
      'summary.export: an unknown format',
      'summary.export',
      { classificationId: 1, attributeIds: [1], format: 'pdf' },
    ],
    [
      'attributes.exportTable: an unknown format',
      'attributes.exportTable',
      { classificationId: 1, format: 'ods' },
    ],
    [
      'attributes.importTable: an empty path',
      'attributes.importTable',
      { path: '  ', classificationId: 1 },
    ],
    ['grid.cases: classificationId missing', 'grid.cases', {}],
    ['sources.update: unknown kind', 'sources.update', { id: 1, kind: 'novel' }],
  ];

  it.each(cases)('%s', (_label, method, input) => {
    const ctx = newCtx();
    const s = study(ctx);
    expect([s.p10.id, s.role.id, s.sourceId, s.person.id]).toEqual([1, 1, 1, 1]); // ids exist
    const before = visible(ctx);
    const e = errorOf(ctx, method, input);
    expect(e.code).toBe('invalid_input');
    expect(e.message.length).toBeGreaterThan(0);
    expect(visible(ctx)).toEqual(before);
    expect(ctx.events).toEqual([]);
  });

  it('says what is wrong with a misplaced classificationId', () => {
    const ctx = newCtx();
    study(ctx);
    expect(
      errorOf(ctx, 'attributes.create', { scope: 'case', name: 'Town', type: 'text' }).message,
    ).toBe(
      'classificationId: Case attributes belong to a classification; source attributes to none',
    );
  });
});

describe('values.set', () => {
  it('stores each type as typed: numbers, ISO or day-first dates, yes/no; "" and null clear', () => {
    const ctx = newCtx();
    const s = study(ctx);
    const set = (edits: object[]) => ctx.ok('values.set', { edits });
    set([
      { caseId: s.p10.id, attributeId: s.age.id, value: ' 3.50 ' },
      { caseId: s.p10.id, attributeId: s.joined.id, value: '05/11/2023' },
      { caseId: s.p10.id, attributeId: s.consent.id, value: 'Y' },
      { caseId: s.p10.id, attributeId: s.studyId.id, value: 12 },
      { caseId: s.p2.id, attributeId: s.joined.id, value: '2024-02-29 00:00:00' },
      { caseId: s.p2.id, attributeId: s.consent.id, value: 'no' },
      { caseId: s.p01.id, attributeId: s.role.id, value: '' },
      { caseId: s.p01.id, attributeId: s.age.id, value: null },
    ]);
    expect(ctx.events).toEqual([CASES_CHANGED]);
    expect(byName(grid(ctx, s.person.id))).toEqual({
      P01: { Joined: '2023-04-21', Consent: true, 'Study ID': '007' },
      P2: { Role: 'Nurse', Age: 24, Joined: '2024-02-29', Consent: false, 'Study ID': '012' },
      P10: { Role: 'GP', Age: 3.5, Joined: '2023-11-05', Consent: true, 'Study ID': '12' },
    });
  });

  it.each([
    ['Age', 'forty', 'P10: "Age" needs a number, not "forty".'],
    ['Age', '1,5', 'P10: "Age" needs a number, not "1,5".'],
    [
      'Joined',
      '31/02/2023',
      'P10: "Joined" needs a date (YYYY-MM-DD or DD/MM/YYYY), not "31/02/2023".',
    ],
    ['Joined', 20230401, 'P10: "Joined" needs a date (YYYY-MM-DD or DD/MM/YYYY), not 20230401.'],
    ['Consent', 'maybe', 'P10: "Consent" needs yes or no, not "maybe".'],
    ['Consent', 2, 'P10: "Consent" needs yes or no, not 2.'],
  ] as const)('refuses %s = %j with a message naming the case', (attribute, value, message) => {
    const ctx = newCtx();
    const s = study(ctx);
    const attributeId = { Age: s.age, Joined: s.joined, Consent: s.consent }[attribute].id;
    const before = visible(ctx);
    const e = errorOf(ctx, 'values.set', { edits: [{ caseId: s.p10.id, attributeId, value }] });
    expect(e).toEqual({ code: 'invalid_value', message });
    expect(visible(ctx)).toEqual(before);
    expect(ctx.events).toEqual([]);
  });

  it('one bad value in a batch changes nothing, not even the good values before it', () => {
    const ctx = newCtx();
    const s = study(ctx);
    const before = visible(ctx);
    const e = errorOf(ctx, 'values.set', {
      edits: [
        { caseId: s.p01.id, attributeId: s.age.id, value: 73 },
        { caseId: s.p2.id, attributeId: s.role.id, value: '' },
        { sourceId: s.sourceId, attributeId: s.round.id, value: 'follow-up' },
        { caseId: s.p10.id, attributeId: s.joined.id, value: 'last spring' },
        { caseId: s.p10.id, attributeId: s.age.id, value: 50 },
      ],
    });
    expect(e.code).toBe('invalid_value');
    expect(e.message).toContain('P10');
    expect(visible(ctx)).toEqual(before);
    expect(ctx.events).toEqual([]);
    expect(byName(grid(ctx, s.person.id)).P01!.Age).toBe(72);
  });

  it('refuses a value for an attribute that does not describe that case or source', () => {
    const ctx = newCtx();
    const s = study(ctx);
    const site = ctx.ok<Classification>('classifications.create', { name: 'Site' });
    const town = ctx.ok<Attribute>('attributes.create', {
      scope: 'case',
      classificationId: site.id,
      name: 'Town',
      type: 'text',
    });
    const loose = ctx.ok<Case>('cases.create', { name: 'Loose' });
    ctx.events.length = 0;
    const before = visible(ctx);
    const refused: [object, string][] = [
      [{ caseId: s.p01.id, attributeId: town.id, value: 'Leeds' }, 'not_applicable'],
      [{ caseId: loose.id, attributeId: s.role.id, value: 'GP' }, 'not_applicable'],
      [{ caseId: s.p01.id, attributeId: s.round.id, value: 'first' }, 'not_applicable'],
      [{ sourceId: s.sourceId, attributeId: s.role.id, value: 'GP' }, 'not_applicable'],
      [{ caseId: 99, attributeId: s.role.id, value: 'GP' }, 'not_found'],
      [{ sourceId: 99, attributeId: s.round.id, value: 'first' }, 'not_found'],
      [{ caseId: s.p01.id, attributeId: 99, value: 'GP' }, 'not_found'],
    ];
    for (const [edit, code] of refused) {
      expect(errorOf(ctx, 'values.set', { edits: [edit] }).code, JSON.stringify(edit)).toBe(code);
    }
    expect(
      errorOf(ctx, 'values.set', {
        edits: [{ caseId: s.p01.id, attributeId: town.id, value: 'x' }],
      }).message,
    ).toBe('"Town" is not an attribute of Person cases like P01.');
    expect(visible(ctx)).toEqual(before);
    expect(ctx.events).toEqual([]);
  });
});

describe('grids', () => {
  it('grid.cases gives the attributes in order and each case with its values by attribute id', () => {
    const ctx = newCtx();
    const s = study(ctx);
    const loose = ctx.ok<Case>('cases.create', { name: 'Loose' });
    const g = grid(ctx, s.person.id);
    expect(g.attributes.map((a) => [a.name, a.type])).toEqual([
      ['Role', 'text'],
      ['Age', 'number'],
      ['Joined', 'date'],
      ['Consent', 'boolean'],
      ['Study ID', 'text'],
    ]);
    expect(g.rows.map((r) => [r.case.name, r.values])).toEqual([
      [
        'P01',
        {
          [s.role.id]: 'Patient, retired',
          [s.age.id]: 72,
          [s.joined.id]: '2023-04-21',
          [s.consent.id]: true,
          [s.studyId.id]: '007',
        },
      ],
      [
        'P2',
        { [s.role.id]: 'Nurse', [s.age.id]: 24, [s.consent.id]: false, [s.studyId.id]: '012' },
      ],
      ['P10', { [s.role.id]: 'GP' }],
    ] satisfies [string, ValueMap][]);
    const unclassified = grid(ctx, null);
    expect(unclassified).toEqual({ attributes: [], rows: [{ case: loose, values: {} }] });
    expect(errorOf(ctx, 'grid.cases', { classificationId: 99 }).code).toBe('not_found');
  });

  it('grid.sources gives every source by folder then name, with metadata and values', () => {
    const ctx = newCtx();
    const s = study(ctx);
    const more = ctx.ok<ImportResult>('sources.import', {
      files: [
        { name: 'Site1_fieldnotes.txt', content: 'Monday.' },
        { name: 'P10 interview.txt', content: 'Interviewer: Hello.' },
      ],
    }).imported;
    const [notes, p10] = more.map((m) => m.id) as [number, number];
    ctx.ok('sources.update', { id: notes, folder: 'Field' });
    ctx.ok('values.set', { edits: [{ sourceId: p10, attributeId: s.round.id, value: 'second' }] });
    const g = ctx.ok<SourceGrid>('grid.sources');
    expect(g.attributes.map((a) => a.name)).toEqual(['Round']);
    expect(g.rows.map((r) => [r.source.name, r.source.kind, r.source.folder, r.values])).toEqual([
      ['Interview', 'interview', '', { [s.round.id]: 'first' }],
      ['P10 interview', 'interview', '', { [s.round.id]: 'second' }],
      ['Site1_fieldnotes', 'fieldnote', 'Field', {}],
    ]);
  });
});

describe('summary of the demo study', () => {
  /** The demo project, its Person classification and Person's attributes by name. */
  function demo(ctx: TestCtx) {
    const startup = ctx.ok<Startup>('app.startup');
    expect(startup.project?.name).toContain('Demo');
    const person = ctx
      .ok<Classification[]>('classifications.list')
      .find((c) => c.name === 'Person')!;
    const g = grid(ctx, person.id);
    const attr = (name: string) => g.attributes.find((a) => a.name === name)!;
    return { person, grid: g, role: attr('Role'), age: attr('Age'), attr };
  }

  /** Counts per value, most frequent first, then by name, as a paper's table lists them. */
  function countsOf(values: AttributeValue[]): { value: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    return [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  function meanSd(xs: number[]): { mean: number; sd: number } {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
    return { mean, sd };
  }

  it('counts Role and gives Age n, range, mean and SD as computed from the grid', () => {
    const ctx = newCtx();
    const d = demo(ctx);
    expect(d.grid.rows).toHaveLength(18);
    const roles = d.grid.rows.map((r) => r.values[d.role.id]!);
    const ages = d.grid.rows.map((r) => r.values[d.age.id] as number);
    expect(roles.filter((r) => r === 'Link worker')).toHaveLength(7); // the demo as written
    const t = ctx.ok<SummaryTable>('summary.table', {
      classificationId: d.person.id,
      attributeIds: [d.role.id, d.age.id],
    });
    expect(t).toMatchObject({ classificationName: 'Person', cases: 18 });
    const [role, age] = t.rows as [CategorySummary, NumberSummary];
    expect(role).toEqual({
      attributeId: d.role.id,
      name: 'Role',
      type: 'text',
      counts: countsOf(roles),
      notRecorded: 0,
    });
    expect(role.counts[0]).toEqual({ value: 'Link worker', count: 7 });
    const { mean, sd } = meanSd(ages);
    expect(age).toMatchObject({
      name: 'Age',
      type: 'number',
      n: 18,
      min: Math.min(...ages),
      max: Math.max(...ages),
      missing: 0,
    });
    expect(age.mean).toBeCloseTo(mean, 10);
    expect(age.sd).toBeCloseTo(sd, 10);
  });

  it('counts a case without a value as not recorded, and keeps N at every case', () => {
    const ctx = newCtx();
    const d = demo(ctx);
    const p04 = d.grid.rows.find((r) => r.case.name === 'P04')!;
    ctx.ok('values.set', {
      edits: [
        { caseId: p04.case.id, attributeId: d.role.id, value: null },
        { caseId: p04.case.id, attributeId: d.age.id, value: '' },
      ],
    });
    const t = ctx.ok<SummaryTable>('summary.table', {
      classificationId: d.person.id,
      attributeIds: [d.role.id, d.age.id],
    });
    const [role, age] = t.rows as [CategorySummary, NumberSummary];
    expect(t.cases).toBe(18);
    expect(role.notRecorded).toBe(1);
    expect(role.counts.find((c) => c.value === 'Patient')?.count).toBe(3);
    expect(age).toMatchObject({ n: 17, missing: 1 });
    const ages = d.grid.rows.filter((r) => r !== p04).map((r) => r.values[d.age.id] as number);
    expect(age.mean).toBeCloseTo(meanSd(ages).mean, 10);
    const csv = ctx.ok<string>('summary.export', {
      classificationId: d.person.id,
      attributeIds: [d.role.id, d.age.id],
      format: 'csv',
    });
    expect(csv).toContain('\r\nRole,Not recorded,1 (5.6%)\r\n');
    expect(csv).toContain('\r\nAge,Not recorded,1 (5.6%)\r\n');
  });

  it('exports the table as CSV (attribute on every row) and as text (attribute once)', () => {
    const ctx = newCtx();
    const d = demo(ctx);
    const roles = countsOf(d.grid.rows.map((r) => r.values[d.role.id]!));
    const ages = d.grid.rows.map((r) => r.values[d.age.id] as number);
    const { mean, sd } = meanSd(ages);
    const pct = (n: number) => `${n} (${((100 * n) / 18).toFixed(1)}%)`;
    const rows = [
      ['Attribute', 'Category', 'Person (N = 18)'],
      ...roles.map((r) => ['Role', r.value, pct(r.count)]),
      ['Age', 'Mean (SD)', `${mean.toFixed(1)} (${sd.toFixed(1)})`],
      ['Age', 'Range', `${Math.min(...ages)}–${Math.max(...ages)}`],
    ];
    const input = { classificationId: d.person.id, attributeIds: [d.role.id, d.age.id] };
    const csv = ctx.ok<string>('summary.export', { ...input, format: 'csv' });
    expect(csv).toBe(rows.map((r) => r.join(',') + '\r\n').join(''));
    expect(csv.split('\r\n')[1]).toBe('Role,Link worker,7 (38.9%)');

    const text = ctx.ok<string>('summary.export', { ...input, format: 'text' });
    const once = rows.map((r, i) => (i > 1 && rows[i - 1]![0] === r[0] ? ['', ...r.slice(1)] : r));
    expect(text).toBe(once.map((r) => r.join('\t') + '\n').join(''));
    expect(text.split('\n')[2]).toBe(`\t${roles[1]!.value}\t${pct(roles[1]!.count)}`);
  });

  it('refuses an attribute of another classification, or a source attribute', () => {
    const ctx = newCtx();
    const d = demo(ctx);
    const site = ctx.ok<Classification[]>('classifications.list').find((c) => c.name === 'Site')!;
    const setting = grid(ctx, site.id).attributes.find((a) => a.name === 'Setting')!;
    const round = ctx.ok<Attribute[]>('attributes.list', { scope: 'source' })[0]!;
    for (const attributeId of [setting.id, round.id]) {
      const e = errorOf(ctx, 'summary.table', {
        classificationId: d.person.id,
        attributeIds: [d.role.id, attributeId],
      });
      expect(e.code).toBe('not_applicable');
    }
    expect(
      errorOf(ctx, 'summary.export', {
        classificationId: d.person.id,
        attributeIds: [9999],
        format: 'csv',
      }).code,
    ).toBe('not_found');
  });
});

describe('attributes.importTable', () => {
  it('creates new cases, updates existing ones and adds new columns with the inferred type', async () => {
    const ctx = newCtx();
    const s = study(ctx);
    const file = path.join(dir, 'facesheet.csv');
    fs.writeFileSync(
      file,
      [
        'ID,Age,Smoker,Visits,First visit,Notes',
        'P01,73,N,3,01/02/2024,',
        'p2,,Y,12,2024-03-05,moved away',
        'P20,41,n,,15/06/2024,"new, keen"',
        '',
      ].join('\r\n'),
    );
    const r = await asyncOk<AttributeImportResult>(ctx, 'attributes.importTable', {
      path: file,
      classificationId: s.person.id,
    });
    expect(r).toEqual({
      casesCreated: 1,
      casesUpdated: 2,
      attributesCreated: ['Smoker', 'Visits', 'First visit', 'Notes'],
      valuesSet: 12,
    });
    expect(ctx.events).toEqual([CASES_CHANGED]);
    const g = grid(ctx, s.person.id);
    expect(g.attributes.map((a) => [a.name, a.type])).toEqual([
      ['Role', 'text'],
      ['Age', 'number'],
      ['Joined', 'date'],
      ['Consent', 'boolean'],
      ['Study ID', 'text'],
      ['Smoker', 'boolean'],
      ['Visits', 'number'],
      ['First visit', 'date'],
      ['Notes', 'text'],
    ]);
    expect(byName(g)).toEqual({
      P01: {
        Role: 'Patient, retired',
        Age: 73,
        Joined: '2023-04-21',
        Consent: true,
        'Study ID': '007',
        Smoker: false,
        Visits: 3,
        'First visit': '2024-02-01',
      },
      // an empty cell leaves the value as it was
      P2: {
        Role: 'Nurse',
        Age: 24,
        Consent: false,
        'Study ID': '012',
        Smoker: true,
        Visits: 12,
        'First visit': '2024-03-05',
        Notes: 'moved away',
      },
      P10: { Role: 'GP' },
      P20: { Age: 41, Smoker: false, 'First visit': '2024-06-15', Notes: 'new, keen' },
    });
    expect(ctx.ok<Stats>('project.stats')).toMatchObject({ cases: 4, attributes: 10 });
  });

  it('refuses the whole table when one cell does not fit its type, and changes nothing', async () => {
    const ctx = newCtx();
    const s = study(ctx);
    const file = path.join(dir, 'facesheet.csv');
    fs.writeFileSync(file, 'ID,Age,Hobby\nP01,80,chess\nP99,eighty,golf\n');
    const before = visible(ctx);
    const e = await asyncError(ctx, 'attributes.importTable', {
      path: file,
      classificationId: s.person.id,
    });
    expect(e).toEqual({
      code: 'invalid_value',
      message: 'P99: "Age" needs a number, not "eighty".',
    });
    expect(visible(ctx)).toEqual(before);
    expect(ctx.events).toEqual([]);
  });

  it('answers not_found for a missing file or classification, and changes nothing', async () => {
    const ctx = newCtx();
    const s = study(ctx);
    const before = visible(ctx);
    const missing = path.join(dir, 'gone.csv');
    const e = await asyncError(ctx, 'attributes.importTable', {
      path: missing,
      classificationId: s.person.id,
    });
    expect(e).toEqual({ code: 'not_found', message: 'gone.csv: file not found.' });
    const file = path.join(dir, 'facesheet.csv');
    fs.writeFileSync(file, 'ID,Age\nP50,30\n');
    const e2 = await asyncError(ctx, 'attributes.importTable', {
      path: file,
      classificationId: 99,
    });
    expect(e2.code).toBe('not_found');
    expect(visible(ctx)).toEqual(before);
    expect(ctx.events).toEqual([]);
  });

  it('reads an uploaded copy by the file name the user chose', async () => {
    const ctx = newCtx();
    const s = study(ctx);
    const upload = path.join(dir, 'upload-1');
    fs.writeFileSync(upload, 'ID;Age\nP10;58\n');
    const e = await asyncError(ctx, 'attributes.importTable', {
      path: upload,
      classificationId: s.person.id,
    });
    expect(e.code).toBe('unsupported_format');
    const r = await asyncOk<AttributeImportResult>(ctx, 'attributes.importTable', {
      path: upload,
      classificationId: s.person.id,
      fileName: 'facesheet.csv',
    });
    expect(r).toEqual({ casesCreated: 0, casesUpdated: 1, attributesCreated: [], valuesSet: 1 });
    expect(byName(grid(ctx, s.person.id)).P10).toEqual({ Role: 'GP', Age: 58 });
    const gone = await asyncError(ctx, 'attributes.importTable', {
      path: path.join(dir, 'upload-2'),
      classificationId: s.person.id,
      fileName: 'sites.xlsx',
    });
    expect(gone).toEqual({ code: 'not_found', message: 'sites.xlsx: file not found.' });
  });

  it('reads back an XLSX made by exportTable with identical values', async () => {
    const ctx = newCtx();
    const s = study(ctx);
    ctx.ok('values.set', {
      edits: [
        { caseId: s.p10.id, attributeId: s.age.id, value: 1234567.891 },
        { caseId: s.p10.id, attributeId: s.studyId.id, value: '1.50' },
        { caseId: s.p10.id, attributeId: s.joined.id, value: '1999-12-31' },
      ],
    });
    const original = byName(grid(ctx, s.person.id));
    expect(original.P10).toEqual({
      Role: 'GP',
      Age: 1234567.891,
      Joined: '1999-12-31',
      'Study ID': '1.50',
    });
    const xlsx = await asyncOk<ExportedFile>(ctx, 'attributes.exportTable', {
      classificationId: s.person.id,
      format: 'xlsx',
    });
    expect(xlsx.fileName).toBe('Person attributes.xlsx');
    expect(xlsx.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const file = path.join(dir, xlsx.fileName);
    fs.writeFileSync(file, Buffer.from(xlsx.base64, 'base64'));
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');

    // the researcher changes things, then restores the table from the spreadsheet
    ctx.ok('values.set', {
      edits: [
        { caseId: s.p01.id, attributeId: s.age.id, value: 99 },
        { caseId: s.p01.id, attributeId: s.joined.id, value: null },
        { caseId: s.p2.id, attributeId: s.consent.id, value: true },
        { caseId: s.p2.id, attributeId: s.studyId.id, value: '12' },
      ],
    });
    ctx.ok('cases.delete', { id: s.p10.id });
    expect(byName(grid(ctx, s.person.id))).not.toEqual(original);

    const r = await asyncOk<AttributeImportResult>(ctx, 'attributes.importTable', {
      path: file,
      classificationId: s.person.id,
    });
    expect(r).toEqual({ casesCreated: 1, casesUpdated: 2, attributesCreated: [], valuesSet: 13 });
    expect(byName(grid(ctx, s.person.id))).toEqual(original);
  });
});

describe('attributes.exportTable', () => {
  it('writes a CSV with a BOM, the header and one row per case, as people read the values', async () => {
    const ctx = newCtx();
    const s = study(ctx);
    const csv = await asyncOk<ExportedFile>(ctx, 'attributes.exportTable', {
      classificationId: s.person.id,
      format: 'csv',
    });
    expect(csv.fileName).toBe('Person attributes.csv');
    expect(csv.mime).toBe('text/csv');
    expect(decode(csv)).toBe(
      '\ufeffPerson,Role,Age,Joined,Consent,Study ID\r\n' +
        'P01,"Patient, retired",72,2023-04-21,Yes,007\r\n' +
        'P2,Nurse,24,,No,012\r\n' +
        'P10,GP,,,,\r\n',
    );
    expect(ctx.events).toEqual([]); // reading is not a change
    const e = await asyncError(ctx, 'attributes.exportTable', {
      classificationId: 99,
      format: 'csv',
    });
    expect(e.code).toBe('not_found');
  });
});

describe('links from file names', () => {
  function demoWithNewSources(ctx: TestCtx) {
    ctx.ok<Startup>('app.startup');
    const imported = ctx.ok<ImportResult>('sources.import', {
      files: [
        { name: 'Site3_P09_followup.txt', content: 'Interviewer: How are things?\nP09: Better.' },
        { name: 'Site1_lw01_followup.txt', content: 'Interviewer: Hello again.\nLW01: Hi.' },
        { name: 'Site3_P09_first.txt', content: 'Interviewer: Welcome.\nP09: Thanks.' },
      ],
    }).imported;
    const [p09, lw01, p09first] = imported.map((s) => s.id) as [number, number, number];
    const person = ctx
      .ok<Classification[]>('classifications.list')
      .find((c) => c.name === 'Person')!;
    ctx.events.length = 0;
    return { p09, lw01, p09first, person };
  }

  it('cases.suggestLinks proposes only unlinked sources, with case, site and round', () => {
    const ctx = newCtx();
    const { p09, lw01, p09first } = demoWithNewSources(ctx);
    const suggestions = ctx.ok<LinkSuggestion[]>('cases.suggestLinks');
    expect(suggestions).toEqual([
      {
        sourceId: lw01,
        sourceName: 'Site1_lw01_followup',
        caseName: 'LW01',
        caseExists: true,
        site: '1',
        round: 'follow-up',
        kind: 'follow-up interview',
      },
      {
        sourceId: p09first,
        sourceName: 'Site3_P09_first',
        caseName: 'P09',
        caseExists: false,
        site: '3',
        round: 'first',
        kind: 'interview',
      },
      {
        sourceId: p09,
        sourceName: 'Site3_P09_followup',
        caseName: 'P09',
        caseExists: false,
        site: '3',
        round: 'follow-up',
        kind: 'follow-up interview',
      },
    ]);
    expect(ctx.events).toEqual([]);
  });

  it('cases.applyLinks creates the case, links it and sets Site and Round in one change', () => {
    const ctx = newCtx();
    const { p09, lw01, p09first, person } = demoWithNewSources(ctx);
    const links = ctx
      .ok<LinkSuggestion[]>('cases.suggestLinks')
      .map(({ sourceId, caseName, site, round }) => ({ sourceId, caseName, site, round }));
    const casesBefore = ctx.ok<Stats>('project.stats').cases;
    expect(ctx.ok('cases.applyLinks', { links })).toEqual({ linked: 3, casesCreated: 1 });
    expect(ctx.events).toEqual([CASES_CHANGED]);
    expect(ctx.ok<Stats>('project.stats').cases).toBe(casesBefore + 1);

    const g = grid(ctx, person.id);
    expect(g.rows).toHaveLength(19);
    const site = g.attributes.find((a) => a.name === 'Site')!;
    const p09Row = g.rows.find((r) => r.case.name === 'P09')!;
    expect(p09Row.values).toEqual({ [site.id]: '3' });
    expect(p09Row.case.sources).toBe(2); // both rounds of the new participant, one case
    for (const [sourceId, name] of [
      [p09, 'P09'],
      [p09first, 'P09'],
      [lw01, 'LW01'],
    ] as const) {
      expect(ctx.ok<CaseOfSource[]>('cases.ofSource', { sourceId })).toEqual([
        expect.objectContaining({ name, classificationName: 'Person', whole: true, passages: 0 }),
      ]);
    }
    const sources = ctx.ok<SourceGrid>('grid.sources');
    const roundAttr = sources.attributes.find((a) => a.name === 'Round')!;
    const roundOf = (id: number) =>
      sources.rows.find((r) => r.source.id === id)!.values[roundAttr.id];
    expect([roundOf(p09), roundOf(lw01), roundOf(p09first)]).toEqual([
      'follow-up',
      'follow-up',
      'first',
    ]);
    // an already linked pair is not proposed again, and applying again links nothing new
    expect(ctx.ok('cases.suggestLinks')).toEqual([]);
    expect(ctx.ok('cases.applyLinks', { links })).toEqual({ linked: 0, casesCreated: 0 });
  });

  it('cases.applyLinks changes nothing when one link of the batch fails', () => {
    const ctx = newCtx();
    const { p09 } = demoWithNewSources(ctx);
    const before = visible(ctx);
    const cases = ctx.ok<Case[]>('cases.list', {});
    const e = errorOf(ctx, 'cases.applyLinks', {
      links: [
        { sourceId: p09, caseName: 'P09', site: '3', round: 'follow-up' },
        { sourceId: 9999, caseName: 'P77', site: '2' },
      ],
    });
    expect(e.code).toBe('not_found');
    expect(visible(ctx)).toEqual(before);
    expect(ctx.ok('cases.list', {})).toEqual(cases);
    expect(ctx.ok<CaseOfSource[]>('cases.ofSource', { sourceId: p09 })).toEqual([]);
    expect(ctx.events).toEqual([]);
    expect(ctx.ok<LinkSuggestion[]>('cases.suggestLinks')).toHaveLength(3);
  });
});

describe('case passages', () => {
  it('adds, lists, marks and removes passages of a source for a case', () => {
    const ctx = newCtx();
    const s = study(ctx);
    const quote = 'In a cupboard 😀, honestly.';
    const start = TEXT.indexOf(quote);
    const end = start + quote.length;
    const p = ctx.ok<CasePassage>('cases.addPassage', {
      caseId: s.p01.id,
      sourceId: s.sourceId,
      start,
      end,
    });
    expect(p).toMatchObject({
      caseId: s.p01.id,
      sourceId: s.sourceId,
      sourceName: 'Interview',
      start,
      end,
      text: quote,
    });
    expect(ctx.events).toEqual([CASES_CHANGED]);
    const again = ctx.ok<CasePassage>('cases.addPassage', {
      caseId: s.p01.id,
      sourceId: s.sourceId,
      start,
      end,
    });
    expect(again.id).toBe(p.id);
    const q = ctx.ok<CasePassage>('cases.addPassage', {
      caseId: s.p2.id,
      sourceId: s.sourceId,
      start: 0,
      end: 11,
    });
    expect(q.text).toBe('Interviewer');

    expect(ctx.ok('cases.passages', { caseId: s.p01.id })).toEqual([p]);
    expect(ctx.ok<PassageMark[]>('cases.passageMarks', { sourceId: s.sourceId })).toEqual([
      { id: q.id, caseId: s.p2.id, caseName: 'P2', start: 0, end: 11 },
      { id: p.id, caseId: s.p01.id, caseName: 'P01', start, end },
    ]);
    expect(ctx.ok<CaseOfSource[]>('cases.ofSource', { sourceId: s.sourceId })).toEqual([
      expect.objectContaining({ name: 'P01', whole: false, passages: 1 }),
      expect.objectContaining({ name: 'P2', whole: false, passages: 1 }),
    ]);
    expect(ctx.ok<Case[]>('cases.list', {}).map((c) => [c.name, c.passages])).toEqual([
      ['P01', 1],
      ['P2', 1],
      ['P10', 0],
    ]);

    expect(ctx.ok('cases.removePassage', { id: p.id })).toBeNull();
    expect(errorOf(ctx, 'cases.removePassage', { id: p.id }).code).toBe('not_found');
    expect(ctx.ok('cases.passages', { caseId: s.p01.id })).toEqual([]);
    expect(ctx.ok<PassageMark[]>('cases.passageMarks', { sourceId: s.sourceId })).toHaveLength(1);
  });

  it('refuses a passage past the end, splitting an emoji, or of a missing case or source', () => {
    const ctx = newCtx();
    const s = study(ctx);
    const emoji = TEXT.indexOf('😀');
    const before = visible(ctx);
    const passage = { caseId: s.p01.id, sourceId: s.sourceId };
    const refused: [object, string][] = [
      [{ ...passage, start: 10, end: TEXT.length + 1 }, 'out_of_range'],
      [{ ...passage, start: emoji + 1, end: emoji + 4 }, 'bad_offset'],
      [{ ...passage, start: emoji - 3, end: emoji + 1 }, 'bad_offset'],
      [{ ...passage, caseId: 99, start: 0, end: 5 }, 'not_found'],
      [{ ...passage, sourceId: 99, start: 0, end: 5 }, 'not_found'],
    ];
    for (const [input, code] of refused)
      expect(errorOf(ctx, 'cases.addPassage', input).code, JSON.stringify(input)).toBe(code);
    expect(visible(ctx)).toEqual(before);
    expect(ctx.events).toEqual([]);
    const whole = ctx.ok<CasePassage>('cases.addPassage', {
      ...passage,
      start: 0,
      end: TEXT.length,
    });
    expect(whole.text).toBe(TEXT);
  });
});

describe('project.stats', () => {
  it('counts cases and attributes (case and source) as they come and go', () => {
    const ctx = newCtx();
    ctx.ok('project.create', { path: path.join(dir, 'S') });
    expect(ctx.ok<Stats>('project.stats')).toMatchObject({ cases: 0, attributes: 0 });
    ctx.ok('cases.create', { name: 'Loose' });
    const k = ctx.ok<Classification>('classifications.create', { name: 'Person' });
    ctx.ok('attributes.create', {
      scope: 'case',
      classificationId: k.id,
      name: 'Age',
      type: 'number',
    });
    ctx.ok('attributes.create', { scope: 'source', name: 'Round', type: 'text' });
    ctx.ok('cases.create', { name: 'P1', classificationId: k.id });
    expect(ctx.ok<Stats>('project.stats')).toMatchObject({ cases: 2, attributes: 2 });
    ctx.ok('classifications.delete', { id: k.id });
    expect(ctx.ok<Stats>('project.stats')).toMatchObject({ cases: 2, attributes: 1 });
  });
});
