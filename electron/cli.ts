// The `weft` command: the same contract and handlers as the app, run headless in-process.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newSession, type Ctx } from './api/context.js';
import type { Code, Envelope, Input, Method, Output } from './api/contract.js';
import { dispatch } from './api/dispatch.js';
import { closeSession, withWeftExtension } from './api/handlers/project.js';
import { expandPaths, importOneFile } from './api/import-job.js';
import { buildDemoProject } from './api/demo.js';
import { resolveEnv } from './host/env.js';
import { EXCHANGE_USAGE, runExchange, writeWhole } from './cli-exchange.js';

class CliError extends Error {}

const USAGE = `Usage:
  weft import PROJECT PATH...   import files or folders (.txt .md .docx .pdf .vtt .srt .html);
                                creates PROJECT if absent; prints a result per file
  weft demo PROJECT             write the fictional demo study to a new project file
  weft stats PROJECT            print counts as JSON
  weft excerpts PROJECT [--code NAME] [--json]
                                print every coding (or one code's) with its words and
                                attribution; --json: an array of {source, code, codePath,
                                coder, start, end, text, attribution}; NAME may be a path
                                like "Belonging/Trust"
  weft cmoc export PROJECT --format docx|md|csv|html [--quotes] OUT
                                write the CMOC table (grouped by theme) to OUT; --quotes:
                                each part followed by its supporting quotes and attributions
${EXCHANGE_USAGE}
  weft --help | --version`;

export async function runCli(
  argv: string[],
  appRoot: string,
  out: (s: string) => void = (s) => process.stdout.write(s),
): Promise<number> {
  const env = resolveEnv(appRoot, { remember: false });
  const ctx: Ctx = { env, session: newSession(), emit: () => undefined };
  const call = async <M extends Method>(method: M, input: Input<M>): Promise<Output<M>> => {
    const r = (await dispatch(ctx, method, input)) as Envelope<Output<M>>;
    if (!r.ok) throw new CliError(r.error.message);
    return r.value;
  };
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case '--version':
      case '-v':
        out(`${env.version}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        out(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      case 'stats': {
        const project = projectPath(one(rest, 'stats needs exactly one PROJECT'));
        await call('project.open', { path: project });
        out(`${JSON.stringify(await call('project.stats', {}))}\n`);
        return 0;
      }
      case 'demo': {
        const project = projectPath(one(rest, 'demo needs exactly one PROJECT'));
        if (fs.existsSync(project))
          throw new CliError(`${project} already exists; choose a new file name.`);
        buildDemoProject(project, env.fixturesDir);
        await call('project.open', { path: project });
        out(
          `Wrote the demo study to ${project}: ${JSON.stringify(await call('project.stats', {}))}\n`,
        );
        return 0;
      }
      case 'excerpts': {
        const { project, code, json } = excerptArgs(rest);
        await call('project.open', { path: projectPath(project) });
        const codes = await call('codes.list', {});
        const chosen = code === undefined ? codes : [findCode(codes, code)];
        const rows: ExcerptRow[] = [];
        for (const c of chosen) {
          for (const e of await call('excerpts.forCode', { codeId: c.id, context: 0 })) {
            rows.push({
              source: e.sourceName,
              code: e.codeName,
              codePath: codePath(codes, c),
              coder: e.coder,
              start: e.start,
              end: e.end,
              text: e.text,
              attribution: e.attribution,
            });
          }
        }
        out(json ? `${JSON.stringify(rows, null, 2)}\n` : readableExcerpts(rows));
        return 0;
      }
      case 'cmoc': {
        const { project, format, quotes, outFile } = cmocExportArgs(rest);
        await call('project.open', { path: projectPath(project) });
        const file = await call('cmocs.export', { format, quotes });
        writeWhole(outFile, Buffer.from(file.base64, 'base64'));
        out(`Wrote the CMOC table to ${outFile}\n`);
        return 0;
      }
      case 'import': {
        const [given, ...files] = rest;
        if (!given || files.length === 0)
          throw new CliError('import needs a PROJECT and at least one FILE');
        const project = projectPath(given);
        // A path that does not exist is a bad argument: stop before touching the project.
        const paths = expandPaths(files);
        const exists = fs.existsSync(project);
        await call(exists ? 'project.open' : 'project.create', { path: project });
        let imported = 0;
        for (const [i, p] of paths.entries()) {
          const r = await importOneFile(ctx, ctx.session.db!, p);
          const count = `[${i + 1}/${paths.length}]`;
          if (r.ok) {
            imported++;
            out(`${count} imported ${r.name} as "${r.sourceName}"\n`);
            for (const w of r.warnings ?? []) out(`    note: ${w}\n`);
          } else process.stderr.write(`weft: ${count} ${r.name}: ${r.message}\n`);
        }
        if (!imported && !exists) {
          closeSession(ctx); // nothing came in: leave no empty project behind
          for (const f of [project, `${project}-wal`, `${project}-shm`])
            fs.rmSync(f, { force: true });
        }
        return imported === paths.length ? 0 : 1;
      }
      case 'qdpx':
      case 'qdc':
      case 'report': {
        return await runExchange(command, rest, {
          call,
          out,
          projectPath,
          findCodeId: async (given) => findCode(await call('codes.list', {}), given).id,
        });
      }
      default:
        throw new CliError(`unknown command "${command}"\n${USAGE}`);
    }
  } catch (e) {
    process.stderr.write(`weft: ${(e as Error).message}\n`);
    return 1;
  } finally {
    closeSession(ctx);
  }
}

interface ExcerptRow {
  source: string;
  code: string;
  codePath: string;
  coder: string;
  start: number;
  end: number;
  text: string;
  attribution: string;
}

function excerptArgs(args: string[]): { project: string; code?: string; json: boolean } {
  const positional: string[] = [];
  let code: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--code' || a.startsWith('--code=')) {
      const value = a === '--code' ? args[++i] : a.slice('--code='.length);
      if (!value?.trim()) throw new CliError('--code needs a code NAME');
      if (code !== undefined) throw new CliError('give --code once');
      code = value;
    } else if (a.startsWith('--')) throw new CliError(`unknown option "${a}" for excerpts`);
    else positional.push(a);
  }
  if (positional.length !== 1 || !positional[0])
    throw new CliError('excerpts needs exactly one PROJECT');
  return { project: positional[0], code, json };
}

const CMOC_FORMATS = ['docx', 'md', 'csv', 'html'] as const;
type CmocFormat = (typeof CMOC_FORMATS)[number];

function cmocExportArgs(args: string[]): {
  project: string;
  format: CmocFormat;
  quotes: boolean;
  outFile: string;
} {
  const [sub, ...rest] = args;
  if (sub !== 'export')
    throw new CliError(`cmoc needs a subcommand: weft cmoc export PROJECT --format FORMAT OUT`);
  const positional: string[] = [];
  let format: string | undefined;
  let quotes = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--quotes') quotes = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const value = a === '--format' ? rest[++i] : a.slice('--format='.length);
      if (format !== undefined) throw new CliError('give --format once');
      format = value ?? '';
    } else if (a.startsWith('--')) throw new CliError(`unknown option "${a}" for cmoc export`);
    else positional.push(a);
  }
  if (format === undefined) throw new CliError('cmoc export needs --format docx|md|csv|html');
  if (!(CMOC_FORMATS as readonly string[]).includes(format))
    throw new CliError(`unknown format "${format}": use docx, md, csv or html`);
  if (positional.length !== 2 || !positional[0] || !positional[1])
    throw new CliError('cmoc export needs a PROJECT and an OUT file');
  return {
    project: positional[0],
    format: format as CmocFormat,
    quotes,
    outFile: path.resolve(positional[1]),
  };
}

/** Names from the top of the codebook down to the code, joined by '/': "Belonging/Trust". */
function codePath(codes: Code[], code: Code): string {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const names = [code.name];
  const seen = new Set([code.id]);
  for (let p = code.parentId; p !== null && !seen.has(p);) {
    const parent = byId.get(p);
    if (!parent) break;
    names.unshift(parent.name);
    seen.add(p);
    p = parent.parentId;
  }
  return names.join('/');
}

/**
 * The code a user named: by its name or its path ("Belonging/Trust"), ignoring case and spaces
 * around the slashes. A name several codes share must be given as a path.
 */
function findCode(codes: Code[], given: string): Code {
  const norm = (s: string) =>
    s
      .split('/')
      .map((p) => p.trim().toLocaleLowerCase())
      .join('/');
  const want = norm(given);
  const byName = codes.filter(
    (c) => c.name.trim().toLocaleLowerCase() === given.trim().toLocaleLowerCase(),
  );
  const byPath = codes.filter((c) => norm(codePath(codes, c)) === want);
  const found = byPath.length === 1 ? byPath : byName;
  if (found.length === 1) return found[0]!;
  if (found.length > 1)
    throw new CliError(
      `several codes are called "${given}": ${found.map((c) => codePath(codes, c)).join(', ')}; give its path`,
    );
  throw new CliError(`no code called "${given}" in this project`);
}

function readableExcerpts(rows: ExcerptRow[]): string {
  if (!rows.length) return 'No codings.\n';
  const lines: string[] = [];
  let current: string | null = null;
  for (const r of rows) {
    if (r.codePath !== current) {
      current = r.codePath;
      const n = rows.filter((x) => x.codePath === current).length;
      lines.push(`${lines.length ? '\n' : ''}${current} (${n} ${n === 1 ? 'coding' : 'codings'})`);
    }
    lines.push(`  “${r.text.replace(/\s+/g, ' ').trim()}” ${r.attribution}`);
    lines.push(`    ${r.source} [${r.start}–${r.end}], coded by ${r.coder}`);
  }
  return `${lines.join('\n')}\n`;
}

/** PROJECT as the user named it if that file exists, else with .weft added, as the app saves it. */
function projectPath(given: string): string {
  const abs = path.resolve(given);
  return fs.existsSync(abs) ? abs : path.resolve(withWeftExtension(given));
}

function one(args: string[], message: string): string {
  if (args.length !== 1 || !args[0]) throw new CliError(message);
  return args[0];
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] && fs.realpathSync(process.argv[1]) === self) {
  // `weft excerpts P | head`: the reader went away; that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  void runCli(process.argv.slice(2), path.resolve(path.dirname(self), '..', '..')).then((code) => {
    process.exitCode = code;
  });
}
