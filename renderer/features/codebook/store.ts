import { create } from 'zustand';
import type { Code, CodeImpact, CodeSet, Input, MergeResult } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { notify, reportError } from '../../ui/notices';
import { useCoding } from '../coding/store';
import { childrenOf, descendantsOf, pathOf, type ById } from './tree';
import { forgetCodes, useCodeTree } from './view';

export type CodePatch = Omit<Input<'codes.update'>, 'id'>;

interface CodebookState {
  byId: ById;
  /** Depth-first, siblings in their saved order (as codes.list gives them). */
  order: number[];
  setsById: Record<number, CodeSet>;
  setOrder: number[];
  load(): Promise<void>;
  loadSets(): Promise<void>;
  create(name: string, parentId?: number | null): Promise<Code | null>;
  update(id: number, patch: CodePatch): Promise<boolean>;
  move(id: number, parentId: number | null, index: number): Promise<boolean>;
  impact(id: number): Promise<CodeImpact | null>;
  remove(id: number): Promise<CodeImpact | null>;
  merge(codeIds: number[], targetId: number): Promise<MergeResult | null>;
  moveCodings(fromCodeId: number, toCodeId: number): Promise<MergeResult | null>;
  createSet(name: string, codeIds?: number[]): Promise<CodeSet | null>;
  renameSet(id: number, name: string): Promise<boolean>;
  deleteSet(id: number): Promise<boolean>;
  addToSet(id: number, codeIds: number[]): Promise<boolean>;
  removeFromSet(id: number, codeIds: number[]): Promise<boolean>;
  /** Takes the selected passage out of one code's codings, or out of every code's. */
  uncodeSelection(codeId?: number): Promise<boolean>;
  reset(): void;
}

// ---- Selectors (named, so components subscribe to exactly what they draw) ----
export const selectCodes = (s: CodebookState) => s.order.map((id) => s.byId[id]!).filter(Boolean);
export const selectCode = (id: number | null) => (s: CodebookState) =>
  id === null ? undefined : s.byId[id];
export const selectSets = (s: CodebookState) =>
  s.setOrder.map((id) => s.setsById[id]!).filter(Boolean);
export const selectCodeCount = (s: CodebookState) => s.order.length;
/** The sets a code belongs to. */
export const selectSetsOf = (codeId: number) => (s: CodebookState) =>
  s.setOrder.filter((id) => s.setsById[id]?.codeIds.includes(codeId));
export const selectPath = (id: number) => (s: CodebookState) => pathOf(s.byId, id);

/** Depth of a code in the tree (0 for top level), for indenting the list. */
export function depthOf(byId: Record<number, Code>, code: Code): number {
  let d = 0;
  for (let p = code.parentId; p !== null && byId[p] && d < 50; p = byId[p]!.parentId) d++;
  return d;
}

const normalise = <T extends { id: number }>(rows: T[]) => ({
  byId: Object.fromEntries(rows.map((r) => [r.id, r])) as Record<number, T>,
  order: rows.map((r) => r.id),
});

/**
 * Merges, moves and deletes change codings in many sources at once, and their change event
 * names no source, so the reader's codings are read again here.
 */
function refreshReader(): void {
  const { sourceId, loadSource } = useCoding.getState();
  if (sourceId !== null) void loadSource(sourceId);
}

/** Runs a call; an error is reported to the user and answered with null. */
async function attempt<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (e) {
    reportError(e);
    return null;
  }
}

export const useCodebook = create<CodebookState>((set, get) => {
  const putSet = (s: CodeSet) => {
    const setOrder = get().setOrder.includes(s.id) ? get().setOrder : [...get().setOrder, s.id];
    set({ setsById: { ...get().setsById, [s.id]: s }, setOrder });
  };
  return {
    byId: {},
    order: [],
    setsById: {},
    setOrder: [],
    async load() {
      // Sets name their members by id, so they are read again whenever the codes are.
      const [codes] = await Promise.all([attempt(() => call('codes.list', {})), get().loadSets()]);
      if (codes) set(normalise(codes));
    },
    async loadSets() {
      try {
        const sets = await call('sets.list', {});
        const { byId, order } = normalise(sets);
        set({ setsById: byId, setOrder: order });
      } catch {
        // Quietly empty: the pane still works as a codebook without its sets.
        set({ setsById: {}, setOrder: [] });
      }
    },
    async create(name, parentId = null) {
      const code = await attempt(() => call('codes.create', { name, parentId }));
      if (code) await get().load();
      return code;
    },
    async update(id, patch) {
      const before = get().byId[id];
      // Shown at once (renaming, recolouring); the reload after the event confirms it.
      if (before) set({ byId: { ...get().byId, [id]: { ...before, ...patch } as Code } });
      const ok = (await attempt(() => call('codes.update', { id, ...patch }))) !== null;
      if (!ok) await get().load();
      return ok;
    },
    async move(id, parentId, index) {
      const ok = (await attempt(() => call('codes.move', { id, parentId, index }))) !== null;
      await get().load();
      return ok;
    },
    impact(id) {
      return attempt(() => call('codes.impact', { id }));
    },
    async remove(id) {
      const r = await attempt(() => call('codes.delete', { id }));
      if (r) {
        forgetCodes(descendantsOf(get().order, get().byId, id).concat(id));
        refreshReader();
        await get().load();
      }
      return r;
    },
    async merge(codeIds, targetId) {
      const r = await attempt(() => call('codes.merge', { codeIds, targetId }));
      if (r) {
        forgetCodes(codeIds);
        refreshReader();
        await get().load();
        notify(mergeNotice(r, get().byId[targetId]?.name ?? 'the code'));
      }
      return r;
    },
    async moveCodings(fromCodeId, toCodeId) {
      const r = await attempt(() => call('codings.move', { fromCodeId, toCodeId }));
      if (r) {
        refreshReader();
        await get().load();
        notify(mergeNotice(r, get().byId[toCodeId]?.name ?? 'the code'));
      }
      return r;
    },
    async createSet(name, codeIds) {
      const s = await attempt(() => call('sets.create', { name, codeIds }));
      if (s) putSet(s);
      return s;
    },
    async renameSet(id, name) {
      const s = await attempt(() => call('sets.update', { id, name }));
      if (s) putSet(s);
      return !!s;
    },
    async deleteSet(id) {
      const ok = (await attempt(() => call('sets.delete', { id }))) !== null;
      if (ok) {
        const { [id]: _gone, ...setsById } = get().setsById;
        set({ setsById, setOrder: get().setOrder.filter((s) => s !== id) });
      }
      return ok;
    },
    async addToSet(id, codeIds) {
      const s = await attempt(() => call('sets.addCodes', { id, codeIds }));
      if (s) putSet(s);
      return !!s;
    },
    async removeFromSet(id, codeIds) {
      const s = await attempt(() => call('sets.removeCodes', { id, codeIds }));
      if (s) putSet(s);
      return !!s;
    },
    async uncodeSelection(codeId) {
      const sel = useCoding.getState().selection;
      if (!sel) return false;
      const { sourceId, start, end } = sel;
      const r = await attempt(() => call('codings.uncode', { sourceId, start, end, codeId }));
      return r !== null;
    },
    reset() {
      set({ byId: {}, order: [], setsById: {}, setOrder: [] });
      useCodeTree.getState().reset();
    },
  };
});

function mergeNotice(r: MergeResult, target: string): string {
  const moved = `${r.moved} coding${r.moved === 1 ? '' : 's'} moved to ‘${target}’`;
  return r.collapsed
    ? `${moved}; ${r.collapsed} exact duplicate${r.collapsed === 1 ? '' : 's'} merged`
    : moved;
}

/** The children of a code (or the top level), in order. */
export function childIds(s: Pick<CodebookState, 'byId' | 'order'>, parentId: number | null) {
  return childrenOf(s.order, s.byId).get(parentId) ?? [];
}
