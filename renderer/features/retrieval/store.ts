import { create } from 'zustand';
import type { Excerpt } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { reportError } from '../../ui/notices';

interface RetrievalState {
  /** The code whose excerpts the middle pane lists, when it is not showing a source. */
  codeId: number | null;
  excerpts: Excerpt[];
  showCode(codeId: number | null): Promise<void>;
  reset(): void;
}

export const useRetrieval = create<RetrievalState>((set, get) => ({
  codeId: null,
  excerpts: [],
  async showCode(codeId) {
    set({ codeId, excerpts: codeId === get().codeId ? get().excerpts : [] });
    if (codeId === null) return;
    try {
      const excerpts = await call('excerpts.forCode', { codeId });
      if (get().codeId === codeId) set({ excerpts });
    } catch (e) {
      reportError(e);
    }
  },
  reset() {
    set({ codeId: null, excerpts: [] });
  },
}));
