import type { Ctx } from '../context.js';
import { requireDb } from '../context.js';
import { cancelImport, expandPaths, startImport } from '../import-job.js';

export const importHandlers = {
  /** Starts a background import; progress arrives as `import.progress` events. */
  'import.start': (ctx: Ctx, input: { paths: string[]; names?: string[] }) => {
    requireDb(ctx);
    const files = input.names
      ? input.paths.map((p, i) => ({ path: p, name: input.names![i] }))
      : expandPaths(input.paths).map((p) => ({ path: p }));
    const job = startImport(ctx, files);
    return { jobId: job.id, total: job.total };
  },
  'import.cancel': (_ctx: Ctx, input: { jobId: string }) => cancelImport(input.jobId),
};
