import { create } from 'zustand';

/** Which main view the window shows: coding, cases, memos, concepts, CMOCs or the programme theory. */
export type View = 'coding' | 'cases' | 'memos' | 'concepts' | 'cmocs' | 'theory';

export const useView = create<{ view: View; show(view: View): void }>((set) => ({
  view: 'coding',
  show: (view) => set({ view }),
}));
