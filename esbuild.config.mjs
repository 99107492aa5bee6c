// Bundles the Node/Electron side into dist/electron (the renderer is built by Vite).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Native or worker-spawning packages load from node_modules at run time.
  external: [
    'electron',
    'better-sqlite3',
    'pdfjs-dist',
    'mammoth',
    'read-excel-file',
    'write-excel-file',
  ],
};
const esm = {
  ...common,
  format: 'esm',
  banner: {
    js: "import { createRequire as __weftRequire } from 'node:module'; const require = __weftRequire(import.meta.url);",
  },
};

await Promise.all([
  build({
    ...common,
    format: 'cjs',
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
  }),
  build({
    ...common,
    format: 'cjs',
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
  }),
  build({
    ...esm,
    entryPoints: ['electron/host/db-worker.ts'],
    outfile: 'dist/electron/db-worker.js',
  }),
  build({ ...esm, entryPoints: ['electron/launch.ts'], outfile: 'dist/electron/launch.js' }),
  build({ ...esm, entryPoints: ['electron/native.ts'], outfile: 'dist/electron/native.js' }),
  build({
    ...esm,
    entryPoints: ['electron/cli.ts'],
    outfile: 'dist/electron/cli.js',
    banner: { js: `#!/usr/bin/env node\n${esm.banner.js}` },
  }),
  build({ ...esm, entryPoints: ['tests/bench/run.ts'], outfile: 'dist/electron/bench.js' }),
]);
chmodSync('dist/electron/cli.js', 0o755);
