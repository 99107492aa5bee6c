/** Scaffold (issue 4): who is coding in this project. */
export function CoderChooser() {
  return null;
}
