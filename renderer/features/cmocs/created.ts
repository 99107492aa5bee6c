// The CMOC just made with New CMOC: its editor opens with the placeholder title selected, ready
// to be typed over. Kept outside the store: it matters for one render only.
let justCreated: number | null = null;

export function markJustCreated(id: number): void {
  justCreated = id;
}

/** True once for the CMOC just created. */
export function takeJustCreated(id: number): boolean {
  if (justCreated !== id) return false;
  justCreated = null;
  return true;
}
