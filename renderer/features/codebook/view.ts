import { create } from 'zustand';

/** A dialog the code pane has open. */
export type CodeDialog =
  | { kind: 'delete'; codeId: number }
  | { kind: 'details'; codeId: number }
  | { kind: 'merge'; codeIds: number[] }
  | { kind: 'moveCodings'; codeId: number };

export interface MenuAt {
  codeId: number;
  x: number;
  y: number;
}

/**
 * How the code pane is being looked at, apart from the codebook itself: which codes are
 * folded, picked (for merging), focused, being renamed; the open menu and dialog.
 */
interface CodeTreeView {
  collapsed: Record<number, true>;
  /** Codes picked with Ctrl/Shift-click. */
  picked: number[];
  /** Where Shift-click ranges start. */
  anchor: number | null;
  /** The row that holds the tab stop (roving tabindex). */
  focusId: number | null;
  renamingId: number | null;
  menu: MenuAt | null;
  dialog: CodeDialog | null;
  toggleCollapsed(id: number): void;
  setCollapsed(id: number, collapsed: boolean): void;
  pick(ids: number[], anchor?: number | null): void;
  togglePicked(id: number): void;
  focus(id: number | null): void;
  rename(id: number | null): void;
  openMenu(menu: MenuAt | null): void;
  openDialog(dialog: CodeDialog | null): void;
  reset(): void;
}

const initial = {
  collapsed: {},
  picked: [],
  anchor: null,
  focusId: null,
  renamingId: null,
  menu: null,
  dialog: null,
};

export const useCodeTree = create<CodeTreeView>((set, get) => ({
  ...initial,
  toggleCollapsed(id) {
    get().setCollapsed(id, !get().collapsed[id]);
  },
  setCollapsed(id, collapsed) {
    const next = { ...get().collapsed };
    if (collapsed) next[id] = true;
    else delete next[id];
    set({ collapsed: next });
  },
  pick(ids, anchor) {
    set({ picked: ids, ...(anchor !== undefined ? { anchor } : {}) });
  },
  togglePicked(id) {
    const picked = get().picked;
    set({
      picked: picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id],
      anchor: id,
    });
  },
  focus(focusId) {
    set({ focusId });
  },
  rename(renamingId) {
    set({ renamingId, menu: null });
  },
  openMenu(menu) {
    set({ menu });
  },
  openDialog(dialog) {
    set({ dialog, menu: null });
  },
  reset() {
    set(initial);
  },
}));

export const selectPickedCount = (s: CodeTreeView) => s.picked.length;

/** Forgets picked codes that are gone (merged or deleted). */
export function forgetCodes(ids: readonly number[]): void {
  const { picked, focusId, anchor } = useCodeTree.getState();
  const gone = new Set(ids);
  useCodeTree.setState({
    picked: picked.filter((p) => !gone.has(p)),
    focusId: focusId !== null && gone.has(focusId) ? null : focusId,
    anchor: anchor !== null && gone.has(anchor) ? null : anchor,
  });
}
