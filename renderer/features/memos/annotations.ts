import { create } from 'zustand';
import type { Annotation } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { reportError } from '../../ui/notices';

/** Annotations of the source in the reader (the reader paints them; the memos view lists all). */
interface AnnotationState {
  sourceId: number | null;
  items: Annotation[];
  loadSource(sourceId: number | null): Promise<void>;
  create(input: { sourceId: number; start: number; end: number; body: string }): Promise<boolean>;
  reset(): void;
}

export const useAnnotations = create<AnnotationState>((set, get) => ({
  sourceId: null,
  items: [],
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
  async create(input) {
    try {
      await call('annotations.create', input);
      await get().loadSource(get().sourceId);
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },
  reset() {
    set({ sourceId: null, items: [] });
  },
}));
