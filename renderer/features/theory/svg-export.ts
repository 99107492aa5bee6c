// The programme theory as a self-contained SVG file: every style an attribute, a white
// background, the view box fitted to what is drawn. Pure (a string from a Scene), so the same
// picture goes to a file, to the PNG export and to the tests.
import { LABEL_FONT, LINK_FONT, STAGE_HEADER } from './geometry';
import {
  BADGE_FONT,
  KIND_FONT,
  STAGE_FONT,
  badgeRect,
  barPath,
  chevronPoints,
  framed,
  kindBaseline,
  labelBaseline,
  labelX,
  linkLineBaseline,
  stageBackground,
  stageFill,
} from './drawing';
import {
  FONT_FAMILY,
  INK,
  LINK_COLOUR,
  xmlSafe,
  type BandShape,
  type BoxShape,
  type LinkShape,
  type Scene,
} from './scene';

/** Text for XML: markup characters escaped, characters XML 1.0 forbids dropped. */
export function escapeXml(s: string): string {
  return xmlSafe(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type Attrs = Record<string, string | number | undefined>;

function tag(name: string, attrs: Attrs, children?: string): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  return children === undefined ? `<${name}${a}/>` : `<${name}${a}>${children}</${name}>`;
}

const ARROW_ID = 'weft-arrow';

function bandSvg(b: BandShape, count: number): string {
  return [
    tag('rect', { x: b.x, y: b.y, width: b.w, height: b.h, fill: stageBackground(b.index) }),
    tag('polygon', {
      points: chevronPoints(b, b.index === count - 1),
      fill: stageFill(b.index, count),
    }),
    tag(
      'text',
      {
        x: b.x + b.w / 2 + (b.index > 0 ? 7 : 0),
        y: b.y + STAGE_HEADER / 2 + 5,
        'text-anchor': 'middle',
        'font-size': STAGE_FONT,
        'font-weight': 600,
        fill: '#2c3a78',
      },
      escapeXml(b.shown),
    ),
  ].join('');
}

function linkSvg(l: LinkShape): string {
  return tag('path', {
    d: l.d,
    fill: 'none',
    stroke: LINK_COLOUR,
    'stroke-width': 1.6,
    'marker-end': `url(#${ARROW_ID})`,
  });
}

function linkLabelSvg(l: LinkShape): string {
  const r = l.labelRect;
  if (!r) return '';
  const cx = r.x + r.w / 2;
  const lines = l.lines
    .map((line, i) =>
      tag('text', { x: cx, y: linkLineBaseline(r, i), 'text-anchor': 'middle' }, escapeXml(line)),
    )
    .join('');
  return tag(
    'g',
    {},
    [
      tag('rect', {
        x: r.x,
        y: r.y,
        width: r.w,
        height: r.h,
        rx: 4,
        fill: '#ffffff',
        stroke: '#d8d4cc',
      }),
      tag('g', { 'font-size': LINK_FONT, fill: '#4a463f' }, lines),
    ].join(''),
  );
}

function boxSvg(b: BoxShape): string {
  const parts = [
    tag('rect', {
      x: b.x,
      y: b.y,
      width: b.w,
      height: b.h,
      rx: 6,
      fill: b.fill,
      stroke: b.stroke,
      'stroke-width': 1.2,
    }),
  ];
  if (b.bar) parts.push(tag('path', { d: barPath(b), fill: b.bar }));
  parts.push(
    tag(
      'text',
      {
        x: labelX(b),
        y: kindBaseline(b),
        'font-size': KIND_FONT,
        'font-weight': 700,
        'letter-spacing': 0.8,
        fill: b.kindColor,
      },
      b.kindText,
    ),
  );
  if (b.badge) {
    const r = badgeRect(b, b.badge.text);
    parts.push(
      tag('rect', { x: r.x, y: r.y, width: r.w, height: r.h, rx: r.h / 2, fill: b.badge.fill }),
      tag(
        'text',
        {
          x: r.x + r.w / 2,
          y: r.y + 11,
          'text-anchor': 'middle',
          'font-size': BADGE_FONT,
          'font-weight': 700,
          fill: b.badge.color,
        },
        escapeXml(b.badge.text),
      ),
    );
  }
  const lines = b.lines
    .map((line, i) => tag('text', { x: labelX(b), y: labelBaseline(b, i) }, escapeXml(line)))
    .join('');
  parts.push(
    tag(
      'g',
      {
        'font-size': LABEL_FONT,
        'font-weight': b.bold ? 600 : undefined,
        'font-style': b.italic ? 'italic' : undefined,
        fill: INK,
      },
      lines,
    ),
  );
  return tag('g', {}, `${tag('title', {}, escapeXml(b.label))}${parts.join('')}`);
}

/** The whole scene as an SVG document. */
export function sceneToSvg(scene: Scene, title = 'Programme theory'): string {
  const f = framed(scene.bounds);
  const marker = tag(
    'marker',
    {
      id: ARROW_ID,
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerWidth: 7,
      markerHeight: 7,
      markerUnits: 'strokeWidth',
      orient: 'auto',
    },
    tag('path', { d: 'M0,0 L10,5 L0,10 Z', fill: LINK_COLOUR }),
  );
  const body = [
    tag('title', {}, escapeXml(title)),
    tag('defs', {}, marker),
    tag('rect', { x: f.x, y: f.y, width: f.w, height: f.h, fill: '#ffffff' }),
    ...scene.bands.map((b) => bandSvg(b, scene.bands.length)),
    ...scene.links.map(linkSvg),
    ...scene.boxes.map(boxSvg),
    ...scene.links.map(linkLabelSvg),
  ].join('');
  const svg = tag(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width: f.w,
      height: f.h,
      viewBox: `${f.x} ${f.y} ${f.w} ${f.h}`,
      'font-family': FONT_FAMILY,
    },
    body,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}
