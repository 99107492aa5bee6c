// Builds better-sqlite3 for Electron's ABI into .native/electron/, leaving node_modules (Node's
// build, used by tests, the CLI and browser mode) untouched. Used by `npm start` and `npm run dist`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { electronBindingDir } from './native-paths.js';

const require = createRequire(import.meta.url);

function electronVersion(appRoot: string): string {
  const pkg = JSON.parse(
    fs.readFileSync(path.join(appRoot, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ) as { version: string };
  return pkg.version;
}

function nodeGypScript(): string | undefined {
  const npmDirs = [path.join('..', 'lib', 'node_modules', 'npm'), path.join('node_modules', 'npm')];
  const candidates = [
    process.env.npm_config_node_gyp,
    ...npmDirs.map((d) =>
      path.join(
        path.dirname(process.execPath),
        d,
        'node_modules',
        'node-gyp',
        'bin',
        'node-gyp.js',
      ),
    ),
  ];
  return candidates.find((c): c is string => !!c && fs.existsSync(c));
}

/** Returns the path of the Electron build, building it when missing or stale. Throws on failure. */
export function ensureElectronBinding(
  appRoot: string,
  log: (s: string) => void = console.log,
): string {
  const version = electronVersion(appRoot);
  const outDir = electronBindingDir(appRoot);
  const out = path.join(outDir, 'better_sqlite3.node');
  const stamp = path.join(outDir, 'electron-version.txt');
  if (
    fs.existsSync(out) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8').trim() === version
  )
    return out;

  const pkgDir = path.dirname(require.resolve('better-sqlite3/package.json', { paths: [appRoot] }));
  const work = path.join(appRoot, '.native', 'work');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(pkgDir, work, {
    recursive: true,
    filter: (src) =>
      !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
  });
  log(`Building the database engine for Electron ${version} (once; this takes a minute)…`);

  const env = {
    ...process.env,
    npm_config_runtime: 'electron',
    npm_config_target: version,
    npm_config_disturl: 'https://electronjs.org/headers',
  };
  const prebuild = path.join(
    path.dirname(require.resolve('prebuild-install/package.json', { paths: [pkgDir] })),
    'bin.js',
  );
  let ok =
    spawnSync(process.execPath, [prebuild, '--runtime', 'electron', '--target', version], {
      cwd: work,
      stdio: 'inherit',
      env,
    }).status === 0;
  if (!ok) {
    const gyp = nodeGypScript();
    if (!gyp)
      throw new Error('node-gyp was not found, so better-sqlite3 cannot be built for Electron.');
    ok =
      spawnSync(
        process.execPath,
        [
          gyp,
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${version}`,
          '--dist-url=https://electronjs.org/headers',
        ],
        {
          cwd: work,
          stdio: 'inherit',
          env,
        },
      ).status === 0;
  }
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!ok || !fs.existsSync(built))
    throw new Error(`Could not build better-sqlite3 for Electron ${version}.`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(built, out);
  fs.writeFileSync(stamp, version);
  fs.rmSync(work, { recursive: true, force: true });
  return out;
}

if (process.argv[1] && /native\.(js|ts)$/.test(process.argv[1]) && process.argv[2] === 'electron') {
  const appRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
  try {
    console.log(`Electron database engine: ${ensureElectronBinding(appRoot)}`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
