import { useMemo } from 'react';
import { create } from 'zustand';
import type { Case, CaseOfSource, Code, Coding } from '../../../electron/api/contract';
import { ApiError, call } from '../../lib/api';
import { reportError } from '../../ui/notices';
import { isShown, useVisibility } from './visibility';

export interface TextSelection {
  sourceId: number;
  start: number;
  end: number;
  text: string;
}

/** A passage to scroll to and mark; `scroll: false` marks it where it is (already in view). */
export interface Focus {
  sourceId: number;
  start: number;
  end: number;
  scroll?: boolean;
}

/** How many recently used codes stay one key away (Alt+1 … Alt+9). */
export const RECENT_MAX = 9;

interface CodingState {
  /** Codings of the source in the reader. */
  sourceId: number | null;
  codings: Coding[];
  /**
   * Codings applied but not yet confirmed by the database: painted at once so a code shows
   * the moment it is applied (negative ids). Kept apart from `codings`, which a reload replaces.
   */
  pending: Coding[];
  /** Codes created by coding (the codebook lists them after its next load); for their colour. */
  createdCodes: Record<number, Code>;
  selection: TextSelection | null;
  /** A passage to scroll to and flash (an excerpt the user chose). */
  focus: Focus | null;
  /** Recently applied code ids, most recent first. */
  recent: number[];
  /** The code whose passages are lit up (hovering its stripe or its row). */
  lit: number | null;
  /** The code whose passages are picked (clicking its stripe): marked and stepped through. */
  picked: number | null;
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
  setFocus(f: Focus | null): void;
  setLit(codeId: number | null): void;
  pick(codeId: number | null): void;
  reset(): void;
}

let pendingId = 0;
let loadRequest = 0;

/** Codings sorted as the database lists them (start, end, id), with `c` put in its place. */
function inserted(codings: readonly Coding[], c: Coding): Coding[] {
  let i = codings.length;
  while (i > 0 && codings[i - 1]!.start > c.start) i--;
  return [...codings.slice(0, i), c, ...codings.slice(i)];
}

function withRecent(recent: readonly number[], codeId: number): number[] {
  return [codeId, ...recent.filter((id) => id !== codeId)].slice(0, RECENT_MAX);
}

export const useCoding = create<CodingState>((set, get) => ({
  sourceId: null,
  codings: [],
  pending: [],
  createdCodes: {},
  selection: null,
  focus: null,
  recent: [],
  lit: null,
  picked: null,
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
      if (!(e instanceof ApiError && e.code === 'not_found')) reportError(e); // source deleted
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
    if (sourceId === null) return set({ sourceId: null, codings: [], pending: [], picked: null });
    if (get().sourceId !== sourceId)
      set({ sourceId, codings: [], pending: [], sourceCases: [], picked: null, lit: null });
    void get().loadCases();
    // Answers can arrive out of order (browser mode's requests run on parallel connections):
    // only the latest load may paint, or an older answer could hide a coding just made.
    const request = ++loadRequest;
    try {
      const codings = await call('codings.forSource', { sourceId });
      if (get().sourceId === sourceId && request === loadRequest) set({ codings });
    } catch (e) {
      // The source was just deleted (the reader closes as the source list reloads): no error.
      if (e instanceof ApiError && e.code === 'not_found') {
        if (get().sourceId === sourceId && request === loadRequest) set({ codings: [] });
        return;
      }
      reportError(e);
    }
  },
  setSelection(selection) {
    set({ selection });
  },
  async apply(target) {
    const sel = get().selection;
    if (!sel) return false;
    const { sourceId, start, end } = sel;
    // An existing code is painted before the database answers (the answer replaces it).
    let temp: Coding | null = null;
    if ('codeId' in target && sourceId === get().sourceId) {
      temp = {
        id: -++pendingId,
        guid: '',
        sourceId,
        codeId: target.codeId,
        start,
        end,
        coderId: 0,
        createdAt: new Date().toISOString(),
      };
      set({ pending: [...get().pending, temp], recent: withRecent(get().recent, target.codeId) });
    }
    try {
      const r = await call('codings.create', { sourceId, start, end, ...target });
      const s = get();
      const patch: Partial<CodingState> = {
        pending: temp ? s.pending.filter((p) => p !== temp) : s.pending,
        recent: withRecent(s.recent, r.code.id),
      };
      if (r.createdCode) patch.createdCodes = { ...s.createdCodes, [r.code.id]: r.code };
      if (s.sourceId === sourceId && !s.codings.some((c) => c.id === r.coding.id))
        patch.codings = inserted(s.codings, r.coding);
      set(patch);
      return true;
    } catch (e) {
      if (temp) set({ pending: get().pending.filter((p) => p !== temp) });
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
  setLit(lit) {
    if (get().lit !== lit) set({ lit });
  },
  pick(picked) {
    set({ picked });
  },
  reset() {
    set({
      sourceId: null,
      codings: [],
      pending: [],
      createdCodes: {},
      selection: null,
      focus: null,
      recent: [],
      lit: null,
      picked: null,
      sourceCases: [],
      allCases: [],
    });
  },
}));

/**
 * The codings the reader draws: confirmed ones and those still on their way, less the codes
 * and coders the user hid.
 */
export function shownCodings(
  s: Pick<CodingState, 'codings' | 'pending'>,
  v: Parameters<typeof isShown>[0],
): Coding[] {
  const all = s.pending.length ? [...s.codings, ...s.pending] : s.codings;
  return all.filter((c) => isShown(v, c));
}

/** shownCodings as a hook, recomputed only when codings or visibility change. */
export function useShownCodings(): Coding[] {
  const codings = useCoding((s) => s.codings);
  const pending = useCoding((s) => s.pending);
  const hiddenCodes = useVisibility((s) => s.hiddenCodes);
  const hiddenCoders = useVisibility((s) => s.hiddenCoders);
  return useMemo(
    () => shownCodings({ codings, pending }, { hiddenCodes, hiddenCoders }),
    [codings, pending, hiddenCodes, hiddenCoders],
  );
}

/**
 * The reader registers how to give it keyboard focus back (with its selection), so a dialog
 * opened over it (the quick-pick) can return there when it closes.
 */
let readerFocus: (() => void) | null = null;
export function registerReaderFocus(fn: (() => void) | null): void {
  readerFocus = fn;
}
export function focusReader(): void {
  readerFocus?.();
}
