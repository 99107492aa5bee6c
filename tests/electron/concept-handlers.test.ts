// Concepts through the real dispatch: the board's calls, the concept's view, the events the
// windows hear, and bad or hostile input answered with a clear error that changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Code,
  CodeSet,
  CodingCreated,
  Concept,
  ConceptView,
  ImportResult,
  Stats,
} from '../../electron/api/contract.js';
import { closeSession } from '../../electron/api/handlers/project.js';
import { errorOf, tempDir, testCtx, type TestCtx } from '../helpers.js';

const TEXT =
  'Interviewer: Where do you see people?\n' +
  'LW02: In a cupboard 😀, honestly. The GP trusts me now, and the receptionists ask for me.\n';

let dir: string;
let ctx: TestCtx;

beforeEach(() => {
  dir = tempDir('weft-concept-handlers-');
  ctx = testCtx(dir);
  ctx.ok('project.create', { path: path.join(dir, 'Study') });
});

afterEach(() => {
  closeSession(ctx);
  fs.rmSync(dir, { recursive: true, force: true });
});

function codeQuote(sourceId: number, quote: string, codeName: string): CodingCreated {
  const start = TEXT.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  return ctx.ok<CodingCreated>('codings.create', {
    sourceId,
    start,
    end: start + quote.length,
    codeName,
  });
}

/** One interview with three codings under two codes, and a set holding one of them. */
function study() {
  const sourceId = ctx.ok<ImportResult>('sources.import', {
    files: [{ name: 'Site2_LW02_followup.txt', content: TEXT }],
  }).imported[0]!.id;
  codeQuote(sourceId, 'In a cupboard 😀, honestly.', 'Space to see patients');
  codeQuote(sourceId, 'The GP trusts me now', 'Credibility');
  codeQuote(sourceId, 'the receptionists ask for me', 'Credibility');
  const codes = ctx.ok<Code[]>('codes.list');
  const id = (name: string) => codes.find((c) => c.name === name)!.id;
  const set = ctx.ok<CodeSet>('sets.create', { name: 'Resources', codeIds: [id('Credibility')] });
  return { sourceId, space: id('Space to see patients'), credibility: id('Credibility'), set };
}

const snapshot = () => ({
  concepts: ctx.ok<Concept[]>('concepts.list'),
  stats: ctx.ok<Stats>('project.stats'),
});

describe('concepts handlers', () => {
  it('builds a concept from codes and a set, and tells the windows each time', () => {
    const s = study();
    ctx.events.length = 0;
    const c = ctx.ok<Concept>('concepts.create', {
      name: '  Having a place  ',
      description: 'Rooms and time',
    });
    expect(c).toMatchObject({
      name: 'Having a place',
      description: 'Rooms and time',
      codeIds: [],
      setIds: [],
      codings: 0,
      cmocs: 0,
    });
    expect(ctx.events).toEqual([{ event: 'project.changed', payload: { what: 'concepts' } }]);

    expect(ctx.ok<Concept>('concepts.addCodes', { id: c.id, codeIds: [s.space] })).toMatchObject({
      codeIds: [s.space],
      codings: 1,
    });
    expect(ctx.ok<Concept>('concepts.addSets', { id: c.id, setIds: [s.set.id] })).toMatchObject({
      setIds: [s.set.id],
      codings: 3,
    });
    expect(ctx.ok<Concept>('concepts.removeCodes', { id: c.id, codeIds: [s.space] })).toMatchObject(
      { codeIds: [], codings: 2 },
    );
    expect(ctx.ok<Concept>('concepts.removeSets', { id: c.id, setIds: [s.set.id] })).toMatchObject({
      setIds: [],
      codings: 0,
    });
    expect(
      ctx.ok<Concept>('concepts.update', { id: c.id, name: 'A place', color: '#aabbcc' }),
    ).toMatchObject({ name: 'A place', color: '#aabbcc', description: 'Rooms and time' });
    expect(ctx.events.filter((e) => e.event === 'project.changed')).toHaveLength(6);
    // concepts are analysis, not codebook: nothing to undo
    expect(ctx.events.some((e) => e.event === 'undo.changed')).toBe(false);
    expect(ctx.ok<Stats>('project.stats')).toMatchObject({ concepts: 1, cmocs: 0 });
  });

  it('shows a concept’s excerpts by code with counts by case attribute', () => {
    const s = study();
    const c = ctx.ok<Concept>('concepts.create', { name: 'Being valued' });
    ctx.ok('concepts.addCodes', { id: c.id, codeIds: [s.credibility, s.space] });
    const v = ctx.ok<ConceptView>('concepts.view', { id: c.id });
    expect(v.groups.map((g) => [g.codeName, g.excerpts.map((e) => e.text)])).toEqual([
      ['Credibility', ['The GP trusts me now', 'the receptionists ask for me']],
      ['Space to see patients', ['In a cupboard 😀, honestly.']],
    ]);
    expect(v.groups[0]!.excerpts[0]!.attribution).toBe('(Site2_LW02_followup)');
    // no cases yet: nothing to count by
    expect(v.counts).toEqual([]);
    expect(errorOf(ctx, 'concepts.view', { id: c.id, attributeIds: [555] })).toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses duplicate names, unknown ids and hostile payloads, changing nothing', () => {
    const s = study();
    const c = ctx.ok<Concept>('concepts.create', { name: 'Forging relationships' });
    ctx.ok('concepts.addCodes', { id: c.id, codeIds: [s.space] });
    const before = snapshot();
    ctx.events.length = 0;

    const refused: [string, unknown, string][] = [
      ['concepts.create', { name: 'forging RELATIONSHIPS' }, 'duplicate'],
      ['concepts.create', { name: '   ' }, 'invalid_input'],
      ['concepts.create', { name: 'x'.repeat(201) }, 'invalid_input'],
      ['concepts.create', { name: 'Ok', color: 'red' }, 'invalid_input'],
      ['concepts.create', { name: 'Ok', id: 3 }, 'invalid_input'],
      ['concepts.create', { name: 'Ok', description: 'x'.repeat(20_001) }, 'invalid_input'],
      ['concepts.create', { name: 42 }, 'invalid_input'],
      ['concepts.create', null, 'invalid_input'],
      ['concepts.update', { id: c.id + 100, name: 'Nope' }, 'not_found'],
      ['concepts.update', { id: -1, name: 'Nope' }, 'invalid_input'],
      ['concepts.delete', { id: c.id + 100 }, 'not_found'],
      ['concepts.delete', { id: '1; DROP TABLE concepts' }, 'invalid_input'],
      ['concepts.addCodes', { id: c.id, codeIds: [s.credibility, 9999] }, 'not_found'],
      ['concepts.addCodes', { id: c.id, codeIds: [] }, 'invalid_input'],
      ['concepts.addCodes', { id: c.id, codeIds: [1.5] }, 'invalid_input'],
      ['concepts.addCodes', { id: c.id + 100, codeIds: [s.credibility] }, 'not_found'],
      ['concepts.removeCodes', { id: c.id, codeIds: [s.space, 9999] }, 'not_found'],
      ['concepts.addSets', { id: c.id, setIds: [s.set.id, 9999] }, 'not_found'],
      ['concepts.removeSets', { id: c.id, setIds: [9999] }, 'not_found'],
      ['concepts.view', { id: c.id + 100 }, 'not_found'],
      ['concepts.view', { id: c.id, attributeIds: Array(51).fill(1) }, 'invalid_input'],
      ['concepts.list', { all: true }, 'invalid_input'],
    ];
    for (const [method, input, code] of refused) {
      const e = errorOf(ctx, method, input);
      expect([method, e.code]).toEqual([method, code]);
      expect(e.message).not.toBe('');
    }
    expect(errorOf(ctx, 'concepts.create', { name: 'Forging Relationships' }).message).toMatch(
      /“Forging relationships” already exists/,
    );
    expect(snapshot()).toEqual(before);
    expect(ctx.events).toEqual([]);
  });

  it('stores names as text, whatever they look like', () => {
    const name = "Robert'); DROP TABLE concepts;-- <b>x</b>";
    const c = ctx.ok<Concept>('concepts.create', { name });
    expect(ctx.ok<Concept[]>('concepts.list').map((k) => k.name)).toEqual([name]);
    expect(c.name).toBe(name);
  });

  it('deletes a concept: its codes stay, and the windows hear about CMOCs and the canvas too', () => {
    const s = study();
    const c = ctx.ok<Concept>('concepts.create', { name: 'Having a place' });
    ctx.ok('concepts.addCodes', { id: c.id, codeIds: [s.space] });
    ctx.events.length = 0;
    expect(ctx.ok('concepts.delete', { id: c.id })).toBeNull();
    expect(ctx.events.map((e) => e.payload)).toEqual([
      { what: 'concepts' },
      { what: 'cmocs' },
      { what: 'canvas' },
    ]);
    expect(ctx.ok<Concept[]>('concepts.list')).toEqual([]);
    expect(ctx.ok<Code[]>('codes.list').map((k) => k.name)).toContain('Space to see patients');
  });

  it('needs an open project', () => {
    closeSession(ctx);
    expect(errorOf(ctx, 'concepts.list', {}).code).toBe('no_project');
  });
});
