// `weft qdpx …`, `weft qdc …` and `weft report …`: REFI-QDA exchange and reports, headless.
import fs from 'node:fs';
import path from 'node:path';
import type { ExchangeSummary, ExportedFile, Input, Method, Output } from './api/contract.js';

export class CliUsageError extends Error {}

export const EXCHANGE_USAGE = `  weft qdpx import IN.qdpx PROJECT
                                import a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA,
                                QualCoder…); merges by GUID into PROJECT, or creates it
  weft qdpx export PROJECT OUT.qdpx
                                write PROJECT as a REFI-QDA project
  weft qdc import IN.qdc PROJECT
                                import a REFI-QDA codebook into PROJECT (created if absent)
  weft qdc export PROJECT OUT.qdc
                                write PROJECT's codebook (codes, colours, sets)
  weft report codebook PROJECT --format docx|xlsx|csv|md OUT
  weft report excerpts PROJECT --format docx|xlsx|csv [--code NAME]... OUT
                                the codebook with definitions and counts, or coded
                                excerpts by code with attributions`;

type Call = <M extends Method>(method: M, input: Input<M>) => Promise<Output<M>>;

interface CliIo {
  call: Call;
  out(s: string): void;
  /** PROJECT as the user named it, with .weft added when that is how it exists. */
  projectPath(given: string): string;
  /** Finds a code by name or path ("Belonging/Trust"); throws a usage error otherwise. */
  findCodeId(given: string): Promise<number>;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

const KIND_WORDS: Record<string, string> = {
  users: 'coders',
  codeSets: 'code sets',
  canvasItems: 'canvas items',
  canvasLinks: 'canvas links',
  casePassages: 'case passages',
  memoPassages: 'memo passages',
  values: 'attribute values',
  cmocs: 'CMOCs',
  evidence: 'CMOC evidence',
  kept: 'kept for the next export',
};

/** "codeSets" → "code sets", singular for one ("1 coding"). */
function kindWords(kind: string, n: number): string {
  const words = KIND_WORDS[kind] ?? kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return n === 1 && /[^s]s$/.test(words) ? words.slice(0, -1) : words;
}

export function readableSummary(s: ExchangeSummary): string {
  const counts = (r: Record<string, number>) =>
    Object.entries(r)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${kindWords(k, n)}`)
      .join(', ');
  const lines = [`Imported into ${s.projectPath}: ${counts(s.added) || 'nothing new'}`];
  const present = counts(s.present);
  if (present) lines.push(`Already there (same GUID), not duplicated: ${present}`);
  const conv = counts(s.conventions);
  if (conv) lines.push(`Offsets counted as: ${conv}`);
  for (const sk of s.skipped) lines.push(`  skipped: ${sk}`);
  for (const w of s.warnings) lines.push(`  note: ${w}`);
  lines.push(`Took ${(s.ms / 1000).toFixed(2)} s`);
  return `${lines.join('\n')}\n`;
}

/** Written whole or not at all: a half-written file is worse than none. */
export function writeWhole(outFile: string, bytes: Uint8Array): void {
  const temp = `${outFile}.${process.pid}.part`;
  try {
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, outFile);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw new CliUsageError(`could not write ${outFile}: ${(e as Error).message}`);
  }
}

function args2(rest: string[], usage: string): [string, string] {
  if (rest.length !== 2 || !rest[0] || !rest[1]) throw new CliUsageError(usage);
  return [rest[0], rest[1]];
}

export async function runExchange(command: string, argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const { call, out } = io;
  if (command === 'qdpx' || command === 'qdc') {
    if (sub === 'import') {
      const [input, given] = args2(rest, `${command} import needs IN and PROJECT`);
      const file = path.resolve(input);
      if (!fs.existsSync(file)) throw new CliUsageError(`${input} does not exist`);
      const project = io.projectPath(given);
      const exists = fs.existsSync(project);
      let summary: ExchangeSummary;
      if (command === 'qdpx') {
        if (exists) await call('project.open', { path: project });
        summary = await call(
          'qdpx.import',
          exists
            ? { path: file, mode: 'merge' }
            : { path: file, mode: 'new', newProjectPath: project },
        );
      } else {
        await call(exists ? 'project.open' : 'project.create', { path: project });
        try {
          summary = await call('qdc.import', { path: file });
        } catch (e) {
          if (!exists) {
            // A codebook that did not come in leaves no empty project behind.
            await call('project.close', {});
            for (const f of [project, `${project}-wal`, `${project}-shm`])
              fs.rmSync(f, { force: true });
          }
          throw e;
        }
      }
      out(readableSummary(summary));
      return 0;
    }
    if (sub === 'export') {
      const [given, outFile] = args2(rest, `${command} export needs PROJECT and OUT`);
      await call('project.open', { path: io.projectPath(given) });
      const target = path.resolve(outFile);
      if (!fs.existsSync(path.dirname(target)))
        throw new CliUsageError(`the folder ${path.dirname(target)} does not exist`);
      const r = await call(command === 'qdpx' ? 'qdpx.export' : 'qdc.export', { path: target });
      out(`Wrote ${target} (${plural(r.bytes, 'byte')})\n`);
      for (const w of r.warnings) out(`  note: ${w}\n`);
      return 0;
    }
    throw new CliUsageError(`${command} needs import or export`);
  }
  // report codebook|excerpts PROJECT --format F [--code NAME]... OUT
  if (sub !== 'codebook' && sub !== 'excerpts')
    throw new CliUsageError('report needs codebook or excerpts');
  const positional: string[] = [];
  const codes: string[] = [];
  let format: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--format' || a.startsWith('--format=')) {
      format = a === '--format' ? rest[++i] : a.slice('--format='.length);
    } else if (a === '--code' || a.startsWith('--code=')) {
      const v = a === '--code' ? rest[++i] : a.slice('--code='.length);
      if (!v?.trim()) throw new CliUsageError('--code needs a code NAME');
      codes.push(v);
    } else if (a.startsWith('--')) throw new CliUsageError(`unknown option "${a}" for report`);
    else positional.push(a);
  }
  if (positional.length !== 2) throw new CliUsageError(`report ${sub} needs PROJECT and OUT`);
  const allowed = sub === 'codebook' ? ['docx', 'xlsx', 'csv', 'md'] : ['docx', 'xlsx', 'csv'];
  if (!format || !allowed.includes(format))
    throw new CliUsageError(`report ${sub} needs --format ${allowed.join('|')}`);
  if (sub === 'codebook' && codes.length) throw new CliUsageError('--code is for excerpts');
  await call('project.open', { path: io.projectPath(positional[0]!) });
  let file: ExportedFile;
  if (sub === 'codebook') {
    file = await call('reports.codebook', { format: format as 'docx' | 'xlsx' | 'csv' | 'md' });
  } else {
    const codeIds = await Promise.all(codes.map((c) => io.findCodeId(c)));
    file = await call('reports.excerpts', {
      format: format as 'docx' | 'xlsx' | 'csv',
      filter: codeIds.length ? { codeIds, includeChildren: true } : {},
    });
  }
  const target = path.resolve(positional[1]!);
  writeWhole(target, Buffer.from(file.base64, 'base64'));
  out(`Wrote the ${sub} report to ${target}\n`);
  return 0;
}
