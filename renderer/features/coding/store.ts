import { create } from 'zustand';
import type { Case, CaseOfSource, Coding } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { reportError } from '../../ui/notices';

export interface TextSelection {
  sourceId: number;
  start: number;
  end: number;
  text: string;
}

interface CodingState {
  /** Codings of the source in the reader. */
  sourceId: number | null;
  codings: Coding[];
  selection: TextSelection | null;
  /** A passage to scroll to and flash (an excerpt the user chose). */
  focus: { sourceId: number; start: number; end: number } | null;
  /** Cases the source in the reader belongs to (whole or by passages). */
  sourceCases: CaseOfSource[];
  /** Every case, for linking a passage to one. */
  allCases: Case[];
  loadCases(): Promise<void>;
  linkSelectionToCase(caseId: number): Promise<boolean>;
  loadSource(sourceId: number | null): Promise<void>;
  setSelection(sel: TextSelection | null): void;
  apply(target: { codeId: number } | { codeName: string }): Promise<boolean>;
  remove(codingId: number): Promise<void>;
  setFocus(f: CodingState['focus']): void;
  reset(): void;
}

export const useCoding = create<CodingState>((set, get) => ({
  sourceId: null,
  codings: [],
  selection: null,
  focus: null,
  sourceCases: [],
  allCases: [],
  async loadCases() {
    const sourceId = get().sourceId;
    try {
      const [allCases, sourceCases] = await Promise.all([
        call('cases.list', {}),
        sourceId === null ? Promise.resolve([]) : call('cases.ofSource', { sourceId }),
      ]);
      if (get().sourceId === sourceId) set({ allCases, sourceCases });
    } catch (e) {
      reportError(e);
    }
  },
  async linkSelectionToCase(caseId) {
    const sel = get().selection;
    if (!sel) return false;
    try {
      await call('cases.addPassage', {
        caseId,
        sourceId: sel.sourceId,
        start: sel.start,
        end: sel.end,
      });
      await get().loadCases();
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },
  async loadSource(sourceId) {
    if (sourceId === null) return set({ sourceId: null, codings: [] });
    if (get().sourceId !== sourceId) set({ sourceId, codings: [], sourceCases: [] });
    void get().loadCases();
    try {
      const codings = await call('codings.forSource', { sourceId });
      if (get().sourceId === sourceId) set({ codings });
    } catch (e) {
      reportError(e);
    }
  },
  setSelection(selection) {
    set({ selection });
  },
  async apply(target) {
    const sel = get().selection;
    if (!sel) return false;
    try {
      await call('codings.create', {
        sourceId: sel.sourceId,
        start: sel.start,
        end: sel.end,
        ...target,
      });
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },
  async remove(codingId) {
    try {
      await call('codings.delete', { id: codingId });
    } catch (e) {
      reportError(e);
    }
  },
  setFocus(focus) {
    set({ focus });
  },
  reset() {
    set({
      sourceId: null,
      codings: [],
      selection: null,
      focus: null,
      sourceCases: [],
      allCases: [],
    });
  },
}));
