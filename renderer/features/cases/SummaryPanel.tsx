import { Fragment } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SummaryTable } from '../../../electron/api/contract-cases';
import { typeLabel } from './model';
import {
  selectCaseAttributes,
  selectClassifications,
  selectSummaryAttributeIds,
  useCases,
} from './store';

type Line = { category: string; value: string; share?: number };

const fixed = (x: number) => x.toFixed(1);
const num = (x: number) => (Number.isInteger(x) ? String(x) : fixed(x));

/** The lines of one attribute, as a paper's participant table has them (Table 1). */
function linesOf(row: SummaryTable['rows'][number], n: number): Line[] {
  const pct = (count: number) => ({
    value: `${count} (${fixed(n ? (100 * count) / n : 0)}%)`,
    share: n ? count / n : 0,
  });
  const lines: Line[] = [];
  if (row.type === 'number') {
    if (row.n > 0) {
      lines.push({ category: 'n', value: String(row.n) });
      lines.push({ category: 'Range', value: `${num(row.min!)}–${num(row.max!)}` });
      lines.push({
        category: 'Mean (SD)',
        value: `${fixed(row.mean!)} (${row.sd === null ? '–' : fixed(row.sd)})`,
      });
    }
    if (row.missing > 0) lines.push({ category: 'Not recorded', ...pct(row.missing) });
  } else {
    for (const c of row.counts) lines.push({ category: c.value, ...pct(c.count) });
    if (row.notRecorded > 0) lines.push({ category: 'Not recorded', ...pct(row.notRecorded) });
  }
  if (!lines.length) lines.push({ category: '', value: '–' });
  return lines;
}

/** A participant summary (counts and %, or n, range, mean and SD) of chosen attributes. */
export function SummaryPanel() {
  const classifications = useCases(useShallow(selectClassifications));
  const chosen = useCases((s) => s.chosen);
  const attributes = useCases(useShallow(selectCaseAttributes));
  const picked = useCases(useShallow(selectSummaryAttributeIds));
  const summary = useCases((s) => s.summary);
  const current = summary && summary.classificationId === chosen ? summary : null;

  return (
    <div className="summary-panel">
      <div className="summary-controls">
        <div className="field">
          <label htmlFor="summary-classification">Classification</label>
          <select
            id="summary-classification"
            value={typeof chosen === 'number' ? chosen : ''}
            onChange={(e) => useCases.getState().choose(Number(e.target.value))}
          >
            {typeof chosen !== 'number' && <option value="">Choose…</option>}
            {classifications.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="summary-attributes">
          <legend>Attributes</legend>
          {attributes.map((a) => (
            <label key={a.id} className="check">
              <input
                type="checkbox"
                checked={picked.includes(a.id)}
                onChange={(e) => useCases.getState().setSummaryAttribute(a.id, e.target.checked)}
              />
              {a.name} <span className="muted small">{typeLabel(a.type)}</span>
            </label>
          ))}
          {!attributes.length && <span className="muted">This classification has none.</span>}
        </fieldset>
        <div className="summary-actions">
          <button
            disabled={!current}
            onClick={() => void useCases.getState().copySummary()}
            title="Tab-separated: paste into Word (Table › Convert text to table) or a spreadsheet"
          >
            Copy as table
          </button>
          <button disabled={!current} onClick={() => void useCases.getState().exportSummaryCsv()}>
            Export CSV
          </button>
        </div>
      </div>
      {current ? (
        <SummaryTableView table={current} />
      ) : (
        <p className="empty">
          {typeof chosen !== 'number'
            ? 'Choose a classification to summarise.'
            : picked.length
              ? 'Loading…'
              : 'Choose at least one attribute.'}
        </p>
      )}
    </div>
  );
}

function SummaryTableView({ table }: { table: SummaryTable }) {
  const heading = `${table.classificationName} (N = ${table.cases})`;
  return (
    <table className="summary-table" aria-label={`Summary of ${table.classificationName}`}>
      <caption>
        Participant summary: {table.classificationName}, {table.cases} cases
      </caption>
      <thead>
        <tr>
          <th scope="col">Characteristic</th>
          <th scope="col" className="num">
            {heading}
          </th>
          <th scope="col" className="bar-col">
            <span className="visually-hidden">Share</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <Fragment key={row.attributeId}>
            <tr className="group">
              <th scope="rowgroup" colSpan={3}>
                {row.name}
                {row.type === 'number' && <span className="muted small"> (number)</span>}
              </th>
            </tr>
            {linesOf(row, table.cases).map((line, i) => (
              <tr key={i} data-attribute={row.name}>
                <th scope="row" className="category">
                  {line.category}
                </th>
                <td className="num">{line.value}</td>
                <td className="bar-col" aria-hidden="true">
                  {line.share !== undefined && (
                    <span className="bar" style={{ width: `${Math.round(line.share * 100)}%` }} />
                  )}
                </td>
              </tr>
            ))}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
