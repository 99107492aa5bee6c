import { z } from 'zod';
import type { RefiCode, RefiNote, RefiProject } from './model.js';
import { prep } from '../../stmt.js';
import { getMeta, setMeta } from '../project.js';
import { canvasStages, readMachine } from './conventions.js';
import { keepExtra } from './extras.js';
import { freeIn, isStr, type ImportContext } from './import-context.js';
import type { NotePlan } from './import-notes.js';

const part = z.enum(['context', 'mechanism', 'resource', 'reasoning', 'outcome']);
const fields = z.record(z.string(), z.unknown()).nullable();

/** The machine line of a CMOC note (conventions.ts); what is odd falls back to a default. */
export const cmocBlock = z.object({
  title: z.string(),
  concept: z.string().nullable().catch(null),
  context: z.string().catch(''),
  mechanism: z.string().catch(''),
  resource: z.string().catch(''),
  reasoning: z.string().catch(''),
  outcome: z.string().catch(''),
  statement: z.string().nullable().catch(null),
  provenance: z.enum(['', 'review', 'theory', 'data']).catch(''),
  status: z.enum(['untested', 'supported', 'refined', 'refuted']).catch('untested'),
  statusReason: z.string().catch(''),
  confidence: z.enum(['', 'low', 'medium', 'high']).catch(''),
  notes: z.string().catch(''),
  position: z.number().int().catch(0),
  evidence: z
    .array(
      z.object({
        guid: z.string().min(1),
        part,
        position: z.number().int().catch(0),
        source: z.string().nullable(),
        start: z.number().int(),
        end: z.number().int(),
        codingGuid: z.string().nullable().catch(null),
        quote: z.string(),
        sourceName: z.string(),
        lost: z.enum(['', 'source', 'coding', 'text']).catch(''),
        created: z.string(),
        createdBy: z.string().nullable().catch(null),
      }),
    )
    .catch([]),
  history: z
    .array(
      z.object({
        version: z.number().int().positive(),
        action: z.string(),
        before: fields,
        after: fields,
        detail: z.string().nullable(),
        reason: z.string(),
        at: z.string(),
        by: z.string().nullable(),
      }),
    )
    .catch([]),
});
export interface ParsedCmoc {
  note: RefiNote;
  block: z.infer<typeof cmocBlock>;
}

const conceptBlock = z.object({
  color: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i)
    .catch('#5c7cfa'),
  codeSets: z.array(z.object({ guid: z.string(), name: z.string() })).catch([]),
});

/** Sets of codes become code sets or concepts; sets of sources or notes are kept as they came. */
export function importSets(ctx: ImportContext): void {
  const setByGuid = prep(ctx.db, 'SELECT id FROM code_sets WHERE guid = ?').pluck();
  const conceptByGuid = prep(ctx.db, 'SELECT id FROM concepts WHERE guid = ?').pluck();
  const setNames = new Set(
    (prep(ctx.db, 'SELECT name FROM code_sets').pluck().all() as string[]).map((n) =>
      n.toLowerCase(),
    ),
  );
  const conceptNames = new Set(
    (prep(ctx.db, 'SELECT name FROM concepts').pluck().all() as string[]).map((n) =>
      n.toLowerCase(),
    ),
  );
  const codeIds = (guids: string[] | undefined) =>
    (guids ?? []).flatMap((g) => {
      const id = ctx.codes.get(g);
      if (id === undefined) ctx.skip('setMember');
      return id === undefined ? [] : [id];
    });
  const concepts = [];
  for (const set of ctx.project.sets) {
    if (!isStr(set.guid) || typeof set.name !== 'string') {
      ctx.skip('malformed');
      continue;
    }
    const m = readMachine(set.description);
    if (m && ['folder', 'kind', 'cmoc-set'].includes(m.tag)) continue;
    if (m?.tag === 'concept') {
      concepts.push({ set, data: conceptBlock.parse(m.data), description: m.readable });
      continue;
    }
    const codes = set.codes ?? [];
    const others = { sources: set.sources ?? [], notes: set.notes ?? [] };
    if (!codes.length && (others.sources.length || others.notes.length)) {
      ctx.count('kept', keepExtra(ctx.db, 'set', set.guid, set));
      continue;
    }
    if (setByGuid.get(set.guid) !== undefined) {
      ctx.count('codeSets', false);
      continue;
    }
    const name = renamed(ctx, 'Code set', set.name, setNames);
    const id = Number(
      prep(
        ctx.db,
        `INSERT INTO code_sets (guid, name, description, position, created_at)
         VALUES (?, ?, ?, (SELECT ifnull(max(position) + 1, 0) FROM code_sets), ?)`,
      ).run(set.guid, name, set.description ?? '', ctx.now).lastInsertRowid,
    );
    const add = prep(
      ctx.db,
      'INSERT OR IGNORE INTO code_set_members (set_id, code_id) VALUES (?, ?)',
    );
    for (const code of codeIds(codes)) add.run(id, code);
    if (others.sources.length || others.notes.length)
      keepExtra(ctx.db, 'set-members', set.guid, others);
    ctx.count('codeSets', true);
  }
  for (const { set, data, description } of concepts) {
    if (conceptByGuid.get(set.guid) !== undefined) {
      ctx.count('concepts', false);
      continue;
    }
    const name = renamed(ctx, 'Concept', set.name, conceptNames);
    const id = Number(
      prep(
        ctx.db,
        `INSERT INTO concepts (guid, name, description, color, position, created_at)
         VALUES (?, ?, ?, ?, (SELECT ifnull(max(position) + 1, 0) FROM concepts), ?)`,
      ).run(set.guid, name, description, data.color.toLowerCase(), ctx.now).lastInsertRowid,
    );
    const addCode = prep(
      ctx.db,
      'INSERT OR IGNORE INTO concept_codes (concept_id, code_id, position) VALUES (?, ?, ?)',
    );
    codeIds(set.codes).forEach((code, i) => addCode.run(id, code, i));
    const addSet = prep(
      ctx.db,
      'INSERT OR IGNORE INTO concept_sets (concept_id, set_id) VALUES (?, ?)',
    );
    for (const s of data.codeSets) {
      const setId = setByGuid.get(s.guid) as number | undefined;
      if (setId === undefined) ctx.skip('setMember');
      else addSet.run(id, setId);
    }
    ctx.count('concepts', true);
  }
}

function renamed(ctx: ImportContext, what: string, wanted: string, taken: Set<string>): string {
  const clean = wanted.trim() || `Unnamed ${what.toLowerCase()}`;
  const name = freeIn(taken, clean);
  if (name !== clean) ctx.warn(`${what} “${clean}” imported as “${name}”: the name was taken.`);
  taken.add(name.toLowerCase());
  return name;
}

/** CMOCs with their evidence (placed where its selections lie) and their history. */
export function importCmocs(ctx: ImportContext, plan: NotePlan): void {
  const db = ctx.db;
  const byGuid = prep(db, 'SELECT id FROM cmocs WHERE guid = ?').pluck();
  const conceptId = prep(db, 'SELECT id FROM concepts WHERE guid = ?').pluck();
  const codingId = prep(db, 'SELECT id FROM codings WHERE guid = ?').pluck();
  const insert = prep(
    db,
    `INSERT INTO cmocs (guid, title, concept_id, context, mechanism, resource, reasoning, outcome,
       statement, provenance, status, status_reason, confidence, notes, position, created_at,
       updated_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const evidence = prep(
    db,
    `INSERT INTO cmoc_evidence (guid, cmoc_id, part, source_id, start, end, coding_id, coding_guid,
       quote, source_name, lost, position, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const history = prep(
    db,
    `INSERT INTO cmoc_history (cmoc_id, version, action, before, after, detail, reason, changed_at,
       changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const concept = (guid: unknown) =>
    typeof guid === 'string' ? ((conceptId.get(guid) as number | undefined) ?? null) : null;
  const fields = (v: Record<string, unknown> | null) =>
    v === null
      ? null
      : JSON.stringify('conceptId' in v ? { ...v, conceptId: concept(v.conceptId) } : v);

  for (const [guid, { note, block: b }] of plan.cmocs) {
    if (byGuid.get(guid) !== undefined) {
      ctx.count('cmocs', false);
      continue;
    }
    const created = isStr(note.created) ? note.created : ctx.now;
    const id = Number(
      insert.run(
        guid,
        b.title.trim() || note.name?.trim() || 'CMOC',
        concept(b.concept),
        b.context,
        b.mechanism,
        b.resource,
        b.reasoning,
        b.outcome,
        b.statement,
        b.provenance,
        b.status,
        b.statusReason,
        b.confidence,
        b.notes,
        b.position,
        created,
        isStr(note.modified) ? note.modified : created,
        ctx.optionalUser(note.creatingUser),
      ).lastInsertRowid,
    );
    ctx.count('cmocs', true);
    for (const e of b.evidence) {
      const at = plan.evidence.get(e.guid);
      const source = e.source === null ? undefined : ctx.sources.get(e.source);
      // Evidence the file has no selection for (its words were deleted, or its source here
      // holds other text) still points into its source, flagged, with its quote.
      const sourceId = at?.sourceId ?? source?.id ?? null;
      const start = at?.start ?? e.start;
      const end = at?.end ?? e.end;
      if (start < 0 || end <= start) {
        ctx.skip('evidenceBad');
        continue;
      }
      const coding =
        e.codingGuid === null ? null : ((codingId.get(e.codingGuid) as number) ?? null);
      const lost =
        sourceId === null
          ? 'source'
          : !at && e.lost === ''
            ? 'text'
            : e.lost === '' && e.codingGuid !== null && coding === null
              ? 'coding'
              : e.lost;
      const info = evidence.run(
        e.guid,
        id,
        e.part,
        sourceId,
        start,
        end,
        coding,
        e.codingGuid,
        e.quote,
        e.sourceName,
        lost,
        e.position,
        e.created,
        ctx.optionalUser(e.createdBy ?? undefined),
      );
      ctx.count('evidence', info.changes > 0);
    }
    for (const h of b.history)
      history.run(
        id,
        h.version,
        h.action,
        fields(h.before),
        fields(h.after),
        h.detail,
        h.reason,
        h.at,
        ctx.optionalUser(h.by ?? undefined),
      );
  }
}

/** The Weft canvas graph onto the canvas (what is there stays); other graphs are kept. */
export function importCanvas(ctx: ImportContext): void {
  const db = ctx.db;
  let canvasDone = false;
  for (const g of ctx.project.graphs) {
    if (!isStr(g.guid)) {
      ctx.skip('malformed');
      continue;
    }
    const stages = canvasStages(g.name);
    if (stages === undefined || canvasDone) {
      ctx.count('kept', keepExtra(db, 'graph', g.guid, g));
      continue;
    }
    canvasDone = true;
    const current = getMeta(db, 'canvas_stages');
    if (stages.length && (!current || current === '[]'))
      setMeta(db, 'canvas_stages', JSON.stringify(stages));
    const items = new Map<string, number>();
    const findRef = prep(db, 'SELECT id FROM canvas_items WHERE kind = ? AND ref_id = ?').pluck();
    const findNote = prep(
      db,
      "SELECT id FROM canvas_items WHERE kind = 'note' AND label = ? AND x = ? AND y = ?",
    ).pluck();
    const insert = prep(
      db,
      'INSERT INTO canvas_items (kind, ref_id, label, x, y) VALUES (?, ?, ?, ?, ?)',
    );
    const concept = prep(db, 'SELECT id FROM concepts WHERE guid = ?').pluck();
    const cmoc = prep(db, 'SELECT id FROM cmocs WHERE guid = ?').pluck();
    for (const v of g.vertices ?? []) {
      if (!isStr(v.guid) || !Number.isFinite(v.x) || !Number.isFinite(v.y)) {
        ctx.skip('malformed');
        continue;
      }
      let kind: 'concept' | 'cmoc' | 'note' = 'note';
      let ref: number | null = null;
      if (v.representedGUID) {
        ref = (concept.get(v.representedGUID) as number | undefined) ?? null;
        kind = 'concept';
        if (ref === null) {
          ref = (cmoc.get(v.representedGUID) as number | undefined) ?? null;
          kind = 'cmoc';
        }
        if (ref === null) {
          ctx.skip('canvasMissing');
          continue;
        }
      }
      const label = kind === 'note' ? (v.name ?? '').trim() : '';
      if (kind === 'note' && !label) {
        ctx.skip('malformed');
        continue;
      }
      const found = (kind === 'note' ? findNote.get(label, v.x, v.y) : findRef.get(kind, ref)) as
        number | undefined;
      const id = found ?? Number(insert.run(kind, ref, label, v.x, v.y).lastInsertRowid);
      ctx.count('canvasItems', found === undefined);
      items.set(v.guid, id);
    }
    const linked = prep(db, 'SELECT 1 FROM canvas_links WHERE from_item = ? AND to_item = ?');
    const link = prep(db, 'INSERT INTO canvas_links (from_item, to_item, label) VALUES (?, ?, ?)');
    for (const e of g.edges ?? []) {
      const from = items.get(e.source);
      const to = items.get(e.target);
      if (from === undefined || to === undefined || from === to) {
        ctx.skip('canvasMissing');
        continue;
      }
      const there = linked.get(from, to) !== undefined;
      if (!there) link.run(from, to, (e.name ?? '').trim());
      ctx.count('canvasLinks', !there);
    }
  }
}

function modelGuids(p: RefiProject): Set<string> {
  const out = new Set<string>();
  const codes = (list: RefiCode[]) => {
    for (const c of list) {
      out.add(c.guid);
      codes(c.children ?? []);
    }
  };
  codes(p.codes);
  for (const list of [p.users, p.variables, p.cases, p.media, p.notes, p.sets])
    for (const x of list) out.add(x.guid);
  for (const t of p.texts) {
    out.add(t.guid);
    for (const s of t.selections ?? []) out.add(s.guid);
  }
  return out;
}

/** Links that are not a memo's target are kept, when both their ends are in the file. */
export function importLinks(ctx: ImportContext, plan: NotePlan): void {
  const known = modelGuids(ctx.project);
  for (const l of ctx.project.links) {
    if (!isStr(l.guid)) {
      ctx.skip('malformed');
      continue;
    }
    if (plan.usedLinks.has(l.guid)) continue;
    if (!known.has(l.origin) || !known.has(l.target)) {
      ctx.skip('linkDangling');
      continue;
    }
    ctx.count('kept', keepExtra(ctx.db, 'link', l.guid, l));
  }
}
