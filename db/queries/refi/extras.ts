import type { RefiCode, RefiGraph, RefiLink, RefiProject, RefiSet } from './model.js';
import type { Db } from '../../open.js';
import { prep } from '../../stmt.js';
import type { ExportState } from './to-refi.js';

/**
 * What another tool's file brought that Weft has no place for (links between arbitrary
 * things, graphs other than the theory canvas, the sources and notes of a set), kept as the
 * model's JSON so that the next export carries it again. References to things deleted since
 * are dropped on the way out.
 */
export type ExtraKind = 'link' | 'graph' | 'set' | 'set-members';

export interface SetMembers {
  sources: string[];
  notes: string[];
}

/** Keeps an extra unless one with its GUID is kept already; returns whether it was new. */
export function keepExtra(db: Db, kind: ExtraKind, guid: string, body: object): boolean {
  return (
    prep(
      db,
      'INSERT INTO refi_extras (kind, guid, body) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(kind, guid, JSON.stringify(body)).changes > 0
  );
}

function knownGuids(p: RefiProject): Set<string> {
  const out = new Set<string>();
  const codes = (list: RefiCode[]) => {
    for (const c of list) {
      out.add(c.guid);
      codes(c.children);
    }
  };
  codes(p.codes);
  for (const list of [p.users, p.variables, p.cases, p.media, p.notes, p.sets])
    for (const x of list) out.add(x.guid);
  for (const t of p.texts) {
    out.add(t.guid);
    for (const sel of t.selections) out.add(sel.guid);
  }
  return out;
}

export function addExtras(s: ExportState): void {
  const rows = s.db
    .prepare('SELECT kind, guid, body FROM refi_extras ORDER BY kind, guid')
    .all() as { kind: ExtraKind; guid: string; body: string }[];
  if (!rows.length) return;
  // Selections are only placed in their texts at the very end: count the pending ones too.
  const known = knownGuids(s.project);
  for (const list of s.selections.values()) for (const p of list) known.add(p.sel.guid);
  const only = (guids: string[]) => guids.filter((g) => known.has(g));
  for (const row of rows) {
    let body: unknown;
    try {
      body = JSON.parse(row.body);
    } catch {
      continue;
    }
    if (row.kind === 'link') {
      const link = body as RefiLink;
      if (!known.has(link.origin) || !known.has(link.target)) continue;
      s.project.links.push({ ...link, noteRefs: only(link.noteRefs ?? []) });
    } else if (row.kind === 'graph') {
      const graph = body as RefiGraph;
      s.project.graphs.push({
        ...graph,
        vertices: (graph.vertices ?? []).map((v) =>
          v.representedGUID && !known.has(v.representedGUID)
            ? (({ representedGUID: _gone, ...rest }) => rest)(v)
            : v,
        ),
      });
    } else if (row.kind === 'set') {
      const set = body as RefiSet;
      s.project.sets.push({
        ...set,
        codes: only(set.codes ?? []),
        sources: only(set.sources ?? []),
        notes: only(set.notes ?? []),
      });
    } else {
      const members = body as SetMembers;
      const set = s.project.sets.find((x) => x.guid === row.guid);
      if (!set) continue;
      set.sources.push(...only(members.sources ?? []).filter((g) => !set.sources.includes(g)));
      set.notes.push(...only(members.notes ?? []).filter((g) => !set.notes.includes(g)));
    }
  }
}
