// The coding stripes' layout, pure (no DOM, no stores): which paragraphs and codings are near
// the viewport, a lane per code in codebook order, bars that merge, and the band of text kept
// drawn so that ordinary scrolling redraws nothing.

/** Vertical extent of a passage in the reader, in px from the top of the text's box. */
export interface Extent {
  top: number;
  bottom: number;
}

export interface Bar {
  codeId: number;
  lane: number;
  top: number;
  bottom: number;
  /** The codings drawn by this bar (touching passages of one code merge into one bar). */
  members: ({ start: number; end: number } & Extent)[];
}

/**
 * First and last paragraph whose box meets [top, bottom): paragraphs are laid out in order, so
 * both ends are binary searches over their tops and bottoms. Null when none does.
 */
export function paragraphsInView(
  tops: ArrayLike<number>,
  bottoms: ArrayLike<number>,
  top: number,
  bottom: number,
): [number, number] | null {
  const n = Math.min(tops.length, bottoms.length);
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bottoms[mid]! > top) hi = mid;
    else lo = mid + 1;
  }
  const first = lo;
  lo = first;
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tops[mid]! < bottom) lo = mid + 1;
    else hi = mid;
  }
  const last = lo - 1;
  return first <= last ? [first, last] : null;
}

/** The codings that overlap or touch [start, end] of the text. */
export function codingsBetween<T extends { start: number; end: number }>(
  codings: readonly T[],
  start: number,
  end: number,
): T[] {
  return codings.filter((c) => c.start <= end && c.end >= start);
}

/** One lane per code, in codebook order (codes the codebook has not listed yet go last). */
export function lanesFor(codeIds: Iterable<number>, order: ReadonlyMap<number, number>): number[] {
  const rank = (id: number) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...new Set(codeIds)].sort((a, b) => rank(a) - rank(b) || a - b);
}

/**
 * Lane pitch and bar width for `lanes` lanes in a margin `width` px wide: comfortable lanes
 * when few codes are in view, thinner ones (down to a sliver) when many are.
 */
export function laneGeometry(lanes: number, width: number): { pitch: number; bar: number } {
  if (lanes <= 0) return { pitch: 0, bar: 0 };
  const pitch = Math.min(10, width / lanes);
  return { pitch, bar: Math.max(1, pitch >= 4 ? pitch - 2 : pitch - 0.5) };
}

/**
 * Bars for the codings of each lane: a coding's bar runs from its first line to its last; the
 * bars of one code that overlap or touch merge into one, so a dense code is one calm stripe.
 */
export function layoutBars(items: readonly Measured[], lanes: readonly number[]): Bar[] {
  const laneOf = new Map(lanes.map((id, i) => [id, i]));
  const sorted = [...items].sort((a, b) => a.codeId - b.codeId || a.extent.top - b.extent.top);
  const bars: Bar[] = [];
  let open: Bar | null = null;
  for (const it of sorted) {
    const lane = laneOf.get(it.codeId);
    if (lane === undefined) continue;
    const member = { start: it.start, end: it.end, ...it.extent };
    if (open && open.codeId === it.codeId && it.extent.top <= open.bottom + 1) {
      open.bottom = Math.max(open.bottom, it.extent.bottom);
      open.members.push(member);
      continue;
    }
    open = {
      codeId: it.codeId,
      lane,
      top: it.extent.top,
      bottom: it.extent.bottom,
      members: [member],
    };
    bars.push(open);
  }
  return bars;
}

export interface Measured {
  codeId: number;
  start: number;
  end: number;
  extent: Extent;
}

/**
 * The stripes for a viewport: a lane for each code with a passage in view (in codebook order),
 * and the bars of those codes among the measured passages (which reach beyond the view, so
 * bars run on past its edges).
 */
export function stripesFor(
  items: readonly Measured[],
  order: ReadonlyMap<number, number>,
  view: Extent,
): { lanes: number[]; bars: Bar[] } {
  const lanes = lanesFor(
    items
      .filter((i) => i.extent.bottom > view.top && i.extent.top < view.bottom)
      .map((i) => i.codeId),
    order,
  );
  const laned = new Set(lanes);
  return {
    lanes,
    bars: layoutBars(
      items.filter((i) => laned.has(i.codeId)),
      lanes,
    ),
  };
}

/**
 * The band of text that is decorated: the viewport and one screen either side. It is kept
 * while the viewport stays inside it, so ordinary scrolling repaints nothing; leaving it
 * recentres it.
 */
export function nextBand(view: Extent, current: Extent | null): Extent {
  if (current && view.top >= current.top && view.bottom <= current.bottom) return current;
  const h = view.bottom - view.top;
  return { top: view.top - h, bottom: view.bottom + h };
}
