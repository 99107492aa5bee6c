import { create } from 'zustand';
import type { Source, SourceSummary } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { reportError } from '../../ui/notices';

interface SourcesState {
  byId: Record<number, SourceSummary>;
  order: number[];
  currentId: number | null;
  current: Source | null;
  /** The current source is open in the editor. */
  editing: boolean;
  setEditing(editing: boolean): void;
  /** Reads the current source again (after it was edited). */
  refreshCurrent(): Promise<void>;
  newNote(kind: 'fieldnote' | 'memo'): Promise<void>;
  load(): Promise<void>;
  select(id: number | null): Promise<void>;
  /** Deletes a source (after the prompt said what goes with it). */
  remove(id: number): Promise<void>;
  reset(): void;
}

export const selectSources = (s: SourcesState) => s.order.map((id) => s.byId[id]!).filter(Boolean);

export const useSources = create<SourcesState>((set, get) => ({
  byId: {},
  order: [],
  currentId: null,
  current: null,
  editing: false,
  setEditing(editing) {
    set({ editing });
  },
  async refreshCurrent() {
    const id = get().currentId;
    if (id === null) return;
    try {
      const current = await call('sources.get', { id });
      if (get().currentId === id) set({ current });
    } catch (e) {
      reportError(e);
    }
  },
  async newNote(kind) {
    const date = new Date().toLocaleDateString(undefined, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    try {
      const s = await call('sources.createNote', {
        name: `${kind === 'memo' ? 'Memo' : 'Fieldnote'} ${date}`,
        kind,
      });
      await get().load();
      set({ currentId: null, current: null });
      await get().select(s.id);
      set({ editing: true });
    } catch (e) {
      reportError(e);
    }
  },
  async load() {
    try {
      const list = await call('sources.list', {});
      set({ byId: Object.fromEntries(list.map((s) => [s.id, s])), order: list.map((s) => s.id) });
      const { currentId } = get();
      if (currentId !== null && !list.some((s) => s.id === currentId))
        set({ currentId: null, current: null });
    } catch (e) {
      reportError(e);
    }
  },
  async select(id) {
    if (id === null) return set({ currentId: null, current: null });
    if (get().currentId === id && get().current) return;
    set({ currentId: id, editing: false });
    try {
      const current = await call('sources.get', { id });
      if (get().currentId === id) set({ current });
    } catch (e) {
      reportError(e);
    }
  },
  async remove(id) {
    try {
      await call('sources.delete', { id });
      if (get().currentId === id) set({ currentId: null, current: null, editing: false });
      await get().load();
    } catch (e) {
      reportError(e);
    }
  },
  reset() {
    set({ byId: {}, order: [], currentId: null, current: null, editing: false });
  },
}));
