// Drag and drop in the code pane: codes are dragged to nest, reorder or join a set; a passage
// selected in the reader is dragged onto a code to apply it.
import type { DragEvent } from 'react';
import { useCoding } from '../coding/store';

/** The drag payload type for a code; its data is the code's id. */
export const CODE_TYPE = 'application/x-weft-code';

// dataTransfer's data cannot be read during dragover (only its types), so the code being
// dragged is also kept here, to refuse drops on itself or its own subcodes as the pointer moves.
let dragged: number | null = null;

export function startCodeDrag(e: DragEvent, code: { id: number; name: string }): void {
  dragged = code.id;
  e.dataTransfer.setData(CODE_TYPE, String(code.id));
  // Dropped into a text field or memo, a code gives its name.
  e.dataTransfer.setData('text/plain', code.name);
  e.dataTransfer.effectAllowed = 'copyMove';
}

export function endCodeDrag(): void {
  dragged = null;
}

/** The code being dragged, when the drag is one of ours. */
export function draggedCode(e: DragEvent): number | null {
  if (!e.dataTransfer.types.includes(CODE_TYPE)) return null;
  if (dragged !== null) return dragged;
  const id = Number(e.dataTransfer.getData(CODE_TYPE)); // readable on drop
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** A drag that carries text while a passage is selected: dropping it applies a code there. */
export function isPassageDrag(e: DragEvent): boolean {
  return (
    !e.dataTransfer.types.includes(CODE_TYPE) &&
    !e.dataTransfer.types.includes('Files') &&
    useCoding.getState().selection !== null
  );
}
