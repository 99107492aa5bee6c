// What the programme-theory canvas draws, worked out once from the canvas and the concepts'
// and CMOCs' details: boxes with wrapped labels and colours, routed links with their labels,
// and the continuum's stage bands. The live canvas and the SVG export both draw a Scene.
import type { Canvas, CanvasItem, CmocStatus } from '../../../electron/api/contract';
import {
  ITEM_PAD_X,
  ITEM_WIDTH,
  LABEL_FONT,
  LABEL_MAX_LINES,
  LINK_FONT,
  LINK_LABEL_PAD,
  LINK_LABEL_WIDTH,
  LINK_LINE,
  STAGE_GAP,
  STAGE_HEADER,
  STAGE_WIDTH,
  itemHeight,
  routeLink,
  textWidth,
  unionRect,
  wrapBalanced,
  wrapText,
  type LinkRoute,
  type Rect,
} from './geometry';

/** What the canvas needs to know about the concepts and CMOCs it shows. */
export interface SceneRefs {
  concepts: { id: number; color: string }[];
  cmocs: { id: number; status: CmocStatus; conceptId: number | null }[];
}

export interface BoxShape extends Rect {
  id: number;
  kind: CanvasItem['kind'];
  refId: number | null;
  /** The whole label (the drawing may cut it short). */
  label: string;
  lines: string[];
  /** The small heading: CONCEPT, CMOC or NOTE. */
  kindText: string;
  kindColor: string;
  /** A CMOC's status, drawn as a pill at the top right. */
  badge: { text: string; fill: string; color: string } | null;
  fill: string;
  stroke: string;
  /** The colour bar down the left edge: a concept's colour, or its CMOC's theme's. */
  bar: string | null;
  italic: boolean;
  bold: boolean;
}

export interface LinkShape {
  id: number;
  from: number;
  to: number;
  label: string;
  lines: string[];
  route: LinkRoute;
  /** SVG path data: a quadratic curve (straight when unbent). */
  d: string;
  /** Where the label is drawn, centred on the curve's middle (null without a label). */
  labelRect: Rect | null;
}

export interface BandShape extends Rect {
  index: number;
  name: string;
  /** The band's name as it fits its header. */
  shown: string;
}

export interface Scene {
  boxes: BoxShape[];
  links: LinkShape[];
  bands: BandShape[];
  /** Everything drawn; null for an empty canvas with no stages. */
  bounds: Rect | null;
}

export const INK = '#22211f';
export const MUTED = '#77736c';
export const LINK_COLOUR = '#6b665e';
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

export const STATUS_STYLE: Record<CmocStatus, { fill: string; color: string }> = {
  untested: { fill: '#eeece7', color: '#5c5850' },
  supported: { fill: '#d3f9d8', color: '#2b8a3e' },
  refined: { fill: '#e7ecff', color: '#3b5bdb' },
  refuted: { fill: '#ffe3e3', color: '#c92a2a' },
};

/** Characters XML 1.0 cannot hold: controls other than tab and newlines, lone surrogates. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these are the characters being removed
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XML can hold it, before it is wrapped (so that no gap is left where a character was). */
export const xmlSafe = (s: string): string => s.replace(NOT_XML, '');

const FALLBACK_COLOUR = '#868e96';

/** A colour as #rrggbb, or the neutral one when it is anything else (it goes into markup). */
export function safeColour(c: string | undefined): string {
  return c && /^#[0-9a-f]{6}$/i.test(c) ? c.toLowerCase() : FALLBACK_COLOUR;
}

/** `colour` mixed with white: `amount` 0 is white, 1 the colour itself. */
export function tint(colour: string, amount: number): string {
  const c = safeColour(colour);
  const mix = (i: number) => {
    const v = parseInt(c.slice(i, i + 2), 16);
    return Math.round(255 - (255 - v) * amount)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${mix(1)}${mix(3)}${mix(5)}`;
}

const round = (n: number) => Math.round(n * 10) / 10;

function boxFor(item: CanvasItem, refs: Refs): BoxShape {
  const bold = item.kind !== 'note';
  const label = xmlSafe(item.label);
  const lines = wrapText(label, ITEM_WIDTH - ITEM_PAD_X * 2, LABEL_FONT, LABEL_MAX_LINES, bold);
  const base = {
    id: item.id,
    kind: item.kind,
    refId: item.refId,
    label,
    lines,
    x: item.x,
    y: item.y,
    w: ITEM_WIDTH,
    h: itemHeight(lines.length),
    bold,
  };
  if (item.kind === 'concept') {
    const colour = safeColour(item.refId === null ? undefined : refs.conceptColour.get(item.refId));
    return {
      ...base,
      kindText: 'CONCEPT',
      kindColor: colour,
      badge: null,
      fill: tint(colour, 0.1),
      stroke: colour,
      bar: colour,
      italic: false,
    };
  }
  if (item.kind === 'cmoc') {
    const cmoc = item.refId === null ? undefined : refs.cmoc.get(item.refId);
    const theme = cmoc?.conceptId != null ? refs.conceptColour.get(cmoc.conceptId) : undefined;
    const status = cmoc?.status;
    return {
      ...base,
      kindText: 'CMOC',
      kindColor: MUTED,
      badge: status ? { text: status.toUpperCase(), ...STATUS_STYLE[status] } : null,
      fill: '#ffffff',
      stroke: '#bdb7ad',
      bar: theme ? safeColour(theme) : null,
      italic: false,
    };
  }
  return {
    ...base,
    kindText: 'NOTE',
    kindColor: '#8a6d00',
    badge: null,
    fill: '#fff8db',
    stroke: '#e6cf7e',
    bar: null,
    italic: true,
  };
}

interface Refs {
  conceptColour: Map<number, string>;
  cmoc: Map<number, SceneRefs['cmocs'][number]>;
}

function linkShapes(canvas: Canvas, boxes: BoxShape[]): LinkShape[] {
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const pairs = new Set(canvas.links.map((l) => `${l.from}>${l.to}`));
  const out: LinkShape[] = [];
  // Labels already placed: later links keep their curves and labels off them too.
  const labels: Rect[] = [];
  for (const link of canvas.links) {
    const a = byId.get(link.from);
    const b = byId.get(link.to);
    if (!a || !b) continue;
    const label = xmlSafe(link.label);
    const lines = label
      ? wrapBalanced(label, LINK_LABEL_WIDTH - LINK_LABEL_PAD * 2, LINK_FONT, 3)
      : [];
    const size = lines.length
      ? {
          w: Math.max(...lines.map((l) => textWidth(l, LINK_FONT))) + LINK_LABEL_PAD * 2 + 4,
          h: lines.length * LINK_LINE + LINK_LABEL_PAD * 2 - 2,
        }
      : { w: 0, h: 0 };
    const others = [...boxes.filter((o) => o !== a && o !== b), ...labels];
    const route = routeLink(a, b, size, others, pairs.has(`${link.to}>${link.from}`));
    const { start, control, end, mid } = route;
    const labelRect = lines.length
      ? {
          x: round(mid.x - size.w / 2),
          y: round(mid.y - size.h / 2),
          w: round(size.w),
          h: round(size.h),
        }
      : null;
    if (labelRect) labels.push(labelRect);
    out.push({
      id: link.id,
      from: link.from,
      to: link.to,
      label,
      lines,
      route,
      d: `M${round(start.x)},${round(start.y)} Q${round(control.x)},${round(control.y)} ${round(end.x)},${round(end.y)}`,
      labelRect,
    });
  }
  return out;
}

function bandShapes(stages: string[], boxes: BoxShape[]): BandShape[] {
  if (stages.length === 0) return [];
  const content = unionRect(boxes);
  const top = (content ? content.y : 0) - STAGE_GAP - STAGE_HEADER;
  const bottom = Math.max(content ? content.y + content.h : 0, top + STAGE_HEADER + 240) + 30;
  return stages.map(xmlSafe).map((name, index) => ({
    index,
    name,
    shown: wrapText(name, STAGE_WIDTH - 60, 14, 1, true)[0] ?? '',
    x: index * STAGE_WIDTH,
    y: top,
    w: STAGE_WIDTH,
    h: bottom - top,
  }));
}

/** The scene for `canvas`; `refs` give concepts' colours and CMOCs' statuses and themes. */
export function buildScene(canvas: Canvas, refs: SceneRefs): Scene {
  const r: Refs = {
    conceptColour: new Map(refs.concepts.map((c) => [c.id, c.color])),
    cmoc: new Map(refs.cmocs.map((c) => [c.id, c])),
  };
  const boxes = canvas.items.map((i) => boxFor(i, r));
  const links = linkShapes(canvas, boxes);
  const bands = bandShapes(canvas.stages, boxes);
  const curves = links.flatMap((l) => {
    const { start, end, mid } = l.route;
    const pts = [start, end, mid];
    const xs = pts.map((p) => p.x);
    const ys = pts.map((p) => p.y);
    const hull = {
      x: Math.min(...xs),
      y: Math.min(...ys),
      w: Math.max(...xs) - Math.min(...xs),
      h: Math.max(...ys) - Math.min(...ys),
    };
    return l.labelRect ? [hull, l.labelRect] : [hull];
  });
  return { boxes, links, bands, bounds: unionRect([...boxes, ...curves, ...bands]) };
}
