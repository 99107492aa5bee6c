// Plane geometry for the programme-theory canvas: box sizes from wrapped text, where a link
// leaves and enters a box, links that bend around boxes in their way, and the stage bands.
// Pure functions, shared by the live canvas and the SVG export so both draw the same picture.

export interface Point {
  x: number;
  y: number;
}
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Every item is this wide; the demo lays items out 400 apart, one column per stage. */
export const ITEM_WIDTH = 240;
export const ITEM_PAD_X = 12;
export const ITEM_PAD_Y = 10;
/** The small "CONCEPT" / "CMOC · SUPPORTED" line above an item's label. */
export const KIND_ROW = 17;
export const LABEL_FONT = 13;
export const LABEL_LINE = 17;
export const LABEL_MAX_LINES = 3;
export const LINK_FONT = 12;
export const LINK_LINE = 15;
export const LINK_LABEL_WIDTH = 140;
export const LINK_LABEL_PAD = 5;
/** Each named stage of the continuum is a band this wide, starting at x = 0. */
export const STAGE_WIDTH = 400;
export const STAGE_HEADER = 34;
/** Room between the stage header and the highest item. */
export const STAGE_GAP = 22;

/**
 * Roughly how wide `text` is at `fontSize`, in the system sans-serif (measured against DejaVu Sans, the widest
 * common one). The page cannot measure
 * text while building an export (and tests have no fonts), so widths are estimated per kind of
 * character, erring wide so that wrapped lines fit.
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (ch === ' ') em += 0.33;
    else if ("il.,;:!|'’`()[]".includes(ch)) em += 0.34;
    else if ('ftjr-'.includes(ch)) em += 0.4;
    else if ('mwMW@'.includes(ch)) em += 0.92;
    else if (ch >= 'A' && ch <= 'Z') em += 0.71;
    else if (ch >= '0' && ch <= '9') em += 0.64;
    else if (ch.charCodeAt(0) > 0x2e7f) em += 1;
    else em += 0.6;
  }
  return em * fontSize * (bold ? 1.15 : 1);
}

/** Cuts `word` into pieces that each fit `width` (a word too long for one line). */
function breakWord(word: string, width: number, fontSize: number, bold: boolean): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece && textWidth(piece + ch, fontSize, bold) > width) {
      pieces.push(piece);
      piece = ch;
    } else piece += ch;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Drops characters from the end of `line` until it fits with an ellipsis after it. */
function ellipsise(line: string, width: number, fontSize: number, bold: boolean): string {
  let s = line.trimEnd();
  while (s && textWidth(`${s}…`, fontSize, bold) > width) s = s.slice(0, -1).trimEnd();
  return `${s}…`;
}

/**
 * Word-wraps `text` into at most `maxLines` lines no wider than `width`; the last line ends in
 * an ellipsis when text was left out. Blank text gives no lines.
 */
export function wrapText(
  text: string,
  width: number,
  fontSize: number,
  maxLines: number,
  bold = false,
): string[] {
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) =>
      textWidth(w, fontSize, bold) > width ? breakWord(w, width, fontSize, bold) : [w],
    );
  const lines: string[] = [];
  let line = '';
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i]!;
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, fontSize, bold) <= width) {
      line = next;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line) {
    lines.push(line);
    return lines;
  }
  // Out of lines with words left over: the last line says so.
  const last = lines.length - 1;
  if (last >= 0) lines[last] = ellipsise(lines[last]!, width, fontSize, bold);
  return lines;
}

/**
 * Like wrapText, but narrows the lines as far as the same number of lines allows, so that a
 * two-line label splits in the middle instead of leaving one word alone on its second line.
 */
export function wrapBalanced(
  text: string,
  width: number,
  fontSize: number,
  maxLines: number,
): string[] {
  const lines = wrapText(text, width, fontSize, maxLines);
  if (lines.length < 2 || lines[lines.length - 1]!.endsWith('…')) return lines;
  let lo = width / 2;
  let hi = width;
  for (let i = 0; i < 12; i++) {
    const w = (lo + hi) / 2;
    const tryLines = wrapText(text, w, fontSize, maxLines);
    if (tryLines.length === lines.length && !tryLines[tryLines.length - 1]!.endsWith('…')) hi = w;
    else lo = w;
  }
  return wrapText(text, hi, fontSize, maxLines);
}

/** An item's height for its number of label lines (at least one, so an item never collapses). */
export function itemHeight(lines: number): number {
  return ITEM_PAD_Y * 2 + KIND_ROW + Math.max(1, lines) * LABEL_LINE;
}

export const centre = (r: Rect): Point => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

export function inflate(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, w: r.w + by * 2, h: r.h + by * 2 };
}

export const contains = (r: Rect, p: Point): boolean =>
  p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;

export const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Where the ray from the centre of `r` towards `toward` leaves `r`: the point on its border that
 * a link to or from the box touches. The centre itself when `toward` is the centre.
 */
export function borderPoint(r: Rect, toward: Point): Point {
  const c = centre(r);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const sx = dx === 0 ? Infinity : r.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : r.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: c.x + dx * s, y: c.y + dy * s };
}

/** The point at `t` along the quadratic Bézier p0 → (control c) → p2. */
export function quadAt(p0: Point, c: Point, p2: Point, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * p0.x + 2 * u * t * c.x + t * t * p2.x,
    y: u * u * p0.y + 2 * u * t * c.y + t * t * p2.y,
  };
}

export interface LinkRoute {
  start: Point;
  control: Point;
  end: Point;
  /** Where the label's centre goes: the curve's middle. */
  mid: Point;
}

/** A link from box `a` to box `b` whose curve's control point sits `bend` off the straight line. */
export function routeWithBend(a: Rect, b: Rect, bend: number): LinkRoute {
  const ca = centre(a);
  const cb = centre(b);
  const dx = cb.x - ca.x;
  const dy = cb.y - ca.y;
  const len = Math.hypot(dx, dy) || 1;
  // Perpendicular to a → b; it flips with the direction, so a link back from b to a with the
  // same bend falls on the other side instead of on top of this one.
  const control = {
    x: (ca.x + cb.x) / 2 - (dy / len) * bend,
    y: (ca.y + cb.y) / 2 + (dx / len) * bend,
  };
  const start = borderPoint(a, control);
  const end = borderPoint(b, control);
  return { start, control, end, mid: quadAt(start, control, end, 0.5) };
}

const BEND_STEP = 40;
const BEND_TRIES = 12;
const CLEARANCE = 8;
const SAMPLES = 48;

function labelBox(route: LinkRoute, label: { w: number; h: number }): Rect {
  return { x: route.mid.x - label.w / 2, y: route.mid.y - label.h / 2, w: label.w, h: label.h };
}

/** How many of `obstacles` the route's curve or its label runs into. */
function collisions(route: LinkRoute, label: { w: number; h: number }, obstacles: Rect[]): number {
  const box = labelBox(route, label);
  let hits = 0;
  for (const o of obstacles) {
    const zone = inflate(o, CLEARANCE);
    let hit = label.w > 0 && overlaps(box, zone);
    for (let i = 1; !hit && i < SAMPLES; i++)
      hit = contains(zone, quadAt(route.start, route.control, route.end, i / SAMPLES));
    if (hit) hits++;
  }
  return hits;
}

/**
 * Routes a link from box `a` to `b`: straight when nothing is in the way, otherwise bent the
 * least that keeps the curve and its label clear of the other boxes (`others`). `label` is the
 * label's size ({0, 0} for none); `reverse` says a link runs the other way between the same
 * two boxes, so this one bends a little to keep the two apart.
 */
export function routeLink(
  a: Rect,
  b: Rect,
  label: { w: number; h: number },
  others: Rect[],
  reverse = false,
): LinkRoute {
  const base = reverse ? 24 : 0;
  let best: { route: LinkRoute; hits: number } | null = null;
  for (let k = 0; k <= BEND_TRIES * 2; k++) {
    // 0, +1, -1, +2, -2 … steps: the least bend that clears the way wins.
    const step = Math.ceil(k / 2) * (k % 2 === 1 ? 1 : -1);
    const route = routeWithBend(a, b, base + step * BEND_STEP);
    // The curve starts and ends on its own two boxes; only its label must keep off them.
    const box = labelBox(route, label);
    const onEnds = label.w > 0 ? [a, b].filter((r) => overlaps(box, r)).length : 0;
    const hits = collisions(route, label, others) + onEnds;
    if (hits === 0) return route;
    if (!best || hits < best.hits) best = { route, hits };
  }
  return best!.route;
}

/** The smallest rectangle holding every rect (null for none). */
export function unionRect(rects: Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const r of rects) {
    x1 = Math.min(x1, r.x);
    y1 = Math.min(y1, r.y);
    x2 = Math.max(x2, r.x + r.w);
    y2 = Math.max(y2, r.y + r.h);
  }
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

/**
 * A free place for a new item of height `h` near `near`: the first spot on a widening ring of
 * grid positions that overlaps no existing box (with a margin).
 */
export function freeSpot(boxes: Rect[], near: Point, h: number): Point {
  const margin = 20;
  const stepX = ITEM_WIDTH + 40;
  const stepY = 100;
  const fits = (p: Point) =>
    !boxes.some((b) => overlaps(inflate(b, margin), { x: p.x, y: p.y, w: ITEM_WIDTH, h }));
  const origin = { x: Math.round(near.x - ITEM_WIDTH / 2), y: Math.round(near.y - h / 2) };
  for (let ring = 0; ring < 30; ring++) {
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const p = { x: origin.x + i * stepX, y: origin.y + j * stepY };
        if (fits(p)) return p;
      }
    }
  }
  return origin;
}
