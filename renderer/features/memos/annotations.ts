import { create } from 'zustand';
import type { Annotation } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { reportError } from '../../ui/notices';

/**
 * Annotations: those of the source in the reader (the reader paints them) and, for the memos
 * view, every annotation matching its search.
 */
interface AnnotationState {
  sourceId: number | null;
  items: Annotation[];
  /** The memos view's list (every source), for `query`; null until loaded. */
  all: Annotation[] | null;
  query: string;
  loadSource(sourceId: number | null): Promise<void>;
  loadAll(query?: string): Promise<void>;
  create(input: { sourceId: number; start: number; end: number; body: string }): Promise<boolean>;
  /** The annotation as saved, or null when it could not be. */
  update(id: number, body: string): Promise<Annotation | null>;
  remove(id: number): Promise<boolean>;
  reset(): void;
}

let allRequest = 0;

export const useAnnotations = create<AnnotationState>((set, get) => {
  /** After a change, both lists read again (the reader's and, once shown, the memos view's). */
  const refresh = async () => {
    await Promise.all([
      get().loadSource(get().sourceId),
      get().all === null ? Promise.resolve() : get().loadAll(get().query),
    ]);
  };
  return {
    sourceId: null,
    items: [],
    all: null,
    query: '',
    async loadSource(sourceId) {
      if (sourceId !== get().sourceId) set({ sourceId, items: [] });
      if (sourceId === null) return;
      try {
        const items = await call('annotations.list', { sourceId });
        if (get().sourceId === sourceId) set({ items });
      } catch (e) {
        reportError(e);
      }
    },
    async loadAll(query = get().query) {
      const n = ++allRequest;
      set({ query });
      try {
        const q = query.trim();
        const all = await call('annotations.list', q ? { query: q } : {});
        if (n === allRequest) set({ all });
      } catch (e) {
        reportError(e);
      }
    },
    async create(input) {
      try {
        await call('annotations.create', input);
        await refresh();
        return true;
      } catch (e) {
        reportError(e);
        return false;
      }
    },
    async update(id, body) {
      try {
        const saved = await call('annotations.update', { id, body });
        await refresh();
        return saved;
      } catch (e) {
        reportError(e);
        return null;
      }
    },
    async remove(id) {
      try {
        await call('annotations.delete', { id });
        await refresh();
        return true;
      } catch (e) {
        reportError(e);
        return false;
      }
    },
    reset() {
      allRequest++;
      set({ sourceId: null, items: [], all: null, query: '' });
    },
  };
});
