// CMOCs through the real dispatch: drafting, editing with a kept history, evidence linked to
// passages (validated like codings), and evidence that survives deletions and text edits
// flagged rather than dropped. Bad input changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Attribute,
  Case,
  Classification,
  CodingCreated,
  Excerpt,
  ImportResult,
} from '../../electron/api/contract.js';
import type {
  Cmoc,
  CmocDetail,
  CmocHistoryEntry,
  Evidence,
} from '../../electron/api/contract-realist.js';
import type { TextEditResult } from '../../electron/api/contract-cases.js';
import { closeSession } from '../../electron/api/handlers/project.js';
import { errorOf, tempDir, testCtx, type TestCtx } from '../helpers.js';

const TEXT =
  'Interviewer: What changed for you?\n' +
  'PT04: I moved here last spring and knew nobody 😀 at all.\n' +
  'PT04: The walking group asked my name and remembered it the next week.\n' +
  'PT04: Now I go every Thursday, and I help set out the chairs.\n';
const OTHER = 'LW07: Some people only need one phone call to feel someone is in their corner.\n';

let dir: string;
let ctxs: TestCtx[];

beforeEach(() => {
  dir = tempDir('weft-cmocs-');
  ctxs = [];
});

afterEach(() => {
  for (const c of ctxs) closeSession(c);
  fs.rmSync(dir, { recursive: true, force: true });
});

function newCtx(coderName = 'Test Coder'): TestCtx {
  const c = testCtx(dir, { coderName });
  ctxs.push(c);
  return c;
}

/** A project with two interviews; returns their ids. */
function study(ctx: TestCtx): { a: number; b: number } {
  ctx.ok('project.create', { path: path.join(dir, 'Study') });
  const [a, b] = ctx.ok<ImportResult>('sources.import', {
    files: [
      { name: 'Site1_PT04.txt', content: TEXT },
      { name: 'Site2_LW07.txt', content: OTHER },
    ],
  }).imported;
  return { a: a!.id, b: b!.id };
}

/** Concepts straight into the table: the concept handlers are another part of the work. */
function concept(ctx: TestCtx, name: string, position: number): number {
  return Number(
    ctx.session
      .db!.prepare(
        `INSERT INTO concepts (guid, name, position, created_at) VALUES (?, ?, ?, '2025-01-01')`,
      )
      .run(`guid-${name}`, name, position).lastInsertRowid,
  );
}

const range = (text: string, quote: string) => {
  const start = text.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  return { start, end: start + quote.length };
};

function evidence(
  ctx: TestCtx,
  cmocId: number,
  part: string,
  sourceId: number,
  quote: string,
  text = TEXT,
  extra: Record<string, unknown> = {},
): CmocDetail {
  return ctx.ok<CmocDetail>('cmocs.addEvidence', {
    cmocId,
    part,
    sourceId,
    ...range(text, quote),
    ...extra,
  });
}

/** Everything CMOC calls write, to show that a refused call wrote nothing. */
function snapshot(ctx: TestCtx) {
  const list = ctx.ok<Cmoc[]>('cmocs.list', {});
  return {
    list,
    details: list.map((c) => ctx.ok<CmocDetail>('cmocs.get', { id: c.id })),
    histories: list.map((c) => ctx.ok<CmocHistoryEntry[]>('cmocs.history', { id: c.id })),
  };
}

const cmocEvents = (ctx: TestCtx) =>
  ctx.events.filter(
    (e) => e.event === 'project.changed' && (e.payload as { what: string }).what === 'cmocs',
  ).length;

describe('creating and listing CMOCs', () => {
  it('drafts a CMOC with a default title, version 1, and its gaps flagged', () => {
    const ctx = newCtx();
    study(ctx);
    const first = ctx.ok<CmocDetail>('cmocs.create', {});
    expect(first).toMatchObject({
      title: 'CMOC 1',
      conceptId: null,
      conceptName: null,
      status: 'untested',
      statement: null,
      shownStatement: 'If [context?], then [outcome?], because [mechanism?].',
      missing: ['context', 'mechanism', 'outcome'],
      evidence: { context: 0, mechanism: 0, resource: 0, reasoning: 0, outcome: 0 },
      lostEvidence: 0,
      version: 1,
      evidenceItems: [],
    });
    expect(cmocEvents(ctx)).toBe(1);
    const second = ctx.ok<CmocDetail>('cmocs.create', {
      context: 'People new to the area.',
      resource: 'A group that learns their name',
    });
    expect(second.title).toBe('CMOC 2');
    expect(second.missing).toEqual(['outcome']);
    expect(second.shownStatement).toBe(
      'If people new to the area, then [outcome?], because a group that learns their name.',
    );
    const history = ctx.ok<CmocHistoryEntry[]>('cmocs.history', { id: second.id });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      version: 1,
      action: 'created',
      before: null,
      by: 'Test Coder',
    });
    expect(history[0]!.after).toMatchObject({
      context: 'People new to the area.',
      title: 'CMOC 2',
    });
  });

  it('does not reuse a default title that is taken', () => {
    const ctx = newCtx();
    study(ctx);
    ctx.ok('cmocs.create', { title: 'CMOC 2' });
    expect(ctx.ok<CmocDetail>('cmocs.create', {}).title).toBe('CMOC 3');
  });

  it('lists by theme in board order (no theme last), then in the order drafted, with filters', () => {
    const ctx = newCtx();
    study(ctx);
    const fit = concept(ctx, 'Fitting in', 1);
    const bolted = concept(ctx, 'Bolted on', 0);
    const make = (title: string, conceptId: number | null, more = {}) =>
      ctx.ok<CmocDetail>('cmocs.create', { title, conceptId, ...more }).id;
    make('Loose', null);
    make('F1', fit, { provenance: 'review' });
    make('B1', bolted, { status: 'supported', provenance: 'data' });
    make('F2', fit, { status: 'refuted', statusReason: 'Two sites said the opposite' });
    make('B2', bolted);
    const titles = (filter = {}) => ctx.ok<Cmoc[]>('cmocs.list', filter).map((c) => c.title);
    expect(titles()).toEqual(['B1', 'B2', 'F1', 'F2', 'Loose']);
    expect(ctx.ok<Cmoc[]>('cmocs.list', {})[0]!.conceptName).toBe('Bolted on');
    expect(titles({ conceptId: fit })).toEqual(['F1', 'F2']);
    expect(titles({ conceptId: null })).toEqual(['Loose']);
    expect(titles({ status: 'refuted' })).toEqual(['F2']);
    expect(titles({ provenance: 'data' })).toEqual(['B1']);
    expect(titles({ conceptId: fit, provenance: 'data' })).toEqual([]);
  });

  it('refuses a theme that does not exist, or a refuted CMOC with no reason, creating nothing', () => {
    const ctx = newCtx();
    study(ctx);
    expect(errorOf(ctx, 'cmocs.create', { conceptId: 42 }).code).toBe('not_found');
    expect(errorOf(ctx, 'cmocs.create', { status: 'refuted' }).code).toBe('reason_required');
    expect(errorOf(ctx, 'cmocs.create', { status: 'refined', statusReason: '   ' }).code).toBe(
      'reason_required',
    );
    expect(ctx.ok<Cmoc[]>('cmocs.list', {})).toEqual([]);
    expect(cmocEvents(ctx)).toBe(0);
  });
});

describe('editing a CMOC keeps its history', () => {
  it('records before and after of the changed fields only, and counts versions', () => {
    const ctx = newCtx();
    study(ctx);
    const { id } = ctx.ok<CmocDetail>('cmocs.create', {
      title: 'Named and known',
      context: 'newcomers',
      outcome: 'they return',
    });
    const edited = ctx.ok<CmocDetail>('cmocs.update', {
      id,
      context: 'newcomers with no family nearby',
      outcome: 'they return',
      notes: 'From the Site 1 round',
    });
    expect(edited.version).toBe(2);
    expect(edited.context).toBe('newcomers with no family nearby');
    const [latest] = ctx.ok<CmocHistoryEntry[]>('cmocs.history', { id });
    expect(latest).toMatchObject({
      version: 2,
      action: 'edited',
      before: { context: 'newcomers', notes: '' },
      after: { context: 'newcomers with no family nearby', notes: 'From the Site 1 round' },
      reason: '',
      by: 'Test Coder',
    });
    // A save that changes nothing is not a new version.
    const events = cmocEvents(ctx);
    expect(ctx.ok<CmocDetail>('cmocs.update', { id, outcome: 'they return' }).version).toBe(2);
    expect(cmocEvents(ctx)).toBe(events);
  });

  it('needs a reason to mark a CMOC refined or refuted, and keeps the earlier version visible', () => {
    const ctx = newCtx();
    study(ctx);
    const { id } = ctx.ok<CmocDetail>('cmocs.create', { mechanism: 'being remembered' });
    const before = snapshot(ctx);
    for (const reason of [undefined, '', '   '])
      expect(
        errorOf(ctx, 'cmocs.update', { id, status: 'refined', mechanism: 'being greeted', reason })
          .message,
      ).toMatch(/reason/);
    expect(snapshot(ctx)).toEqual(before);

    const refined = ctx.ok<CmocDetail>('cmocs.update', {
      id,
      status: 'refined',
      mechanism: 'being greeted by name',
      reason: 'Follow-up interviews: the name mattered more than the welcome',
    });
    expect(refined).toMatchObject({
      status: 'refined',
      statusReason: 'Follow-up interviews: the name mattered more than the welcome',
      mechanism: 'being greeted by name',
      version: 2,
    });
    const [entry] = ctx.ok<CmocHistoryEntry[]>('cmocs.history', { id });
    expect(entry).toMatchObject({
      action: 'status',
      reason: 'Follow-up interviews: the name mattered more than the welcome',
      before: { mechanism: 'being remembered', status: 'untested', statusReason: '' },
      after: { mechanism: 'being greeted by name', status: 'refined' },
    });
    // A status reason given as a field is reason enough.
    expect(
      ctx.ok<CmocDetail>('cmocs.update', { id, status: 'refuted', statusReason: 'Site 3' }),
    ).toMatchObject({ status: 'refuted', statusReason: 'Site 3', version: 3 });
    // Back to supported needs no reason.
    expect(ctx.ok<CmocDetail>('cmocs.update', { id, status: 'supported' }).status).toBe(
      'supported',
    );
    const versions = ctx.ok<CmocHistoryEntry[]>('cmocs.history', { id }).map((h) => h.version);
    expect(versions).toEqual([4, 3, 2, 1]);
  });

  it('shows an edited statement, and drafts again once it is cleared', () => {
    const ctx = newCtx();
    study(ctx);
    const { id } = ctx.ok<CmocDetail>('cmocs.create', { context: 'c', outcome: 'o' });
    const mine = 'When newcomers are greeted by name they come back.';
    expect(ctx.ok<CmocDetail>('cmocs.update', { id, statement: mine }).shownStatement).toBe(mine);
    expect(ctx.ok<CmocDetail>('cmocs.update', { id, statement: null }).shownStatement).toBe(
      'If c, then o, because [mechanism?].',
    );
  });

  it('names who made each change', () => {
    const ana = newCtx('Ana Ruiz');
    study(ana);
    const { id } = ana.ok<CmocDetail>('cmocs.create', { title: 'Shared' });
    ana.ok('project.close');
    const ben = newCtx('Ben Osei');
    ben.ok('project.open', { path: path.join(dir, 'Study.weft') });
    ben.ok('cmocs.update', { id, notes: 'checked' });
    expect(ben.ok<CmocHistoryEntry[]>('cmocs.history', { id }).map((h) => h.by)).toEqual([
      'Ben Osei',
      'Ana Ruiz',
    ]);
  });

  it('deletes a CMOC with its evidence and history', () => {
    const ctx = newCtx();
    const { a } = study(ctx);
    const { id } = ctx.ok<CmocDetail>('cmocs.create', {});
    evidence(ctx, id, 'context', a, 'knew nobody');
    expect(ctx.ok('cmocs.delete', { id })).toBeNull();
    expect(ctx.ok<Cmoc[]>('cmocs.list', {})).toEqual([]);
    expect(errorOf(ctx, 'cmocs.get', { id }).code).toBe('not_found');
    expect(errorOf(ctx, 'cmocs.history', { id }).code).toBe('not_found');
    expect(errorOf(ctx, 'cmocs.delete', { id }).code).toBe('not_found');
    expect(ctx.ok<Evidence[]>('cmocs.evidenceInSource', { sourceId: a })).toEqual([]);
  });
});

describe('evidence', () => {
  it('links passages to parts, counts them, and lets evidence fill a part', () => {
    const ctx = newCtx();
    const { a, b } = study(ctx);
    const { id } = ctx.ok<CmocDetail>('cmocs.create', { title: 'Remembered' });
    evidence(ctx, id, 'context', a, 'knew nobody 😀 at all');
    evidence(ctx, id, 'resource', a, 'asked my name and remembered it');
    const got = evidence(ctx, id, 'outcome', b, 'one phone call', OTHER);
    expect(got.missing).toEqual([]); // resource evidence counts for the mechanism
    expect(got.evidence).toEqual({
      context: 1,
      mechanism: 0,
      resource: 1,
      reasoning: 0,
      outcome: 1,
    });
    expect(got.version).toBe(4);
    expect(got.evidenceItems.map((e) => [e.part, e.quote, e.sourceName, e.attribution])).toEqual([
      ['context', 'knew nobody 😀 at all', 'Site1_PT04', '(Site1_PT04)'],
      ['resource', 'asked my name and remembered it', 'Site1_PT04', '(Site1_PT04)'],
      ['outcome', 'one phone call', 'Site2_LW07', '(Site2_LW07)'],
    ]);
    const [added] = ctx.ok<CmocHistoryEntry[]>('cmocs.history', { id });
    expect(added).toMatchObject({
      action: 'evidence added',
      evidence: 'one phone call (Site2_LW07)',
      by: 'Test Coder',
    });
    // The same passage on the same part is linked once.
    expect(evidence(ctx, id, 'outcome', b, 'one phone call', OTHER).evidence.outcome).toBe(1);
    expect(ctx.ok<CmocDetail>('cmocs.get', { id }).version).toBe(4);
  });

  it('creates the CMOC and its first evidence in one step, or neither', () => {
    const ctx = newCtx();
    const { a } = study(ctx);
    const theme = concept(ctx, 'Belonging', 0);
    const r = range(TEXT, 'I help set out the chairs');
    const got = ctx.ok<CmocDetail>('cmocs.addEvidence', {
      newCmoc: { title: 'Useful to the group', conceptId: theme },
      part: 'outcome',
      sourceId: a,
      ...r,
    });
    expect(got).toMatchObject({
      title: 'Useful to the group',
      conceptName: 'Belonging',
      version: 2,
    });
    expect(got.evidenceItems[0]!.quote).toBe('I help set out the chairs');
    expect(cmocEvents(ctx)).toBe(1);

    const before = snapshot(ctx);
    const refused = [
      { newCmoc: { title: 'Ghost' }, part: 'outcome', sourceId: a, start: 0, end: 99_999 },
      { newCmoc: { title: 'Ghost' }, part: 'outcome', sourceId: 999, start: 0, end: 3 },
      { newCmoc: { title: 'Ghost', conceptId: 999 }, part: 'outcome', sourceId: a, ...r },
    ];
    for (const input of refused) errorOf(ctx, 'cmocs.addEvidence', input);
    expect(snapshot(ctx)).toEqual(before);
    expect(cmocEvents(ctx)).toBe(1);
  });

  it('validates offsets and codings like coding does, changing nothing', () => {
    const ctx = newCtx();
    const { a, b } = study(ctx);
    const { id } = ctx.ok<CmocDetail>('cmocs.create', {});
    const emoji = TEXT.indexOf('😀');
    const coded = ctx.ok<CodingCreated>('codings.create', {
      sourceId: a,
      ...range(TEXT, 'The walking group asked my name'),
      codeName: 'Welcome',
    }).coding;
    const elsewhere = ctx.ok<CodingCreated>('codings.create', {
      sourceId: b,
      ...range(OTHER, 'one phone call'),
      codeName: 'Welcome',
    }).coding;
    const before = snapshot(ctx);
    const bad: [Record<string, unknown>, string][] = [
      [{ start: 0, end: TEXT.length + 1 }, 'out_of_range'],
      [{ start: emoji + 1, end: emoji + 5 }, 'bad_offset'],
      [{ start: emoji - 4, end: emoji + 1 }, 'bad_offset'],
      [{ start: 5, end: 5 }, 'invalid_input'],
      [{ start: 9, end: 3 }, 'invalid_input'],
      [{ start: -1, end: 3 }, 'invalid_input'],
      [{ start: 1.5, end: 3 }, 'invalid_input'],
      [{ start: coded.start, end: coded.end + 1, codingId: coded.id }, 'bad_coding'],
      [{ start: coded.start, end: coded.end, codingId: elsewhere.id }, 'bad_coding'],
      [{ start: coded.start, end: coded.end, codingId: 999 }, 'not_found'],
      [{ start: 0, end: 3, sourceId: 999 }, 'not_found'],
      [{ start: 0, end: 3, cmocId: 999 }, 'not_found'],
      [{ start: 0, end: 3, part: 'theory' }, 'invalid_input'],
      [{ start: 0, end: 3, newCmoc: { title: 'x' } }, 'invalid_input'],
      [{ start: 0, end: 3, cmocId: undefined }, 'invalid_input'],
      [{ start: 0, end: 3, extra: 1 }, 'invalid_input'],
      [{ start: '0', end: 3 }, 'invalid_input'],
    ];
    for (const [input, code] of bad) {
      const error = errorOf(ctx, 'cmocs.addEvidence', {
        cmocId: id,
        part: 'context',
        sourceId: a,
        ...input,
      });
      expect(error.code, JSON.stringify(input)).toBe(code);
    }
    expect(snapshot(ctx)).toEqual(before);

    // Inside its coding, the evidence remembers it.
    const inside = evidence(ctx, id, 'context', a, 'asked my name', TEXT, { codingId: coded.id });
    expect(inside.evidenceItems[0]!.codingId).toBe(coded.id);
    // A whole emoji is fine.
    expect(evidence(ctx, id, 'context', a, '😀').evidenceItems[1]!.quote).toBe('😀');
  });

  it('removes evidence and says so in the history', () => {
    const ctx = newCtx();
    const { a } = study(ctx);
    const { id } = ctx.ok<CmocDetail>('cmocs.create', {});
    const added = evidence(ctx, id, 'mechanism', a, 'remembered it the next week');
    const gone = ctx.ok<CmocDetail>('cmocs.removeEvidence', { id: added.evidenceItems[0]!.id });
    expect(gone.evidenceItems).toEqual([]);
    expect(gone.missing).toContain('mechanism');
    expect(ctx.ok<CmocHistoryEntry[]>('cmocs.history', { id })[0]).toMatchObject({
      version: 3,
      action: 'evidence removed',
      evidence: 'remembered it the next week (Site1_PT04)',
    });
    expect(errorOf(ctx, 'cmocs.removeEvidence', { id: added.evidenceItems[0]!.id }).code).toBe(
      'not_found',
    );
  });

  it('attributes evidence exactly as retrieval attributes the same passage', () => {
    const ctx = newCtx();
    const { a } = study(ctx);
    const person = ctx.ok<Classification>('classifications.create', { name: 'Person' });
    const site = ctx.ok<Classification>('classifications.create', { name: 'Site' });
    const attr = (scope: string, name: string, type: string, classificationId?: number) =>
      ctx.ok<Attribute>('attributes.create', { scope, name, type, classificationId }).id;
    const role = attr('case', 'Role', 'text', person.id);
    const age = attr('case', 'Age', 'number', person.id);
    const setting = attr('case', 'Setting', 'text', site.id);
    const siteNo = attr('source', 'Site', 'number');
    const pt04 = ctx.ok<Case>('cases.create', { name: 'PT04', classificationId: person.id });
    const site1 = ctx.ok<Case>('cases.create', { name: 'Site 1', classificationId: site.id });
    ctx.ok('cases.linkSource', { caseId: pt04.id, sourceId: a });
    ctx.ok('cases.linkSource', { caseId: site1.id, sourceId: a });
    ctx.ok('values.set', {
      edits: [
        { caseId: pt04.id, attributeId: role, value: 'Participant' },
        { caseId: pt04.id, attributeId: age, value: 67 },
        { caseId: site1.id, attributeId: setting, value: 'coastal' },
        { sourceId: a, attributeId: siteNo, value: '1' },
      ],
    });
    const quote = 'remembered it the next week';
    const coding = ctx.ok<CodingCreated>('codings.create', {
      sourceId: a,
      ...range(TEXT, quote),
      codeName: 'Recognition',
    });
    const { id } = ctx.ok<CmocDetail>('cmocs.create', {});
    evidence(ctx, id, 'outcome', a, quote, TEXT, { codingId: coding.coding.id });
    for (const template of [
      '(Site {site}, {person}, {kind})',
      '{Case}; {role}, {AGE}; {setting}; {code} by {coder}; {mood}',
    ]) {
      ctx.ok('settings.update', { attributionTemplate: template });
      const excerpt = ctx.ok<Excerpt[]>('excerpts.forCode', { codeId: coding.code.id })[0]!;
      const got = ctx.ok<CmocDetail>('cmocs.get', { id }).evidenceItems[0]!;
      expect(got.attribution).toBe(excerpt.attribution);
    }
    expect(ctx.ok<CmocDetail>('cmocs.get', { id }).evidenceItems[0]!.attribution).toBe(
      'PT04, Site 1; Participant, 67; coastal; Recognition by Test Coder; ?',
    );
  });
});

describe('evidence is never lost silently', () => {
  it('flags evidence whose source is deleted, keeping its words and source name', () => {
    const ctx = newCtx();
    const { a, b } = study(ctx);
    const { id } = ctx.ok<CmocDetail>('cmocs.create', {});
    evidence(ctx, id, 'context', a, 'knew nobody 😀 at all');
    const coded = ctx.ok<CodingCreated>('codings.create', {
      sourceId: a,
      ...range(TEXT, 'I go every Thursday'),
      codeName: 'Routine',
    }).coding;
    evidence(ctx, id, 'outcome', a, 'I go every Thursday', TEXT, { codingId: coded.id });
    evidence(ctx, id, 'outcome', b, 'one phone call', OTHER);
    // The deletion asks first: it can say what it would flag.
    expect(
      ctx.ok<Evidence[]>('cmocs.evidenceInSource', { sourceId: a }).map((e) => e.quote),
    ).toEqual(['knew nobody 😀 at all', 'I go every Thursday']);

    ctx.ok('sources.delete', { id: a });
    const after = ctx.ok<CmocDetail>('cmocs.get', { id });
    expect(after.lostEvidence).toBe(2);
    expect(after.evidence).toMatchObject({ context: 1, outcome: 2 });
    expect(after.missing).toEqual(['mechanism']);
    expect(
      after.evidenceItems.map((e) => [e.quote, e.sourceName, e.sourceId, e.lost, e.attribution]),
    ).toEqual([
      ['knew nobody 😀 at all', 'Site1_PT04', null, 'source', ''],
      ['I go every Thursday', 'Site1_PT04', null, 'source', ''],
      ['one phone call', 'Site2_LW07', expect.any(Number), '', '(Site2_LW07)'],
    ]);
    expect(ctx.ok<Cmoc[]>('cmocs.list', {})[0]!.lostEvidence).toBe(2);
  });

  it('flags evidence whose coding is deleted, or whose code is', () => {
    const ctx = newCtx();
    const { a } = study(ctx);
    const { id } = ctx.ok<CmocDetail>('cmocs.create', {});
    const take = (quote: string, codeName: string) => {
      const c = ctx.ok<CodingCreated>('codings.create', {
        sourceId: a,
        ...range(TEXT, quote),
        codeName,
      });
      evidence(ctx, id, 'context', a, quote, TEXT, { codingId: c.coding.id });
      return c;
    };
    const one = take('I moved here last spring', 'Arrival');
    const two = take('asked my name', 'Welcome');
    take('set out the chairs', 'Helping');
    ctx.ok('codings.delete', { id: one.coding.id });
    ctx.ok('codes.delete', { id: two.code.id });
    const items = ctx.ok<CmocDetail>('cmocs.get', { id }).evidenceItems;
    expect(items.map((e) => [e.quote, e.lost, e.codingId, e.sourceId])).toEqual([
      ['I moved here last spring', 'coding', null, a],
      ['asked my name', 'coding', null, a],
      ['set out the chairs', '', expect.any(Number), a],
    ]);
    expect(ctx.ok<CmocDetail>('cmocs.get', { id }).lostEvidence).toBe(2);

    // Undoing the deletions puts the codings back, and their evidence is sound again.
    ctx.ok('undo.undo');
    ctx.ok('undo.undo');
    const back = ctx.ok<CmocDetail>('cmocs.get', { id });
    expect(back.evidenceItems.map((e) => [e.quote, e.lost])).toEqual([
      ['I moved here last spring', ''],
      ['asked my name', ''],
      ['set out the chairs', ''],
    ]);
    expect(back.evidenceItems.every((e) => e.codingId !== null)).toBe(true);
    expect(back.lostEvidence).toBe(0);
  });

  it('moves evidence with its words when the text is edited, and keeps it flagged when they go', () => {
    const ctx = newCtx();
    const { a } = study(ctx);
    const { id } = ctx.ok<CmocDetail>('cmocs.create', {});
    evidence(ctx, id, 'context', a, 'knew nobody 😀 at all');
    evidence(ctx, id, 'outcome', a, 'I help set out the chairs');
    const edit = (text: string, baseLength: number) =>
      ctx.ok<TextEditResult>('sources.editText', { id: a, text, baseLength });

    // Words added before both passages: they move, their words stay the same.
    const added = TEXT.replace('What changed', 'Tell me, what changed');
    edit(added, TEXT.length);
    let items = ctx.ok<CmocDetail>('cmocs.get', { id }).evidenceItems;
    expect(items.map((e) => [e.quote, e.start, e.lost])).toEqual([
      ['knew nobody 😀 at all', added.indexOf('knew nobody'), ''],
      ['I help set out the chairs', added.indexOf('I help'), ''],
    ]);

    // The first passage's words all deleted: the evidence stays, flagged, with what it said.
    const cut = added.replace(' and knew nobody 😀 at all', '');
    edit(cut, added.length);
    const flagged = ctx.ok<CmocDetail>('cmocs.get', { id });
    items = flagged.evidenceItems;
    expect(items.map((e) => [e.quote, e.lost])).toEqual([
      ['knew nobody 😀 at all', 'text'],
      ['I help set out the chairs', ''],
    ]);
    expect(items[1]!.start).toBe(cut.indexOf('I help'));
    expect(flagged.lostEvidence).toBe(1);
    expect(flagged.evidence.context).toBe(1);

    // A later edit leaves the flagged evidence alone (its offsets point at nothing now).
    const later = cut.replace('Interviewer', 'Int');
    edit(later, cut.length);
    expect(ctx.ok<CmocDetail>('cmocs.get', { id }).evidenceItems[0]).toMatchObject({
      quote: 'knew nobody 😀 at all',
      lost: 'text',
    });

    // Undo both edits: the words are back and the evidence is sound at its old place.
    ctx.ok('sources.undoEdit', { id: a });
    ctx.ok('sources.undoEdit', { id: a });
    items = ctx.ok<CmocDetail>('cmocs.get', { id }).evidenceItems;
    expect(items.map((e) => [e.quote, e.start, e.end, e.lost])).toEqual([
      [
        'knew nobody 😀 at all',
        added.indexOf('knew nobody'),
        added.indexOf('knew nobody') + 'knew nobody 😀 at all'.length,
        '',
      ],
      ['I help set out the chairs', added.indexOf('I help'), expect.any(Number), ''],
    ]);
    // Redo flags it again; deleting the source then keeps those same words.
    ctx.ok('sources.redoEdit', { id: a });
    expect(ctx.ok<CmocDetail>('cmocs.get', { id }).evidenceItems[0]!.lost).toBe('text');
    ctx.ok('sources.undoEdit', { id: a });
    ctx.ok('sources.undoEdit', { id: a });
    ctx.ok('sources.delete', { id: a });
    expect(
      ctx.ok<CmocDetail>('cmocs.get', { id }).evidenceItems.map((e) => [e.quote, e.lost]),
    ).toEqual([
      ['knew nobody 😀 at all', 'source'],
      ['I help set out the chairs', 'source'],
    ]);
  });

  it('keeps the words evidence last held when an edit reshaped it and the source then went', () => {
    const ctx = newCtx();
    const { a } = study(ctx);
    const { id } = ctx.ok<CmocDetail>('cmocs.create', {});
    evidence(ctx, id, 'outcome', a, 'I help set out the chairs');
    const clipped = TEXT.replace('set out the chairs', 'set out the cups');
    ctx.ok('sources.editText', { id: a, text: clipped, baseLength: TEXT.length });
    expect(ctx.ok<CmocDetail>('cmocs.get', { id }).evidenceItems[0]!.quote).toBe(
      'I help set out the cups',
    );
    ctx.ok('sources.delete', { id: a });
    expect(ctx.ok<CmocDetail>('cmocs.get', { id }).evidenceItems[0]).toMatchObject({
      quote: 'I help set out the cups',
      lost: 'source',
    });
  });
});

describe('hostile and invalid payloads', () => {
  it('refuses them with a clear error and changes nothing', () => {
    const ctx = newCtx();
    const { a } = study(ctx);
    const { id } = ctx.ok<CmocDetail>('cmocs.create', { title: 'Kept' });
    evidence(ctx, id, 'context', a, 'knew nobody');
    const before = snapshot(ctx);
    const calls: [string, unknown][] = [
      ['cmocs.create', { title: '' }],
      ['cmocs.create', { title: 'x'.repeat(201) }],
      ['cmocs.create', { context: 'x'.repeat(20_001) }],
      ['cmocs.create', { status: 'proven' }],
      ['cmocs.create', { provenance: 'hunch' }],
      ['cmocs.create', { confidence: 'total' }],
      ['cmocs.create', { conceptId: -1 }],
      ['cmocs.create', { id: 5 }],
      ['cmocs.create', { __proto__: { title: 'x' }, constructor: 'y' }],
      ['cmocs.create', 'not an object'],
      ['cmocs.update', { id, title: null }],
      ['cmocs.update', { id: 999, title: 'New' }],
      ['cmocs.update', { id: String(id), title: 'New' }],
      ['cmocs.update', { id, context: 42 }],
      ['cmocs.update', { id, status: 'refuted', reason: '' }],
      ['cmocs.update', { id, conceptId: 999 }],
      ['cmocs.delete', { id: 999 }],
      ['cmocs.delete', {}],
      ['cmocs.removeEvidence', { id: 999 }],
      ['cmocs.list', { status: 'all' }],
      ['cmocs.list', { conceptId: 'x' }],
      ['cmocs.get', { id: 0 }],
      ['cmocs.history', { id: 999 }],
      ['cmocs.evidenceInSource', { sourceId: 999 }],
      ['cmocs.export', { format: 'pdf', quotes: true }],
      ['cmocs.export', { format: 'csv' }],
    ];
    for (const [method, input] of calls) {
      const e = errorOf(ctx, method, input);
      expect(e.message.length, `${method} ${JSON.stringify(input)}`).toBeGreaterThan(0);
    }
    expect(snapshot(ctx)).toEqual(before);
  });

  it('stores titles and text that look like SQL or markup as plain words', () => {
    const ctx = newCtx();
    study(ctx);
    const title = "x'); DROP TABLE cmocs; --";
    const got = ctx.ok<CmocDetail>('cmocs.create', {
      title,
      context: '<img src=x onerror=alert(1)>',
    });
    expect(got.title).toBe(title);
    expect(ctx.ok<CmocDetail>('cmocs.get', { id: got.id }).context).toBe(
      '<img src=x onerror=alert(1)>',
    );
    expect(ctx.ok<Cmoc[]>('cmocs.list', {})).toHaveLength(1);
  });

  it('needs an open project', () => {
    const ctx = newCtx();
    expect(errorOf(ctx, 'cmocs.list', {}).code).toBe('no_project');
    expect(errorOf(ctx, 'cmocs.create', {}).code).toBe('no_project');
  });
});
