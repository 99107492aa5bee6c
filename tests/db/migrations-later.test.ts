import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../db/migrate.js';
import { APPLICATION_ID, openProject } from '../../db/open.js';
import { getSource } from '../../db/queries/sources.js';
import { tempDir } from '../helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A project file as Weft wrote it before migration 0003 (schema v2), with a coded source. */
function v2Project(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  for (const m of MIGRATIONS.filter((m) => m.version <= 2)) m.up(db);
  db.pragma('user_version = 2');
  db.exec(`
    INSERT INTO project_meta (key, value) VALUES ('guid', 'g-project'), ('name', 'Old study');
    INSERT INTO users (guid, name, initials, created_at) VALUES ('u1', 'Rosa Lind', 'RL', '2026-01-01');
    INSERT INTO sources (guid, name, kind, text, text_length, created_at, folder)
      VALUES ('s1', 'Site1_fieldnotes', 'fieldnote', 'Monday\nThe huddle ran late.', 27, '2026-01-01', 'Site 1');
    INSERT INTO codes (guid, name, color, created_at) VALUES ('c1', 'Communication', '#e03131', '2026-01-01');
    INSERT INTO codings (guid, source_id, code_id, start, end, coder_id, created_at) VALUES ('k1', 1, 1, 7, 26, 1, '2026-01-01');
  `);
  db.close();
}

describe('migration 0003 (rich text)', () => {
  it('adds formatting storage and carries every source and coding across, after a verified backup', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'old.weft');
    v2Project(file);

    const db = openProject(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const s = getSource(db, 1)!;
    expect(s).toMatchObject({
      name: 'Site1_fieldnotes',
      text: 'Monday\nThe huddle ran late.',
      rich: null,
      codings: 1,
    });
    const coding = db.prepare('SELECT start, end, guid FROM codings').get();
    expect(coding).toEqual({ start: 7, end: 26, guid: 'k1' });
    expect(s.text.slice(7, 26)).toBe('The huddle ran late');
    db.prepare('UPDATE sources SET rich = ? WHERE id = 1').run('{"root":{}}');
    db.close();

    const backups = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith('old.weft.v2-') && f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    const backup = new Database(path.join(dir, backups[0]!), { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(2);
    expect(backup.prepare('SELECT count(*) AS n FROM codings').get()).toEqual({ n: 1 });
    backup.close();

    const again = openProject(file);
    expect(getSource(again, 1)!.rich).toBe('{"root":{}}');
    again.close();
  });
});

describe('migration 0004 (stable ids)', () => {
  it('keeps every coding and its id, and never gives a deleted coding’s id to a new one', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'v2.weft');
    v2Project(file);
    const raw = new Database(file);
    raw.exec(`INSERT INTO codings (guid, source_id, code_id, start, end, coder_id, created_at)
              VALUES ('k2', 1, 1, 0, 6, 1, '2026-01-02'), ('k3', 1, 1, 11, 17, 1, '2026-01-03')`);
    raw.close();

    const db = openProject(file);
    const rows = db.prepare('SELECT id, guid, start, end FROM codings ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, guid: 'k1', start: 7, end: 26 },
      { id: 2, guid: 'k2', start: 0, end: 6 },
      { id: 3, guid: 'k3', start: 11, end: 17 },
    ]);
    expect(
      db.prepare("SELECT sql FROM sqlite_master WHERE name = 'codings'").pluck().get(),
    ).toMatch(/AUTOINCREMENT/);
    expect(
      db
        .prepare(
          "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'codings' AND sql IS NOT NULL",
        )
        .pluck()
        .get(),
    ).toBe(2);

    db.prepare('DELETE FROM codings WHERE id = 3').run();
    const next = db
      .prepare(
        "INSERT INTO codings (guid, source_id, code_id, start, end, coder_id, created_at) VALUES ('k4', 1, 1, 0, 3, 1, '')",
      )
      .run().lastInsertRowid;
    expect(Number(next)).toBe(4);
    db.close();
  });
});

describe('migration 0005 (source names index)', () => {
  it('keeps the sources and finds a source by name through the index', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'v2.weft');
    v2Project(file);
    const db = openProject(file);
    expect(db.prepare('SELECT name, folder FROM sources').all()).toEqual([
      { name: 'Site1_fieldnotes', folder: 'Site 1' },
    ]);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT 1 FROM sources WHERE name = ? COLLATE NOCASE')
      .all('site1_FIELDNOTES')
      .map((r) => (r as { detail: string }).detail)
      .join(' ');
    expect(plan).toMatch(/USING (COVERING )?INDEX sources_by_name/);
    expect(
      db
        .prepare('SELECT count(*) FROM sources WHERE name = ? COLLATE NOCASE')
        .pluck()
        .get('site1_FIELDNOTES'),
    ).toBe(1);
    db.close();
  });
});

describe('migration 0006 (workbench)', () => {
  it('keeps codes and memos, gives codes empty criteria, and lets memos be about cases', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'v2.weft');
    v2Project(file);
    const seed = new Database(file);
    seed
      .prepare(
        `INSERT INTO memos (guid, title, body, target_type, target_id, created_at, updated_at, created_by)
         VALUES ('m1', 'Huddles', 'Run late on Mondays.', 'code', 1, '2026-01-02', '2026-01-03', 1)`,
      )
      .run();
    seed.close();

    const db = openProject(file);
    expect(
      db
        .prepare('SELECT name, description, inclusion, exclusion, example, origin FROM codes')
        .get(),
    ).toEqual({
      name: 'Communication',
      description: '',
      inclusion: '',
      exclusion: '',
      example: '',
      origin: '',
    });
    expect(
      db
        .prepare('SELECT guid, title, body, rich, target_type, target_id, updated_at FROM memos')
        .get(),
    ).toEqual({
      guid: 'm1',
      title: 'Huddles',
      body: 'Run late on Mondays.',
      rich: null,
      target_type: 'code',
      target_id: 1,
      updated_at: '2026-01-03',
    });
    db.prepare(
      `INSERT INTO memos (guid, title, target_type, target_id, created_at, updated_at)
       VALUES ('m2', 'About a case', 'case', 1, 'now', 'now')`,
    ).run();
    expect(() => db.prepare("UPDATE codes SET origin = 'abductive'").run()).toThrow(/CHECK/);
    db.close();
  });
});
