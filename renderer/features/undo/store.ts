import { create } from 'zustand';
import type { UndoState } from '../../../electron/api/contract';
import { call, onEvent } from '../../lib/api';
import { notify, reportError } from '../../ui/notices';

interface UndoStore {
  /** What Undo would undo now ("Apply ‘Trust’"), or null. */
  undoLabel: string | null;
  redoLabel: string | null;
  load(): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  reset(): void;
}

const labels = (s: UndoState) => ({ undoLabel: s.undo, redoLabel: s.redo });

/** Session undo of coding and codebook actions; the history lives beside the database. */
export const useUndo = create<UndoStore>((set, get) => ({
  undoLabel: null,
  redoLabel: null,
  async load() {
    try {
      set(labels(await call('undo.state', {})));
    } catch {
      set({ undoLabel: null, redoLabel: null });
    }
  },
  async undo() {
    try {
      const r = await call('undo.undo', {});
      set(labels(r));
      notify(`Undone: ${r.did}`);
    } catch (e) {
      reportError(e);
      void get().load();
    }
  },
  async redo() {
    try {
      const r = await call('undo.redo', {});
      set(labels(r));
      notify(`Redone: ${r.did}`);
    } catch (e) {
      reportError(e);
      void get().load();
    }
  },
  reset() {
    set({ undoLabel: null, redoLabel: null });
  },
}));

export function followUndo(): () => void {
  return onEvent('undo.changed', (state) => useUndo.setState(labels(state)));
}

/** True when a keystroke belongs to a text field or editor (its own undo), not to the project. */
export function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.isContentEditable;
}
