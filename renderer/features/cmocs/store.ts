import { create } from 'zustand';
import type {
  Cmoc,
  CmocDetail,
  CmocHistoryEntry,
  Concept,
  ExportFormat,
} from '../../../electron/api/contract';
import { call, onEvent } from '../../lib/api';
import { reportError } from '../../ui/notices';
import { downloadBase64 } from '../cases/download';
import type { CmocFields, CmocPart, CmocProvenance, CmocStatus, Column, SortKey } from './model';

export interface CmocFilter {
  /** null: CMOCs with no theme. */
  conceptId?: number | null;
  status?: CmocStatus;
  provenance?: CmocProvenance;
}

/** What the side panel shows for the selected CMOC. */
export type Panel = { kind: 'editor' } | { kind: 'history' } | { kind: 'evidence'; column: Column };

interface CmocsState {
  byId: Record<number, Cmoc>;
  /** The table's CMOCs as filtered (the view groups and sorts them). */
  order: number[];
  concepts: Concept[];
  loaded: boolean;
  filter: CmocFilter;
  sort: SortKey;
  selectedId: number | null;
  /** The selected CMOC with its evidence. */
  detail: CmocDetail | null;
  panel: Panel;
  history: CmocHistoryEntry[] | null;
  load(): Promise<void>;
  loadConcepts(): Promise<void>;
  setFilter(filter: CmocFilter): Promise<void>;
  setSort(sort: SortKey): void;
  select(id: number | null, panel?: Panel): void;
  showPanel(panel: Panel): void;
  loadDetail(id: number): Promise<void>;
  loadHistory(id: number): Promise<void>;
  /** Every CMOC, unfiltered (for choosing one to add evidence to). */
  listAll(): Promise<Cmoc[]>;
  create(fields: Partial<CmocFields>): Promise<CmocDetail | null>;
  /** Saves fields; answers the backend's message when it refuses (reported unless `quiet`). */
  update(
    id: number,
    patch: Partial<CmocFields>,
    opts?: { reason?: string; quiet?: boolean },
  ): Promise<string | null>;
  remove(id: number): Promise<boolean>;
  addEvidence(input: {
    cmocId?: number;
    newCmoc?: { title: string; conceptId: number | null };
    part: CmocPart;
    sourceId: number;
    start: number;
    end: number;
    codingId?: number;
  }): Promise<CmocDetail | null>;
  removeEvidence(evidenceId: number): Promise<boolean>;
  exportTable(format: ExportFormat, quotes: boolean): Promise<boolean>;
  reset(): void;
}

let listRequest = 0;
let detailRequest = 0;

const initial = {
  byId: {},
  order: [],
  concepts: [],
  loaded: false,
  filter: {},
  sort: 'title' as SortKey,
  selectedId: null,
  detail: null,
  panel: { kind: 'editor' } as Panel,
  history: null,
};

/** The list row of a detail (the table does not keep every CMOC's quotes). */
function rowOf(d: CmocDetail): Cmoc {
  const { evidenceItems: _items, ...row } = d;
  return row;
}

export const useCmocs = create<CmocsState>((set, get) => {
  /** A CMOC as the backend answered after a change: in the table and, if open, the panel. */
  const took = (d: CmocDetail) => {
    const { byId, order, selectedId, panel } = get();
    set({
      byId: { ...byId, [d.id]: rowOf(d) },
      order: order.includes(d.id) ? order : [...order, d.id],
      ...(selectedId === d.id ? { detail: d } : {}),
    });
    if (selectedId === d.id && panel.kind === 'history') void get().loadHistory(d.id);
  };

  return {
    ...initial,
    async load() {
      const n = ++listRequest;
      const { filter } = get();
      try {
        const list = await call('cmocs.list', filter);
        if (n !== listRequest) return;
        set({
          byId: Object.fromEntries(list.map((c) => [c.id, c])),
          order: list.map((c) => c.id),
          loaded: true,
        });
        const id = get().selectedId;
        if (id !== null) void get().loadDetail(id);
      } catch (e) {
        reportError(e);
      }
    },
    async loadConcepts() {
      try {
        set({ concepts: await call('concepts.list', {}) });
      } catch (e) {
        reportError(e);
      }
    },
    async setFilter(filter) {
      set({ filter });
      await get().load();
    },
    setSort(sort) {
      set({ sort });
    },
    select(id, panel) {
      const was = get().selectedId;
      set({
        selectedId: id,
        panel: panel ?? (id === was ? get().panel : { kind: 'editor' }),
        ...(id !== was ? { detail: null, history: null } : {}),
      });
      if (id !== null) {
        void get().loadDetail(id);
        if (get().panel.kind === 'history') void get().loadHistory(id);
      }
    },
    showPanel(panel) {
      set({ panel });
      const id = get().selectedId;
      if (panel.kind === 'history' && id !== null) void get().loadHistory(id);
    },
    async loadDetail(id) {
      const n = ++detailRequest;
      try {
        const d = await call('cmocs.get', { id });
        if (n === detailRequest && get().selectedId === id) set({ detail: d });
      } catch (e) {
        // Deleted elsewhere: nothing to show any more.
        if (get().selectedId === id) set({ selectedId: null, detail: null, history: null });
        reportError(e);
      }
    },
    async loadHistory(id) {
      try {
        const history = await call('cmocs.history', { id });
        if (get().selectedId === id) set({ history });
      } catch (e) {
        reportError(e);
      }
    },
    async listAll() {
      try {
        return await call('cmocs.list', {});
      } catch (e) {
        reportError(e);
        return [];
      }
    },
    async create(fields) {
      try {
        const d = await call('cmocs.create', fields);
        took(d);
        return d;
      } catch (e) {
        reportError(e);
        return null;
      }
    },
    async update(id, patch, opts = {}) {
      try {
        const d = await call('cmocs.update', {
          id,
          ...patch,
          ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
        });
        took(d);
        return null;
      } catch (e) {
        if (!opts.quiet) reportError(e);
        return e instanceof Error ? e.message : String(e);
      }
    },
    async remove(id) {
      try {
        await call('cmocs.delete', { id });
        const { [id]: _gone, ...byId } = get().byId;
        set({
          byId,
          order: get().order.filter((x) => x !== id),
          ...(get().selectedId === id ? { selectedId: null, detail: null, history: null } : {}),
        });
        return true;
      } catch (e) {
        reportError(e);
        return false;
      }
    },
    async addEvidence(input) {
      try {
        const d = await call('cmocs.addEvidence', input);
        if (get().loaded) took(d);
        return d;
      } catch (e) {
        reportError(e);
        return null;
      }
    },
    async removeEvidence(evidenceId) {
      try {
        took(await call('cmocs.removeEvidence', { id: evidenceId }));
        return true;
      } catch (e) {
        reportError(e);
        return false;
      }
    },
    async exportTable(format, quotes) {
      const { conceptId, status } = get().filter;
      try {
        const f = await call('cmocs.export', {
          format,
          quotes,
          // The export follows the table's filter where the export can (a theme, a status).
          ...(typeof conceptId === 'number' ? { conceptId } : {}),
          ...(status ? { status } : {}),
        });
        downloadBase64(f.fileName, f.mime, f.base64);
        return true;
      } catch (e) {
        reportError(e);
        return false;
      }
    },
    reset() {
      listRequest++;
      detailRequest++;
      set({ ...initial });
    },
  };
});

/** The table's rows, in the backend's order (the view groups and sorts them). */
export const selectCmocList = (s: CmocsState): Cmoc[] =>
  s.order.map((id) => s.byId[id]).filter((c): c is Cmoc => c !== undefined);

/**
 * Keeps the CMOC store in step with changes made elsewhere: CMOCs and concepts themselves, and
 * deleted sources and codings (which flag the evidence they held).
 */
export function followCmocs(): () => void {
  return onEvent('project.changed', ({ what }) => {
    const s = useCmocs.getState();
    if (what === 'concepts') {
      void s.loadConcepts();
      if (s.loaded) void s.load();
    } else if (what === 'cmocs' || what === 'sources' || what === 'codings') {
      if (s.loaded) void s.load();
    }
  });
}
