// Retrieval: excerpts of a code with context and an attribution, and the template renderer.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../db/open.js';
import {
  addCasePassage,
  createAttribute,
  createCase,
  createClassification,
  linkSourceToCase,
  setValues,
} from '../../db/queries/cases.js';
import { insertCode } from '../../db/queries/codes.js';
import { insertCoding } from '../../db/queries/codings.js';
import {
  attributionTemplate,
  codeAndDescendants,
  contextAround,
  DEFAULT_ATTRIBUTION_TEMPLATE,
  formatValue,
  listExcerpts,
  parseTemplate,
  renderTemplate,
  setAttributionTemplate,
} from '../../db/queries/excerpts.js';
import { insertSource } from '../../db/queries/sources.js';
import { ensureUser } from '../../db/queries/users.js';
import { tempDir } from '../helpers.js';

describe('renderTemplate (pure)', () => {
  const values = { site: '2', participant: 'LW02', round: 'follow-up interview' };

  it('fills the issue’s example', () => {
    expect(renderTemplate('(Site {site}, {participant}, {round})', values)).toBe(
      '(Site 2, LW02, follow-up interview)',
    );
  });

  it('matches field names ignoring case, spaces and underscores', () => {
    const v = { 'Interview round': 'first', Site_Code: 'S2' };
    expect(renderTemplate('{interview_round}|{INTERVIEWROUND}|{ Interview Round }', v)).toBe(
      'first|first|first',
    );
    expect(renderTemplate('{site code}', v)).toBe('S2');
  });

  it('renders an unknown field or an empty value as ?, keeping the text around it', () => {
    expect(renderTemplate('({site}, {age})', { site: '2' })).toBe('(2, ?)');
    expect(renderTemplate('({site}, {round})', { site: '2', round: '' })).toBe('(2, ?)');
    expect(renderTemplate('{}', values)).toBe('?');
  });

  it('keeps unpaired braces and plain text as written', () => {
    expect(renderTemplate('no fields at all', values)).toBe('no fields at all');
    expect(renderTemplate('{site', values)).toBe('{site');
    expect(renderTemplate('site}', values)).toBe('site}');
    expect(renderTemplate('{{site}}', values)).toBe('{2}');
    expect(renderTemplate('', values)).toBe('');
  });

  it('parses a template once into text and field keys', () => {
    expect(parseTemplate('(Site {Site}, {Interview Round})')).toEqual([
      '(Site ',
      { key: 'site' },
      ', ',
      { key: 'interviewround' },
      ')',
    ]);
  });

  it('formats values as people read them', () => {
    expect(formatValue('number', 2)).toBe('2');
    expect(formatValue('number', 2.5)).toBe('2.5');
    expect(formatValue('number', 34.0)).toBe('34');
    expect(formatValue('boolean', true)).toBe('Yes');
    expect(formatValue('boolean', false)).toBe('No');
    expect(formatValue('date', '2023-04-21')).toBe('2023-04-21');
    expect(formatValue('text', 'rural')).toBe('rural');
  });
});

describe('contextAround', () => {
  const text = 'We met in the small room. It was cold but it was ours. Then the GP came.';
  const at = (quote: string) => {
    const start = text.indexOf(quote);
    return [start, start + quote.length] as const;
  };

  it('gives whole words either side, never part of one', () => {
    const [s, e] = at('It was cold');
    // 10 units back lands inside "small": that partial word goes
    expect(contextAround(text, s, e, 10)).toEqual({ before: 'room. ', after: ' but it' });
    const { before, after } = contextAround(text, s, e, 20);
    expect(text.slice(0, s).endsWith(before)).toBe(true);
    expect(text.slice(e).startsWith(after)).toBe(true);
    expect(before).toBe('in the small room. ');
    expect(after).toBe(' but it was ours.');
  });

  it('keeps everything up to an edge of the text, and is empty at an edge', () => {
    const [s, e] = at('It was cold');
    expect(contextAround(text, s, e, 160)).toEqual({
      before: text.slice(0, s),
      after: text.slice(e),
    });
    expect(contextAround(text, 0, 6, 20).before).toBe('');
    expect(contextAround(text, text.length - 8, text.length, 20).after).toBe('');
  });

  it('is empty with no context asked for', () => {
    const [s, e] = at('cold');
    expect(contextAround(text, s, e, 0)).toEqual({ before: '', after: '' });
  });

  it('never splits a surrogate pair when a run has no spaces to cut at', () => {
    const emoji = '😀'.repeat(10); // 20 UTF-16 units, no spaces
    const t = `${emoji}X${emoji}`;
    const s = 20;
    for (const n of [1, 2, 3, 7, 19]) {
      const { before, after } = contextAround(t, s, s + 1, n);
      expect(before.length).toBeLessThanOrEqual(n);
      expect(after.length).toBeLessThanOrEqual(n);
      expect(before.length % 2).toBe(0);
      expect(after.length % 2).toBe(0);
      expect(Array.from(before).every((c) => c === '😀')).toBe(true);
      expect(Array.from(after).every((c) => c === '😀')).toBe(true);
    }
  });
});

describe('listExcerpts', () => {
  let dir: string;
  let db: Db;
  let rosa: number;
  let sam: number;
  const INTERVIEW =
    'Interviewer: Where do you see people?\nLW02: In a cupboard, honestly. The GP trusts me now.\n';

  beforeEach(() => {
    dir = tempDir('weft-excerpts-');
    db = openProject(path.join(dir, 'x.weft'), { create: true });
    rosa = ensureUser(db, 'Rosa Lind').id;
    sam = ensureUser(db, 'Sam Okafor').id;
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function coding(sourceId: number, codeId: number, quote: string, text: string, coderId = rosa) {
    const start = text.indexOf(quote);
    expect(start).toBeGreaterThanOrEqual(0);
    insertCoding(db, { sourceId, codeId, start, end: start + quote.length, coderId });
  }

  /** Two sites' people with attributes, two interviews linked to them, like the demo study. */
  function study() {
    const person = createClassification(db, { name: 'Person' });
    const site = createClassification(db, { name: 'Site' });
    const role = createAttribute(db, {
      scope: 'case',
      classificationId: person.id,
      name: 'Role',
      type: 'text',
    });
    const age = createAttribute(db, {
      scope: 'case',
      classificationId: person.id,
      name: 'Age',
      type: 'number',
    });
    const consent = createAttribute(db, {
      scope: 'case',
      classificationId: person.id,
      name: 'Consented',
      type: 'boolean',
    });
    const setting = createAttribute(db, {
      scope: 'case',
      classificationId: site.id,
      name: 'Setting',
      type: 'text',
    });
    const round = createAttribute(db, { scope: 'source', name: 'Interview round', type: 'text' });
    const siteNo = createAttribute(db, { scope: 'source', name: 'Site', type: 'number' });
    const date = createAttribute(db, { scope: 'source', name: 'Date', type: 'date' });
    const lw02 = createCase(db, { name: 'LW02', classificationId: person.id });
    const p05 = createCase(db, { name: 'P05', classificationId: person.id });
    const site2 = createCase(db, { name: 'Site 2', classificationId: site.id });
    const a = insertSource(db, { name: 'Site2_LW02_followup', kind: 'interview', text: INTERVIEW });
    const b = insertSource(db, {
      name: 'Site2_fieldnotes',
      kind: 'fieldnote',
      text: 'P05 waited an hour. The GP trusts LW02.',
    });
    linkSourceToCase(db, a, lw02.id);
    linkSourceToCase(db, a, site2.id);
    setValues(db, [
      { caseId: lw02.id, attributeId: role.id, value: 'Link worker' },
      { caseId: lw02.id, attributeId: age.id, value: '41' },
      { caseId: lw02.id, attributeId: consent.id, value: 'yes' },
      { caseId: p05.id, attributeId: role.id, value: 'Patient' },
      { caseId: site2.id, attributeId: setting.id, value: 'rural' },
      { sourceId: a, attributeId: round.id, value: 'follow-up interview' },
      { sourceId: a, attributeId: siteNo.id, value: '2.0' },
      { sourceId: a, attributeId: date.id, value: '21/04/2023' },
    ]);
    const trust = insertCode(db, { name: 'Trust' });
    const space = insertCode(db, { name: 'Space' });
    coding(a, trust, 'The GP trusts me now.', INTERVIEW);
    coding(a, space, 'In a cupboard', INTERVIEW, sam);
    return { a, b, trust, space, lw02, p05, site2 };
  }

  it('lists a code’s codings in source order with text, context, code and coder', () => {
    const { a, trust } = study();
    const text = 'The GP trusts me now.';
    const [e] = listExcerpts(db, { codeIds: [trust] });
    expect(e).toMatchObject({
      sourceId: a,
      sourceName: 'Site2_LW02_followup',
      codeId: trust,
      codeName: 'Trust',
      text,
      before: INTERVIEW.slice(0, INTERVIEW.indexOf(text)),
      after: '\n',
      coder: 'Rosa Lind',
      coderId: rosa,
      attribution: '(Site2_LW02_followup)',
    });
  });

  it('uses the default template "({source})" until one is set, then the project’s', () => {
    const { trust } = study();
    expect(attributionTemplate(db)).toBe(DEFAULT_ATTRIBUTION_TEMPLATE);
    setAttributionTemplate(db, '(Site {site}, {person}, {interview round})');
    expect(listExcerpts(db, { codeIds: [trust] })[0]!.attribution).toBe(
      '(Site 2, LW02, follow-up interview)',
    );
  });

  it('fills built-in fields, source and case attributes, with readable values', () => {
    const { trust } = study();
    const render = (template: string) =>
      listExcerpts(db, { codeIds: [trust], template })[0]!.attribution;
    expect(render('{source}|{kind}|{coder}|{code}|{folder}')).toBe(
      'Site2_LW02_followup|interview|Rosa Lind|Trust|?',
    );
    expect(render('{case}')).toBe('LW02, Site 2');
    expect(render('{role}, {age}, {consented}, {setting}')).toBe('Link worker, 41, Yes, rural');
    expect(render('{date} / {Site}')).toBe('2023-04-21 / 2');
    expect(render('{nothing like it}')).toBe('?');
  });

  it('takes the cases of a passage holding the coding before the whole source’s cases', () => {
    const { b, trust, p05, lw02 } = study();
    const notes = 'P05 waited an hour. The GP trusts LW02.';
    addCasePassage(db, { caseId: p05.id, sourceId: b, start: 0, end: 19 });
    addCasePassage(db, { caseId: lw02.id, sourceId: b, start: 20, end: notes.length });
    coding(b, trust, 'P05 waited', notes);
    coding(b, trust, 'GP trusts', notes);
    coding(b, trust, 'an hour. The GP', notes); // spans both passages: in neither
    const got = listExcerpts(db, { codeIds: [trust], template: '{case}: {role}' });
    expect(got.map((e) => [e.sourceName, e.text, e.attribution])).toEqual([
      ['Site2_fieldnotes', 'P05 waited', 'P05: Patient'],
      ['Site2_fieldnotes', 'an hour. The GP', '?: ?'],
      ['Site2_fieldnotes', 'GP trusts', 'LW02: Link worker'],
      ['Site2_LW02_followup', 'The GP trusts me now.', 'LW02, Site 2: Link worker'],
    ]);
  });

  it('filters by coder and takes several codes at once', () => {
    const { trust, space } = study();
    expect(listExcerpts(db, { codeIds: [trust, space] }).map((e) => e.codeName)).toEqual([
      'Space',
      'Trust',
    ]);
    expect(
      listExcerpts(db, { codeIds: [trust, space], coderIds: [sam] }).map((e) => e.text),
    ).toEqual(['In a cupboard']);
    expect(listExcerpts(db, { codeIds: [trust], coderIds: [] })).toEqual([]);
    expect(listExcerpts(db, { codeIds: [] })).toEqual([]);
  });

  it('finds a code’s descendants at any depth', () => {
    const top = insertCode(db, { name: 'Belonging' });
    const mid = insertCode(db, { name: 'Trust', parentId: top });
    const leaf = insertCode(db, { name: 'Trust in GPs', parentId: mid });
    const other = insertCode(db, { name: 'Space' });
    expect(codeAndDescendants(db, top).sort()).toEqual([top, mid, leaf].sort());
    expect(codeAndDescendants(db, leaf)).toEqual([leaf]);
    expect(codeAndDescendants(db, other)).toEqual([other]);
    expect(codeAndDescendants(db, 9999)).toEqual([]);
  });

  it('reads 300 excerpts of one code from 30 sources in under 100 ms', () => {
    const code = insertCode(db, { name: 'Trust' });
    const words = Array.from({ length: 3000 }, (_, i) => `word${i % 97}`).join(' ');
    for (let s = 0; s < 30; s++) {
      const id = insertSource(db, { name: `T${s}`, text: words });
      for (let k = 0; k < 10; k++)
        insertCoding(db, {
          sourceId: id,
          codeId: code,
          start: k * 500,
          end: k * 500 + 40,
          coderId: rosa,
        });
    }
    listExcerpts(db, { codeIds: [code] });
    const t = performance.now();
    const got = listExcerpts(db, { codeIds: [code] });
    const ms = performance.now() - t;
    expect(got).toHaveLength(300);
    expect(ms).toBeLessThan(100);
  });
});
