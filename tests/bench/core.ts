// The original three scenarios (unchanged workload): import through 'sources.import', apply
// codings one transaction each, and list the excerpts of one code; each against raw
// better-sqlite3 doing the same writes and reads. 50 transcripts, 20 codes, 1,195 codings with
// 300 on one code (`--sources`, `--codings`, `--words` scale it).
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { DbHost } from '../../electron/host/db-host.js';
import { resolveEnv } from '../../electron/host/env.js';
import { syntheticRanges, syntheticTranscript } from '../../fixtures/generate.js';
import { appRoot, median, now, rawDb, result, unwrap, type Result } from './common.js';

export interface CoreWorkload {
  sources: number;
  codes: number;
  codings: number;
  words: number;
}

export async function runCore(dir: string, w: CoreWorkload): Promise<Result[]> {
  const { sources: N_SOURCES, codes: N_CODES, codings: N_CODINGS, words: WORDS } = w;
  const ON_ONE_CODE = Math.min(300, N_CODINGS);
  fs.mkdirSync(dir, { recursive: true });
  const texts = Array.from({ length: N_SOURCES }, (_, i) => syntheticTranscript(i, WORDS));
  const plan = Array.from({ length: N_CODINGS }, (_, i) => {
    const source = i % N_SOURCES;
    const [range] = syntheticRanges(texts[source]!, 1, i + 7);
    return { source, code: i < ON_ONE_CODE ? 0 : 1 + (i % (N_CODES - 1)), ...range! };
  });

  // --- Weft, through the contract on the database thread.
  const env = resolveEnv(appRoot, {
    dataDir: path.join(dir, 'home'),
    projectsDir: dir,
    coderName: 'Bench',
    remember: false,
  });
  const host = new DbHost(path.join(appRoot, 'dist', 'electron', 'db-worker.js'), env);
  const files = texts.map((content, i) => ({ name: `T${i}.txt`, content }));
  // Import is timed as the median of three runs, each into a fresh project.
  const weftImports: number[] = [];
  let imported: { imported: { id: number }[] } = { imported: [] };
  let t = 0;
  for (let run = 0; run < 3; run++) {
    await unwrap(host.call('project.create', { path: path.join(dir, `bench${run}.weft`) }));
    t = now();
    imported = await unwrap<{ imported: { id: number }[] }>(host.call('sources.import', { files }));
    weftImports.push(now() - t);
  }
  const weftImport = median(weftImports);
  const sourceIds = imported.imported.map((s) => s.id);
  const codeIds: number[] = [];
  for (let i = 0; i < N_CODES; i++)
    codeIds.push(
      (await unwrap<{ id: number }>(host.call('codes.create', { name: `Code ${i}` }))).id,
    );
  t = now();
  for (const p of plan) {
    await unwrap(
      host.call('codings.create', {
        sourceId: sourceIds[p.source]!,
        codeId: codeIds[p.code]!,
        start: p.start,
        end: p.end,
      }),
    );
  }
  const weftCoding = (now() - t) / plan.length;
  await unwrap(host.call('excerpts.forCode', { codeId: codeIds[0]! })); // warm, as a user's second click is
  const weftRuns: number[] = [];
  let excerpts: unknown[] = [];
  for (let run = 0; run < 5; run++) {
    t = now();
    excerpts = await unwrap<unknown[]>(host.call('excerpts.forCode', { codeId: codeIds[0]! }));
    weftRuns.push(now() - t);
  }
  const weftExcerpts = median(weftRuns);
  await host.close();

  // --- The floor: raw better-sqlite3, same rows, same durability.
  const floorImports: number[] = [];
  let raw!: Database.Database;
  let rawIds: number[] = [];
  for (let run = 0; run < 3; run++) {
    raw?.close();
    raw = rawDb(path.join(dir, `floor${run}.weft`));
    const insertSource = raw.prepare(
      "INSERT INTO sources (guid, name, kind, text, text_length, created_at) VALUES (?, ?, 'interview', ?, ?, '')",
    );
    rawIds = [];
    t = now();
    raw.transaction(() => {
      texts.forEach((text, i) =>
        rawIds.push(Number(insertSource.run(`g${i}`, `T${i}`, text, text.length).lastInsertRowid)),
      );
    })();
    floorImports.push(now() - t);
  }
  const floorImport = median(floorImports);
  const insertCode = raw.prepare(
    "INSERT INTO codes (guid, name, color, created_at) VALUES (?, ?, '#000000', '')",
  );
  const rawCodes = Array.from({ length: N_CODES }, (_, i) =>
    Number(insertCode.run(`c${i}`, `Code ${i}`).lastInsertRowid),
  );
  const insertCoding = raw.prepare(
    "INSERT INTO codings (guid, source_id, code_id, start, end, coder_id, created_at) VALUES (?, ?, ?, ?, ?, 1, '')",
  );
  t = now();
  plan.forEach((p, i) =>
    raw.transaction(() =>
      insertCoding.run(`k${i}`, rawIds[p.source], rawCodes[p.code], p.start, p.end),
    )(),
  );
  const floorCoding = (now() - t) / plan.length;
  const readExcerpts = () => {
    const rows = raw
      .prepare(
        'SELECT c.source_id AS s, c.start, c.end, src.text FROM codings c JOIN sources src ON src.id = c.source_id WHERE c.code_id = ?',
      )
      .all(rawCodes[0]) as { s: number; start: number; end: number; text: string }[];
    return rows.map((r) => r.text.slice(r.start, r.end));
  };
  readExcerpts();
  const floorRuns: number[] = [];
  let floorRows: string[] = [];
  for (let run = 0; run < 5; run++) {
    t = now();
    floorRows = readExcerpts();
    floorRuns.push(now() - t);
  }
  const floorExcerpts = median(floorRuns);
  raw.close();
  if (floorRows.length !== excerpts.length)
    throw new Error(`excerpt counts differ: ${floorRows.length} vs ${excerpts.length}`);
  fs.rmSync(dir, { recursive: true, force: true });

  return [
    result(
      'import',
      'ms total',
      weftImport,
      floorImport,
      `${N_SOURCES} transcripts × ~${WORDS} words (best rival: QualCoder 150 ms)`,
    ),
    result(
      'apply coding',
      'ms each',
      weftCoding,
      floorCoding,
      `${N_CODINGS} codings, one transaction each (best rival: QualCoder 3 ms)`,
    ),
    result(
      'excerpts of one code',
      'ms',
      weftExcerpts,
      floorExcerpts,
      `${excerpts.length} excerpts (best rival: Taguette 76 ms)`,
    ),
  ];
}
