/** Scaffold (issue 5): "Add as evidence to CMOC…" for the selected passage. */
export function AddEvidence() {
  return null;
}
