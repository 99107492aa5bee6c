import type { ConceptView } from '../../../electron/api/contract';
import { countRows, excerptTotal, plural } from './model';
import { selectShownCounts, useConcepts } from './store';

/** How the concept's codings fall across one case attribute's values (e.g. by role or site). */
export function AttributeCounts({ view }: { view: ConceptView }) {
  const shown = useConcepts(selectShownCounts);
  if (view.counts.length === 0)
    return (
      <aside className="concept-counts" aria-label="Counts by case attribute">
        <h3>Counts by case attribute</h3>
        <p className="muted small">
          No case attributes yet. Give cases attributes (such as role or site) in the Cases view to
          count this concept’s codings by them.
        </p>
      </aside>
    );

  const { rows, total } = countRows(shown?.values ?? []);
  const codings = excerptTotal(view);
  return (
    <aside className="concept-counts" aria-label="Counts by case attribute">
      <h3>Counts by case attribute</h3>
      <label className="concept-counts-choose">
        Case attribute
        <select
          value={shown?.attributeId ?? ''}
          onChange={(e) => useConcepts.getState().chooseAttribute(Number(e.target.value))}
        >
          {view.counts.map((c) => (
            <option key={c.attributeId} value={c.attributeId}>
              {c.attribute}
            </option>
          ))}
        </select>
      </label>
      <table className="concept-counts-table" aria-label={`Codings by ${shown?.attribute ?? ''}`}>
        <thead>
          <tr>
            <th scope="col">{shown?.attribute}</th>
            <th scope="col" className="num">
              Codings
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row" className={r.label === 'No value' ? 'muted' : undefined}>
                {r.label}
              </th>
              <td className="num">
                <span className="count-bar" style={{ width: `${Math.round(r.share * 100)}%` }} />
                <span className="count-value">{r.codings}</span>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num" data-testid="counts-total">
              {total}
            </td>
          </tr>
        </tfoot>
      </table>
      {total !== codings && (
        <p className="muted small">
          {plural(codings, 'coding')} in all: a coding in cases with different values counts once
          under each.
        </p>
      )}
    </aside>
  );
}
