import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Cmoc } from '../../../electron/api/contract';
import {
  COLUMNS,
  PART_LABEL,
  STATUS_LABEL,
  columnCount,
  columnText,
  groupByTheme,
  lostText,
  plural,
  type Column,
} from './model';
import { selectCmocList, useCmocs } from './store';

/** Box 2 as a table: one group per theme, each CMOC's parts with how many quotes back them. */
export function CmocTable() {
  const list = useCmocs(useShallow(selectCmocList));
  const concepts = useCmocs((s) => s.concepts);
  const sort = useCmocs((s) => s.sort);
  const loaded = useCmocs((s) => s.loaded);
  const filtered = useCmocs((s) => Object.keys(s.filter).length > 0);
  const selectedId = useCmocs((s) => s.selectedId);
  const groups = useMemo(() => groupByTheme(list, concepts, sort), [list, concepts, sort]);

  if (loaded && list.length === 0)
    return (
      <p className="empty cmocs-empty">
        {filtered
          ? 'No CMOC matches these filters.'
          : 'No CMOCs yet. Start one with New CMOC, or select a passage in a source and add it as evidence.'}
      </p>
    );
  return (
    <div className="cmoc-table-wrap">
      <table className="cmoc-table" aria-label="CMOC table">
        <colgroup>
          <col className="col-title" />
          <col />
          <col />
          <col />
          <col className="col-status" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">CMOC</th>
            <th scope="col">Context</th>
            <th scope="col">Mechanism</th>
            <th scope="col">Outcome</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.conceptId ?? 'none'} aria-label={`Theme ${g.name}`}>
            <tr className="cmoc-theme">
              <th colSpan={5} scope="rowgroup">
                {g.name} <span className="muted small">{plural(g.cmocs.length, 'CMOC')}</span>
              </th>
            </tr>
            {g.cmocs.map((c) => (
              <CmocRow key={c.id} c={c} selected={c.id === selectedId} />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

const CmocRow = memo(function CmocRow({ c, selected }: { c: Cmoc; selected: boolean }) {
  const lost = lostText(c.lostEvidence);
  return (
    <tr
      className={`cmoc-row ${selected ? 'selected' : ''}`}
      aria-label={c.title}
      aria-selected={selected}
      tabIndex={0}
      onClick={() => useCmocs.getState().select(c.id, { kind: 'editor' })}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget)
          useCmocs.getState().select(c.id, { kind: 'editor' });
      }}
    >
      <td>
        <div className="cmoc-title-cell">
          <span className="cmoc-title">{c.title}</span>
          {c.missing.length > 0 && (
            <span
              className="flag incomplete"
              title="An incomplete configuration: a part has no text and no evidence yet"
            >
              Incomplete: no {c.missing.map((p) => PART_LABEL[p].toLowerCase()).join(', ')}
            </span>
          )}
          {lost && (
            <span
              className="flag lost"
              data-testid="lost-flag"
              title="Evidence whose source, coding or words were deleted"
            >
              {lost}
            </span>
          )}
        </div>
      </td>
      {COLUMNS.map((col) => (
        <Cell key={col} c={c} col={col} />
      ))}
      <td className="cmoc-status-cell">
        <span className={`status-pill ${c.status}`}>{STATUS_LABEL[c.status]}</span>
        {c.statusReason && <span className="muted small cmoc-reason">{c.statusReason}</span>}
      </td>
    </tr>
  );
});

function Cell({ c, col }: { c: Cmoc; col: Column }) {
  const text = columnText(c, col);
  const n = columnCount(c, col);
  const missing = c.missing.includes(col);
  return (
    <td className={`cmoc-cell ${missing ? 'missing' : ''}`} data-column={col}>
      {text ? (
        <span className="cmoc-cell-text">{text}</span>
      ) : (
        <span
          className={missing ? 'cell-missing' : 'muted'}
          aria-label={missing ? `${PART_LABEL[col]} missing` : `No ${col} text`}
          title={missing ? 'Missing: no text and no evidence' : 'No text yet; see its quotes'}
        >
          —
        </span>
      )}
      <button
        className={`evidence-count ${n === 0 ? 'none' : ''}`}
        aria-label={`${plural(n, 'quote')} for the ${col} of ${c.title}`}
        title="Show the quotes"
        onClick={(e) => {
          e.stopPropagation();
          useCmocs.getState().select(c.id, { kind: 'evidence', column: col });
        }}
      >
        {n}
      </button>
    </td>
  );
}
