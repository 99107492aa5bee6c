// The programme theory's scene and its SVG export, without a browser: colours and statuses on
// the boxes, stage bands behind the items, labels that do not sit on each other, and an SVG
// that is well-formed, self-contained and carries every name and label as text.
import fs from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { Canvas, CmocStatus } from '../../electron/api/contract.js';

const { buildScene, STATUS_STYLE } = await import('../../renderer/features/theory/scene.js');
const { sceneToSvg, escapeXml } = await import('../../renderer/features/theory/svg-export.js');
const { overlaps, STAGE_WIDTH } = await import('../../renderer/features/theory/geometry.js');
const { framed } = await import('../../renderer/features/theory/drawing.js');

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

/** Parses strictly (throws on anything not well-formed) into a small tree. */
function parse(xml: string): Node {
  const parser = new SaxesParser();
  const root: Node = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  parser.on('opentag', (t) => {
    const n: Node = {
      name: t.name,
      attrs: t.attributes as Record<string, string>,
      children: [],
      text: '',
    };
    stack[stack.length - 1]!.children.push(n);
    stack.push(n);
  });
  parser.on('text', (t) => {
    stack[stack.length - 1]!.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return root.children[0]!;
}

function all(n: Node, name: string): Node[] {
  return [...(n.name === name ? [n] : []), ...n.children.flatMap((c) => all(c, name))];
}

/** The document's <text> elements' words, in drawing order. */
const texts = (n: Node) => all(n, 'text').map((t) => t.text);

/** The demo study's canvas as the backend answers it (ids in file order). */
function demoCanvas() {
  const file = path.resolve(import.meta.dirname, '../../fixtures/demo/realist.json');
  const d = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    concepts: { name: string; color: string }[];
    cmocs: { title: string; status: CmocStatus; concept: string | null }[];
    canvas: {
      stages: string[];
      items: {
        kind: 'concept' | 'cmoc' | 'note';
        ref?: string;
        label?: string;
        x: number;
        y: number;
      }[];
      links: { from: string; to: string; label: string }[];
    };
  };
  const concepts = d.concepts.map((c, i) => ({ id: i + 1, color: c.color, name: c.name }));
  const cmocs = d.cmocs.map((c, i) => ({
    id: i + 1,
    status: c.status,
    title: c.title,
    conceptId: concepts.find((k) => k.name === c.concept)?.id ?? null,
  }));
  const items = d.canvas.items.map((it, i) => {
    const ref =
      it.kind === 'concept'
        ? concepts.find((c) => c.name === it.ref)!.id
        : it.kind === 'cmoc'
          ? cmocs.find((c) => c.title === it.ref)!.id
          : null;
    return { id: i + 1, kind: it.kind, refId: ref, label: it.label ?? it.ref!, x: it.x, y: it.y };
  });
  const idOf = (label: string) => items.find((i) => i.label === label)!.id;
  const links = d.canvas.links.map((l, i) => ({
    id: i + 1,
    from: idOf(l.from),
    to: idOf(l.to),
    label: l.label,
  }));
  const canvas: Canvas = { items, links, stages: d.canvas.stages };
  return { canvas, refs: { concepts, cmocs } };
}

const small: Canvas = {
  stages: ['Bolted on', 'Belonging'],
  items: [
    { id: 1, kind: 'concept', refId: 10, label: 'Having a place', x: 40, y: 40 },
    { id: 2, kind: 'cmoc', refId: 20, label: 'A desk by the nurses', x: 440, y: 40 },
    { id: 3, kind: 'note', refId: null, label: 'Ask the managers', x: 40, y: 200 },
  ],
  links: [
    { id: 7, from: 2, to: 1, label: 'gives a sense of' },
    { id: 8, from: 3, to: 99, label: 'points nowhere' },
  ],
};
const smallRefs = {
  concepts: [{ id: 10, color: '#2563EB' }],
  cmocs: [{ id: 20, status: 'refuted' as const, conceptId: 10 }],
};

describe('buildScene', () => {
  it('draws a concept in its colour, a CMOC with its status and theme colour, a note as a note', () => {
    const { boxes } = buildScene(small, smallRefs);
    const [concept, cmoc, note] = boxes;
    expect(concept).toMatchObject({ kindText: 'CONCEPT', stroke: '#2563eb', bar: '#2563eb' });
    expect(cmoc).toMatchObject({ kindText: 'CMOC', bar: '#2563eb' });
    expect(cmoc!.badge).toEqual({ text: 'REFUTED', ...STATUS_STYLE.refuted });
    expect(note).toMatchObject({ kindText: 'NOTE', italic: true, badge: null });
  });

  it('leaves out a link whose end is not on the canvas, and colours nothing from bad data', () => {
    const scene = buildScene(small, {
      concepts: [{ id: 10, color: 'red" onload="alert(1)' }],
      cmocs: [],
    });
    expect(scene.links.map((l) => l.id)).toEqual([7]);
    expect(scene.boxes[0]!.stroke).toMatch(/^#[0-9a-f]{6}$/);
    // A CMOC the lists do not know yet is drawn without a status rather than not at all.
    expect(scene.boxes[1]!.badge).toBeNull();
  });

  it('lays the stages out as bands left to right, behind every item', () => {
    const { bands, boxes } = buildScene(small, smallRefs);
    expect(bands.map((b) => [b.name, b.x, b.w])).toEqual([
      ['Bolted on', 0, STAGE_WIDTH],
      ['Belonging', STAGE_WIDTH, STAGE_WIDTH],
    ]);
    for (const b of boxes) {
      expect(b.y).toBeGreaterThan(bands[0]!.y);
      expect(b.y + b.h).toBeLessThan(bands[0]!.y + bands[0]!.h);
    }
  });

  it('has nothing to frame on an empty canvas without stages', () => {
    const scene = buildScene({ items: [], links: [], stages: [] }, { concepts: [], cmocs: [] });
    expect(scene.bounds).toBeNull();
    expect(scene.bands).toEqual([]);
  });

  it('keeps the demo’s link labels off each other and off every box', () => {
    const { canvas, refs } = demoCanvas();
    const scene = buildScene(canvas, refs);
    expect(scene.links).toHaveLength(canvas.links.length);
    const labels = scene.links.map((l) => l.labelRect!);
    labels.forEach((r, i) => {
      for (const other of labels.slice(i + 1)) expect(overlaps(r, other)).toBe(false);
      for (const b of scene.boxes) expect(overlaps(r, b)).toBe(false);
    });
    // And the demo's boxes do not overlap each other either.
    scene.boxes.forEach((b, i) => {
      for (const other of scene.boxes.slice(i + 1)) expect(overlaps(b, other)).toBe(false);
    });
  });
});

describe('sceneToSvg', () => {
  it('is a well-formed SVG sized to its drawing, on a white background', () => {
    const scene = buildScene(small, smallRefs);
    const svg = parse(sceneToSvg(scene));
    expect(svg.name).toBe('svg');
    expect(svg.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    const f = framed(scene.bounds);
    expect(svg.attrs.viewBox).toBe(`${f.x} ${f.y} ${f.w} ${f.h}`);
    expect([svg.attrs.width, svg.attrs.height]).toEqual([String(f.w), String(f.h)]);
    const bg = svg.children.find((c) => c.name === 'rect')!;
    expect(bg.attrs).toMatchObject({ fill: '#ffffff', width: String(f.w), height: String(f.h) });
    // Every box lies inside the picture.
    for (const b of scene.boxes) {
      expect(b.x).toBeGreaterThanOrEqual(f.x);
      expect(b.x + b.w).toBeLessThanOrEqual(f.x + f.w);
      expect(b.y + b.h).toBeLessThanOrEqual(f.y + f.h);
    }
  });

  it('carries the demo’s stage names, item labels and link labels as text', () => {
    const { canvas, refs } = demoCanvas();
    const svg = parse(sceneToSvg(buildScene(canvas, refs), 'Demo: programme theory'));
    const words = texts(svg);
    const joined = words.join(' ');
    for (const s of canvas.stages) expect(words).toContain(s);
    for (const i of canvas.items) expect(joined).toContain(i.label);
    for (const l of canvas.links) expect(joined).toContain(l.label);
    expect(all(svg, 'title')[0]!.text).toBe('Demo: programme theory');
    // Self-contained: no stylesheet, script, image or outside reference.
    for (const tag of ['style', 'script', 'image', 'foreignObject', 'use'])
      expect(all(svg, tag)).toEqual([]);
    expect(
      all(svg, 'path').filter((p) => p.attrs['marker-end'] === 'url(#weft-arrow)'),
    ).toHaveLength(canvas.links.length);
  });

  it('keeps markup in labels as words, and drops characters XML cannot hold', () => {
    const hostile: Canvas = {
      stages: ['<b>Before</b> & "after"'],
      items: [
        {
          id: 1,
          kind: 'note',
          refId: null,
          label: '<script>alert(1)</script> \u0001bell',
          x: 0,
          y: 0,
        },
        { id: 2, kind: 'note', refId: null, label: "Tom's \ud800 note", x: 0, y: 300 },
      ],
      links: [{ id: 1, from: 1, to: 2, label: ']]> <!-- -->' }],
    };
    const svg = parse(sceneToSvg(buildScene(hostile, { concepts: [], cmocs: [] }), 'A & B'));
    expect(all(svg, 'script')).toEqual([]);
    const words = texts(svg).join(' ');
    expect(words).toContain('<b>Before</b> & "after"');
    expect(words).toContain('<script>alert(1)</script> bell');
    expect(words).toContain("Tom's note");
    expect(words).toContain(']]> <!-- -->');
    expect(escapeXml('a\u0000b\u001fc')).toBe('abc');
  });

  it('exports an empty canvas as a small, valid picture', () => {
    const scene = buildScene({ items: [], links: [], stages: [] }, { concepts: [], cmocs: [] });
    const svg = parse(sceneToSvg(scene));
    expect(svg.attrs.viewBox).toBe('0 0 400 200');
  });
});
