// The workbench through the real dispatch: excerpts with attributions, the attribution
// template, the coder chosen per project, memos and annotations. Bad input changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Annotation,
  Attribute,
  Case,
  Classification,
  Code,
  Coder,
  CoderSummary,
  CodingCreated,
  Excerpt,
  ImportResult,
  Memo,
  MemoPassage,
  ProjectInfo,
  ProjectSettings,
  UndoResult,
} from '../../electron/api/contract.js';
import { closeSession } from '../../electron/api/handlers/project.js';
import { readState } from '../../electron/api/state.js';
import { errorOf, tempDir, testCtx, type TestCtx } from '../helpers.js';

const TEXT =
  'Interviewer: Where do you see people?\n' +
  'LW02: In a cupboard 😀, honestly. The GP trusts me now, and the receptionists ask for me.\n';

let dir: string;
let ctxs: TestCtx[];

beforeEach(() => {
  dir = tempDir('weft-workbench-');
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

/** A new project with one interview; returns the source id. */
function study(ctx: TestCtx, name = 'Study', text = TEXT): number {
  ctx.ok('project.create', { path: path.join(dir, name) });
  return ctx.ok<ImportResult>('sources.import', {
    files: [{ name: 'Site2_LW02_followup.txt', content: text }],
  }).imported[0]!.id;
}

function code(
  ctx: TestCtx,
  sourceId: number,
  quote: string,
  c: { codeName: string } | { codeId: number },
): CodingCreated {
  const start = TEXT.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  return ctx.ok<CodingCreated>('codings.create', {
    sourceId,
    start,
    end: start + quote.length,
    ...c,
  });
}

/** Everything the calls below may write, to show a refused call wrote nothing. */
function snapshot(ctx: TestCtx) {
  return {
    memos: ctx.ok<Memo[]>('memos.list', {}),
    annotations: ctx.ok<Annotation[]>('annotations.list', {}),
    settings: ctx.ok('settings.get'),
    coders: ctx.ok('coders.list'),
    coder: ctx.ok('coder.get'),
    stats: ctx.ok('project.stats'),
    undo: ctx.ok('undo.state'),
  };
}

describe('excerpts.forCode', () => {
  it('lists a code’s excerpts with context, names, coder and the default attribution', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const trust = code(ctx, id, 'The GP trusts me now', { codeName: 'Trust' }).code;
    const [e, ...rest] = ctx.ok<Excerpt[]>('excerpts.forCode', { codeId: trust.id });
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      sourceId: id,
      sourceName: 'Site2_LW02_followup',
      codeId: trust.id,
      codeName: 'Trust',
      text: 'The GP trusts me now',
      after: ', and the receptionists ask for me.\n', // up to the end: kept whole
      coder: 'Test Coder',
      attribution: '(Site2_LW02_followup)',
    });
    expect(TEXT.slice(0, TEXT.indexOf('The GP')).endsWith(e!.before)).toBe(true);
    const short = ctx.ok<Excerpt[]>('excerpts.forCode', { codeId: trust.id, context: 12 })[0]!;
    expect(short.before).toBe('honestly. ');
    expect(short.after).toBe(', and the');
    expect(
      ctx.ok<Excerpt[]>('excerpts.forCode', { codeId: trust.id, context: 0 })[0],
    ).toMatchObject({ before: '', after: '' });
  });

  it('includes descendants when asked, and keeps to chosen coders', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const parent = ctx.ok<Code>('codes.create', { name: 'Belonging' });
    const child = ctx.ok<Code>('codes.create', { name: 'Trust', parentId: parent.id });
    const grandchild = ctx.ok<Code>('codes.create', { name: 'Trust in GPs', parentId: child.id });
    code(ctx, id, 'In a cupboard', { codeId: parent.id });
    code(ctx, id, 'The GP trusts me now', { codeId: grandchild.id });
    ctx.ok('coder.set', { name: 'Sam Okafor' });
    code(ctx, id, 'receptionists ask for me', { codeId: child.id });

    const texts = (input: object) =>
      ctx.ok<Excerpt[]>('excerpts.forCode', input).map((e) => [e.codeName, e.text, e.coder]);
    expect(texts({ codeId: parent.id })).toEqual([['Belonging', 'In a cupboard', 'Test Coder']]);
    expect(texts({ codeId: parent.id, descendants: true })).toEqual([
      ['Belonging', 'In a cupboard', 'Test Coder'],
      ['Trust in GPs', 'The GP trusts me now', 'Test Coder'],
      ['Trust', 'receptionists ask for me', 'Sam Okafor'],
    ]);
    const sam = ctx.ok<CoderSummary[]>('coders.list').find((c) => c.name === 'Sam Okafor')!;
    expect(texts({ codeId: parent.id, descendants: true, coderIds: [sam.id] })).toEqual([
      ['Trust', 'receptionists ask for me', 'Sam Okafor'],
    ]);
    expect(texts({ codeId: parent.id, descendants: true, coderIds: [9999] })).toEqual([]);
  });

  it('refuses an unknown code and hostile input', () => {
    const ctx = newCtx();
    study(ctx);
    expect(errorOf(ctx, 'excerpts.forCode', { codeId: 999 }).code).toBe('not_found');
    for (const bad of [
      {},
      { codeId: -1 },
      { codeId: '1' },
      { codeId: 1.5 },
      { codeId: 1, context: 2001 },
      { codeId: 1, context: -1 },
      { codeId: 1, coderIds: ['x'] },
      { codeId: 1, descendants: 'yes' },
      { codeId: 1, sql: 'DROP TABLE codings' },
    ])
      expect(errorOf(ctx, 'excerpts.forCode', bad).code).toBe('invalid_input');
  });
});

describe('attributions', () => {
  /** The demo's shape: a person and a site case linked to an interview, with attributes. */
  function withCases(ctx: TestCtx, sourceId: number) {
    const person = ctx.ok<Classification>('classifications.create', { name: 'Person' });
    const site = ctx.ok<Classification>('classifications.create', { name: 'Site' });
    const attr = (
      scope: 'case' | 'source',
      name: string,
      type: string,
      classificationId?: number,
    ) => ctx.ok<Attribute>('attributes.create', { scope, name, type, classificationId }).id;
    const role = attr('case', 'Role', 'text', person.id);
    const age = attr('case', 'Age', 'number', person.id);
    const paid = attr('case', 'Paid post', 'boolean', person.id);
    const setting = attr('case', 'Setting', 'text', site.id);
    const round = attr('source', 'Round', 'text');
    const siteNo = attr('source', 'Site', 'number');
    const lw02 = ctx.ok<Case>('cases.create', { name: 'LW02', classificationId: person.id });
    const site2 = ctx.ok<Case>('cases.create', { name: 'Site 2', classificationId: site.id });
    ctx.ok('cases.linkSource', { caseId: lw02.id, sourceId });
    ctx.ok('cases.linkSource', { caseId: site2.id, sourceId });
    ctx.ok('values.set', {
      edits: [
        { caseId: lw02.id, attributeId: role, value: 'Link worker' },
        { caseId: lw02.id, attributeId: age, value: 41 },
        { caseId: lw02.id, attributeId: paid, value: false },
        { caseId: site2.id, attributeId: setting, value: 'rural' },
        { sourceId, attributeId: round, value: 'follow-up interview' },
        { sourceId, attributeId: siteNo, value: '2' },
      ],
    });
    return { lw02, site2 };
  }

  it('builds each excerpt’s attribution from the project’s template', () => {
    const ctx = newCtx();
    const id = study(ctx);
    withCases(ctx, id);
    const trust = code(ctx, id, 'The GP trusts me now', { codeName: 'Trust' }).code;
    const fields = [
      ...['source', 'case', 'coder', 'code', 'kind', 'folder'],
      ...['Round', 'Role', 'Age', 'Paid post', 'Setting', 'Person'],
    ];
    expect(ctx.ok<ProjectSettings>('settings.get')).toEqual({
      attributionTemplate: '({source})',
      // 'Site' is both a source attribute and a classification: offered once.
      fields: [...fields.slice(0, 7), 'Site', ...fields.slice(7)],
    });
    expect(
      ctx.ok<ProjectSettings>('settings.update', {
        attributionTemplate: '(Site {site}, {person}, {round})',
      }).attributionTemplate,
    ).toBe('(Site {site}, {person}, {round})');
    const first = () => ctx.ok<Excerpt[]>('excerpts.forCode', { codeId: trust.id })[0]!;
    expect(first().attribution).toBe('(Site 2, LW02, follow-up interview)');

    // The setting's live preview: what a draft would give, saved nowhere.
    expect(
      ctx.ok<string>('excerpts.attribution', {
        codingId: first().codingId,
        template: '{role} at {setting} ({nothing})',
      }),
    ).toBe('Link worker at rural (?)');
    expect(first().attribution).toBe('(Site 2, LW02, follow-up interview)');
    expect(errorOf(ctx, 'excerpts.attribution', { codingId: 999, template: '' }).code).toBe(
      'not_found',
    );
    for (const bad of [
      { codingId: first().codingId, template: 'x'.repeat(501) },
      { codingId: 'one', template: '' },
      { codingId: first().codingId },
      { codingId: first().codingId, template: '', extra: 1 },
    ])
      expect(errorOf(ctx, 'excerpts.attribution', bad).code).toBe('invalid_input');

    ctx.ok('settings.update', {
      attributionTemplate:
        '{Case}; {role}, {AGE}, paid: {paid_post}; {setting}; {code} by {coder}; {mood}',
    });
    expect(first().attribution).toBe(
      'LW02, Site 2; Link worker, 41, paid: No; rural; Trust by Test Coder; ?',
    );
  });

  it('attributes the demo study’s quotes from its sites, people and rounds', () => {
    const ctx = newCtx();
    ctx.ok('project.openDemo');
    const space = ctx.ok<Code[]>('codes.list').find((c) => c.name === 'Space to see patients')!;
    ctx.ok('settings.update', { attributionTemplate: '(Site {site}, {person}, {kind})' });
    const got = ctx.ok<Excerpt[]>('excerpts.forCode', { codeId: space.id });
    const followup = got.find((e) => e.sourceName === 'Site2_LW02_followup')!;
    expect(followup.attribution).toBe('(Site 2, LW02, follow-up interview)');
    expect(got.find((e) => e.sourceName === 'Site1_fieldnotes')!.attribution).toBe(
      '(Site 1, ?, fieldnote)',
    );
  });

  it('keeps the template in the project, across closing and reopening', () => {
    const ctx = newCtx();
    study(ctx);
    const file = ctx.ok<ProjectInfo>('project.current').path;
    ctx.ok('settings.update', { attributionTemplate: '[{source}]' });
    ctx.ok('settings.update', {}); // nothing given: nothing changes
    ctx.ok('project.close');
    expect(errorOf(ctx, 'settings.get').code).toBe('no_project');
    ctx.ok('project.open', { path: file });
    expect(ctx.ok<ProjectSettings>('settings.get').attributionTemplate).toBe('[{source}]');
  });

  it('refuses a template that is too long or not text, changing nothing', () => {
    const ctx = newCtx();
    study(ctx);
    const before = snapshot(ctx);
    for (const bad of [
      { attributionTemplate: 'x'.repeat(501) },
      { attributionTemplate: 7 },
      { attributionTemplate: null },
      { template: '{source}' },
    ])
      expect(errorOf(ctx, 'settings.update', bad).code).toBe('invalid_input');
    expect(snapshot(ctx)).toEqual(before);
  });
});

describe('the coder, per project', () => {
  it('defaults to this machine’s user, with initials, and no user row until a change', () => {
    const ctx = newCtx('Rosa Lind');
    study(ctx);
    // the import above was a change: Rosa's row exists
    const rosa = ctx.ok<Coder>('coder.get');
    expect(rosa).toMatchObject({ name: 'Rosa Lind', initials: 'RL' });
    expect(rosa.id).toEqual(expect.any(Number));

    ctx.ok('project.create', { path: path.join(dir, 'Empty') });
    expect(ctx.ok<Coder>('coder.get')).toEqual({ id: null, name: 'Rosa Lind', initials: 'RL' });
  });

  it('keeps a different coder for each project, and codings record the chosen one', () => {
    const ctx = newCtx();
    const a = study(ctx, 'A');
    const fileA = ctx.ok<ProjectInfo>('project.current').path;
    expect(ctx.ok<Coder>('coder.set', { name: 'Ana Diaz', initials: 'AD' })).toMatchObject({
      id: null, // no change yet in this project under that name
      name: 'Ana Diaz',
      initials: 'AD',
    });
    const inA = code(ctx, a, 'In a cupboard', { codeName: 'Space' });
    const b = study(ctx, 'B');
    ctx.ok('coder.set', { name: 'Ben Ng' });
    const inB = code(ctx, b, 'In a cupboard', { codeName: 'Space' });

    expect(ctx.ok<Coder>('coder.get')).toMatchObject({ name: 'Ben Ng', initials: 'BN' });
    expect(ctx.ok<CoderSummary[]>('coders.list').find((c) => c.id === inB.coding.coderId)).toEqual({
      id: inB.coding.coderId,
      name: 'Ben Ng',
      initials: 'BN',
      codings: 1,
    });
    ctx.ok('project.open', { path: fileA });
    expect(ctx.ok<Coder>('coder.get')).toEqual({
      id: inA.coding.coderId,
      name: 'Ana Diaz',
      initials: 'AD',
    });
    expect(
      ctx.ok<Excerpt[]>('excerpts.forCode', { codeId: inA.code.id }).map((e) => e.coder),
    ).toEqual(['Ana Diaz']);
    // the choice lives on this machine, not in the shared project file
    const state = readState(ctx.env.dataDir);
    expect(
      Object.values(state.coders)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Ana Diaz', 'Ben Ng']);
  });

  it('remembers the choice across a restart of the app', () => {
    const first = newCtx('Machine User');
    const id = study(first);
    const file = first.ok<ProjectInfo>('project.current').path;
    first.ok('coder.set', { name: 'Rosa Lind', initials: 'RoL' });
    closeSession(first);

    const again = newCtx('Machine User'); // a new process, same data folder
    again.ok('project.open', { path: file });
    expect(again.ok<Coder>('coder.get')).toMatchObject({ name: 'Rosa Lind', initials: 'RoL' });
    const made = code(again, id, 'honestly', { codeName: 'Candour' });
    expect(again.ok<CoderSummary[]>('coders.list')).toEqual(
      expect.arrayContaining([
        { id: made.coding.coderId, name: 'Rosa Lind', initials: 'RoL', codings: 1 },
      ]),
    );
    expect(again.ok('app.info')).toMatchObject({ coder: 'Rosa Lind' });
  });

  it('updates an existing coder’s initials, and keeps them when none are given', () => {
    const ctx = newCtx('Sam Okafor');
    const id = study(ctx);
    code(ctx, id, 'honestly', { codeName: 'Candour' });
    const sam = ctx.ok<Coder>('coder.get');
    expect(ctx.ok<Coder>('coder.set', { name: 'Sam Okafor', initials: 'SO2' })).toEqual({
      ...sam,
      initials: 'SO2',
    });
    ctx.ok('coder.set', { name: 'Rosa Lind' });
    expect(ctx.ok<Coder>('coder.set', { name: 'Sam Okafor' })).toEqual({ ...sam, initials: 'SO2' });
    expect(ctx.ok<CoderSummary[]>('coders.list')).toEqual([
      { id: sam.id, name: 'Sam Okafor', initials: 'SO2', codings: 1 },
    ]);
  });

  it('refuses bad names and initials, changing nothing', () => {
    const ctx = newCtx();
    study(ctx);
    const before = snapshot(ctx);
    const stateBefore = readState(ctx.env.dataDir);
    for (const bad of [
      {},
      { name: '' },
      { name: '   ' },
      { name: 'x'.repeat(201) },
      { name: 'Rosa', initials: 'ABCDE' },
      { name: 'Rosa', initials: ' ' },
      { name: 'Rosa', id: 3 },
    ])
      expect(errorOf(ctx, 'coder.set', bad).code).toBe('invalid_input');
    expect(snapshot(ctx)).toEqual(before);
    expect(readState(ctx.env.dataDir)).toEqual(stateBefore);
  });

  it('ignores malformed entries in a hand-edited state file', () => {
    const ctx = newCtx('Machine User');
    study(ctx);
    const guid = ctx.ok<ProjectInfo>('project.current').guid;
    const file = ctx.ok<ProjectInfo>('project.current').path;
    closeSession(ctx);
    const statePath = path.join(ctx.env.dataDir, 'state.json');
    const raw = JSON.parse(fs.readFileSync(statePath, 'utf8')) as Record<string, unknown>;
    raw.coders = { [guid]: { name: 42 }, other: 'not a coder', list: [1, 2] };
    // "__proto__" as a real key, as JSON.parse reads it from a file
    const text = JSON.stringify(raw).replace(
      '"coders":{',
      '"coders":{"__proto__":{"name":"Evil","initials":"EV"},',
    );
    fs.writeFileSync(statePath, text);
    expect(Object.keys(readState(ctx.env.dataDir).coders)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).name).toBeUndefined();
    ctx.ok('project.open', { path: file });
    expect(ctx.ok<Coder>('coder.get')).toMatchObject({ name: 'Machine User', initials: 'MU' });
  });
});

describe('memos', () => {
  it('creates, reads, updates, searches and deletes memos, telling the windows', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const trust = code(ctx, id, 'The GP trusts me now', { codeName: 'Trust' }).code;
    ctx.events.length = 0;
    const m = ctx.ok<Memo>('memos.create', {
      title: 'Trust grows',
      body: 'Trust follows small favours done for the GP.',
      rich: '{"root":{"children":[]}}',
      targetType: 'code',
      targetId: trust.id,
    });
    expect(m).toMatchObject({
      title: 'Trust grows',
      targetType: 'code',
      targetId: trust.id,
      targetName: 'Trust',
      passages: 0,
      rich: '{"root":{"children":[]}}',
    });
    expect(ctx.events).toEqual([{ event: 'project.changed', payload: { what: 'memos' } }]);
    const p = ctx.ok<Memo>('memos.create', { title: 'Overall', targetType: 'project' });
    expect(p).toMatchObject({ targetName: 'Project', targetId: null, body: '', rich: null });
    ctx.ok<Memo>('memos.create', { title: 'Loose thought', body: 'Favours again?' });

    expect(ctx.ok<Memo>('memos.get', { id: m.id })).toEqual(m);
    const titles = (input: object) => ctx.ok<Memo[]>('memos.list', input).map((x) => x.title);
    expect(titles({ query: 'FAVOURS' }).sort()).toEqual(['Loose thought', 'Trust grows']);
    expect(titles({ query: 'favours gp' })).toEqual(['Trust grows']);
    expect(titles({ query: 'overall' })).toEqual(['Overall']);
    expect(titles({ targetType: 'code', targetId: trust.id })).toEqual(['Trust grows']);
    expect(titles({ targetType: 'project' })).toEqual(['Overall']);

    const updated = ctx.ok<Memo>('memos.update', { id: m.id, body: 'Trust follows favours.' });
    expect(updated.body).toBe('Trust follows favours.');
    expect(updated.title).toBe('Trust grows');
    expect(updated.updatedAt > m.updatedAt).toBe(true);
    expect(titles({})[0]).toBe('Trust grows'); // most recently changed first

    ctx.events.length = 0;
    expect(ctx.ok('memos.delete', { id: m.id })).toBeNull();
    expect(ctx.events).toEqual([{ event: 'project.changed', payload: { what: 'memos' } }]);
    expect(errorOf(ctx, 'memos.get', { id: m.id }).code).toBe('not_found');
    expect(errorOf(ctx, 'memos.delete', { id: m.id }).code).toBe('not_found');
    expect(errorOf(ctx, 'memos.update', { id: m.id, title: 'x' }).code).toBe('not_found');
  });

  it('is not a step of the coding undo', () => {
    const ctx = newCtx();
    study(ctx);
    const before = ctx.ok('undo.state');
    const m = ctx.ok<Memo>('memos.create', { title: 'A thought' });
    ctx.ok('memos.update', { id: m.id, title: 'A better thought' });
    expect(ctx.ok('undo.state')).toEqual(before);
  });

  it('names memos on a source, a case and a coding', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const lw02 = ctx.ok<Case>('cases.create', { name: 'LW02' });
    const coding = code(ctx, id, 'honestly', { codeName: 'Candour' }).coding;
    const target = (targetType: string, targetId: number) =>
      ctx.ok<Memo>('memos.create', { title: targetType, targetType, targetId }).targetName;
    expect(target('source', id)).toBe('Site2_LW02_followup');
    expect(target('case', lw02.id)).toBe('LW02');
    expect(target('coding', coding.id)).toBe('Candour · Site2_LW02_followup');
  });

  it('links passages checked against the text, and unlinks them', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const m = ctx.ok<Memo>('memos.create', { title: 'Rooms' });
    const start = TEXT.indexOf('In a cupboard');
    const p = ctx.ok<MemoPassage>('memos.linkPassage', {
      memoId: m.id,
      sourceId: id,
      start,
      end: start + 13,
    });
    expect(p).toMatchObject({
      memoId: m.id,
      sourceId: id,
      sourceName: 'Site2_LW02_followup',
      text: 'In a cupboard',
    });
    expect(ctx.ok<MemoPassage[]>('memos.passages', { id: m.id })).toEqual([p]);
    expect(ctx.ok<Memo>('memos.get', { id: m.id }).passages).toBe(1);

    const before = snapshot(ctx);
    const emoji = TEXT.indexOf('😀');
    const tries: [object, string][] = [
      [{ memoId: m.id, sourceId: id, start: 0, end: TEXT.length + 1 }, 'out_of_range'],
      [{ memoId: m.id, sourceId: id, start: emoji + 1, end: emoji + 5 }, 'bad_offset'],
      [{ memoId: m.id, sourceId: id, start: 0, end: emoji + 1 }, 'bad_offset'],
      [{ memoId: m.id, sourceId: 999, start: 0, end: 4 }, 'not_found'],
      [{ memoId: 999, sourceId: id, start: 0, end: 4 }, 'not_found'],
      [{ memoId: m.id, sourceId: id, start: 4, end: 4 }, 'invalid_input'],
      [{ memoId: m.id, sourceId: id, start: -1, end: 4 }, 'invalid_input'],
      [{ memoId: m.id, sourceId: id, start: 0 }, 'invalid_input'],
    ];
    for (const [input, want] of tries)
      expect(errorOf(ctx, 'memos.linkPassage', input).code).toBe(want);
    expect(ctx.ok<MemoPassage[]>('memos.passages', { id: m.id })).toEqual([p]);
    expect(snapshot(ctx)).toEqual(before);

    expect(ctx.ok('memos.unlinkPassage', { id: p.id })).toBeNull();
    expect(ctx.ok<MemoPassage[]>('memos.passages', { id: m.id })).toEqual([]);
    expect(errorOf(ctx, 'memos.unlinkPassage', { id: p.id }).code).toBe('not_found');
    expect(errorOf(ctx, 'memos.passages', { id: 999 }).code).toBe('not_found');
  });

  it('refuses missing targets and hostile payloads, writing nothing', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const before = snapshot(ctx);
    const tries: [string, object, string][] = [
      ['memos.create', { title: 'x', targetType: 'code', targetId: 999 }, 'not_found'],
      ['memos.create', { title: 'x', targetType: 'case', targetId: 1 }, 'not_found'],
      ['memos.create', { title: 'x', targetType: 'source', targetId: id + 1 }, 'not_found'],
      ['memos.create', { title: 'x', targetType: 'coding', targetId: 1 }, 'not_found'],
      ['memos.create', { title: 'x', targetType: 'code' }, 'invalid_input'],
      ['memos.create', { title: 'x', targetId: id }, 'invalid_input'],
      ['memos.create', { title: 'x', targetType: 'project', targetId: 1 }, 'invalid_input'],
      ['memos.create', { title: 'x', targetType: 'banana', targetId: 1 }, 'invalid_input'],
      ['memos.create', { title: '' }, 'invalid_input'],
      ['memos.create', { title: 'x', body: 5 }, 'invalid_input'],
      ['memos.create', { title: 'x', createdBy: 1 }, 'invalid_input'],
      ['memos.update', { id: 1, title: 'x' }, 'not_found'],
      ['memos.update', { id: 'all', title: 'x' }, 'invalid_input'],
      ['memos.list', { targetId: id }, 'invalid_input'],
      ['memos.list', { query: 'x'.repeat(201) }, 'invalid_input'],
      ['memos.get', { id: 0 }, 'invalid_input'],
    ];
    for (const [method, input, want] of tries)
      expect(errorOf(ctx, method, input).code, `${method} ${JSON.stringify(input)}`).toBe(want);
    expect(snapshot(ctx)).toEqual(before);
  });
});

describe('annotations', () => {
  it('annotates a passage, edits and deletes the note, each an undoable step', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const start = TEXT.indexOf('The GP trusts');
    ctx.events.length = 0;
    const a = ctx.ok<Annotation>('annotations.create', {
      sourceId: id,
      start,
      end: start + 13,
      body: '  Which GP? Ask at follow-up.  ',
    });
    expect(a).toMatchObject({
      sourceId: id,
      sourceName: 'Site2_LW02_followup',
      text: 'The GP trusts',
      body: 'Which GP? Ask at follow-up.',
      author: 'Test Coder',
    });
    expect(ctx.events).toEqual([
      { event: 'undo.changed', payload: { undo: 'Annotate passage', redo: null } },
      { event: 'project.changed', payload: { what: 'annotations', sourceId: id } },
    ]);
    const edited = ctx.ok<Annotation>('annotations.update', { id: a.id, body: 'Dr Patel.' });
    expect(edited).toMatchObject({ id: a.id, body: 'Dr Patel.', text: 'The GP trusts' });
    expect(ctx.ok('undo.state')).toEqual({ undo: 'Edit annotation', redo: null });

    const list = (input: object) => ctx.ok<Annotation[]>('annotations.list', input);
    expect(list({ sourceId: id }).map((x) => x.body)).toEqual(['Dr Patel.']);
    expect(list({ query: 'patel' })).toHaveLength(1);
    expect(list({ query: 'gp TRUSTS' })).toHaveLength(1); // the annotated words count too
    expect(list({ query: 'cupboard' })).toEqual([]);

    expect(ctx.ok('annotations.delete', { id: a.id })).toBeNull();
    expect(list({})).toEqual([]);
    expect(ctx.ok<UndoResult>('undo.undo').did).toBe('Delete annotation');
    expect(list({})).toEqual([edited]);
    expect(ctx.ok<UndoResult>('undo.undo').did).toBe('Edit annotation');
    expect(list({})[0]!.body).toBe('Which GP? Ask at follow-up.');
    expect(ctx.ok<UndoResult>('undo.undo').did).toBe('Annotate passage');
    expect(list({})).toEqual([]);
    expect(ctx.ok<UndoResult>('undo.redo').did).toBe('Annotate passage');
    expect(list({}).map((x) => x.id)).toEqual([a.id]);
  });

  it('refuses bad passages, missing rows and hostile payloads, changing nothing', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const a = ctx.ok<Annotation>('annotations.create', {
      sourceId: id,
      start: 0,
      end: 11,
      body: 'Q',
    });
    const before = snapshot(ctx);
    const emoji = TEXT.indexOf('😀');
    const tries: [string, object, string][] = [
      [
        'annotations.create',
        { sourceId: id, start: 0, end: TEXT.length + 1, body: 'x' },
        'out_of_range',
      ],
      [
        'annotations.create',
        { sourceId: id, start: emoji + 1, end: emoji + 4, body: 'x' },
        'bad_offset',
      ],
      ['annotations.create', { sourceId: 999, start: 0, end: 4, body: 'x' }, 'not_found'],
      ['annotations.create', { sourceId: id, start: 0, end: 4, body: '   ' }, 'invalid_input'],
      ['annotations.create', { sourceId: id, start: 4, end: 2, body: 'x' }, 'invalid_input'],
      [
        'annotations.create',
        { sourceId: id, start: 0, end: 4, body: 'x', author: 'Eve' },
        'invalid_input',
      ],
      ['annotations.update', { id: 999, body: 'x' }, 'not_found'],
      ['annotations.update', { id: a.id, body: '' }, 'invalid_input'],
      ['annotations.update', { id: a.id, body: 'x'.repeat(20_001) }, 'invalid_input'],
      ['annotations.delete', { id: 999 }, 'not_found'],
      ['annotations.delete', { id: -a.id }, 'invalid_input'],
      ['annotations.list', { sourceId: 999 }, 'not_found'],
      ['annotations.list', { sourceId: 'all' }, 'invalid_input'],
    ];
    for (const [method, input, want] of tries)
      expect(errorOf(ctx, method, input).code, `${method} ${JSON.stringify(input)}`).toBe(want);
    expect(snapshot(ctx)).toEqual(before);
  });

  it('needs an open project', () => {
    const ctx = newCtx();
    for (const [m, input] of [
      ['annotations.list', {}],
      ['memos.list', {}],
      ['coder.get', {}],
      ['coders.list', {}],
      ['settings.get', {}],
      ['excerpts.forCode', { codeId: 1 }],
    ] as const)
      expect(errorOf(ctx, m, input).code).toBe('no_project');
  });
});
