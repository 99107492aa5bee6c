// The prompt before a source is deleted: what goes with it, and which CMOCs will show a gap.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportResult } from '../../electron/api/contract.js';
import { closeSession } from '../../electron/api/handlers/project.js';
import { tempDir, testCtx, type TestCtx } from '../helpers.js';
import type { SourceImpact } from '../../db/queries/source-impact.js';
import { deleteSourceLines } from '../../renderer/features/sources/delete-lines.js';

let dir = '';
let ctx: TestCtx | undefined;
afterEach(() => {
  if (ctx) closeSession(ctx);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function setup() {
  dir = tempDir('weft-impact-');
  const c = testCtx(dir);
  ctx = c;
  c.ok('project.create', { path: path.join(dir, 'Impact') });
  const [a, b] = c.ok<ImportResult>('sources.import', {
    files: [
      { name: 'A.txt', content: 'Alpha words here. More alpha words.' },
      { name: 'B.txt', content: 'Beta words only.' },
    ],
  }).imported;
  return { c, a: a!, b: b! };
}

describe('sources.impact: what deleting a source takes with it', () => {
  it('counts codings and names the CMOCs whose evidence would be flagged', () => {
    const { c: ctx, a, b } = setup();
    ctx.ok('codings.create', { sourceId: a.id, start: 0, end: 5, codeName: 'First' });
    ctx.ok('codings.create', { sourceId: a.id, start: 18, end: 22, codeName: 'First' });
    const cmoc = ctx.ok<{ id: number }>('cmocs.addEvidence', {
      newCmoc: { title: 'Alpha leads to beta' },
      part: 'context',
      sourceId: a.id,
      start: 0,
      end: 5,
    });
    ctx.ok('cmocs.addEvidence', {
      cmocId: cmoc.id,
      part: 'outcome',
      sourceId: a.id,
      start: 6,
      end: 11,
    });
    ctx.ok('cmocs.addEvidence', {
      cmocId: cmoc.id,
      part: 'outcome',
      sourceId: b.id,
      start: 0,
      end: 4,
    });

    const impact = ctx.ok<SourceImpact>('sources.impact', { id: a.id });
    expect(impact).toMatchObject({ name: a.name, codings: 2, annotations: 0 });
    expect(impact.cmocs).toEqual([{ id: cmoc.id, title: 'Alpha leads to beta', quotes: 2 }]);
    const lines = deleteSourceLines(impact);
    expect(lines[0]).toBe('Its 2 codings will be removed.');
    expect(lines[1]).toContain('2 quotes in it are evidence for 1 CMOC: ‘Alpha leads to beta’');
    expect(lines.at(-1)).toBe('This cannot be undone.');

    // Asking changes nothing; deleting flags exactly the quotes the prompt counted.
    expect(ctx.ok<unknown[]>('sources.list', {})).toHaveLength(2);
    const events = ctx.events.length;
    ctx.ok('sources.delete', { id: a.id });
    expect(ctx.events.slice(events).map((e) => (e.payload as { what: string }).what)).toContain(
      'cmocs',
    );
    const detail = ctx.ok<{ evidenceItems: { lost: string }[] }>('cmocs.get', { id: cmoc.id });
    expect(detail.evidenceItems.map((e) => e.lost).sort()).toEqual(['', 'source', 'source']);
  });

  it('says plainly when nothing was coded, and refuses unknown or hostile ids', () => {
    const { c: ctx, b } = setup();
    const impact = ctx.ok<SourceImpact>('sources.impact', { id: b.id });
    expect(deleteSourceLines(impact)).toEqual([
      'Nothing has been coded in it yet.',
      'This cannot be undone.',
    ]);
    expect(ctx.call('sources.impact', { id: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    for (const bad of [{}, { id: -1 }, { id: 'x' }, { id: 1, extra: true }, null])
      expect(ctx.call('sources.impact', bad)).toMatchObject({ ok: false });
  });
});
