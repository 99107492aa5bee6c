// The `weft` command: the same contract and handlers as the app, run headless in-process.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newSession, type Ctx } from './api/context.js';
import type { Envelope, Input, Method, Output } from './api/contract.js';
import { dispatch } from './api/dispatch.js';
import { closeSession, withWeftExtension } from './api/handlers/project.js';
import { expandPaths, importOneFile } from './api/import-job.js';
import { buildDemoProject } from './api/demo.js';
import { resolveEnv } from './host/env.js';

const USAGE = `Usage:
  weft import PROJECT PATH...   import files or folders (.txt .md .docx .pdf .vtt .srt .html);
                                creates PROJECT if absent; prints a result per file
  weft demo PROJECT             write the fictional demo study to a new project file
  weft stats PROJECT            print counts as JSON
  weft --help | --version`;

class CliError extends Error {}

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
  void runCli(process.argv.slice(2), path.resolve(path.dirname(self), '..', '..')).then((code) => {
    process.exitCode = code;
  });
}
