// The `weft` command: the same contract and handlers as the app, run headless in-process.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newSession, type Ctx } from './api/context.js';
import type { Envelope, Input, Method, Output } from './api/contract.js';
import { dispatch } from './api/dispatch.js';
import { closeSession, withWeftExtension } from './api/handlers/project.js';
import { readTextFile } from './api/handlers/sources.js';
import { buildDemoProject } from './api/demo.js';
import { resolveEnv } from './host/env.js';

const USAGE = `Usage:
  weft import PROJECT FILE...   import .txt/.md files as sources (creates PROJECT if absent)
  weft demo PROJECT             write the fictional demo study to a new project file
  weft stats PROJECT            print counts as JSON
  weft --help | --version`;

class CliError extends Error {}

export function runCli(
  argv: string[],
  appRoot: string,
  out: (s: string) => void = (s) => process.stdout.write(s),
): number {
  const env = resolveEnv(appRoot, { remember: false });
  const ctx: Ctx = { env, session: newSession(), emit: () => undefined };
  const call = <M extends Method>(method: M, input: Input<M>): Output<M> => {
    const r = dispatch(ctx, method, input) as Envelope<Output<M>>;
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
        call('project.open', { path: project });
        out(`${JSON.stringify(call('project.stats', {}))}\n`);
        return 0;
      }
      case 'demo': {
        const project = projectPath(one(rest, 'demo needs exactly one PROJECT'));
        if (fs.existsSync(project))
          throw new CliError(`${project} already exists; choose a new file name.`);
        buildDemoProject(project, env.fixturesDir);
        call('project.open', { path: project });
        out(`Wrote the demo study to ${project}: ${JSON.stringify(call('project.stats', {}))}\n`);
        return 0;
      }
      case 'import': {
        const [given, ...files] = rest;
        if (!given || files.length === 0)
          throw new CliError('import needs a PROJECT and at least one FILE');
        const project = projectPath(given);
        // Read every file before touching the project: one bad file changes nothing.
        const contents = files.map((f) => ({ name: path.basename(f), content: readTextFile(f) }));
        const exists = fs.existsSync(project);
        call(exists ? 'project.open' : 'project.create', { path: project });
        const result = call('sources.import', { files: contents });
        for (const s of result.imported)
          out(`imported ${s.name} (${s.length.toLocaleString('en')} characters)\n`);
        for (const e of result.errors) process.stderr.write(`weft: ${e.name}: ${e.message}\n`);
        return result.errors.length ? 1 : 0;
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
  process.exitCode = runCli(process.argv.slice(2), path.resolve(path.dirname(self), '..', '..'));
}
