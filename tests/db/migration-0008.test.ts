import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../db/migrate.js';
import { APPLICATION_ID, openProject } from '../../db/open.js';
import { deleteCoding } from '../../db/queries/codings.js';
import { getCmoc } from '../../db/queries/cmocs.js';
import { listCodes } from '../../db/queries/codes.js';
import { tempDir } from '../helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A project as Weft wrote it at schema v7: a coded source, a CMOC with evidence from a coding. */
function v7Project(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  for (const m of MIGRATIONS.filter((m) => m.version <= 7)) m.up(db);
  db.pragma('user_version = 7');
  db.exec(`
    INSERT INTO project_meta (key, value) VALUES ('guid', 'g-project'), ('name', 'Seven');
    INSERT INTO users (guid, name, initials, created_at) VALUES ('u1', 'Rosa Lind', 'RL', '2026-01-01');
    INSERT INTO sources (guid, name, text, text_length, created_at) VALUES ('s1', 'Notes', 'We met at dawn.', 15, '2026-01-01');
    INSERT INTO codes (guid, name, color, created_at) VALUES ('c1', 'Timing', '#e03131', '2026-01-01');
    INSERT INTO codings (guid, source_id, code_id, start, end, coder_id, created_at) VALUES ('k1', 1, 1, 10, 14, 1, '2026-01-01');
    INSERT INTO cmocs (title, guid, created_at, updated_at) VALUES ('Early', 'm1', '2026-01-01', '2026-01-01');
    INSERT INTO cmoc_evidence (guid, cmoc_id, part, source_id, start, end, coding_id, coding_guid, quote, source_name, created_at)
      VALUES ('e1', 1, 'context', 1, 10, 14, 1, 'k1', 'dawn', 'Notes', '2026-01-01');
  `);
  db.close();
}

describe('migration 0008 (exchange)', () => {
  it('keeps every code codable, adds the extras table, and evidence still follows its coding', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'seven.weft');
    v7Project(file);
    const db = openProject(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(listCodes(db).map((c) => [c.name, c.codings])).toEqual([['Timing', 1]]);
    expect(db.prepare('SELECT codable FROM codes').pluck().all()).toEqual([1]);
    expect(() => db.prepare('UPDATE codes SET codable = 2').run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO refi_extras (kind, guid, body) VALUES ('link', 'x', '{}')").run();
    expect(() =>
      db.prepare("INSERT INTO refi_extras (kind, guid, body) VALUES ('nonsense', 'y', '{}')").run(),
    ).toThrow(/CHECK/);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN UPDATE cmoc_evidence SET lost = 'coding' WHERE coding_guid = 'k1'",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('cmoc_evidence_by_coding_guid');
    deleteCoding(db, 1);
    expect(getCmoc(db, 1)!.evidenceItems.map((e) => [e.quote, e.lost])).toEqual([
      ['dawn', 'coding'],
    ]);
    db.close();
    expect(fs.readdirSync(dir).some((f) => f.startsWith('seven.weft.v7-'))).toBe(true);
  });
});
