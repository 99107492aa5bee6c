import { useEffect, useMemo } from 'react';
import type { Code } from '../../../electron/api/contract';
import type { ReaderMap } from '../../lib/offsets';
import {
  CodePainter,
  LIT_HIGHLIGHT,
  paintEmphasis,
  PICKED_HIGHLIGHT,
  setCodeColors,
} from '../../lib/highlights';
import { useCodebook } from '../codebook/store';
import { shownCodings, useCoding, useShownCodings } from './store';
import { useVisibility } from './visibility';
import {
  codingsBetween,
  laneGeometry,
  nextBand,
  paragraphsInView,
  stripesFor,
  type Bar,
  type Extent,
  type Measured,
} from './stripe-layout';
import './coding.css';

// Coding stripes in the margin to the right of the text, as in other QDA tools: one lane per
// code with a coding near the viewport, in codebook order, a bar per passage in the code's
// colour. This file also draws the codings' highlights, for the same band of text.

// ---- Measuring: DOM reads, batched before any write ----

/**
 * Up to this many codings, a source's highlights are all painted (re-marking them costs the
 * browser little); past it, only those near the viewport are.
 */
export const PAINT_ALL_UP_TO = 400;

/** The margin's width for lanes (fixed, so the text never reflows as codes come and go). */
export const STRIPES_WIDTH = 104;

/**
 * Geometry of the reader in px from the top of its box: paragraph boxes (read in one go and
 * kept until the layout changes) and, for codings near the viewport only, the box of their
 * first and last letters (kept by range).
 */
class Geometry {
  private tops = new Float64Array(0);
  private bottoms = new Float64Array(0);
  private extents = new Map<string, Extent>();
  private stale = true;
  private boxTop = 0;

  constructor(
    private readonly map: ReaderMap,
    private readonly box: HTMLElement,
    private readonly scroller: HTMLElement,
  ) {}

  /** The text's width or fonts changed: every box read so far is wrong. */
  invalidate(): void {
    this.stale = true;
  }

  /** The viewport in the box's coordinates (starts a pass of reads). */
  viewport(): Extent {
    this.boxTop = this.box.getBoundingClientRect().top;
    const s = this.scroller.getBoundingClientRect();
    const top = Math.max(s.top, 0);
    const bottom = Math.min(s.bottom, window.innerHeight);
    return { top: top - this.boxTop, bottom: Math.max(top, bottom) - this.boxTop };
  }

  /** Source offsets covered by the paragraphs that meet `band`. */
  offsetsIn(band: Extent): { from: number; to: number } | null {
    const els = this.map.elements();
    if (this.stale || this.tops.length !== els.length) {
      this.stale = false;
      this.extents.clear();
      this.tops = new Float64Array(els.length);
      this.bottoms = new Float64Array(els.length);
      els.forEach((el, i) => {
        const r = el.getBoundingClientRect();
        this.tops[i] = r.top - this.boxTop;
        this.bottoms[i] = r.bottom - this.boxTop;
      });
    }
    const span = paragraphsInView(this.tops, this.bottoms, band.top, band.bottom);
    const paras = this.map.paragraphs;
    return span ? { from: paras[span[0]]!.start, to: paras[span[1]]!.end } : null;
  }

  extentOf(start: number, end: number): Extent | null {
    const key = `${start}:${end}`;
    const known = this.extents.get(key);
    if (known) return known;
    const text = this.map.text;
    const first = this.map.rangeFor(start, start + charLength(text, start));
    const last = this.map.rangeFor(end - charLengthBefore(text, end), end);
    if (!first || !last) return null;
    const a = first.getBoundingClientRect();
    const b = last.getBoundingClientRect();
    const extent = {
      top: a.top - this.boxTop,
      bottom: Math.max(a.bottom, b.bottom) - this.boxTop,
    };
    this.extents.set(key, extent);
    return extent;
  }
}

const charLength = (text: string, i: number) => ((text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
const charLengthBefore = (text: string, i: number) => {
  const c = text.charCodeAt(i - 1);
  return i >= 2 && c >= 0xdc00 && c <= 0xdfff ? 2 : 1;
};

/** The nearest scrolling ancestor (the pane the reader scrolls in). */
export function scrollerOf(el: HTMLElement): HTMLElement {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowY;
    if (o === 'auto' || o === 'scroll') return p;
  }
  return document.scrollingElement as HTMLElement;
}

// ---- Drawing the stripes: DOM writes ----

/**
 * The stripes' elements, drawn straight into the margin (no React render per scroll), with
 * one set of listeners for all bars: hovering one lights up its code's passages and shows
 * the code's name; clicking picks them.
 */
class StripesView {
  private readonly barOf = new Map<Element, Bar>();
  private readonly label = document.createElement('div');
  private hovered: Bar | null = null;

  constructor(
    private readonly el: HTMLElement,
    private readonly codeOf: (id: number) => Code | undefined,
  ) {
    this.label.className = 'stripe-label';
    this.label.setAttribute('role', 'tooltip');
    this.label.hidden = true;
    el.addEventListener('mouseover', this.onOver);
    el.addEventListener('mouseleave', this.onLeave);
    el.addEventListener('click', this.onClick);
  }

  dispose(): void {
    this.el.removeEventListener('mouseover', this.onOver);
    this.el.removeEventListener('mouseleave', this.onLeave);
    this.el.removeEventListener('click', this.onClick);
    this.el.replaceChildren();
  }

  draw(bars: readonly Bar[], lanes: number, picked: number | null): void {
    const { pitch, bar: width } = laneGeometry(lanes, STRIPES_WIDTH);
    this.barOf.clear();
    const fragment = document.createDocumentFragment();
    for (const b of bars) {
      const code = this.codeOf(b.codeId);
      if (!code) continue;
      const div = document.createElement('div');
      div.className = b.codeId === picked ? 'stripe picked' : 'stripe';
      div.dataset.codeId = String(b.codeId);
      div.setAttribute('aria-label', code.name);
      div.style.cssText = `left:${b.lane * pitch}px;top:${b.top}px;height:${Math.max(4, b.bottom - b.top)}px;width:${width}px;background:${code.color}`;
      this.barOf.set(div, b);
      fragment.append(div);
    }
    this.hovered = null;
    this.label.hidden = true;
    fragment.append(this.label);
    this.el.replaceChildren(fragment);
  }

  markPicked(picked: number | null): void {
    for (const [div, b] of this.barOf) div.classList.toggle('picked', b.codeId === picked);
  }

  private barAt(target: EventTarget | null): [Element, Bar] | null {
    const div = target instanceof Element ? target.closest('.stripe') : null;
    const bar = div && this.barOf.get(div);
    return div && bar ? [div, bar] : null;
  }

  private readonly onOver = (e: MouseEvent) => {
    const hit = this.barAt(e.target);
    if (!hit || hit[1] === this.hovered) return;
    const [div, bar] = hit;
    this.hovered = bar;
    const code = this.codeOf(bar.codeId);
    useCoding.getState().setLit(bar.codeId);
    if (!code) return;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = code.color;
    this.label.replaceChildren(swatch, code.name);
    // Left of the bar, over the text's margin, so it never widens the pane.
    this.label.style.right = `${STRIPES_WIDTH - (div as HTMLElement).offsetLeft + 6}px`;
    this.label.style.top = `${bar.top}px`;
    this.label.hidden = false;
  };

  private readonly onLeave = () => {
    this.hovered = null;
    this.label.hidden = true;
    useCoding.getState().setLit(null);
  };

  private readonly onClick = (e: MouseEvent) => {
    const hit = this.barAt(e.target);
    if (!hit) return;
    const y = e.clientY - this.el.getBoundingClientRect().top;
    pickCode(hit[1], y);
  };
}

/** Clicking a bar picks its code: all its passages marked, the one under the click focused. */
function pickCode(bar: Bar, y: number) {
  const s = useCoding.getState();
  if (s.sourceId === null) return;
  // The passage under the pointer, or the nearest one (merged bars hold several).
  const distance = (m: Extent) => (y < m.top ? m.top - y : y > m.bottom ? y - m.bottom : 0);
  let best = bar.members[0];
  for (const m of bar.members) if (best && distance(m) < distance(best)) best = m;
  s.pick(bar.codeId);
  if (best) s.setFocus({ sourceId: s.sourceId, start: best.start, end: best.end, scroll: false });
}

// ---- The coding layer: highlights and stripes for the codings near the viewport ----

/**
 * Draws the codings of the reader: each code's passages as a highlight, and the stripes. On a
 * densely coded source both cover only the band around the viewport (the browser re-marks every
 * highlighted range on any change to the page, so thousands of codings would make everything
 * slow), and both are drawn straight from the stores in the task that changed them: applying a code adds
 * one range to one highlight and redraws the stripes before the next frame.
 */
export function useCodingLayer(
  map: ReaderMap,
  sourceId: number,
  root: HTMLElement | null,
  box: HTMLElement | null,
  stripes: HTMLElement | null,
): void {
  useEffect(() => {
    if (!root || !box || !stripes) return;
    const codeOf = (id: number): Code | undefined =>
      useCodebook.getState().byId[id] ?? useCoding.getState().createdCodes[id];
    const scroller = scrollerOf(box);
    const geometry = new Geometry(map, box, scroller);
    const painter = new CodePainter((a, b) => map.rangeFor(a, b));
    const view = new StripesView(stripes, codeOf);
    let band: Extent | null = null;
    let frame = 0;
    let order = new Map<number, number>();
    let orderOf: number[] | null = null;

    const colors = () => {
      const out = new Map<number, string>();
      for (const c of Object.values(useCodebook.getState().byId)) out.set(c.id, c.color);
      for (const c of Object.values(useCoding.getState().createdCodes))
        if (!out.has(c.id)) out.set(c.id, c.color);
      return out;
    };
    const emphasis = () => {
      const { lit, picked } = useCoding.getState();
      paintEmphasis(LIT_HIGHLIGHT, lit === null ? [] : painter.rangesOf(lit));
      paintEmphasis(PICKED_HIGHLIGHT, picked === null ? [] : painter.rangesOf(picked));
      view.markPicked(picked);
    };
    // The passages measured in the band, and the lanes drawn for the viewport.
    let items: Measured[] = [];
    let drawnLanes: string | null = null;
    const drawStripes = (viewport: Extent, force: boolean) => {
      const { lanes, bars } = stripesFor(items, order, viewport);
      const key = lanes.join(',');
      if (!force && key === drawnLanes) return;
      drawnLanes = key;
      view.draw(bars, lanes.length, useCoding.getState().picked);
      stripes.dataset.bars = String(bars.length);
    };
    const pass = (scrolled: boolean) => {
      frame = 0;
      // Lexical draws the paragraphs as the root is attached; wait for them.
      if (map.paragraphs.length && !map.elements().length) {
        frame = requestAnimationFrame(() => pass(false));
        return;
      }
      // Reads.
      const viewport = geometry.viewport();
      const next = nextBand(viewport, scrolled ? band : null);
      if (scrolled && next === band) return drawStripes(viewport, false);
      band = next;
      const s = useCoding.getState();
      const shown = s.sourceId === sourceId ? shownCodings(s, useVisibility.getState()) : [];
      const span = geometry.offsetsIn(band);
      const near = span ? codingsBetween(shown, span.from, span.to) : [];
      const codebookOrder = useCodebook.getState().order;
      if (codebookOrder !== orderOf) {
        orderOf = codebookOrder;
        order = new Map(codebookOrder.map((id, i) => [id, i]));
      }
      items = [];
      for (const c of near) {
        const extent = geometry.extentOf(c.start, c.end);
        if (extent) items.push({ codeId: c.codeId, start: c.start, end: c.end, extent });
      }
      // Writes.
      setCodeColors(colors());
      painter.sync(
        (shown.length <= PAINT_ALL_UP_TO ? shown : near).map((c) => ({
          key: `${c.codeId}:${c.start}:${c.end}`,
          codeId: c.codeId,
          start: c.start,
          end: c.end,
        })),
      );
      drawStripes(viewport, true);
      emphasis();
      // For measuring (the benchmark and tests): what is drawn, and when.
      root.dataset.painted = String(shown.length);
      performance.mark('weft:codings-painted', {
        detail: { shown: shown.length, highlighted: painter.size, bars: stripes.dataset.bars },
      });
    };
    const schedule = (scrolled: boolean) => {
      if (!frame) frame = requestAnimationFrame(() => pass(scrolled));
    };
    const relayout = () => {
      geometry.invalidate();
      band = null;
      cancelAnimationFrame(frame);
      frame = 0;
      schedule(false);
    };

    pass(false);
    const onScroll = () => schedule(true);
    scroller.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(relayout);
    resize.observe(root);
    void document.fonts?.ready.then(relayout);
    const unsubscribe = [
      useCoding.subscribe((s, p) => {
        if (
          s.codings !== p.codings ||
          s.pending !== p.pending ||
          s.sourceId !== p.sourceId ||
          s.createdCodes !== p.createdCodes
        )
          pass(false);
        else if (s.lit !== p.lit || s.picked !== p.picked) emphasis();
      }),
      useVisibility.subscribe(() => pass(false)),
      useCodebook.subscribe((s, p) => {
        if (s.byId !== p.byId || s.order !== p.order) pass(false);
      }),
    ];
    return () => {
      for (const u of unsubscribe) u();
      cancelAnimationFrame(frame);
      scroller.removeEventListener('scroll', onScroll);
      resize.disconnect();
      view.dispose();
      painter.clear();
      paintEmphasis(LIT_HIGHLIGHT, []);
      paintEmphasis(PICKED_HIGHLIGHT, []);
    };
  }, [map, sourceId, root, box, stripes]);
}

/**
 * The code picked by clicking its stripe: how many of its passages this source holds, and
 * buttons to step through them (each is marked and scrolled to).
 */
export function PickedPassages() {
  const picked = useCoding((s) => s.picked);
  const focus = useCoding((s) => s.focus);
  const sourceId = useCoding((s) => s.sourceId);
  const codings = useShownCodings();
  const code = useCodebook((s) => (picked === null ? undefined : s.byId[picked]));
  const created = useCoding((s) => (picked === null ? undefined : s.createdCodes[picked]));
  const passages = useMemo(() => {
    const seen = new Set<string>();
    return codings.filter((c) => {
      const key = `${c.start}:${c.end}`;
      if (c.codeId !== picked || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }, [codings, picked]);
  const shownCode = code ?? created;
  // A hidden or deleted code cannot stay picked.
  useEffect(() => {
    if (picked !== null && (passages.length === 0 || !shownCode)) useCoding.getState().pick(null);
  }, [picked, passages.length, shownCode]);
  if (picked === null || !shownCode || sourceId === null) return null;
  const at = focus ? passages.findIndex((p) => p.start === focus.start && p.end === focus.end) : -1;
  const go = (i: number) => {
    const p = passages[(i + passages.length) % passages.length];
    if (p) useCoding.getState().setFocus({ sourceId, start: p.start, end: p.end });
  };
  return (
    <div className="picked-passages" role="status" data-testid="picked-passages">
      <span className="swatch" style={{ background: shownCode.color }} />
      <strong>{shownCode.name}</strong>
      <span>
        {at >= 0 ? `${at + 1} of ` : ''}
        {passages.length} passage{passages.length === 1 ? '' : 's'} here
      </span>
      <button
        aria-label="Previous passage"
        onClick={() => go(at < 0 ? passages.length - 1 : at - 1)}
      >
        ‹
      </button>
      <button aria-label="Next passage" onClick={() => go(at + 1)}>
        ›
      </button>
      <button
        className="link"
        aria-label="Stop showing these passages"
        onClick={() => {
          useCoding.getState().pick(null);
          useCoding.getState().setFocus(null);
        }}
      >
        ×
      </button>
    </div>
  );
}
