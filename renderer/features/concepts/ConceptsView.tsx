/** The concepts board and a concept's excerpts (issue 5). */
export function ConceptsView() {
  return <main className="concepts-view" aria-label="Concepts" />;
}
