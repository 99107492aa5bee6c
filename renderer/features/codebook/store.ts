import { create } from 'zustand';
import type { Code } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { reportError } from '../../ui/notices';

interface CodebookState {
  byId: Record<number, Code>;
  order: number[];
  load(): Promise<void>;
  create(name: string): Promise<Code | null>;
  reset(): void;
}

export const selectCodes = (s: CodebookState) => s.order.map((id) => s.byId[id]!).filter(Boolean);

/** Depth of a code in the tree (0 for top level), for indenting the list. */
export function depthOf(byId: Record<number, Code>, code: Code): number {
  let d = 0;
  for (let p = code.parentId; p !== null && byId[p] && d < 50; p = byId[p]!.parentId) d++;
  return d;
}

export const useCodebook = create<CodebookState>((set) => ({
  byId: {},
  order: [],
  async load() {
    try {
      const codes = await call('codes.list', {});
      set({ byId: Object.fromEntries(codes.map((c) => [c.id, c])), order: codes.map((c) => c.id) });
    } catch (e) {
      reportError(e);
    }
  },
  async create(name) {
    try {
      return await call('codes.create', { name });
    } catch (e) {
      reportError(e);
      return null;
    }
  },
  reset() {
    set({ byId: {}, order: [] });
  },
}));
