import { create } from 'zustand';

/**
 * Which codings the reader shows: researchers hide codes or coders to see one layer at a
 * time. Hidden ones are not painted, striped or listed on hover; nothing is deleted.
 */
interface VisibilityState {
  hiddenCodes: Record<number, true>;
  hiddenCoders: Record<number, true>;
  toggleCode(codeId: number): void;
  toggleCoder(coderId: number): void;
  showAll(): void;
}

export const useVisibility = create<VisibilityState>((set, get) => ({
  hiddenCodes: {},
  hiddenCoders: {},
  toggleCode(codeId) {
    const hiddenCodes = { ...get().hiddenCodes };
    if (hiddenCodes[codeId]) delete hiddenCodes[codeId];
    else hiddenCodes[codeId] = true;
    set({ hiddenCodes });
  },
  toggleCoder(coderId) {
    const hiddenCoders = { ...get().hiddenCoders };
    if (hiddenCoders[coderId]) delete hiddenCoders[coderId];
    else hiddenCoders[coderId] = true;
    set({ hiddenCoders });
  },
  showAll() {
    set({ hiddenCodes: {}, hiddenCoders: {} });
  },
}));

export const isShown = (
  s: Pick<VisibilityState, 'hiddenCodes' | 'hiddenCoders'>,
  c: { codeId: number; coderId: number },
): boolean => !s.hiddenCodes[c.codeId] && !s.hiddenCoders[c.coderId];
