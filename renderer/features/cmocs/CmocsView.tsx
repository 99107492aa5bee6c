/** Scaffold (issue 5): the CMOC table and editor. */
export function CmocsView() {
  return <div className="empty center-empty">CMOCs</div>;
}
