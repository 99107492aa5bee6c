/** Scaffold (issue 4): memos and annotations, listed and searchable. */
export function MemosView() {
  return <div className="empty center-empty">Memos</div>;
}
