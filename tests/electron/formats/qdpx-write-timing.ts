// Local timing script (not a test): writes a synthetic 10M-word, 200k-coding project with
// writeQdpx and prints the time, the archive size and peak memory, next to a raw floor (the
// same texts deflated and written with no XML) measured in the same run.
//
//   npx esbuild tests/electron/formats/qdpx-write-timing.ts --bundle --platform=node \
//     --format=esm --outfile=/tmp/qdpx-write-timing.mjs && node /tmp/qdpx-write-timing.mjs
//
// Options: --sources N (default 1000), --words N per source (10000), --per-source N
// selections (200), --validate (check project.qde with xmllint; slow), --keep (keep the file).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { unzipSync } from 'fflate';
import { syntheticRanges, syntheticTranscript } from '../../../fixtures/generate.js';
import { emptyProject, type RefiProject } from '../../../electron/formats/qdpx/model.js';
import { projectXml, writeQdpx } from '../../../electron/formats/qdpx/write.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SOURCES = option('sources', 1000);
const WORDS = option('words', 10_000);
const PER_SOURCE = option('per-source', 200);
const MB = 1024 * 1024;

const guid = (kind: number, n: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function buildModel(): RefiProject {
  const p = emptyProject('Timing study');
  p.users = [
    { guid: guid(1, 1), name: 'Coder one' },
    { guid: guid(1, 2), name: 'Coder two' },
  ];
  for (let c = 0; c < 60; c++) {
    p.codes.push({
      guid: guid(2, c),
      name: `Code ${c}`,
      codable: true,
      color: '#3366aa',
      children: [],
      noteRefs: [],
    });
  }
  let selection = 0;
  for (let s = 0; s < SOURCES; s++) {
    // A few emoji so the code point conversion has work to do.
    const text = syntheticTranscript(s, WORDS).replace(/\bcafe\b/g, 'cafe ☕🙂');
    p.texts.push({
      guid: guid(3, s),
      name: `Transcript ${s + 1}`,
      origin: 'transcript',
      text,
      selections: syntheticRanges(text, PER_SOURCE, s + 7).map((r, k) => {
        selection++;
        return {
          guid: guid(4, selection),
          start: r.start,
          end: r.end,
          codings: [
            {
              guid: guid(5, selection),
              code: guid(2, (s + k) % 60),
              creatingUser: guid(1, 1 + (k % 2)),
              created: '2024-05-01T10:00:00Z',
            },
          ],
          noteRefs: [],
        };
      }),
      codings: [],
      noteRefs: [],
      values: [],
    });
  }
  return p;
}

function words(project: RefiProject): number {
  let n = 0;
  for (const t of project.texts) n += t.text.split(/\s+/).length;
  return n;
}

const rssNow = () => process.memoryUsage.rss() / MB;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-qdpx-timing-'));
  const out = path.join(dir, 'timing.qdpx');
  let built = performance.now();
  const project = buildModel();
  built = performance.now() - built;
  const selections = project.texts.reduce((n, t) => n + t.selections.length, 0);
  const textMB = project.texts.reduce((n, t) => n + Buffer.byteLength(t.text), 0) / MB;
  console.log(
    `model: ${SOURCES} sources, ${words(project).toLocaleString()} words (${textMB.toFixed(1)} MB), ` +
      `${selections.toLocaleString()} selections/codings; built in ${(built / 1000).toFixed(1)} s`,
  );

  global.gc?.();
  const baseRss = rssNow();
  let peakRss = baseRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssNow())), 20);
  const cpuBefore = process.cpuUsage();
  let started = performance.now();
  const result = await writeQdpx(project, out, { version: 'timing' });
  const weftMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const encoder = new TextEncoder();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, rssNow());

  // Floor: the same bytes (the XML made beforehand, and the texts) deflated by zlib at the same
  // level in one go and written: no model walk, no offsets, no zip layout.
  const xml = encoder.encode(projectXml(project, { version: 'timing' }));
  const floorFile = path.join(dir, 'floor.bin');
  started = performance.now();
  const fd = fs.openSync(floorFile, 'w');
  fs.writeSync(fd, zlib.deflateRawSync(xml, { level: 3 }));
  for (const t of project.texts)
    fs.writeSync(fd, zlib.deflateRawSync(encoder.encode(t.text), { level: 3 }));
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  const floorMs = performance.now() - started;

  console.log(
    `writeQdpx: ${(weftMs / 1000).toFixed(2)} s, ${(result.bytes / MB).toFixed(1)} MB archive, ` +
      `${result.warnings.length} warnings; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s ` +
      `(all threads: XML on the main thread, deflate on zlib's)`,
  );
  console.log(`floor (XML + texts deflated by zlib + written): ${(floorMs / 1000).toFixed(2)} s`);
  console.log(
    `rss: ${baseRss.toFixed(0)} MB with the model loaded, peak ${peakRss.toFixed(0)} MB during ` +
      `the write (+${(peakRss - baseRss).toFixed(0)} MB); process maxRSS ` +
      `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );

  if (args.includes('--validate')) {
    const qde = path.join(dir, 'project.qde');
    fs.writeFileSync(
      qde,
      unzipSync(fs.readFileSync(out), { filter: (f) => f.name === 'project.qde' })['project.qde']!,
    );
    const xsd = path.resolve('..', 'shared', 'refi-qda', 'schema', 'Project-mrt2019.xsd');
    started = performance.now();
    const lint = spawnSync('xmllint', ['--noout', '--huge', '--schema', xsd, qde], {
      encoding: 'utf8',
    });
    console.log(
      `xmllint: ${lint.status === 0 ? 'valid' : `INVALID\n${lint.stderr.slice(0, 2000)}`} ` +
        `(${(fs.statSync(qde).size / MB).toFixed(1)} MB XML, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  if (args.includes('--keep')) console.log(`kept: ${out}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

await main();
