import { create } from 'zustand';

/** Which main view the window shows: reading and coding, or cases and attributes. */
export type View = 'coding' | 'cases';

export const useView = create<{ view: View; show(view: View): void }>((set) => ({
  view: 'coding',
  show: (view) => set({ view }),
}));
