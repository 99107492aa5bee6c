/** Scaffold (issue 4): what can be done with the selected passage besides coding it. */
export function SelectionActions() {
  return null;
}
