// Dragging codes and sets on the concepts board: from the side list or a column into a column.
import type { DragEvent } from 'react';
import { CONCEPT_ITEM_TYPE, decodeDragItem, encodeDragItem, type DragItem } from './model';

// dataTransfer's data cannot be read during dragover (only its types), so the item in flight is
// also kept here, to light only the columns a drop would change.
let dragged: DragItem | null = null;

export function startItemDrag(e: DragEvent, item: DragItem, label: string): void {
  dragged = item;
  e.dataTransfer.setData(CONCEPT_ITEM_TYPE, encodeDragItem(item));
  // Dropped into a text field, a code or set gives its name.
  e.dataTransfer.setData('text/plain', label);
  e.dataTransfer.effectAllowed = 'copy';
}

export function endItemDrag(): void {
  dragged = null;
}

/** Whether the drag is one of the board's own (readable during dragover). */
export function isItemDrag(e: DragEvent): boolean {
  return e.dataTransfer.types.includes(CONCEPT_ITEM_TYPE);
}

/** The item being dragged, or on drop the one the payload names; null for any other drag. */
export function draggedItem(e: DragEvent): DragItem | null {
  if (!isItemDrag(e)) return null;
  return dragged ?? decodeDragItem(e.dataTransfer.getData(CONCEPT_ITEM_TYPE));
}
