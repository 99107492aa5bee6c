import type { Db } from '../open.js';
import { WeftError } from '../errors.js';
import { prep } from '../stmt.js';
import { getMeta, setMeta } from './project.js';

/**
 * The programme theory canvas: concepts, CMOCs and notes placed on one plane, directed links
 * with labels between them, and optional named stages of a continuum (project_meta
 * 'canvas_stages', a JSON array). A concept or CMOC sits on the canvas at most once; a note is
 * free text and may appear any number of times.
 */

export interface CanvasItemRow {
  id: number;
  kind: 'concept' | 'cmoc' | 'note';
  refId: number | null;
  label: string;
  x: number;
  y: number;
}
export interface CanvasLinkRow {
  id: number;
  from: number;
  to: number;
  label: string;
}
export interface CanvasValue {
  items: CanvasItemRow[];
  links: CanvasLinkRow[];
  stages: string[];
}

const STAGES_KEY = 'canvas_stages';

/**
 * Drops items whose concept or CMOC is gone (their links go with them, ON DELETE CASCADE).
 * Ids of deleted rows can be reused by SQLite, so an orphan left in place could come back as
 * someone else's item; this runs before every read and write of the canvas.
 */
function purgeOrphans(db: Db): void {
  prep(
    db,
    `DELETE FROM canvas_items
      WHERE (kind = 'concept' AND ref_id NOT IN (SELECT id FROM concepts))
         OR (kind = 'cmoc' AND ref_id NOT IN (SELECT id FROM cmocs))`,
  ).run();
}

/**
 * Takes a concept or CMOC off the canvas as it is deleted (same transaction), so that SQLite
 * reusing its id for a new one cannot hand the newcomer the old place.
 */
export function forgetOnCanvas(db: Db, kind: 'concept' | 'cmoc', refId: number): void {
  prep(db, 'DELETE FROM canvas_items WHERE kind = ? AND ref_id = ?').run(kind, refId);
}

/** Stages as stored; anything unreadable counts as none rather than breaking the canvas. */
function readStages(db: Db): string[] {
  const raw = getMeta(db, STAGES_KEY);
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

export function getCanvas(db: Db): CanvasValue {
  purgeOrphans(db);
  const items = prep(
    db,
    `SELECT i.id, i.kind, i.ref_id AS refId,
            CASE i.kind WHEN 'concept' THEN k.name WHEN 'cmoc' THEN m.title ELSE i.label END AS label,
            i.x, i.y
       FROM canvas_items i
       LEFT JOIN concepts k ON i.kind = 'concept' AND k.id = i.ref_id
       LEFT JOIN cmocs m ON i.kind = 'cmoc' AND m.id = i.ref_id
      ORDER BY i.id`,
  ).all() as CanvasItemRow[];
  const links = prep(
    db,
    'SELECT id, from_item AS "from", to_item AS "to", label FROM canvas_links ORDER BY id',
  ).all() as CanvasLinkRow[];
  return { items, links, stages: readStages(db) };
}

function requireItem(db: Db, id: number): void {
  purgeOrphans(db);
  if (!prep(db, 'SELECT 1 FROM canvas_items WHERE id = ?').get(id))
    throw new WeftError('not_found', `There is no canvas item with id ${id}.`);
}

function requireLink(db: Db, id: number): void {
  if (!prep(db, 'SELECT 1 FROM canvas_links WHERE id = ?').get(id))
    throw new WeftError('not_found', `There is no canvas link with id ${id}.`);
}

export interface Placement {
  kind: 'concept' | 'cmoc' | 'note';
  refId: number | null;
  /** A note's text; a concept or CMOC shows its own name, so its label is not stored. */
  label?: string;
  x: number;
  y: number;
}

/**
 * Puts a concept, CMOC or note on the canvas; placing a concept or CMOC that is already there
 * moves it. Returns the item's id.
 */
export function placeItem(db: Db, p: Placement): number {
  purgeOrphans(db);
  if (p.kind === 'note') {
    if (p.refId !== null)
      throw new WeftError('invalid_input', 'A note refers to nothing: refId must be null.');
    const label = (p.label ?? '').trim();
    if (!label) throw new WeftError('invalid_input', 'A note needs some text.');
    const info = prep(
      db,
      "INSERT INTO canvas_items (kind, ref_id, label, x, y) VALUES ('note', NULL, ?, ?, ?)",
    ).run(label, p.x, p.y);
    return Number(info.lastInsertRowid);
  }
  if (p.refId === null)
    throw new WeftError(
      'invalid_input',
      `Say which ${p.kind === 'cmoc' ? 'CMOC' : 'concept'} to place.`,
    );
  const table = p.kind === 'concept' ? 'concepts' : 'cmocs';
  if (!prep(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(p.refId))
    throw new WeftError(
      'not_found',
      `There is no ${p.kind === 'cmoc' ? 'CMOC' : 'concept'} with id ${p.refId}.`,
    );
  return prep(
    db,
    `INSERT INTO canvas_items (kind, ref_id, label, x, y) VALUES (?, ?, '', ?, ?)
     ON CONFLICT (kind, ref_id) DO UPDATE SET x = excluded.x, y = excluded.y
     RETURNING id`,
  )
    .pluck()
    .get(p.kind, p.refId, p.x, p.y) as number;
}

export function moveItem(db: Db, id: number, x: number, y: number): void {
  requireItem(db, id);
  prep(db, 'UPDATE canvas_items SET x = ?, y = ? WHERE id = ?').run(x, y, id);
}

/** Takes an item off the canvas (its links go with it); the concept or CMOC itself stays. */
export function removeItem(db: Db, id: number): void {
  requireItem(db, id);
  prep(db, 'DELETE FROM canvas_items WHERE id = ?').run(id);
}

/** A directed link; the same direction twice is refused, the opposite direction is a loop and allowed. */
export function linkItems(db: Db, from: number, to: number, label = ''): number {
  if (from === to) throw new WeftError('invalid_input', 'An item cannot link to itself.');
  requireItem(db, from);
  requireItem(db, to);
  if (prep(db, 'SELECT 1 FROM canvas_links WHERE from_item = ? AND to_item = ?').get(from, to))
    throw new WeftError('duplicate', 'These two items are already linked that way.');
  const info = prep(
    db,
    'INSERT INTO canvas_links (from_item, to_item, label) VALUES (?, ?, ?)',
  ).run(from, to, label.trim());
  return Number(info.lastInsertRowid);
}

export function relabelLink(db: Db, linkId: number, label: string): void {
  requireLink(db, linkId);
  prep(db, 'UPDATE canvas_links SET label = ? WHERE id = ?').run(label.trim(), linkId);
}

export function unlink(db: Db, linkId: number): void {
  requireLink(db, linkId);
  prep(db, 'DELETE FROM canvas_links WHERE id = ?').run(linkId);
}

/** Names the continuum's stages, left to right ([] for no continuum). */
export function setStages(db: Db, stages: string[]): void {
  setMeta(db, STAGES_KEY, JSON.stringify(stages.map((s) => s.trim())));
}
