import type { RefiEdge, RefiVertex } from './model.js';
import type { CmocPart } from '../../realist-types.js';
import { draftStatement } from '../../statement.js';
import { getMeta } from '../project.js';
import {
  CANVAS_GRAPH,
  NOTE_MARK,
  canvasEdgeGuid,
  canvasGraphName,
  canvasNoteGuid,
  canvasVertexGuid,
  cmocSetGuid,
  refiGuid,
  renderCmocNote,
  withMachine,
  type CmocBlock,
  type CmocEvidenceBlock,
  type CmocHistoryBlock,
} from './conventions.js';
import { place, type ExportState } from './to-refi.js';

/** Concepts, CMOCs and the canvas: sets, notes and a graph (see conventions.ts). */
export function addRealist(s: ExportState): void {
  const concepts = addConcepts(s);
  addCmocs(s, concepts);
  addCanvas(s);
}

/** Each concept as a set of its codes; returns concept GUIDs by id. */
export function addConcepts(s: ExportState): Map<number, string> {
  const rows = s.db
    .prepare('SELECT id, guid, name, description, color FROM concepts ORDER BY position, id')
    .all() as { id: number; guid: string; name: string; description: string; color: string }[];
  const codes = s.db
    .prepare('SELECT concept_id, code_id FROM concept_codes ORDER BY concept_id, position, id')
    .raw()
    .all() as [number, number][];
  const sets = s.db
    .prepare(
      `SELECT s.concept_id, k.guid, k.name FROM concept_sets s JOIN code_sets k ON k.id = s.set_id
        ORDER BY k.position, k.id`,
    )
    .raw()
    .all() as [number, string, string][];
  const guids = new Map<number, string>();
  for (const c of rows) {
    const guid = refiGuid(c.guid);
    guids.set(c.id, guid);
    s.project.sets.push({
      guid,
      name: c.name,
      description: withMachine(c.description, 'concept', {
        color: c.color,
        codeSets: sets
          .filter(([id]) => id === c.id)
          .map(([, setGuid, name]) => ({ guid: refiGuid(setGuid), name })),
      }),
      codes: codes
        .filter(([id]) => id === c.id)
        .flatMap(([, code]) => s.codes.get(code)?.guid ?? []),
      sources: [],
      notes: [],
    });
  }
  return guids;
}

interface CmocRow {
  id: number;
  guid: string;
  title: string;
  conceptId: number | null;
  conceptName: string | null;
  context: string;
  mechanism: string;
  resource: string;
  reasoning: string;
  outcome: string;
  statement: string | null;
  provenance: string;
  status: string;
  statusReason: string;
  confidence: string;
  notes: string;
  position: number;
  created: string;
  modified: string;
  createdBy: number | null;
}

interface EvidenceRow {
  id: number;
  guid: string;
  cmocId: number;
  part: CmocPart;
  sourceId: number | null;
  start: number;
  end: number;
  codingGuid: string | null;
  codeId: number | null;
  quote: string;
  sourceName: string;
  lost: CmocEvidenceBlock['lost'];
  position: number;
  created: string;
  createdBy: number | null;
}

const PART_ORDER = `CASE e.part WHEN 'context' THEN 0 WHEN 'mechanism' THEN 1 WHEN 'resource' THEN 2
  WHEN 'reasoning' THEN 3 ELSE 4 END`;

function addCmocs(s: ExportState, concepts: Map<number, string>): void {
  const rows = s.db
    .prepare(
      `SELECT c.id, c.guid, c.title, c.concept_id AS conceptId, k.name AS conceptName, c.context,
              c.mechanism, c.resource, c.reasoning, c.outcome, c.statement, c.provenance, c.status,
              c.status_reason AS statusReason, c.confidence, c.notes, c.position,
              c.created_at AS created, c.updated_at AS modified, c.created_by AS createdBy
         FROM cmocs c LEFT JOIN concepts k ON k.id = c.concept_id ORDER BY c.id`,
    )
    .all() as CmocRow[];
  const evidence = s.db
    .prepare(
      `SELECT e.id, e.guid, e.cmoc_id AS cmocId, e.part, e.source_id AS sourceId, e.start, e.end,
              e.coding_guid AS codingGuid, g.code_id AS codeId, e.quote, e.source_name AS sourceName,
              e.lost, e.position, e.created_at AS created, e.created_by AS createdBy
         FROM cmoc_evidence e LEFT JOIN codings g ON g.id = e.coding_id
        ORDER BY e.cmoc_id, ${PART_ORDER}, e.position, e.id`,
    )
    .all() as EvidenceRow[];
  const history = s.db
    .prepare(
      `SELECT cmoc_id AS cmocId, version, action, before, after, detail, reason,
              changed_at AS at, changed_by AS by
         FROM cmoc_history ORDER BY cmoc_id, version`,
    )
    .all() as {
    cmocId: number;
    version: number;
    action: string;
    before: string | null;
    after: string | null;
    detail: string | null;
    reason: string;
    at: string;
    by: number | null;
  }[];
  const user = (id: number | null) => (id === null ? null : (s.users.get(id) ?? null));
  // History keeps concepts by row id, which means nothing in another project: use GUIDs.
  const fields = (json: string | null): Record<string, unknown> | null => {
    if (json === null) return null;
    const v = JSON.parse(json) as Record<string, unknown>;
    if ('conceptId' in v)
      v.conceptId = typeof v.conceptId === 'number' ? (concepts.get(v.conceptId) ?? null) : null;
    return v;
  };

  // Import inserts evidence CMOC by CMOC in this order: the order, not the ids, breaks ties.
  const seq = new Map(evidence.map((e, i) => [e.id, i]));
  for (const c of rows) {
    const guid = refiGuid(c.guid);
    const mine = evidence.filter((e) => e.cmocId === c.id);
    const items: CmocEvidenceBlock[] = mine.map((e) => {
      const source = e.sourceId === null ? null : (s.sourceGuids.get(e.sourceId) ?? null);
      return {
        guid: refiGuid(e.guid),
        part: e.part,
        position: e.position,
        source,
        start: e.start,
        end: e.end,
        codingGuid: e.codingGuid === null ? null : refiGuid(e.codingGuid),
        quote: e.quote,
        sourceName: e.sourceName,
        lost: source === null ? 'source' : e.lost,
        created: e.created,
        createdBy: user(e.createdBy),
      };
    });
    const block: CmocBlock = {
      title: c.title,
      concept: c.conceptId === null ? null : (concepts.get(c.conceptId) ?? null),
      context: c.context,
      mechanism: c.mechanism,
      resource: c.resource,
      reasoning: c.reasoning,
      outcome: c.outcome,
      statement: c.statement,
      provenance: c.provenance,
      status: c.status,
      statusReason: c.statusReason,
      confidence: c.confidence,
      notes: c.notes,
      position: c.position,
      evidence: items,
      history: history
        .filter((h) => h.cmocId === c.id)
        .map((h): CmocHistoryBlock => ({
          version: h.version,
          action: h.action,
          before: fields(h.before),
          after: fields(h.after),
          detail: h.detail,
          reason: h.reason,
          at: h.at,
          by: user(h.by),
        })),
    };
    const shown = c.statement ?? draftStatement(c);
    const creatingUser = user(c.createdBy);
    s.project.notes.push({
      guid,
      name: c.title,
      description: NOTE_MARK.cmoc,
      text: renderCmocNote(block, c.conceptName, shown),
      ...(creatingUser ? { creatingUser } : {}),
      created: c.created,
      modified: c.modified,
      selections: [],
    });

    const sources: string[] = [];
    const codes: string[] = [];
    mine.forEach((e, i) => {
      const item = items[i]!;
      if (item.source && !sources.includes(item.source)) sources.push(item.source);
      const code = e.codeId === null ? undefined : s.codes.get(e.codeId)?.guid;
      if (code && !codes.includes(code)) codes.push(code);
      if (e.sourceId === null || item.lost === 'text') return;
      place(s, e.sourceId, {
        sel: {
          guid: item.guid,
          start: e.start,
          end: e.end,
          ...(item.createdBy ? { creatingUser: item.createdBy } : {}),
          created: e.created,
          codings: [],
          noteRefs: [guid],
        },
        rank: 4,
        seq: seq.get(e.id)!,
      });
    });
    s.project.sets.push({
      guid: cmocSetGuid(guid),
      name: `CMOC: ${c.title}`,
      description: withMachine(shown, 'cmoc-set', { cmoc: guid }),
      codes,
      sources,
      notes: [guid],
    });
  }
}

function readStages(s: ExportState): string[] {
  try {
    const v: unknown = JSON.parse(getMeta(s.db, 'canvas_stages') ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The programme theory canvas as one graph (nothing when the canvas is empty). */
function addCanvas(s: ExportState): void {
  const items = s.db
    .prepare(
      `SELECT i.id, i.kind, i.label, i.x, i.y, k.guid AS conceptGuid, k.name AS conceptName,
              k.color, m.guid AS cmocGuid, m.title
         FROM canvas_items i
         LEFT JOIN concepts k ON i.kind = 'concept' AND k.id = i.ref_id
         LEFT JOIN cmocs m ON i.kind = 'cmoc' AND m.id = i.ref_id
        ORDER BY i.id`,
    )
    .all() as {
    id: number;
    kind: 'concept' | 'cmoc' | 'note';
    label: string;
    x: number;
    y: number;
    conceptGuid: string | null;
    conceptName: string | null;
    color: string | null;
    cmocGuid: string | null;
    title: string | null;
  }[];
  const stages = readStages(s);
  if (!items.length && !stages.length) return;
  const vertexOf = new Map<number, string>();
  const notesSeen = new Map<string, number>();
  const vertices: RefiVertex[] = [];
  // Whole units (the schema's integers); `|| 0` keeps -0 from rounding out as a different value.
  const at = (v: number) => Math.round(v) || 0;
  for (const i of items) {
    let vertex: RefiVertex;
    if (i.kind === 'concept' && i.conceptGuid) {
      const represented = refiGuid(i.conceptGuid);
      vertex = {
        guid: canvasVertexGuid(represented),
        representedGUID: represented,
        name: i.conceptName!,
        x: at(i.x),
        y: at(i.y),
        ...(i.color && /^#[0-9a-f]{6}$/i.test(i.color) ? { color: i.color.toLowerCase() } : {}),
        shape: 'Oval',
      };
    } else if (i.kind === 'cmoc' && i.cmocGuid) {
      const represented = refiGuid(i.cmocGuid);
      vertex = {
        guid: canvasVertexGuid(represented),
        representedGUID: represented,
        name: i.title!,
        x: at(i.x),
        y: at(i.y),
        shape: 'RoundedRectangle',
      };
    } else if (i.kind === 'note') {
      const nth = notesSeen.get(i.label) ?? 0;
      notesSeen.set(i.label, nth + 1);
      vertex = {
        guid: canvasNoteGuid(i.label, nth),
        name: i.label,
        x: at(i.x),
        y: at(i.y),
        shape: 'Note',
      };
    } else continue; // its concept or CMOC is gone
    vertexOf.set(i.id, vertex.guid);
    vertices.push(vertex);
  }
  const links = s.db
    .prepare('SELECT from_item, to_item, label FROM canvas_links ORDER BY id')
    .raw()
    .all() as [number, number, string][];
  const edges: RefiEdge[] = [];
  for (const [from, to, label] of links) {
    const source = vertexOf.get(from);
    const target = vertexOf.get(to);
    if (!source || !target) continue;
    edges.push({
      guid: canvasEdgeGuid(source, target),
      source,
      target,
      ...(label ? { name: label } : {}),
      direction: 'OneWay',
    });
  }
  s.project.graphs.push({ guid: CANVAS_GRAPH, name: canvasGraphName(stages), vertices, edges });
}
