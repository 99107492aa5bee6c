import { useRef, useState } from 'react';
import type { ExportFormat } from '../../../electron/api/contract';
import { notify } from '../../ui/notices';
import {
  PROVENANCE_LABEL,
  STATUSES,
  STATUS_LABEL,
  plural,
  type CmocProvenance,
  type CmocStatus,
  type SortKey,
} from './model';
import { useCmocs, type CmocFilter } from './store';
import { markJustCreated } from './created';

const NO_THEME = 'none';
const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'docx', label: 'Word (DOCX)' },
  { format: 'md', label: 'Markdown' },
  { format: 'csv', label: 'CSV' },
  { format: 'html', label: 'HTML' },
];

/** Above the table: a new CMOC, the filters, the sort and the exports. */
export function CmocToolbar() {
  const filter = useCmocs((s) => s.filter);
  const sort = useCmocs((s) => s.sort);
  const concepts = useCmocs((s) => s.concepts);
  const count = useCmocs((s) => s.order.length);
  const loaded = useCmocs((s) => s.loaded);
  const setFilter = (patch: CmocFilter) => {
    const next: CmocFilter = { ...filter, ...patch };
    // An empty choice means "any": drop the key so the backend does not filter on it.
    for (const k of Object.keys(next) as (keyof CmocFilter)[])
      if (next[k] === undefined) delete next[k];
    void useCmocs.getState().setFilter(next);
  };
  const filtered = Object.keys(filter).length > 0;

  async function newCmoc() {
    const s = useCmocs.getState();
    const d = await s.create({
      title: 'New CMOC',
      ...(typeof filter.conceptId === 'number' ? { conceptId: filter.conceptId } : {}),
    });
    if (d) {
      markJustCreated(d.id);
      s.select(d.id, { kind: 'editor' });
    }
  }

  return (
    <header className="cmocs-toolbar">
      <div className="cmocs-title">
        <h2>CMOCs</h2>
        <span className="muted" data-testid="cmoc-count">
          {loaded ? plural(count, 'CMOC') + (filtered ? ' shown' : '') : ''}
        </span>
        <span className="spacer" />
        <ExportMenu />
        <button className="primary" onClick={() => void newCmoc()}>
          New CMOC
        </button>
      </div>
      <div className="cmocs-filters">
        <label>
          Theme
          <select
            value={
              filter.conceptId === undefined
                ? ''
                : filter.conceptId === null
                  ? NO_THEME
                  : String(filter.conceptId)
            }
            onChange={(e) => {
              const v = e.target.value;
              setFilter({ conceptId: v === '' ? undefined : v === NO_THEME ? null : Number(v) });
            }}
          >
            <option value="">All themes</option>
            {concepts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value={NO_THEME}>No theme</option>
          </select>
        </label>
        <label>
          Status
          <select
            value={filter.status ?? ''}
            onChange={(e) =>
              setFilter({ status: (e.target.value || undefined) as CmocStatus | undefined })
            }
          >
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Provenance
          <select
            value={filter.provenance === undefined ? 'any' : filter.provenance}
            onChange={(e) =>
              setFilter({
                provenance:
                  e.target.value === 'any' ? undefined : (e.target.value as CmocProvenance),
              })
            }
          >
            <option value="any">Any provenance</option>
            {(Object.keys(PROVENANCE_LABEL) as CmocProvenance[]).map((p) => (
              <option key={p} value={p}>
                {PROVENANCE_LABEL[p]}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button className="link" onClick={() => void useCmocs.getState().setFilter({})}>
            Clear filters
          </button>
        )}
        <span className="spacer" />
        <label>
          Sort by
          <select
            value={sort}
            onChange={(e) => useCmocs.getState().setSort(e.target.value as SortKey)}
          >
            <option value="title">Title</option>
            <option value="status">Status</option>
            <option value="updated">Last changed</option>
          </select>
        </label>
      </div>
    </header>
  );
}

/** "Export table…": a format, with or without the supporting quotes. */
function ExportMenu() {
  const [quotes, setQuotes] = useState(true);
  const [busy, setBusy] = useState(false);
  const menu = useRef<HTMLDetailsElement>(null);
  async function run(format: ExportFormat, label: string) {
    setBusy(true);
    const ok = await useCmocs.getState().exportTable(format, quotes);
    setBusy(false);
    if (ok) {
      if (menu.current) menu.current.open = false;
      notify(`CMOC table exported as ${label}${quotes ? ' with quotes' : ''}.`);
    }
  }
  return (
    <details className="cmoc-export" ref={menu}>
      <summary>Export table…</summary>
      <div className="cmoc-export-menu" role="menu" aria-label="Export the CMOC table">
        <label>
          <input type="checkbox" checked={quotes} onChange={(e) => setQuotes(e.target.checked)} />
          With supporting quotes
        </label>
        {FORMATS.map((f) => (
          <button
            key={f.format}
            role="menuitem"
            disabled={busy}
            onClick={() => void run(f.format, f.label)}
          >
            {f.label}
          </button>
        ))}
      </div>
    </details>
  );
}
