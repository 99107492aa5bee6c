// Turning the store's cases or sources into the grid's columns and rows of text.
import type { Attribute } from '../../../electron/api/contract-cases';
import type { GridColumn, GridRow } from './DataGrid';
import {
  cellKey,
  displayValue,
  typeLabel,
  type ColumnKey,
  type Owner,
  type ValueMap,
} from './model';

export function attributeColumn(a: Attribute, onEdit: (a: Attribute) => void): GridColumn {
  return {
    key: a.id,
    label: a.name,
    type: a.type,
    bulk: true,
    hint: typeLabel(a.type),
    tools: (
      <button
        className="icon col-menu"
        aria-label={`Edit attribute ${a.name}`}
        title="Rename, change type or delete"
        onClick={() => onEdit(a)}
      >
        ⋯
      </button>
    ),
  };
}

/**
 * One grid row: the stored values as text, with what is being saved shown in their place
 * until the saved value comes back.
 */
export function gridRow(
  owner: Owner,
  id: number,
  columns: GridColumn[],
  fixed: (key: ColumnKey) => string,
  values: ValueMap | undefined,
  pending: Record<string, string>,
  invalid: Record<string, string>,
): GridRow {
  const keys = columns.map((c) => cellKey(owner, id, c.key));
  return {
    id,
    cells: columns.map((col, i) => {
      const typed = pending[keys[i]!];
      if (typed !== undefined) return typed;
      if (typeof col.key !== 'number') return fixed(col.key);
      return col.type === 'choice' ? '' : displayValue(col.type, values?.[col.key]);
    }),
    invalid: keys.map((k) => invalid[k]),
    saving: keys.map((k) => pending[k] !== undefined),
  };
}

/** Rows whose text contains every word of the filter (any column, any case). */
export function filterRows(rows: GridRow[], filter: string): GridRow[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return rows;
  return rows.filter((r) => {
    const text = r.cells.join('\t').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** How many rows have a value for an attribute: what deleting it would lose. */
export function countValues(values: Record<number, ValueMap>, attributeId: number): number {
  let n = 0;
  for (const v of Object.values(values)) if (v[attributeId] !== undefined) n++;
  return n;
}
