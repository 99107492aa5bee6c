import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Attribute } from '../../../electron/api/contract-cases';
import { AttributeDialog } from './AttributeDialog';
import { DataGrid, type GridColumn } from './DataGrid';
import { attributeColumn, countValues, filterRows, gridRow } from './grid-rows';
import { plural } from './model';
import { NameForm } from './NameForm';
import { selectCaseAttributes, selectCases, selectChosenClassification, useCases } from './store';

const ATTRIBUTE_FILES = '.csv,.tsv,.xlsx,.xls';

/** The attribute grid of the chosen classification's cases, with its toolbar. */
export function CaseGridPanel() {
  const classification = useCases(selectChosenClassification);
  const chosen = useCases((s) => s.chosen);
  const loaded = useCases((s) => s.gridFor !== null && s.gridFor === s.chosen);
  const cases = useCases(useShallow(selectCases));
  const attributes = useCases(useShallow(selectCaseAttributes));
  const values = useCases((s) => s.caseValues);
  const pending = useCases((s) => s.pending);
  const invalid = useCases((s) => s.invalid);
  const reveal = useCases((s) => (s.reveal?.owner === 'case' ? s.reveal : null));
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Attribute | 'new' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  if (chosen === null)
    return (
      <div className="empty center-empty">
        <h2>No classifications yet</h2>
        <p>
          A classification groups cases of one kind, such as Person or Site, with the attributes
          they share. Add one on the left.
        </p>
      </div>
    );

  const name = classification?.name ?? 'Unclassified';
  const columns: GridColumn[] = [
    { key: 'name', label: 'Case', type: 'text', bulk: false },
    ...attributes.map((a) => attributeColumn(a, setEditing)),
  ];
  const all = cases.map((c) =>
    gridRow('case', c.id, columns, () => c.name, values[c.id], pending, invalid),
  );
  const rows = filterRows(all, filter);

  return (
    <div className="grid-panel">
      <div className="toolbar" role="toolbar" aria-label={`${name} tools`}>
        <input
          type="search"
          className="filter"
          aria-label="Filter cases"
          placeholder="Filter cases…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        {classification && (
          <>
            <button onClick={() => setEditing('new')}>Add attribute</button>
            <span className="toolbar-sep" />
            <button onClick={() => fileInput.current?.click()}>Import attributes…</button>
            <input
              ref={fileInput}
              type="file"
              accept={ATTRIBUTE_FILES}
              hidden
              aria-label="Attribute table file"
              data-testid="attributes-file"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (file) void useCases.getState().importAttributes(file);
              }}
            />
            <button onClick={() => void useCases.getState().exportAttributes('csv')}>
              Export CSV
            </button>
            <button onClick={() => void useCases.getState().exportAttributes('xlsx')}>
              Export XLSX
            </button>
          </>
        )}
        <span className="toolbar-sep" />
        <button onClick={() => void useCases.getState().suggestLinks()}>
          Suggest links from file names
        </button>
      </div>
      <p className="grid-status muted small" aria-live="polite">
        {loaded
          ? `${name}: ${plural(cases.length, 'case')}${rows.length !== all.length ? ` (${rows.length} shown)` : ''} · ${plural(attributes.length, 'attribute')}`
          : 'Loading…'}
        <span className="grid-help">
          Click a cell to edit · Enter, Tab and arrows move · Esc cancels · paste a block from a
          spreadsheet
        </span>
      </p>
      <div className="grid-scroll">
        <DataGrid
          label={`Attributes of ${name}`}
          columns={columns}
          rows={rows}
          reveal={reveal}
          onRevealed={() => useCases.getState().revealRow(null)}
          onCommit={(id, column, text) => void useCases.getState().commit('case', id, column, text)}
          onBulk={(cells) =>
            void useCases.getState().setCells(
              'case',
              cells.map((x) => ({ id: x.rowId, attributeId: x.column, text: x.text })),
            )
          }
          empty={
            loaded
              ? filter
                ? 'No case matches the filter.'
                : `No cases in ${name} yet. Add one below, import a table, or link sources.`
              : 'Loading…'
          }
        />
      </div>
      <div className="grid-foot">
        <NameForm
          label="New case name"
          placeholder="New case, e.g. P05…"
          submitLabel="Add case"
          clearOnSubmit
          onSubmit={(caseName) => useCases.getState().createCase(caseName)}
        />
      </div>
      {editing && (
        <AttributeDialog
          owner="case"
          ownerLabel={name}
          attribute={editing === 'new' ? null : editing}
          valueCount={editing === 'new' ? 0 : countValues(values, editing.id)}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
