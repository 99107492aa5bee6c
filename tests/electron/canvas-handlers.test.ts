// The programme theory canvas through the real dispatch: placing, moving, linking, stages,
// items that follow deletions, and bad or hostile input answered with an error that changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Canvas, Concept } from '../../electron/api/contract.js';
import { closeSession } from '../../electron/api/handlers/project.js';
import { errorOf, tempDir, testCtx, type TestCtx } from '../helpers.js';

let dir: string;
let ctx: TestCtx;

beforeEach(() => {
  dir = tempDir('weft-canvas-handlers-');
  ctx = testCtx(dir);
  ctx.ok('project.create', { path: path.join(dir, 'Study') });
});

afterEach(() => {
  closeSession(ctx);
  fs.rmSync(dir, { recursive: true, force: true });
});

const concept = (name: string) => ctx.ok<Concept>('concepts.create', { name }).id;
const itemOf = (c: Canvas, kind: string, refId: number | null) =>
  c.items.find((i) => i.kind === kind && i.refId === refId)!;

describe('canvas handlers', () => {
  it('draws a small programme theory: stages, concepts, a note, labelled links', () => {
    const a = concept('Having a place');
    const b = concept('Being valued');
    expect(ctx.ok<Canvas>('canvas.get')).toEqual({ items: [], links: [], stages: [] });
    ctx.events.length = 0;

    let c = ctx.ok<Canvas>('canvas.setStages', {
      stages: ['Bolted on', 'Fitting in', 'Belonging'],
    });
    expect(c.stages).toEqual(['Bolted on', 'Fitting in', 'Belonging']);
    ctx.ok('canvas.place', { kind: 'concept', refId: a, x: 10, y: 10 });
    c = ctx.ok<Canvas>('canvas.place', { kind: 'concept', refId: b, x: 400.5, y: -20 });
    c = ctx.ok<Canvas>('canvas.place', {
      kind: 'note',
      refId: null,
      label: 'Money follows people',
      x: 0,
      y: 300,
    });
    const ia = itemOf(c, 'concept', a);
    const ib = itemOf(c, 'concept', b);
    expect(ib).toMatchObject({ label: 'Being valued', x: 400.5, y: -20 });
    expect(itemOf(c, 'note', null).label).toBe('Money follows people');

    c = ctx.ok<Canvas>('canvas.link', { from: ia.id, to: ib.id, label: 'leads to' });
    const link = c.links[0]!;
    expect(link).toMatchObject({ from: ia.id, to: ib.id, label: 'leads to' });
    c = ctx.ok<Canvas>('canvas.relabel', { linkId: link.id, label: 'makes room for' });
    expect(c.links[0]!.label).toBe('makes room for');

    // placing again moves; so does move
    c = ctx.ok<Canvas>('canvas.place', { kind: 'concept', refId: a, x: 50, y: 60 });
    expect(c.items.filter((i) => i.kind === 'concept')).toHaveLength(2);
    expect(itemOf(c, 'concept', a)).toMatchObject({ id: ia.id, x: 50, y: 60 });
    c = ctx.ok<Canvas>('canvas.move', { id: ib.id, x: 800, y: 0 });
    expect(itemOf(c, 'concept', b)).toMatchObject({ x: 800, y: 0 });

    c = ctx.ok<Canvas>('canvas.unlink', { linkId: link.id });
    expect(c.links).toEqual([]);
    c = ctx.ok<Canvas>('canvas.remove', { id: ib.id });
    expect(c.items.map((i) => i.label)).toEqual(['Having a place', 'Money follows people']);
    expect(ctx.ok<Concept[]>('concepts.list')).toHaveLength(2);

    const changed = ctx.events.filter((e) => e.event === 'project.changed');
    expect(changed).toHaveLength(10);
    expect(changed.every((e) => (e.payload as { what: string }).what === 'canvas')).toBe(true);
    // it is all still there after reopening the project
    const file = ctx.ok<{ path: string }>('project.current').path;
    closeSession(ctx);
    ctx.ok('project.open', { path: file });
    expect(ctx.ok<Canvas>('canvas.get')).toEqual(c);
  });

  it('drops a deleted concept from the canvas, with its links', () => {
    const a = concept('A');
    const b = concept('B');
    ctx.ok('canvas.place', { kind: 'concept', refId: a, x: 0, y: 0 });
    const c = ctx.ok<Canvas>('canvas.place', { kind: 'concept', refId: b, x: 1, y: 1 });
    ctx.ok('canvas.link', { from: itemOf(c, 'concept', a).id, to: itemOf(c, 'concept', b).id });
    ctx.ok('concepts.delete', { id: b });
    expect(ctx.ok<Canvas>('canvas.get')).toMatchObject({ items: [{ label: 'A' }], links: [] });
    // SQLite hands the deleted id to the next concept: it must not inherit the old place
    const again = concept('C');
    expect(again).toBe(b);
    expect(ctx.ok<Canvas>('canvas.get').items.map((i) => i.label)).toEqual(['A']);
  });

  it('refuses self-links, duplicates, unknown ids and hostile payloads, changing nothing', () => {
    const a = concept('A');
    const b = concept('B');
    ctx.ok('canvas.setStages', { stages: ['One', 'Two'] });
    ctx.ok('canvas.place', { kind: 'concept', refId: a, x: 0, y: 0 });
    let c = ctx.ok<Canvas>('canvas.place', { kind: 'concept', refId: b, x: 1, y: 1 });
    const ia = itemOf(c, 'concept', a).id;
    const ib = itemOf(c, 'concept', b).id;
    c = ctx.ok<Canvas>('canvas.link', { from: ia, to: ib, label: 'x' });
    const linkId = c.links[0]!.id;
    ctx.events.length = 0;

    const refused: [string, unknown, string][] = [
      ['canvas.link', { from: ia, to: ia }, 'invalid_input'],
      ['canvas.link', { from: ia, to: ib }, 'duplicate'],
      ['canvas.link', { from: ia, to: 999 }, 'not_found'],
      ['canvas.link', { from: ia, to: ib, label: 'x'.repeat(201) }, 'invalid_input'],
      ['canvas.place', { kind: 'concept', refId: 999, x: 0, y: 0 }, 'not_found'],
      ['canvas.place', { kind: 'cmoc', refId: 999, x: 0, y: 0 }, 'not_found'],
      ['canvas.place', { kind: 'concept', refId: null, x: 0, y: 0 }, 'invalid_input'],
      ['canvas.place', { kind: 'note', refId: null, label: '  ', x: 0, y: 0 }, 'invalid_input'],
      ['canvas.place', { kind: 'note', refId: a, label: 'n', x: 0, y: 0 }, 'invalid_input'],
      ['canvas.place', { kind: 'picture', refId: a, x: 0, y: 0 }, 'invalid_input'],
      ['canvas.place', { kind: 'concept', refId: a, x: Number.NaN, y: 0 }, 'invalid_input'],
      ['canvas.place', { kind: 'concept', refId: a, x: 1e9, y: 0 }, 'invalid_input'],
      ['canvas.place', { kind: 'concept', refId: a, x: '0', y: 0 }, 'invalid_input'],
      ['canvas.move', { id: 999, x: 0, y: 0 }, 'not_found'],
      ['canvas.move', { id: ia, x: Infinity, y: 0 }, 'invalid_input'],
      ['canvas.remove', { id: 999 }, 'not_found'],
      ['canvas.relabel', { linkId: 999, label: 'y' }, 'not_found'],
      ['canvas.relabel', { linkId, label: 'y', extra: 1 }, 'invalid_input'],
      ['canvas.unlink', { linkId: 999 }, 'not_found'],
      ['canvas.setStages', { stages: ['ok', ''] }, 'invalid_input'],
      ['canvas.setStages', { stages: Array(13).fill('s') }, 'invalid_input'],
      ['canvas.setStages', { stages: ['x'.repeat(61)] }, 'invalid_input'],
      ['canvas.setStages', { stages: 'Bolted on' }, 'invalid_input'],
      ['canvas.get', { x: 1 }, 'invalid_input'],
    ];
    for (const [method, input, code] of refused) {
      const e = errorOf(ctx, method, input);
      expect([method, JSON.stringify(input), e.code]).toEqual([
        method,
        JSON.stringify(input),
        code,
      ]);
      expect(e.message).not.toBe('');
    }
    expect(ctx.ok<Canvas>('canvas.get')).toEqual(c);
    expect(ctx.events).toEqual([]);
  });
});
