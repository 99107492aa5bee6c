/** The programme-theory canvas (issue 5). */
export function TheoryView() {
  return <main className="theory-view" aria-label="Programme theory" />;
}
