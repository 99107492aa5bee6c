/** Cases and attributes: being built (issue 3). */
export function CasesView() {
  return (
    <div className="empty center-empty">
      <h2>Cases</h2>
    </div>
  );
}
