// The shapes' fine print, shared by the live canvas and the SVG export: where each piece of
// text sits, the stage chevrons, the colour bar and the status pill.
import {
  ITEM_PAD_X,
  ITEM_PAD_Y,
  KIND_ROW,
  LABEL_LINE,
  LINK_FONT,
  LINK_LABEL_PAD,
  LINK_LINE,
  STAGE_HEADER,
  textWidth,
  type Rect,
} from './geometry';
import type { BandShape, BoxShape } from './scene';

export const MARGIN = 24;
export const KIND_FONT = 10;
export const BADGE_FONT = 9.5;
export const STAGE_FONT = 14;

/** Baseline of the small kind heading. */
export const kindBaseline = (b: BoxShape): number => b.y + ITEM_PAD_Y + 10;

/** Baseline of the label's `i`th line. */
export const labelBaseline = (b: BoxShape, i: number): number =>
  b.y + ITEM_PAD_Y + KIND_ROW + 12 + i * LABEL_LINE;

export const labelX = (b: BoxShape): number => b.x + ITEM_PAD_X;

/** The colour bar: the box's left edge, rounded like the box. */
export function barPath(b: BoxShape): string {
  const r = 6;
  return `M${b.x + r},${b.y} A${r},${r} 0 0 0 ${b.x},${b.y + r} V${b.y + b.h - r} A${r},${r} 0 0 0 ${b.x + r},${b.y + b.h} Z`;
}

/** The status pill's rectangle, top right. */
export function badgeRect(b: BoxShape, text: string): Rect {
  const w = textWidth(text, BADGE_FONT, true) + 12;
  return { x: b.x + b.w - ITEM_PAD_X - w, y: b.y + ITEM_PAD_Y - 2, w, h: 15 };
}

/**
 * A stage's header as a chevron pointing to the next stage: the first has a flat tail, every
 * other one a notch that the previous one's point fits into.
 */
export function chevronPoints(band: BandShape, last: boolean): string {
  const tip = 14;
  const x1 = band.x + 2;
  const x2 = band.x + band.w - 2;
  const y1 = band.y;
  const y2 = band.y + STAGE_HEADER;
  const ym = (y1 + y2) / 2;
  const pts: [number, number][] = [
    [x1, y1],
    [x2, y1],
  ];
  if (!last) pts.push([x2 + tip, ym]);
  pts.push([x2, y2], [x1, y2]);
  if (band.index > 0) pts.push([x1 + tip, ym]);
  return pts.map(([x, y]) => `${x},${y}`).join(' ');
}

/** The stage header's fill: the continuum darkens from the first stage to the last. */
export function stageFill(index: number, count: number): string {
  const t = count > 1 ? index / (count - 1) : 0;
  const from = [231, 236, 255];
  const to = [186, 200, 250];
  const c = from.map((f, i) => Math.round(f + (to[i]! - f) * t));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

export const stageBackground = (index: number): string => (index % 2 ? '#f3f1ec' : '#faf9f6');

/** Baseline of a link label's `i`th line, the lines centred in its rectangle. */
export const linkLineBaseline = (r: Rect, i: number): number =>
  r.y + LINK_LABEL_PAD + LINK_FONT - 1 + i * LINK_LINE;

/** The area to show or export: everything drawn with a margin around it. */
export function framed(bounds: Rect | null): Rect {
  if (!bounds) return { x: 0, y: 0, w: 400, h: 200 };
  return {
    x: Math.floor(bounds.x - MARGIN),
    y: Math.floor(bounds.y - MARGIN),
    w: Math.ceil(bounds.w + MARGIN * 2),
    h: Math.ceil(bounds.h + MARGIN * 2),
  };
}
