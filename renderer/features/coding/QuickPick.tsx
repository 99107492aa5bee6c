/** Scaffold (issue 4): the keyboard quick-pick for applying a code. */
export function QuickPick() {
  return null;
}
