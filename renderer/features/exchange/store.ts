import { create } from 'zustand';
import type {
  ExchangeProgress,
  ExchangeSummary,
  ExportResult,
  ReportFilter,
} from '../../../electron/api/contract';
import { bridge, call, onEvent, uploadFile } from '../../lib/api';
import { notify, reportError } from '../../ui/notices';
import { downloadBase64 } from '../cases/download';
import { useProject } from '../project/store';

/** A case attribute and the values cases have for it, for the excerpts report's filter. */
export interface AttributeChoice {
  id: number;
  name: string;
  values: string[];
}

export interface ReportChoices {
  attributes: AttributeChoice[];
  coders: { id: number; name: string }[];
}

/** What the excerpts report can be filtered by, beyond codes and sources. */
export async function loadReportChoices(): Promise<ReportChoices> {
  const classifications = await call('classifications.list', {});
  const attributes: AttributeChoice[] = [];
  for (const c of classifications) {
    const grid = await call('grid.cases', { classificationId: c.id });
    for (const a of grid.attributes) {
      const values = new Set<string>();
      for (const r of grid.rows) {
        const v = r.values[a.id];
        if (v !== undefined && v !== '') values.add(String(v));
      }
      const name = classifications.length > 1 ? `${c.name}: ${a.name}` : a.name;
      attributes.push({ id: a.id, name, values: [...values].sort() });
    }
  }
  const coders = (await call('coders.list', {})).map((c) => ({ id: c.id, name: c.name }));
  return { attributes, coders };
}

export type ImportKind = 'qdpx-merge' | 'qdpx-new' | 'qdc';
export type CodebookFormat = 'docx' | 'xlsx' | 'csv' | 'md';
export type ExcerptFormat = 'docx' | 'xlsx' | 'csv';

interface ExchangeState {
  /** What is running now, shown with its progress; null when idle. */
  busy: string | null;
  progress: ExchangeProgress | null;
  /** The last import's summary, shown until dismissed. */
  summary: (ExchangeSummary & { title: string }) | null;
  /** The excerpts report dialog is open. */
  excerptsDialog: boolean;
  importFile(kind: ImportKind, file: File): Promise<void>;
  /** The desktop app's own file dialog; browser mode uses the page's file input instead. */
  importNative(kind: ImportKind): Promise<void>;
  exportProject(format: 'qdpx' | 'qdc'): Promise<void>;
  codebookReport(format: CodebookFormat): Promise<void>;
  excerptsReport(format: ExcerptFormat, filter: ReportFilter): Promise<void>;
  showExcerptsDialog(open: boolean): void;
  dismiss(): void;
}

const FILTERS: Record<ImportKind, { name: string; extensions: string[] }[]> = {
  'qdpx-merge': [{ name: 'REFI-QDA project', extensions: ['qdpx', 'qde'] }],
  'qdpx-new': [{ name: 'REFI-QDA project', extensions: ['qdpx', 'qde'] }],
  qdc: [{ name: 'REFI-QDA codebook', extensions: ['qdc'] }],
};

const TITLES: Record<ImportKind, string> = {
  'qdpx-merge': 'Imported into this project',
  'qdpx-new': 'Imported as a new project',
  qdc: 'Codebook imported',
};

onEvent('exchange.progress', (p) => {
  if (useExchange.getState().busy) useExchange.setState({ progress: p });
});

async function runImport(kind: ImportKind, path: string): Promise<void> {
  const summary =
    kind === 'qdc'
      ? await call('qdc.import', { path })
      : await call('qdpx.import', { path, mode: kind === 'qdpx-new' ? 'new' : 'merge' });
  if (kind === 'qdpx-new') await useProject.getState().open(summary.projectPath);
  else await useProject.getState().refresh();
  useExchange.setState({ summary: { ...summary, title: TITLES[kind] } });
}

async function busyWith(label: string, work: () => Promise<void>): Promise<void> {
  if (useExchange.getState().busy) return;
  useExchange.setState({ busy: label, progress: null });
  try {
    await work();
  } catch (e) {
    reportError(e);
  } finally {
    useExchange.setState({ busy: null, progress: null });
  }
}

function saved(r: ExportResult, what: string): void {
  if (r.file) downloadBase64(r.file.fileName, r.file.mime, r.file.base64);
  notify(r.path ? `${what} saved to ${r.path}` : `${what} exported`);
  for (const w of r.warnings) notify(w);
}

export const useExchange = create<ExchangeState>((set) => ({
  busy: null,
  progress: null,
  summary: null,
  excerptsDialog: false,
  importFile: (kind, file) =>
    busyWith(`Importing ${file.name}…`, async () => {
      const up = await uploadFile(file);
      await runImport(kind, up.path);
    }),
  importNative: async (kind) => {
    try {
      const path = await call('dialog.openFile', { filters: FILTERS[kind] });
      if (path)
        await busyWith(`Importing ${path.split(/[\\/]/).pop()}…`, () => runImport(kind, path));
    } catch (e) {
      reportError(e);
    }
  },
  exportProject: (format) =>
    busyWith(format === 'qdpx' ? 'Exporting the project…' : 'Exporting the codebook…', async () => {
      const method = format === 'qdpx' ? 'qdpx.export' : 'qdc.export';
      const what = format === 'qdpx' ? 'REFI-QDA project' : 'Codebook';
      let path: string | undefined;
      if (bridge.mode === 'electron') {
        const name = useProject.getState().project?.name ?? 'Weft';
        const chosen = await call('dialog.saveFile', {
          defaultName: `${name}.${format}`,
          filters: [{ name: what, extensions: [format] }],
        });
        if (!chosen) return;
        path = chosen;
      }
      saved(await call(method, path ? { path } : {}), what);
    }),
  codebookReport: (format) =>
    busyWith('Writing the codebook report…', async () => {
      const f = await call('reports.codebook', { format });
      downloadBase64(f.fileName, f.mime, f.base64);
      notify(`Codebook report written (${format.toUpperCase()})`);
    }),
  excerptsReport: (format, filter) =>
    busyWith('Writing the excerpts report…', async () => {
      const f = await call('reports.excerpts', { format, filter });
      downloadBase64(f.fileName, f.mime, f.base64);
      notify(`Excerpts report written (${format.toUpperCase()})`);
      set({ excerptsDialog: false });
    }),
  showExcerptsDialog: (open) => set({ excerptsDialog: open }),
  dismiss: () => set({ summary: null }),
}));
