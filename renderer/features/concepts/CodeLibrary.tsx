import { useShallow } from 'zustand/react/shallow';
import { useMemo, useState } from 'react';
import { depthOf, selectCodes, selectSets, useCodebook } from '../codebook/store';
import { AddToConceptMenu } from './AddToConcept';
import { endItemDrag, startItemDrag } from './dnd';
import { conceptsHolding, filterCodes, filterSets, plural, type DragItem } from './model';
import { selectConcepts, useConcepts } from './store';

/**
 * Every code (as the codebook nests them) and every code set, to drag into a concept's column.
 * Clicking one, or Enter on it, opens "Add to concept…" instead of dragging.
 */
export function CodeLibrary() {
  const codes = useCodebook(useShallow(selectCodes));
  const sets = useCodebook(useShallow(selectSets));
  const byId = useCodebook((s) => s.byId);
  const concepts = useConcepts(useShallow(selectConcepts));
  const [query, setQuery] = useState('');
  const shownCodes = useMemo(() => filterCodes(codes, query), [codes, query]);
  const shownSets = useMemo(() => filterSets(sets, query), [sets, query]);
  const filtering = query.trim() !== '';

  return (
    <aside className="concept-library" aria-label="Codes and code sets">
      <input
        type="search"
        className="concept-library-filter"
        placeholder="Filter codes…"
        aria-label="Filter codes"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="concept-library-scroll">
        <h3>
          Codes <span className="muted small">{shownCodes.length}</span>
        </h3>
        {shownCodes.length === 0 && (
          <p className="muted small">{filtering ? 'No code matches.' : 'No codes yet.'}</p>
        )}
        <ul className="library-list" aria-label="Codes">
          {shownCodes.map((c) => {
            const holders = conceptsHolding(concepts, c.id);
            return (
              <LibraryItem
                key={c.id}
                item={{ kind: 'code', id: c.id, fromConceptId: null }}
                label={c.name}
                color={c.color}
                // A filtered list loses the tree around a match, so it is not indented.
                depth={filtering ? 0 : depthOf(byId, c)}
                count={c.totalCodings}
                note={
                  holders.length
                    ? `In ${holders.map((h) => h.name).join(', ')}`
                    : 'In no concept yet'
                }
                inConcepts={holders.length}
              />
            );
          })}
        </ul>
        <h3>
          Code sets <span className="muted small">{shownSets.length}</span>
        </h3>
        {shownSets.length === 0 && (
          <p className="muted small">{filtering ? 'No set matches.' : 'No code sets yet.'}</p>
        )}
        <ul className="library-list" aria-label="Code sets">
          {shownSets.map((s) => (
            <LibraryItem
              key={s.id}
              item={{ kind: 'set', id: s.id, fromConceptId: null }}
              label={s.name}
              depth={0}
              count={s.codeIds.length}
              note={plural(s.codeIds.length, 'code')}
              inConcepts={concepts.filter((c) => c.setIds.includes(s.id)).length}
            />
          ))}
        </ul>
      </div>
    </aside>
  );
}

function LibraryItem({
  item,
  label,
  color,
  depth,
  count,
  note,
  inConcepts,
}: {
  item: DragItem;
  label: string;
  color?: string;
  depth: number;
  count: number;
  note: string;
  inConcepts: number;
}) {
  const concepts = useConcepts(useShallow(selectConcepts));
  const [menu, setMenu] = useState(false);
  return (
    <li className="library-item" style={{ paddingLeft: 4 + depth * 14 }}>
      <button
        className="library-entry"
        draggable
        aria-haspopup="menu"
        aria-expanded={menu}
        aria-label={label}
        title={`${note}. Drag into a concept, or press Enter to choose one.`}
        onDragStart={(e) => startItemDrag(e, item, label)}
        onDragEnd={endItemDrag}
        onClick={() => setMenu(!menu)}
      >
        {item.kind === 'set' ? (
          <span className="set-mark" aria-hidden>
            ▤
          </span>
        ) : (
          <span className="swatch" style={{ background: color }} />
        )}
        <span className="library-name">{label}</span>
        {inConcepts > 0 && (
          <span className="library-held" aria-hidden title={note}>
            in {inConcepts}
          </span>
        )}
        <span className="chip-count">{count}</span>
      </button>
      {menu && (
        <AddToConceptMenu
          item={item}
          label={label}
          concepts={concepts}
          onClose={() => setMenu(false)}
        />
      )}
    </li>
  );
}
