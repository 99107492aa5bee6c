import { create } from 'zustand';
import type { Memo, MemoPassage } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { reportError } from '../../ui/notices';

export type MemoKind = 'project' | 'code' | 'source' | 'case';
export type MemoTarget =
  { targetType: 'project' } | { targetType: Exclude<MemoKind, 'project'>; targetId: number };

/** What the memos view shows on the right: a memo, an annotation, or nothing. */
export type MemoSelection =
  { kind: 'memo'; id: number } | { kind: 'annotation'; id: number } | null;

interface MemosState {
  byId: Record<number, Memo>;
  /** The list as searched and filtered, most recently changed first. */
  order: number[];
  loaded: boolean;
  query: string;
  kind: MemoKind | null;
  selected: MemoSelection;
  /** Passages linked to the selected memo. */
  passages: MemoPassage[];
  load(): Promise<void>;
  setQuery(query: string): Promise<void>;
  setKind(kind: MemoKind | null): Promise<void>;
  select(selected: MemoSelection): void;
  /** One memo as stored now (the list may hold an older copy). */
  fetch(id: number): Promise<Memo | null>;
  /** Every memo, unfiltered (for choosing one to link a passage to). */
  listAll(): Promise<Memo[]>;
  create(input: { title: string } & MemoTarget): Promise<Memo | null>;
  save(
    id: number,
    patch: { title?: string; body?: string; rich?: string | null },
  ): Promise<boolean>;
  remove(id: number): Promise<boolean>;
  loadPassages(memoId: number): Promise<void>;
  linkPassage(
    memoId: number,
    p: { sourceId: number; start: number; end: number },
  ): Promise<boolean>;
  unlinkPassage(passageId: number): Promise<void>;
  reset(): void;
}

let listRequest = 0;

export const useMemos = create<MemosState>((set, get) => ({
  byId: {},
  order: [],
  loaded: false,
  query: '',
  kind: null,
  selected: null,
  passages: [],
  async load() {
    const n = ++listRequest;
    const { query, kind } = get();
    try {
      const q = query.trim();
      const list = await call('memos.list', {
        ...(q ? { query: q } : {}),
        ...(kind ? { targetType: kind } : {}),
      });
      if (n !== listRequest) return;
      set({
        byId: { ...get().byId, ...Object.fromEntries(list.map((m) => [m.id, m])) },
        order: list.map((m) => m.id),
        loaded: true,
      });
    } catch (e) {
      reportError(e);
    }
  },
  async setQuery(query) {
    set({ query });
    await get().load();
  },
  async setKind(kind) {
    set({ kind });
    await get().load();
  },
  select(selected) {
    const was = get().selected;
    set({ selected });
    if (selected?.kind === 'memo' && !(was?.kind === 'memo' && was.id === selected.id)) {
      set({ passages: [] });
      void get().loadPassages(selected.id);
    }
  },
  async fetch(id) {
    try {
      return await call('memos.get', { id });
    } catch (e) {
      reportError(e);
      return null;
    }
  },
  async listAll() {
    try {
      return await call('memos.list', {});
    } catch (e) {
      reportError(e);
      return [];
    }
  },
  async create(input) {
    try {
      const memo = await call('memos.create', input);
      set({ byId: { ...get().byId, [memo.id]: memo }, order: [memo.id, ...get().order] });
      return memo;
    } catch (e) {
      reportError(e);
      return null;
    }
  },
  async save(id, patch) {
    try {
      const memo = await call('memos.update', { id, ...patch });
      const order = get().order;
      // The list is newest first: the memo just saved moves to the top.
      set({
        byId: { ...get().byId, [id]: memo },
        order: order.includes(id) ? [id, ...order.filter((x) => x !== id)] : order,
      });
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },
  async remove(id) {
    try {
      await call('memos.delete', { id });
      const byId = { ...get().byId };
      delete byId[id];
      const sel = get().selected;
      set({
        byId,
        order: get().order.filter((x) => x !== id),
        ...(sel?.kind === 'memo' && sel.id === id ? { selected: null, passages: [] } : {}),
      });
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },
  async loadPassages(memoId) {
    try {
      const passages = await call('memos.passages', { id: memoId });
      const sel = get().selected;
      if (sel?.kind === 'memo' && sel.id === memoId) set({ passages });
    } catch (e) {
      reportError(e);
    }
  },
  async linkPassage(memoId, p) {
    try {
      await call('memos.linkPassage', { memoId, ...p });
      const sel = get().selected;
      if (sel?.kind === 'memo' && sel.id === memoId) await get().loadPassages(memoId);
      if (get().loaded) await get().load();
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },
  async unlinkPassage(passageId) {
    try {
      await call('memos.unlinkPassage', { id: passageId });
      set({ passages: get().passages.filter((p) => p.id !== passageId) });
      if (get().loaded) void get().load();
    } catch (e) {
      reportError(e);
    }
  },
  reset() {
    listRequest++;
    set({
      byId: {},
      order: [],
      loaded: false,
      query: '',
      kind: null,
      selected: null,
      passages: [],
    });
  },
}));

export const selectMemoList = (s: MemosState): Memo[] =>
  s.order.map((id) => s.byId[id]!).filter(Boolean);
