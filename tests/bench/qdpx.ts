// QDPX export and import (issue 6): a synthetic project (by default 1,000 transcripts of
// 10k words, 200k codings over 100 codes) exported through 'qdpx.export' and imported into a
// new project through 'qdpx.import', both on the database thread as the app runs them. Floors,
// measured in the same run: raw better-sqlite3 reads + the same fflate zip of the same texts and
// a minimal selection XML (export); fflate unzip + a saxes pass over the XML + raw inserts of
// the texts and codings in one transaction (import). Peak RSS is this process's (the database
// thread runs in it).
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Zip, ZipDeflate, unzipSync, strFromU8 } from 'fflate';
import { SaxesParser } from 'saxes';
import Database from 'better-sqlite3';
import type { ExchangeSummary, ExportResult } from '../../electron/api/contract.js';
import { DbHost } from '../../electron/host/db-host.js';
import { resolveEnv } from '../../electron/host/env.js';
import { rng, syntheticTranscript } from '../../fixtures/generate.js';
import { appRoot, MB, now, rawDb, result, unwrap, type Result } from './common.js';

export interface QdpxSize {
  label: string;
  files: number;
  words: number;
  codings: number;
  codes: number;
  /** Goals in seconds (the issue's), or null to compare with the floor only. */
  exportGoal: number | null;
  importGoal: number | null;
}

const MEMORY_GOAL = 1024 * MB;

export async function runQdpx(
  dir: string,
  size: QdpxSize,
  log: (m: string) => void,
): Promise<Result[]> {
  fs.mkdirSync(dir, { recursive: true });
  const env = resolveEnv(appRoot, {
    dataDir: path.join(dir, 'home'),
    projectsDir: dir,
    coderName: 'Bench',
    remember: false,
  });
  const host = new DbHost(path.join(appRoot, 'dist', 'electron', 'db-worker.js'), env);
  const source = path.join(dir, `${size.label}-source.weft`);
  log(`${size.label}: building ${size.files} × ${size.words} words, ${size.codings} codings…`);
  await unwrap(host.call('project.create', { path: source }));
  await unwrap(host.call('project.close', {}));
  const built = fill(source, size);

  let rssPeak = 0;
  const sample = () => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss()));
  const measure = async <T>(
    fn: () => Promise<T> | T,
  ): Promise<{ ms: number; value: T; rss: number }> => {
    global.gc?.();
    rssPeak = process.memoryUsage.rss();
    const sampler = setInterval(sample, 20);
    const t0 = now();
    const value = await fn();
    const ms = now() - t0;
    clearInterval(sampler);
    sample();
    return { ms, value, rss: rssPeak };
  };

  // --- Weft export
  await unwrap(host.call('project.open', { path: source }));
  const out = path.join(dir, `${size.label}.qdpx`);
  log(`${size.label}: Weft export…`);
  const exp = await measure(() => unwrap<ExportResult>(host.call('qdpx.export', { path: out })));
  await unwrap(host.call('project.close', {}));

  // --- Weft import into a new project
  log(`${size.label}: Weft import…`);
  const imp = await measure(() =>
    unwrap<ExchangeSummary>(
      host.call('qdpx.import', {
        path: out,
        mode: 'new',
        newProjectPath: path.join(dir, `${size.label}-imported.weft`),
      }),
    ),
  );
  const stats = await unwrap<{ sources: number; codings: number }>(host.call('project.stats', {}));
  if (stats.sources !== size.files || stats.codings !== built.codings)
    throw new Error(
      `${size.label}: imported ${stats.sources} sources and ${stats.codings} codings, expected ${size.files} and ${built.codings}`,
    );
  await host.close();

  // --- Floors
  log(`${size.label}: floors…`);
  const floorOut = path.join(dir, `${size.label}-floor.qdpx`);
  const fExp = await measure(() => floorExport(source, floorOut));
  const fImp = await measure(() => floorImport(out, path.join(dir, `${size.label}-floor.weft`)));

  const words = `${(built.words / 1e6).toFixed(2)}M words, ${built.codings.toLocaleString('en')} codings`;
  const mb = (n: number) => `${(n / MB).toFixed(0)} MB`;
  const goalOf = (goal: number, ms: number, rss: number) => ({
    goal: `≤ ${goal} s, ≤ 1 GB`,
    met: ms / 1000 <= goal && rss <= MEMORY_GOAL,
  });
  return [
    result(
      `${size.label} QDPX export`,
      's',
      exp.ms / 1000,
      fExp.ms / 1000,
      `${words}; ${mb(exp.value.bytes)} file; peak RSS ${mb(exp.rss)} (floor ${mb(fExp.rss)})`,
      size.exportGoal === null
        ? { goal: '≤ 3× floor', met: exp.ms <= 3 * fExp.ms }
        : goalOf(size.exportGoal, exp.ms, exp.rss),
    ),
    result(
      `${size.label} QDPX import`,
      's',
      imp.ms / 1000,
      fImp.ms / 1000,
      `${words}; peak RSS ${mb(imp.rss)} (floor ${mb(fImp.rss)})`,
      size.importGoal === null
        ? { goal: '≤ 3× floor', met: imp.ms <= 3 * fImp.ms }
        : goalOf(size.importGoal, imp.ms, imp.rss),
    ),
  ];
}

/** Sources, codes and codings inserted with raw SQL into a project the app created. */
function fill(file: string, size: QdpxSize): { words: number; codings: number } {
  const db = openRaw(file);
  const rand = rng(7);
  let words = 0;
  let codings = 0;
  db.transaction(() => {
    const user = Number(
      db
        .prepare("INSERT INTO users (guid, name, initials, created_at) VALUES (?, 'Bench', 'B', ?)")
        .run(randomUUID(), new Date().toISOString()).lastInsertRowid,
    );
    const codeIds: number[] = [];
    const code = db.prepare(
      'INSERT INTO codes (guid, parent_id, name, color, position, created_at, created_by) VALUES (?, NULL, ?, ?, ?, ?, ?)',
    );
    for (let c = 0; c < size.codes; c++)
      codeIds.push(
        Number(
          code.run(randomUUID(), `Code ${c + 1}`, '#4e79a7', c, new Date().toISOString(), user)
            .lastInsertRowid,
        ),
      );
    const src = db.prepare(
      `INSERT INTO sources (guid, name, kind, text, text_length, created_at, created_by)
       VALUES (?, ?, 'interview', ?, ?, ?, ?)`,
    );
    const coding = db.prepare(
      'INSERT INTO codings (guid, source_id, code_id, start, end, coder_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const perSource = Math.floor(size.codings / size.files);
    for (let i = 0; i < size.files; i++) {
      const text = syntheticTranscript(i, size.words);
      words += text.split(/\s+/).filter(Boolean).length;
      const id = Number(
        src.run(randomUUID(), `T${String(i).padStart(4, '0')}`, text, text.length, '', user)
          .lastInsertRowid,
      );
      const n = i === size.files - 1 ? size.codings - perSource * (size.files - 1) : perSource;
      for (let k = 0; k < n; k++) {
        const start = Math.floor(rand() * (text.length - 200));
        const end = start + 20 + Math.floor(rand() * 150);
        coding.run(
          randomUUID(),
          id,
          codeIds[k % codeIds.length]!,
          start,
          end,
          user,
          '2026-01-01T00:00:00Z',
        );
        codings++;
      }
    }
  })();
  db.close();
  return { words, codings };
}

function openRaw(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  return db;
}

/** The export floor: read the rows, zip the texts and a minimal selection XML, nothing else. */
async function floorExport(file: string, out: string): Promise<void> {
  const db = openRaw(file);
  const ws = fs.createWriteStream(out);
  const done = new Promise<void>((resolve, reject) => {
    ws.on('finish', resolve);
    ws.on('error', reject);
  });
  const zip = new Zip((err, chunk, final) => {
    if (err) throw err;
    ws.write(chunk);
    if (final) ws.end();
  });
  const enc = new TextEncoder();
  const xml = new ZipDeflate('project.qde', { level: 3 });
  zip.add(xml);
  xml.push(enc.encode('<Project><Sources>'));
  const sel = db.prepare('SELECT guid, code_id, start, end FROM codings WHERE source_id = ?');
  for (const s of db.prepare('SELECT id, guid, text FROM sources').iterate() as Iterable<{
    id: number;
    guid: string;
    text: string;
  }>) {
    const t = new ZipDeflate(`sources/${s.guid}.txt`, { level: 3 });
    zip.add(t);
    t.push(enc.encode(s.text), true);
    let part = `<TextSource guid="${s.guid}">`;
    for (const c of sel.iterate(s.id) as Iterable<{
      guid: string;
      code_id: number;
      start: number;
      end: number;
    }>)
      part += `<PlainTextSelection guid="${c.guid}" startPosition="${c.start}" endPosition="${c.end}"><Coding guid="${c.guid}"><CodeRef targetGUID="${c.code_id}"/></Coding></PlainTextSelection>`;
    xml.push(enc.encode(`${part}</TextSource>`));
  }
  xml.push(enc.encode('</Sources></Project>'), true);
  zip.end();
  await done;
  db.close();
}

/** The import floor: unzip, one saxes pass over the XML, raw inserts in one transaction. */
function floorImport(qdpx: string, file: string): void {
  const files = unzipSync(fs.readFileSync(qdpx));
  const db = rawDb(file);
  const sels: { source: string; start: number; end: number }[] = [];
  const parser = new SaxesParser();
  let current = '';
  parser.on('opentag', (t) => {
    if (t.name === 'TextSource') current = String(t.attributes.guid);
    else if (t.name === 'PlainTextSelection')
      sels.push({
        source: current,
        start: Number(t.attributes.startPosition),
        end: Number(t.attributes.endPosition),
      });
  });
  parser.write(strFromU8(files['project.qde']!)).close();
  db.transaction(() => {
    const ids = new Map<string, number>();
    const src = db.prepare(
      `INSERT INTO sources (guid, name, kind, text, text_length, created_at, created_by) VALUES (?, ?, 'interview', ?, ?, '', 1)`,
    );
    for (const [name, bytes] of Object.entries(files)) {
      if (!name.startsWith('sources/')) continue;
      const guid = name.slice(8, -4);
      const text = strFromU8(bytes);
      ids.set(guid, Number(src.run(guid, guid, text, text.length).lastInsertRowid));
    }
    db.prepare(
      "INSERT INTO codes (guid, name, color, created_at) VALUES ('c', 'c', '#000000', '')",
    ).run();
    const coding = db.prepare(
      "INSERT INTO codings (guid, source_id, code_id, start, end, coder_id, created_at) VALUES (?, ?, 1, ?, ?, 1, '')",
    );
    let n = 0;
    for (const s of sels) {
      const id = ids.get(s.source);
      if (id !== undefined) coding.run(`g${n++}`, id, s.start, s.end);
    }
  })();
  db.close();
}
