import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Attribute } from '../../../electron/api/contract-cases';
import { AttributeDialog } from './AttributeDialog';
import { DataGrid, type GridColumn } from './DataGrid';
import { attributeColumn, countValues, filterRows, gridRow } from './grid-rows';
import { plural, SOURCE_KINDS } from './model';
import { selectSourceAttributes, selectSources, useCases } from './store';

/** Every source with its kind, folder and source attributes (Round, Site…), editable in place. */
export function SourceGridPanel() {
  const loaded = useCases((s) => s.sourcesLoaded);
  const sources = useCases(useShallow(selectSources));
  const attributes = useCases(useShallow(selectSourceAttributes));
  const values = useCases((s) => s.sourceValues);
  const pending = useCases((s) => s.pending);
  const invalid = useCases((s) => s.invalid);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Attribute | 'new' | null>(null);

  const columns: GridColumn[] = [
    { key: 'name', label: 'Source', type: 'text', bulk: false },
    { key: 'kind', label: 'Kind', type: 'choice', options: SOURCE_KINDS, bulk: false },
    { key: 'folder', label: 'Folder', type: 'text', bulk: false },
    ...attributes.map((a) => attributeColumn(a, setEditing)),
  ];
  const all = sources.map((s) =>
    gridRow(
      'source',
      s.id,
      columns,
      (key) => (key === 'kind' ? s.kind : key === 'folder' ? s.folder : s.name),
      values[s.id],
      pending,
      invalid,
    ),
  );
  const rows = filterRows(all, filter);

  return (
    <div className="grid-panel">
      <div className="toolbar" role="toolbar" aria-label="Source tools">
        <input
          type="search"
          className="filter"
          aria-label="Filter sources"
          placeholder="Filter sources…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <button onClick={() => setEditing('new')}>Add attribute</button>
        <span className="toolbar-sep" />
        <button onClick={() => void useCases.getState().suggestLinks()}>
          Suggest links from file names
        </button>
      </div>
      <p className="grid-status muted small" aria-live="polite">
        {loaded
          ? `${plural(sources.length, 'source')}${rows.length !== all.length ? ` (${rows.length} shown)` : ''} · ${plural(attributes.length, 'source attribute')}`
          : 'Loading…'}
        <span className="grid-help">
          Folders nest with “/” · paste blocks into attribute columns
        </span>
      </p>
      <div className="grid-scroll">
        <DataGrid
          label="Attributes of sources"
          columns={columns}
          rows={rows}
          onCommit={(id, column, text) =>
            void useCases.getState().commit('source', id, column, text)
          }
          onBulk={(cells) =>
            void useCases.getState().setCells(
              'source',
              cells.map((x) => ({ id: x.rowId, attributeId: x.column, text: x.text })),
            )
          }
          empty={
            loaded
              ? filter
                ? 'No source matches the filter.'
                : 'No sources yet. Import files to begin.'
              : 'Loading…'
          }
        />
      </div>
      {editing && (
        <AttributeDialog
          owner="source"
          ownerLabel="sources"
          attribute={editing === 'new' ? null : editing}
          valueCount={editing === 'new' ? 0 : countValues(values, editing.id)}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
