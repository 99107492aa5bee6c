import { create } from 'zustand';
import type { ImportFileResult, ImportProgress } from '../../../electron/api/contract';
import { bridge, call, onEvent, uploadFile } from '../../lib/api';
import { reportError } from '../../ui/notices';
import { useSources } from '../sources/store';

export interface ImportState {
  /** null when no import is showing. */
  phase: 'uploading' | 'importing' | 'finished' | null;
  jobId: string | null;
  total: number;
  done: number;
  current: string | null;
  results: ImportFileResult[];
  cancelled: boolean;
  /** Results that came before the job (files that failed to upload). */
  before: number;
  fromFiles(files: File[]): Promise<void>;
  fromPaths(paths: string[], names?: string[], earlier?: ImportFileResult[]): Promise<void>;
  cancel(): Promise<void>;
  dismiss(): void;
}

let uploadAbort: AbortController | null = null;

export const useImport = create<ImportState>((set, get) => ({
  phase: null,
  jobId: null,
  total: 0,
  done: 0,
  current: null,
  results: [],
  cancelled: false,
  before: 0,
  async fromFiles(files) {
    if (!files.length) return;
    if (bridge.mode === 'electron' && bridge.pathForFile) {
      return get().fromPaths(files.map((f) => bridge.pathForFile!(f)));
    }
    // Browser mode: copy each file to the background process first (counted as progress).
    uploadAbort = new AbortController();
    set({
      phase: 'uploading',
      jobId: null,
      total: files.length,
      done: 0,
      current: files[0]?.name ?? null,
      results: [],
      cancelled: false,
    });
    const paths: string[] = [];
    const names: string[] = [];
    const results: ImportFileResult[] = [];
    for (const f of files) {
      if (get().cancelled) break;
      set({ current: f.name });
      try {
        const up = await uploadFile(f, uploadAbort.signal);
        paths.push(up.path);
        names.push(f.name);
      } catch (e) {
        if (get().cancelled) break;
        results.push({
          name: f.name,
          ok: false,
          message: e instanceof Error ? e.message : String(e),
        });
      }
      set({ done: get().done + 1, results: [...results] });
    }
    if (get().cancelled) return set({ phase: 'finished', current: null });
    if (!paths.length) return set({ phase: 'finished', current: null });
    await get().fromPaths(paths, names, results);
  },
  async fromPaths(paths, names, earlier: ImportFileResult[] = []) {
    early = [];
    set({
      phase: 'importing',
      jobId: null,
      done: 0,
      total: paths.length,
      current: names?.[0] ?? null,
      results: earlier,
      before: earlier.length,
      cancelled: false,
    });
    try {
      const { jobId, total } = await call('import.start', names ? { paths, names } : { paths });
      set({ jobId, total });
      replayEarly(jobId);
    } catch (e) {
      set({ phase: null });
      reportError(e);
    }
  },
  async cancel() {
    set({ cancelled: true });
    uploadAbort?.abort();
    const { jobId } = get();
    if (jobId) await call('import.cancel', { jobId }).catch(reportError);
  },
  dismiss() {
    set({
      phase: null,
      jobId: null,
      results: [],
      done: 0,
      total: 0,
      current: null,
      cancelled: false,
    });
  },
}));

/** Events that arrived before `import.start` answered with their job's id. */
let early: ImportProgress[] = [];

function apply(p: ImportProgress): void {
  const s = useImport.getState();
  // One slot per file, so an event seen twice or late never duplicates a result.
  const results = [...s.results];
  p.results.forEach((r, i) => (results[s.before + p.from + i] = r));
  useImport.setState({
    done: p.done,
    total: p.total,
    current: p.current,
    results,
    phase: p.finished ? 'finished' : 'importing',
    cancelled: p.cancelled || s.cancelled,
  });
  if (p.finished) {
    void useSources.getState().load();
    const first = results.find((r) => r?.ok && r.sourceId);
    if (first?.sourceId && useSources.getState().currentId === null)
      void useSources.getState().select(first.sourceId);
  }
}

/** Follows the background job's progress events. */
export function followImports(): () => void {
  return onEvent('import.progress', (p) => {
    const s = useImport.getState();
    if (s.jobId === null && s.phase === 'importing') early.push(p);
    else if (s.jobId === p.jobId) apply(p);
  });
}

/** Called once the job id is known: applies what came in before it, in order. */
function replayEarly(jobId: string): void {
  const mine = early.filter((p) => p.jobId === jobId);
  early = [];
  for (const p of mine) apply(p);
}
