import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttributeType, SummaryTable } from '../../db/cases-types.js';
import { WeftError } from '../../db/errors.js';
import { openProject, type Db } from '../../db/open.js';
import {
  createAttribute,
  createCase,
  createClassification,
  setCaseValue,
} from '../../db/queries/cases.js';
import {
  describeNumbers,
  summaryCells,
  summaryTable,
  summaryToCsv,
  summaryToText,
} from '../../db/queries/summary.js';
import { tempDir } from '../helpers.js';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = tempDir('weft-summary-');
  db = openProject(path.join(dir, 'summary.weft'), { create: true });
});

afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Five link workers: ages 34, 41, 29, 52 and one not recorded; roles, genders, consent and
 * interview dates as a Table 1 would list them.
 */
function linkWorkers() {
  const person = createClassification(db, { name: 'Person' }).id;
  const attr = (name: string, type: AttributeType) =>
    createAttribute(db, { scope: 'case', classificationId: person, name, type }).id;
  const ids = {
    age: attr('Age', 'number'),
    role: attr('Role', 'text'),
    gender: attr('Gender', 'text'),
    consent: attr('Consented', 'boolean'),
    seen: attr('Interviewed', 'date'),
  };
  const rows: [string, number | null, string, string, string, string][] = [
    ['LW01', 34, 'Link worker', 'Female', 'yes', '01/03/2023'],
    ['LW02', 41, 'Link worker', 'Male', 'yes', '2023-03-01'],
    ['HCP01', 29, 'GP', 'Female', 'no', '2023-03-08'],
    ['VCSE01', 52, 'Link worker', '', 'yes', ''],
    ['P01', null, 'Patient', 'Female', '', '08/03/2023'],
  ];
  for (const [name, age, role, gender, consent, seen] of rows) {
    const c = createCase(db, { name, classificationId: person }).id;
    setCaseValue(db, c, ids.age, age);
    setCaseValue(db, c, ids.role, role);
    setCaseValue(db, c, ids.gender, gender);
    setCaseValue(db, c, ids.consent, consent);
    setCaseValue(db, c, ids.seen, seen);
  }
  return { person, ...ids };
}

describe('summaryTable', () => {
  it('gives n, range, mean and sample SD for a number (checked by hand)', () => {
    const { person, age } = linkWorkers();
    const table = summaryTable(db, person, [age]);
    expect(table).toMatchObject({
      classificationId: person,
      classificationName: 'Person',
      cases: 5,
    });
    const row = table.rows[0]!;
    expect(row).toMatchObject({
      attributeId: age,
      name: 'Age',
      type: 'number',
      n: 4,
      min: 29,
      max: 52,
      mean: 39,
      missing: 1,
    });
    // Deviations from 39: -5, 2, -10, 13; squares sum to 298; 298 / 3 = 99.33…; √ = 9.9666…
    expect(row.type === 'number' && row.sd).toBeCloseTo(9.96661, 5);
  });

  it('counts each value, most frequent first then by value, plus the cases not recorded', () => {
    const { person, role, gender, consent, seen } = linkWorkers();
    const [r, g, c, d] = summaryTable(db, person, [role, gender, consent, seen]).rows;
    expect(r).toEqual({
      attributeId: role,
      name: 'Role',
      type: 'text',
      counts: [
        { value: 'Link worker', count: 3 },
        { value: 'GP', count: 1 },
        { value: 'Patient', count: 1 },
      ],
      notRecorded: 0,
    });
    expect(g).toMatchObject({
      counts: [
        { value: 'Female', count: 3 },
        { value: 'Male', count: 1 },
      ],
      notRecorded: 1,
    });
    expect(c).toMatchObject({
      type: 'boolean',
      counts: [
        { value: 'Yes', count: 3 },
        { value: 'No', count: 1 },
      ],
      notRecorded: 1,
    });
    // 01/03/2023 and 2023-03-01 are the same day once stored.
    expect(d).toMatchObject({
      type: 'date',
      counts: [
        { value: '2023-03-01', count: 2 },
        { value: '2023-03-08', count: 2 },
      ],
      notRecorded: 1,
    });
  });

  it('keeps the order of the attributes asked for, and leaves out other classifications’ cases', () => {
    const { person, age, role } = linkWorkers();
    const site = createClassification(db, { name: 'Site' }).id;
    const size = createAttribute(db, {
      scope: 'case',
      classificationId: site,
      name: 'Size',
      type: 'number',
    }).id;
    setCaseValue(db, createCase(db, { name: 'Site 1', classificationId: site }).id, size, 9000);
    createCase(db, { name: 'Loose' });
    const table = summaryTable(db, person, [role, age]);
    expect(table.cases).toBe(5);
    expect(table.rows.map((r) => r.name)).toEqual(['Role', 'Age']);
    expect(summaryTable(db, site, [size]).rows[0]).toMatchObject({
      n: 1,
      mean: 9000,
      sd: null,
      missing: 0,
    });
  });

  it('reports no values and no cases without dividing by zero', () => {
    const empty = createClassification(db, { name: 'Empty' }).id;
    const a = createAttribute(db, {
      scope: 'case',
      classificationId: empty,
      name: 'Age',
      type: 'number',
    }).id;
    const b = createAttribute(db, {
      scope: 'case',
      classificationId: empty,
      name: 'Role',
      type: 'text',
    }).id;
    const table = summaryTable(db, empty, [a, b]);
    expect(table.rows).toEqual([
      {
        attributeId: a,
        name: 'Age',
        type: 'number',
        n: 0,
        min: null,
        max: null,
        mean: null,
        sd: null,
        missing: 0,
      },
      { attributeId: b, name: 'Role', type: 'text', counts: [], notRecorded: 0 },
    ]);
    expect(summaryCells(table)).toEqual([
      ['Attribute', 'Category', 'Empty (N = 0)'],
      ['Age', '', '–'],
      ['Role', '', '–'],
    ]);
  });

  it('refuses a missing classification or attribute, or one from another classification', () => {
    const { person, age } = linkWorkers();
    const site = createClassification(db, { name: 'Site' }).id;
    const size = createAttribute(db, {
      scope: 'case',
      classificationId: site,
      name: 'Size',
      type: 'number',
    }).id;
    const round = createAttribute(db, { scope: 'source', name: 'Round', type: 'text' }).id;
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(WeftError);
        return (e as WeftError).code;
      }
      return 'ok';
    };
    expect(code(() => summaryTable(db, 99, [age]))).toBe('not_found');
    expect(code(() => summaryTable(db, person, [age, 99]))).toBe('not_found');
    expect(code(() => summaryTable(db, person, [size]))).toBe('not_applicable');
    expect(code(() => summaryTable(db, person, [round]))).toBe('not_applicable');
    expect(code(() => summaryTable(db, person, []))).toBe('ok');
  });
});

describe('describe (numbers)', () => {
  it('matches a hand calculation and keeps precision for large values', () => {
    expect(describeNumbers([23, 31, 45, 38, 52])).toMatchObject({
      n: 5,
      min: 23,
      max: 52,
      mean: 37.8,
    });
    expect(describeNumbers([23, 31, 45, 38, 52]).sd).toBeCloseTo(11.388591, 6);
    // A one-pass formula (Σx² − n·mean²) loses these deviations to rounding.
    expect(describeNumbers([1e9 + 1, 1e9 + 2, 1e9 + 3]).sd).toBeCloseTo(1, 9);
    expect(describeNumbers([7])).toEqual({ n: 1, min: 7, max: 7, mean: 7, sd: null });
    expect(describeNumbers([])).toEqual({ n: 0, min: null, max: null, mean: null, sd: null });
  });
});

describe('summary as CSV and text', () => {
  it('writes a paper-style table: counts with percentages of N, mean (SD) and range', () => {
    const { person, age, role, consent } = linkWorkers();
    const table = summaryTable(db, person, [role, age, consent]);
    expect(summaryToCsv(table)).toBe(
      [
        'Attribute,Category,Person (N = 5)',
        'Role,Link worker,3 (60.0%)',
        'Role,GP,1 (20.0%)',
        'Role,Patient,1 (20.0%)',
        'Age,Mean (SD),39.0 (10.0)',
        'Age,Range,29–52',
        'Age,Not recorded,1 (20.0%)',
        'Consented,Yes,3 (60.0%)',
        'Consented,No,1 (20.0%)',
        'Consented,Not recorded,1 (20.0%)',
        '',
      ].join('\r\n'),
    );
    expect(summaryToText(table, { decimals: 2 })).toBe(
      [
        'Attribute\tCategory\tPerson (N = 5)',
        'Role\tLink worker\t3 (60.00%)',
        '\tGP\t1 (20.00%)',
        '\tPatient\t1 (20.00%)',
        'Age\tMean (SD)\t39.00 (9.97)',
        '\tRange\t29–52',
        '\tNot recorded\t1 (20.00%)',
        'Consented\tYes\t3 (60.00%)',
        '\tNo\t1 (20.00%)',
        '\tNot recorded\t1 (20.00%)',
        '',
      ].join('\n'),
    );
  });

  /** A hand-built table, to test quoting without a database. */
  const table = (name: string, value: string): SummaryTable => ({
    classificationId: 1,
    classificationName: 'Person',
    cases: 2,
    rows: [
      { attributeId: 1, name, type: 'text', counts: [{ value, count: 2 }], notRecorded: 0 },
      {
        attributeId: 2,
        name: 'Score',
        type: 'number',
        n: 2,
        min: -1.25,
        max: 3,
        mean: 0.875,
        sd: 3.005,
        missing: 0,
      },
    ],
  });

  it('quotes commas, quotes and line breaks in CSV, and defuses spreadsheet formulas', () => {
    const csv = summaryToCsv(table('Site, region', '=HYPERLINK("x")'));
    expect(csv.split('\r\n')[1]).toBe('"Site, region","\'=HYPERLINK(""x"")",2 (100.0%)');
    expect(summaryToCsv(table('Notes', 'two\r\nlines')).split('\r\n').slice(1, 3)).toEqual([
      'Notes,"two',
      'lines",2 (100.0%)',
    ]);
    expect(summaryToCsv(table('A', '+44 20')).split('\r\n')[1]).toBe("A,'+44 20,2 (100.0%)");
    expect(summaryToCsv(table('A', '-x')).split('\r\n')[1]).toBe("A,'-x,2 (100.0%)");
    // Negative numbers are data, not formulas.
    expect(summaryToCsv(table('A', 'b')).split('\r\n').slice(2)).toEqual([
      'Score,Mean (SD),0.9 (3.0)',
      'Score,Range,-1.3–3',
      '',
    ]);
  });

  it('keeps one row per line and one cell per tab in the text for Word', () => {
    const text = summaryToText(table('Site\tname', 'a\tb\r\nc'));
    expect(text.split('\n')[1]).toBe('Site name\ta b c\t2 (100.0%)');
    expect(text.split('\n').every((line) => line === '' || line.split('\t').length === 3)).toBe(
      true,
    );
  });
});
