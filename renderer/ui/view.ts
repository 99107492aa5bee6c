import { create } from 'zustand';

/** Which main view the window shows: reading and coding, cases and attributes, or memos. */
export type View = 'coding' | 'cases' | 'memos' | 'cmocs';

export const useView = create<{ view: View; show(view: View): void }>((set) => ({
  view: 'coding',
  show: (view) => set({ view }),
}));
