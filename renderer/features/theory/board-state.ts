import { create } from 'zustand';
import type { Point } from './geometry';

/**
 * What the palette needs to know about the board beside it: the plane's point in the middle
 * of the board, where "Place" puts things (the board writes it as it pans and zooms).
 */
export const useBoardCentre = create<{ centre: Point; set(centre: Point): void }>((set) => ({
  centre: { x: 600, y: 300 },
  set: (centre) => set({ centre }),
}));

/** The drag-and-drop type of a concept or CMOC dragged from the palette. */
export const PALETTE_MIME = 'application/x-weft-canvas-item';

export interface PaletteDrag {
  kind: 'concept' | 'cmoc';
  refId: number;
}

/** A palette drag's payload, or null when the data is not one (dropped files, text…). */
export function readPaletteDrag(data: string): PaletteDrag | null {
  try {
    const v = JSON.parse(data) as Partial<PaletteDrag>;
    if ((v.kind === 'concept' || v.kind === 'cmoc') && Number.isInteger(v.refId) && v.refId! > 0)
      return { kind: v.kind, refId: v.refId! };
  } catch {
    // Not ours.
  }
  return null;
}
