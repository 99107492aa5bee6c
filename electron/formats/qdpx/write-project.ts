/**
 * The project.qde XML as a stream of string chunks (about 64k characters each), in the element
 * order Project-mrt2019.xsd requires: Users, CodeBook, Variables, Cases, Sources, Notes, Links,
 * Sets, Graphs, Description, NoteRef. Containers the schema requires to be non-empty (`<Sets>`
 * needs a Set, `<Users>` a User…) are left out when there is nothing to put in them.
 */
import type { RefiCase, RefiCode, RefiGraph, RefiLink, RefiProject, RefiSet } from './model.js';
import { colorAttr, dateAttr, type WriteContext } from './write-context.js';
import { noteRefsXml, noteXml, textSourceXml } from './write-sources.js';
import { variableValuesXml } from './write-values.js';
import { attrs, textElement, XmlBuffer } from './xml-write.js';

export const PROJECT_NS = 'urn:QDA-XML:project:1.0';

export interface ProjectXmlOptions {
  /** Weft's version, for `origin="Weft <version>"` when the project names no origin. */
  version?: string;
  /** Called as each text source's XML is done, with its weight (its length + 1). */
  onSourceWritten?(weight: number): void;
  chunkChars?: number;
}

const DIRECTIONS = new Set(['Associative', 'OneWay', 'Bidirectional']);
const SHAPES = new Set([
  'Person',
  'Oval',
  'Rectangle',
  'RoundedRectangle',
  'Star',
  'LeftTriangle',
  'RightTriangle',
  'UpTriangle',
  'DownTriangle',
  'Note',
]);

// Positions are xsd:integer; a missing or broken coordinate is drawn at 0 rather than failing.
const int = (n: number): number => (Number.isFinite(n) ? Math.round(n) : 0);
const direction = (d: string | undefined) => (d !== undefined && DIRECTIONS.has(d) ? d : undefined);

function codeXml(code: RefiCode, ctx: WriteContext): string {
  let out = `<Code${attrs([
    ['guid', ctx.own(code.guid)],
    ['name', code.name ?? ''],
    ['isCodable', code.codable === true],
    ['color', colorAttr(ctx, code.color)],
  ])}>`;
  out += textElement('Description', code.description);
  out += noteRefsXml(code.noteRefs, ctx);
  for (const child of code.children) out += codeXml(child, ctx);
  return out + '</Code>';
}

function refsXml(
  element: string,
  refs: string[],
  ctx: WriteContext,
  kind: 'code' | 'source' | 'selection' | 'note',
): string {
  let out = '';
  for (const raw of refs) {
    const guid = ctx.ref(raw, kind);
    if (guid !== undefined) out += `<${element} targetGUID="${guid}"/>`;
  }
  return out;
}

function caseXml(c: RefiCase, ctx: WriteContext): string {
  return (
    `<Case${attrs([
      ['guid', ctx.own(c.guid)],
      ['name', c.name],
    ])}>` +
    textElement('Description', c.description) +
    refsXml('CodeRef', c.codeRefs, ctx, 'code') +
    variableValuesXml(c.values, ctx) +
    refsXml('SourceRef', c.sourceRefs, ctx, 'source') +
    refsXml('SelectionRef', c.selectionRefs, ctx, 'selection') +
    '</Case>'
  );
}

function setXml(s: RefiSet, ctx: WriteContext): string {
  return (
    `<Set${attrs([
      ['guid', ctx.own(s.guid)],
      ['name', s.name ?? ''],
    ])}>` +
    textElement('Description', s.description) +
    refsXml('MemberCode', s.codes, ctx, 'code') +
    refsXml('MemberSource', s.sources, ctx, 'source') +
    refsXml('MemberNote', s.notes, ctx, 'note') +
    '</Set>'
  );
}

function linkXml(l: RefiLink, ctx: WriteContext): string {
  const origin = ctx.ref(l.origin, 'any');
  const target = ctx.ref(l.target, 'any');
  // A link with an end missing links nothing: the dropped reference is already counted.
  if (origin === undefined || target === undefined) return '';
  return (
    `<Link${attrs([
      ['guid', ctx.own(l.guid)],
      ['name', l.name],
      ['direction', direction(l.direction)],
      ['color', colorAttr(ctx, l.color)],
      ['originGUID', origin],
      ['targetGUID', target],
    ])}>` +
    noteRefsXml(l.noteRefs, ctx) +
    '</Link>'
  );
}

function graphXml(g: RefiGraph, ctx: WriteContext): string {
  let out = `<Graph${attrs([
    ['guid', ctx.own(g.guid)],
    ['name', g.name],
  ])}>`;
  const vertices = new Set<string>();
  for (const v of g.vertices) {
    const guid = ctx.own(v.guid);
    vertices.add(guid);
    const x = int(v.x);
    const y = int(v.y);
    out += `<Vertex${attrs([
      ['guid', guid],
      ['representedGUID', ctx.ref(v.representedGUID, 'any')],
      ['name', v.name],
      ['firstX', x],
      ['firstY', y],
      ['secondX', v.width === undefined ? undefined : int(v.x + v.width)],
      ['secondY', v.height === undefined ? undefined : int(v.y + v.height)],
      ['shape', v.shape !== undefined && SHAPES.has(v.shape) ? v.shape : undefined],
      ['color', colorAttr(ctx, v.color)],
    ])}/>`;
  }
  for (const e of g.edges) {
    // An edge's ends must be vertices of this graph.
    const source = ctx.ref(e.source, 'vertex');
    const target = ctx.ref(e.target, 'vertex');
    if (!source || !target || !vertices.has(source) || !vertices.has(target)) continue;
    out += `<Edge${attrs([
      ['guid', ctx.own(e.guid)],
      ['name', e.name],
      ['sourceVertex', source],
      ['targetVertex', target],
      ['color', colorAttr(ctx, e.color)],
      ['direction', direction(e.direction)],
    ])}/>`;
  }
  return out + '</Graph>';
}

/** Writes `<Name>` + one item per element of `list` + `</Name>`, or nothing for an empty list. */
function* container<T>(
  name: string,
  list: T[],
  item: (x: T) => string | Generator<string>,
  out: XmlBuffer,
): Generator<string> {
  if (list.length === 0) return;
  out.write(`<${name}>`);
  for (const x of list) {
    const written = item(x);
    if (typeof written === 'string') out.write(written);
    else yield* written;
    if (out.full) yield out.take();
  }
  out.write(`</${name}>`);
}

export function* projectXmlChunks(
  project: RefiProject,
  ctx: WriteContext,
  opts: ProjectXmlOptions = {},
): Generator<string> {
  const out = new XmlBuffer(opts.chunkChars);
  const origin = project.origin ?? (opts.version ? `Weft ${opts.version}` : 'Weft');
  out.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n');
  out.write(
    `<Project xmlns="${PROJECT_NS}"${attrs([
      ['name', project.name ?? ''],
      ['origin', origin],
      ['creatingUserGUID', ctx.ref(project.creatingUser, 'user')],
      ['creationDateTime', dateAttr(ctx, project.created)],
      ['modifiedDateTime', dateAttr(ctx, project.modified)],
    ])}>`,
  );
  const users = (u: RefiProject['users'][number]) =>
    `<User${attrs([
      ['guid', ctx.own(u.guid)],
      ['name', u.name],
      ['id', u.id],
    ])}/>`;
  yield* container('Users', project.users, users, out);
  if (project.codes.length > 0) {
    out.write('<CodeBook>');
    yield* container('Codes', project.codes, (c) => codeXml(c, ctx), out);
    out.write('</CodeBook>');
  }
  const variable = (v: RefiProject['variables'][number]) =>
    `<Variable${attrs([
      ['guid', ctx.own(v.guid)],
      ['name', v.name ?? ''],
      ['typeOfVariable', ctx.variableTypes.get(ctx.own(v.guid))],
    ])}>${textElement('Description', v.description)}</Variable>`;
  yield* container('Variables', project.variables, variable, out);
  yield* container('Cases', project.cases, (c) => caseXml(c, ctx), out);
  const source = function* (doc: RefiProject['texts'][number]) {
    yield* textSourceXml(doc, ctx, out);
    opts.onSourceWritten?.(doc.text.length + 1);
  };
  yield* container('Sources', project.texts, source, out);
  yield* container('Notes', project.notes, (n) => noteXml(n, ctx, out), out);
  const links = project.links.map((l) => linkXml(l, ctx)).filter((xml) => xml !== '');
  yield* container('Links', links, (xml) => xml, out);
  yield* container('Sets', project.sets, (s) => setXml(s, ctx), out);
  yield* container('Graphs', project.graphs, (g) => graphXml(g, ctx), out);
  out.write(textElement('Description', project.description));
  out.write(noteRefsXml(project.projectNoteRefs, ctx));
  out.write('</Project>\n');
  yield out.take();
}
