// What the code pane's rows, menu and keys do; each names its effect once, for all three.
import { useCoding } from '../coding/store';
import { useVisibility } from '../coding/visibility';
import { useRetrieval } from '../retrieval/store';
import { childIds, useCodebook } from './store';
import { freeName, keyboardMove, type KeyMove } from './tree';
import { useCodeTree } from './view';

/** Puts keyboard focus on a row once it is drawn (after a move or a new code). */
export function focusRow(id: number): void {
  useCodeTree.getState().focus(id);
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>(`.code-tree [data-code-id="${id}"]`)?.focus(),
  );
}

/** Lists a code's excerpts in the middle pane and makes it the one picked code. */
export function showExcerpts(id: number): void {
  useCodeTree.getState().pick([id], id);
  useCodeTree.getState().focus(id);
  void useRetrieval.getState().showCode(id);
}

export function applyCode(id: number): void {
  void useCoding.getState().apply({ codeId: id });
}

export function toggleHidden(id: number): void {
  useVisibility.getState().toggleCode(id);
}

/** Moves a code one step as the menu's Move up/down, Indent and Outdent say. */
export async function moveCodeBy(id: number, how: KeyMove): Promise<void> {
  const { order, byId, move } = useCodebook.getState();
  const t = keyboardMove(order, byId, id, how);
  if (!t) return;
  // Indenting under a folded code would hide the code being moved: unfold it.
  if (t.parentId !== null) useCodeTree.getState().setCollapsed(t.parentId, false);
  await move(id, t.parentId, t.index);
  focusRow(id);
}

/** A new subcode named "New code" (or "New code 2"…), ready to be renamed in place. */
export async function newChildCode(parentId: number | null): Promise<void> {
  const book = useCodebook.getState();
  const taken = childIds(book, parentId).map((c) => book.byId[c]?.name ?? '');
  const code = await book.create(freeName('New code', taken), parentId);
  if (!code) return;
  if (parentId !== null) useCodeTree.getState().setCollapsed(parentId, false);
  // The name field takes focus as it appears (focusing the row would end the renaming).
  useCodeTree.getState().focus(code.id);
  useCodeTree.getState().rename(code.id);
}

/** Whether a keyboard move is possible, for enabling the menu's items. */
export function canMove(id: number, how: KeyMove): boolean {
  const { order, byId } = useCodebook.getState();
  return keyboardMove(order, byId, id, how) !== null;
}
