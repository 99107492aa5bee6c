/**
 * The smaller REFI-QDA elements (typed values, descriptions, note references, links, sets,
 * graphs) and the frame the project handler keeps per open element. Split from read-project.ts
 * so each file stays readable; these functions only add to the project being built.
 */
import type {
  Guid,
  RefiCase,
  RefiCode,
  RefiCoding,
  RefiGraph,
  RefiLink,
  RefiProject,
  RefiSelection,
  RefiSet,
  RefiVariable,
  RefiVariableValue,
} from './model.js';
import type { StringPool } from './read-attrs.js';
import { nameOf, normaliseColor, optional, parseDirection, parseInteger } from './read-attrs.js';
import type { ReadReport } from './read-report.js';
import { plural } from './read-report.js';
import type { PendingMedia, PendingText } from './read-sources.js';
import type { XmlAttributes } from './xml.js';

/** What the element builders need from the handler. */
export interface ElementCtx {
  readonly project: RefiProject;
  readonly report: ReadReport;
  readonly pool: StringPool;
}

export type Payload =
  | { kind: 'root' }
  | { kind: 'code'; code: RefiCode }
  | { kind: 'text'; text: PendingText }
  | { kind: 'media'; media: PendingMedia }
  | { kind: 'selection'; selection: RefiSelection }
  | { kind: 'coding'; coding: RefiCoding }
  | { kind: 'value'; variable?: Guid; value?: RefiVariableValue['value']; typed?: string }
  | { kind: 'variable'; variable: RefiVariable }
  | { kind: 'case'; item: RefiCase }
  | { kind: 'set'; set: RefiSet }
  | { kind: 'link'; link: RefiLink }
  | { kind: 'graph'; graph: RefiGraph }
  | { kind: 'other' };

export type Frame = Payload & { el: string };

export function closeValue(
  ctx: ElementCtx,
  frame: Frame & { kind: 'value' },
  parent: Frame | undefined,
): void {
  const target =
    parent?.kind === 'case'
      ? parent.item.values
      : parent?.kind === 'text'
        ? parent.text.values
        : parent?.kind === 'media'
          ? parent.media.values
          : undefined;
  if (!target) return;
  if (!frame.variable || frame.value === undefined) {
    if (frame.typed)
      ctx.report.warn(
        'bad-value',
        (n) =>
          `${n} variable ${plural(n, 'value')} did not fit ${plural(n, 'its', 'their')} type and ${plural(n, 'was', 'were')} left out.`,
      );
    return;
  }
  target.push({ variable: frame.variable, value: frame.value });
}

export function setDescription(ctx: ElementCtx, parent: Frame | undefined, text: string): void {
  const d = text === '' ? undefined : text;
  if (!parent) return;
  switch (parent.kind) {
    case 'root':
      ctx.project.description = d;
      return;
    case 'code':
      parent.code.description = d;
      return;
    case 'text':
      parent.text.description = d;
      return;
    case 'media':
      parent.media.description = d;
      return;
    case 'selection':
      parent.selection.description = d;
      return;
    case 'variable':
      parent.variable.description = d;
      return;
    case 'case':
      parent.item.description = d;
      return;
    case 'set':
      parent.set.description = d;
      return;
    default:
      return;
  }
}

export function addNoteRef(
  ctx: ElementCtx,
  target: Guid | undefined,
  parent: Frame | undefined,
): void {
  if (!target || !parent) return;
  switch (parent.kind) {
    case 'root':
      ctx.project.projectNoteRefs.push(target);
      return;
    case 'code':
      parent.code.noteRefs.push(target);
      return;
    case 'text':
      parent.text.noteRefs.push(target);
      return;
    case 'media':
      parent.media.noteRefs.push(target);
      return;
    case 'selection':
      parent.selection.noteRefs.push(target);
      return;
    case 'link':
      parent.link.noteRefs.push(target);
      return;
    default:
      ctx.report.skip(
        'noteref-elsewhere',
        (n) =>
          `${n} ${plural(n, 'note')} attached to codings or other places Weft cannot hold ${plural(n, 'was', 'were')} kept only as notes.`,
      );
  }
}

export function openLink(
  ctx: ElementCtx,
  a: XmlAttributes,
  parent: Frame | undefined,
): Frame | undefined {
  if (parent?.el !== 'Links') return { el: 'Link', kind: 'other' };
  const guid = ctx.report.claim(a.guid, `the link "${a.name ?? ''}"`);
  if (!guid) return undefined;
  const origin = ctx.pool.guid(a.originGUID);
  const target = ctx.pool.guid(a.targetGUID);
  const link: RefiLink = {
    guid,
    name: optional(a.name),
    direction: parseDirection(a.direction),
    color: normaliseColor(a.color),
    origin: origin ?? '',
    target: target ?? '',
    noteRefs: [],
  };
  ctx.project.links.push(link);
  return { el: 'Link', kind: 'link', link };
}

export function openSet(
  ctx: ElementCtx,
  a: XmlAttributes,
  parent: Frame | undefined,
): Frame | undefined {
  if (parent?.el !== 'Sets') return { el: 'Set', kind: 'other' };
  const name = nameOf(a.name, 'Unnamed set');
  const guid = ctx.report.claim(a.guid, `the set "${name}"`);
  if (!guid) return undefined;
  const set: RefiSet = { guid, name, codes: [], sources: [], notes: [] };
  ctx.project.sets.push(set);
  return { el: 'Set', kind: 'set', set };
}

export function openGraph(
  ctx: ElementCtx,
  a: XmlAttributes,
  parent: Frame | undefined,
): Frame | undefined {
  if (parent?.el !== 'Graphs') return { el: 'Graph', kind: 'other' };
  const guid = ctx.report.claim(a.guid, `the graph "${a.name ?? ''}"`);
  if (!guid) return undefined;
  const graph: RefiGraph = { guid, name: optional(a.name), vertices: [], edges: [] };
  ctx.project.graphs.push(graph);
  return { el: 'Graph', kind: 'graph', graph };
}

export function addGraphItem(
  ctx: ElementCtx,
  el: string,
  a: XmlAttributes,
  graph: RefiGraph,
): void {
  const guid = ctx.report.claim(a.guid, `a ${el.toLowerCase()} of the graph "${graph.name ?? ''}"`);
  if (!guid) return;
  if (el === 'Vertex') {
    const x = parseInteger(a.firstX) ?? 0;
    const y = parseInteger(a.firstY) ?? 0;
    const x2 = parseInteger(a.secondX);
    const y2 = parseInteger(a.secondY);
    graph.vertices.push({
      guid,
      representedGUID: ctx.pool.guid(a.representedGUID),
      name: optional(a.name),
      x,
      y,
      width: x2 !== undefined && x2 >= x ? x2 - x : undefined,
      height: y2 !== undefined && y2 >= y ? y2 - y : undefined,
      color: normaliseColor(a.color),
      shape: optional(a.shape),
    });
    return;
  }
  const source = ctx.pool.guid(a.sourceVertex);
  const target = ctx.pool.guid(a.targetVertex);
  if (!source || !target) return;
  graph.edges.push({
    guid,
    source,
    target,
    name: optional(a.name),
    direction: parseDirection(a.direction),
    color: normaliseColor(a.color),
  });
}

export function textAttrs(a: XmlAttributes, pool: StringPool): Partial<PendingText> {
  return {
    plainTextPath: optional(a.plainTextPath),
    richTextPath: optional(a.richTextPath),
    creatingUser: pool.guid(a.creatingUser),
    created: pool.date(a.creationDateTime),
    modified: pool.date(a.modifiedDateTime),
  };
}

export function baseName(p: string | undefined): string | undefined {
  if (!p) return undefined;
  return p.split(/[\\/]/).pop() || undefined;
}
