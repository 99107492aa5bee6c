import { execFileSync } from 'node:child_process';

/** Handlers run on a worker thread loaded from dist/, so the Node side is bundled first (~1 s). */
export default function setup(): void {
  execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
}
