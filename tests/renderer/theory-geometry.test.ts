// The programme-theory canvas's geometry without a browser: wrapped labels that fit their
// boxes, where links touch boxes, links bending around boxes in their way, free places for new
// items, pan and zoom, and the checks on stages and dragged palette data.
import { describe, expect, it } from 'vitest';

const {
  borderPoint,
  freeSpot,
  inflate,
  contains,
  overlaps,
  quadAt,
  routeLink,
  textWidth,
  wrapBalanced,
  wrapText,
  ITEM_WIDTH,
} = await import('../../renderer/features/theory/geometry.js');
const { fitTo, toScreen, toWorld, zoomAt, MAX_SCALE, MIN_SCALE } =
  await import('../../renderer/features/theory/viewport.js');
const { readPaletteDrag } = await import('../../renderer/features/theory/board-state.js');
const { stagesProblem } = await import('../../renderer/features/theory/stages.js');
const { exportName } = await import('../../renderer/features/theory/export.js');

const LONG =
  'Practice nurses began to send people along once the link worker joined their morning huddle every Tuesday';

describe('wrapText', () => {
  it('keeps a short label on one line', () => {
    expect(wrapText('Having a place', 200, 13, 3)).toEqual(['Having a place']);
  });

  it('wraps a long label into lines that each fit, keeping every word in order', () => {
    const lines = wrapText(LONG, 200, 13, 10);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(textWidth(line, 13)).toBeLessThanOrEqual(200);
    expect(lines.join(' ')).toBe(LONG);
  });

  it('cuts a label that needs more lines than allowed, ending in an ellipsis', () => {
    const lines = wrapText(LONG, 200, 13, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(textWidth(lines[1]!, 13)).toBeLessThanOrEqual(200);
    expect(LONG.startsWith(lines.join(' ').slice(0, -1).trimEnd())).toBe(true);
  });

  it('breaks a word too long for any line, and gives nothing for blank text', () => {
    const word = 'x'.repeat(80);
    const lines = wrapText(word, 120, 13, 10);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(word);
    expect(wrapText('   ', 120, 13, 3)).toEqual([]);
  });

  it('estimates bold and capitals wider than plain lower case', () => {
    expect(textWidth('stage', 13, true)).toBeGreaterThan(textWidth('stage', 13));
    expect(textWidth('STAGE', 13)).toBeGreaterThan(textWidth('stage', 13));
    expect(textWidth('stages', 13)).toBeGreaterThan(textWidth('stage', 13));
  });

  it('balances a two-line label rather than leaving one word alone', () => {
    const greedy = wrapText('changes once invited in', 130, 12, 3);
    const balanced = wrapBalanced('changes once invited in', 130, 12, 3);
    expect(balanced).toHaveLength(greedy.length);
    expect(balanced.join(' ')).toBe('changes once invited in');
    const spread = (ls: string[]) => Math.abs(textWidth(ls[0]!, 12) - textWidth(ls[1]!, 12));
    if (greedy.length === 2) expect(spread(balanced)).toBeLessThanOrEqual(spread(greedy));
    expect(balanced[1]!.split(' ').length).toBeGreaterThan(1);
  });
});

describe('links', () => {
  const a = { x: 0, y: 0, w: 200, h: 60 };
  const b = { x: 400, y: 0, w: 200, h: 60 };

  it('leave a box where the ray towards the other end crosses its border', () => {
    expect(borderPoint(a, { x: 1000, y: 30 })).toEqual({ x: 200, y: 30 });
    expect(borderPoint(a, { x: 100, y: -500 })).toEqual({ x: 100, y: 0 });
    expect(borderPoint(a, { x: 100, y: 30 })).toEqual({ x: 100, y: 30 });
  });

  it('run straight from border to border when nothing is in the way', () => {
    const r = routeLink(a, b, { w: 80, h: 20 }, []);
    expect(r.start).toEqual({ x: 200, y: 30 });
    expect(r.end).toEqual({ x: 400, y: 30 });
    expect(r.mid).toEqual({ x: 300, y: 30 });
  });

  it('bend around a box in the way, keeping curve and label clear of it', () => {
    const top = { x: 0, y: 0, w: 240, h: 60 };
    const middle = { x: 0, y: 140, w: 240, h: 60 };
    const bottom = { x: 0, y: 280, w: 240, h: 60 };
    const label = { w: 120, h: 20 };
    const r = routeLink(top, bottom, label, [middle]);
    for (let i = 1; i < 50; i++)
      expect(contains(middle, quadAt(r.start, r.control, r.end, i / 50))).toBe(false);
    const labelBox = { x: r.mid.x - 60, y: r.mid.y - 10, ...label };
    expect(overlaps(labelBox, middle)).toBe(false);
    expect(overlaps(labelBox, top) || overlaps(labelBox, bottom)).toBe(false);
  });

  it('between the same two boxes in both directions, fall on opposite sides', () => {
    const there = routeLink(a, b, { w: 0, h: 0 }, [], true);
    const back = routeLink(b, a, { w: 0, h: 0 }, [], true);
    expect(Math.sign(there.mid.y - 30)).toBe(-Math.sign(back.mid.y - 30));
    expect(there.mid.y).not.toBe(30);
  });
});

describe('freeSpot', () => {
  it('puts a new item where asked on an empty canvas', () => {
    expect(freeSpot([], { x: 500, y: 300 }, 60)).toEqual({ x: 500 - ITEM_WIDTH / 2, y: 270 });
  });

  it('finds a place that overlaps no item, near the asked one', () => {
    const boxes = [
      { x: 380, y: 270, w: ITEM_WIDTH, h: 60 },
      { x: 380, y: 170, w: ITEM_WIDTH, h: 60 },
    ];
    const p = freeSpot(boxes, { x: 500, y: 300 }, 60);
    const placed = { ...p, w: ITEM_WIDTH, h: 60 };
    for (const b of boxes) expect(overlaps(inflate(b, 10), placed)).toBe(false);
    expect(Math.hypot(p.x - 380, p.y - 270)).toBeLessThan(400);
  });
});

describe('viewport', () => {
  const v = { scale: 0.5, tx: 40, ty: -20 };

  it('maps board pixels and the plane both ways', () => {
    const w = { x: 123, y: -45 };
    expect(toWorld(v, toScreen(v, w))).toEqual(w);
  });

  it('zooms about the pointer, within limits', () => {
    const at = { x: 300, y: 200 };
    const before = toWorld(v, at);
    const z = zoomAt(v, 2, at);
    expect(z.scale).toBe(1);
    const after = toWorld(z, at);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    expect(zoomAt(v, 1000, at).scale).toBe(MAX_SCALE);
    expect(zoomAt(v, 0.0001, at).scale).toBe(MIN_SCALE);
  });

  it('fits a drawing inside the board, centred, never enlarged past 100%', () => {
    const content = { x: -100, y: 50, w: 2000, h: 1000 };
    const f = fitTo(content, { w: 1000, h: 800 });
    expect(f.scale).toBe(0.5);
    const tl = toScreen(f, { x: content.x, y: content.y });
    const br = toScreen(f, { x: content.x + content.w, y: content.y + content.h });
    expect(tl.x).toBeCloseTo(0);
    expect(br.x).toBeCloseTo(1000);
    expect((tl.y + br.y) / 2).toBeCloseTo(400);
    expect(fitTo({ x: 0, y: 0, w: 100, h: 100 }, { w: 1000, h: 800 }).scale).toBe(1);
  });
});

describe('inputs from outside', () => {
  it('accepts only a concept or CMOC with a positive whole id as dragged palette data', () => {
    expect(readPaletteDrag('{"kind":"cmoc","refId":7}')).toEqual({ kind: 'cmoc', refId: 7 });
    expect(readPaletteDrag('not json')).toBeNull();
    expect(readPaletteDrag('{"kind":"note","refId":7}')).toBeNull();
    expect(readPaletteDrag('{"kind":"concept","refId":1.5}')).toBeNull();
    expect(readPaletteDrag('{"kind":"concept","refId":-2}')).toBeNull();
    expect(readPaletteDrag('null')).toBeNull();
  });

  it('explains stage lists the backend would refuse', () => {
    expect(stagesProblem(['Bolted on', 'Fitting in'])).toBe('');
    expect(stagesProblem(['Bolted on', '  '])).toMatch(/needs a name/);
    expect(stagesProblem(['x'.repeat(61)])).toMatch(/at most 60/);
    expect(stagesProblem(Array.from({ length: 13 }, (_, i) => `Stage ${i}`))).toMatch(/At most 12/);
  });

  it('names export files after the project, without characters file systems refuse', () => {
    expect(exportName('Link workers: wave 2', 'svg')).toBe(
      'Link workers wave 2 – programme theory.svg',
    );
    expect(exportName('a/b\\c', 'png')).toBe('a b c – programme theory.png');
    expect(exportName(undefined, 'png')).toBe('programme theory.png');
  });
});
