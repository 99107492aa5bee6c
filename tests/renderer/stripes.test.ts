// The coding stripes' layout, without a browser: which paragraphs and codings are near the
// viewport, a lane per code in codebook order, bars that merge, and the band that keeps
// ordinary scrolling from redrawing anything.
import { describe, expect, it } from 'vitest';

const {
  codingsBetween,
  laneGeometry,
  lanesFor,
  layoutBars,
  nextBand,
  paragraphsInView,
  stripesFor,
} = await import('../../renderer/features/coding/stripe-layout.js');

/** Paragraphs 40px tall with 10px between them: [0,40), [50,90), [100,140)… */
const tops = Array.from({ length: 100 }, (_, i) => i * 50);
const bottoms = tops.map((t) => t + 40);

const item = (codeId: number, top: number, bottom: number, start = top, end = bottom) => ({
  codeId,
  start,
  end,
  extent: { top, bottom },
});

describe('paragraphsInView', () => {
  it('finds the first and last paragraph meeting the band', () => {
    expect(paragraphsInView(tops, bottoms, 0, 100)).toEqual([0, 1]);
    expect(paragraphsInView(tops, bottoms, 45, 101)).toEqual([1, 2]);
    expect(paragraphsInView(tops, bottoms, 39, 40)).toEqual([0, 0]);
  });

  it('counts a paragraph touched only at its edge as out of view', () => {
    expect(paragraphsInView(tops, bottoms, 40, 50)).toBeNull(); // the gap between two
    expect(paragraphsInView(tops, bottoms, 90, 100)).toBeNull();
  });

  it('clamps to the text: bands above, below and around it', () => {
    expect(paragraphsInView(tops, bottoms, -500, 10)).toEqual([0, 0]);
    expect(paragraphsInView(tops, bottoms, 4939, 9000)).toEqual([98, 99]);
    expect(paragraphsInView(tops, bottoms, -1, 1e6)).toEqual([0, 99]);
    expect(paragraphsInView(tops, bottoms, 6000, 7000)).toBeNull();
    expect(paragraphsInView([], [], 0, 100)).toBeNull();
  });

  it('agrees with a linear scan for every band', () => {
    for (let top = -60; top < 5100; top += 17)
      for (const h of [1, 30, 333]) {
        const hits = tops
          .map((t, i) => (bottoms[i]! > top && t < top + h ? i : -1))
          .filter((i) => i >= 0);
        const want = hits.length ? [hits[0], hits[hits.length - 1]] : null;
        expect(paragraphsInView(tops, bottoms, top, top + h), `${top}+${h}`).toEqual(want);
      }
  });
});

describe('codingsBetween', () => {
  const codings = [
    { start: 0, end: 10 },
    { start: 5, end: 500 }, // a long one, starting before the range
    { start: 100, end: 120 },
    { start: 200, end: 210 },
  ];
  it('keeps codings that overlap or touch the range, long ones included', () => {
    expect(codingsBetween(codings, 100, 150)).toEqual([codings[1], codings[2]]);
    expect(codingsBetween(codings, 10, 10)).toEqual([codings[0], codings[1]]);
    expect(codingsBetween(codings, 600, 700)).toEqual([]);
  });
});

describe('lanes', () => {
  const order = new Map([
    [7, 0],
    [3, 1],
    [9, 2],
  ]);
  it('gives one lane per code, in codebook order, codes not yet listed last', () => {
    expect(lanesFor([9, 3, 9, 7, 3], order)).toEqual([7, 3, 9]);
    expect(lanesFor([42, 9, 40], order)).toEqual([9, 40, 42]);
    expect(lanesFor([], order)).toEqual([]);
  });

  it('fits any number of lanes in the margin, comfortable when few', () => {
    expect(laneGeometry(0, 104)).toEqual({ pitch: 0, bar: 0 });
    expect(laneGeometry(3, 104)).toEqual({ pitch: 10, bar: 8 });
    const many = laneGeometry(100, 104);
    expect(many.pitch * 100).toBeLessThanOrEqual(104);
    expect(many.bar).toBeGreaterThanOrEqual(1);
    expect(many.bar).toBeLessThanOrEqual(many.pitch);
  });
});

describe('layoutBars', () => {
  it('draws a bar per passage in its code’s lane, from first to last line', () => {
    const bars = layoutBars([item(3, 100, 140), item(7, 0, 90)], [7, 3]);
    expect(bars.map((b) => [b.codeId, b.lane, b.top, b.bottom])).toEqual([
      [3, 1, 100, 140],
      [7, 0, 0, 90],
    ]);
  });

  it('merges overlapping or touching passages of one code, keeping each as a member', () => {
    const bars = layoutBars(
      [item(3, 0, 40), item(3, 30, 90), item(3, 91, 140), item(3, 200, 240)],
      [3],
    );
    expect(bars.map((b) => [b.top, b.bottom, b.members.length])).toEqual([
      [0, 140, 3],
      [200, 240, 1],
    ]);
  });

  it('never merges passages of different codes, even when they overlap', () => {
    const bars = layoutBars([item(3, 0, 40), item(7, 0, 40)], [3, 7]);
    expect(bars).toHaveLength(2);
    expect(new Set(bars.map((b) => b.lane))).toEqual(new Set([0, 1]));
  });

  it('leaves out passages of codes that have no lane', () => {
    expect(layoutBars([item(3, 0, 40)], [7])).toEqual([]);
  });
});

describe('stripesFor', () => {
  const order = new Map([
    [1, 0],
    [2, 1],
    [3, 2],
  ]);
  it('has lanes only for codes with a passage in the viewport, with their bars beyond it', () => {
    const items = [item(1, 0, 40), item(2, 500, 540), item(1, 900, 940), item(3, 1200, 1240)];
    const { lanes, bars } = stripesFor(items, order, { top: 0, bottom: 600 });
    expect(lanes).toEqual([1, 2]);
    // Code 1's later passage is drawn too (it scrolls into view); code 3 has no lane.
    expect(bars.map((b) => [b.codeId, b.top])).toEqual([
      [1, 0],
      [1, 900],
      [2, 500],
    ]);
  });
});

describe('nextBand', () => {
  it('reaches a screen beyond the viewport either way', () => {
    expect(nextBand({ top: 1000, bottom: 1800 }, null)).toEqual({ top: 200, bottom: 2600 });
  });

  it('stays put while the viewport is inside it, and recentres once it leaves', () => {
    const band = nextBand({ top: 1000, bottom: 1800 }, null);
    expect(nextBand({ top: 1500, bottom: 2300 }, band)).toBe(band);
    expect(nextBand({ top: 200, bottom: 1000 }, band)).toBe(band);
    expect(nextBand({ top: 1900, bottom: 2700 }, band)).toEqual({ top: 1100, bottom: 3500 });
  });
});
