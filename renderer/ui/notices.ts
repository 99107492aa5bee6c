import { create } from 'zustand';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

interface NoticeState {
  notices: Notice[];
  push(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
}

let nextId = 1;

/** Messages for the user: errors stay until dismissed, information fades. */
export const useNotices = create<NoticeState>((set, get) => ({
  notices: [],
  push(kind, text) {
    const id = nextId++;
    set({ notices: [...get().notices, { id, kind, text }] });
    if (kind === 'info') setTimeout(() => get().dismiss(id), 6000);
  },
  dismiss(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
}));

export function reportError(e: unknown): void {
  useNotices.getState().push('error', e instanceof Error ? e.message : String(e));
}

/** A passing message (it fades). */
export function notify(text: string): void {
  useNotices.getState().push('info', text);
}
