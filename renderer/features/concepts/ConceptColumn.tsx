import { useShallow } from 'zustand/react/shallow';
import { useState, type DragEvent } from 'react';
import type { Concept } from '../../../electron/api/contract';
import { notify } from '../../ui/notices';
import { ConfirmDialog } from '../cases/Dialog';
import { useCodebook } from '../codebook/store';
import { AddToConceptMenu } from './AddToConcept';
import { ConceptForm } from './ConceptForm';
import { draggedItem, endItemDrag, isItemDrag, startItemDrag } from './dnd';
import { dropOutcome, plural, type DragItem } from './model';
import { selectConcepts, useConcepts } from './store';

/** One concept on the board: its name and description, then its sets and codes as chips. */
export function ConceptColumn({ concept }: { concept: Concept }) {
  const [over, setOver] = useState(false);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const onDragOver = (e: DragEvent) => {
    if (!isItemDrag(e)) return;
    const item = draggedItem(e);
    // Its own column is no target: a drop there would change nothing.
    if (item && item.fromConceptId === concept.id) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    setOver(false);
    const item = draggedItem(e);
    endItemDrag();
    if (!item) return;
    e.preventDefault();
    const outcome = dropOutcome(item, concept);
    if (outcome.kind === 'already') notify(`Already in ${concept.name}.`);
    else if (outcome.kind === 'add') {
      const s = useConcepts.getState();
      void (item.kind === 'code'
        ? s.addCodes(concept.id, [item.id])
        : s.addSets(concept.id, [item.id]));
    }
  };

  return (
    <section
      className={`concept-column${over ? ' drop-over' : ''}`}
      aria-label={`Concept ${concept.name}`}
      data-concept-id={concept.id}
      style={{ borderTopColor: concept.color }}
      onDragOver={onDragOver}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={onDrop}
    >
      <header className="concept-column-head">
        <button
          className="concept-name link-like"
          title="Open the concept’s excerpts and counts"
          onClick={() => useConcepts.getState().open(concept.id)}
        >
          <span className="swatch" style={{ background: concept.color }} />
          {concept.name}
        </button>
        <div className="concept-column-actions">
          <button className="small-button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button className="small-button danger-text" onClick={() => setConfirming(true)}>
            Delete
          </button>
        </div>
      </header>
      {concept.description && <p className="concept-description">{concept.description}</p>}
      <p className="concept-totals muted small" data-testid="concept-totals">
        {plural(concept.codings, 'coding')}
        {concept.cmocs ? ` · ${plural(concept.cmocs, 'CMOC')}` : ''}
      </p>
      <ul className="concept-chips" aria-label={`Codes in ${concept.name}`}>
        {concept.setIds.map((id) => (
          <SetChip key={`s${id}`} concept={concept} setId={id} />
        ))}
        {concept.codeIds.map((id) => (
          <CodeChip key={`c${id}`} concept={concept} codeId={id} />
        ))}
      </ul>
      {concept.codeIds.length + concept.setIds.length === 0 && (
        <p className="concept-drop-hint">Drop codes or code sets here</p>
      )}
      {editing && <ConceptForm concept={concept} onClose={() => setEditing(false)} />}
      {confirming && (
        <ConfirmDialog
          title="Delete concept"
          message={
            <p>
              Delete the concept ‘{concept.name}’? Its codes, code sets and codings stay in the
              codebook
              {concept.cmocs ? `; its ${plural(concept.cmocs, 'CMOC')} will have no theme` : ''}.
            </p>
          }
          confirmLabel="Delete concept"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void useConcepts.getState().remove(concept.id);
          }}
        />
      )}
    </section>
  );
}

function CodeChip({ concept, codeId }: { concept: Concept; codeId: number }) {
  const code = useCodebook((s) => s.byId[codeId]);
  if (!code) return null;
  return (
    <Chip
      concept={concept}
      item={{ kind: 'code', id: codeId, fromConceptId: concept.id }}
      label={code.name}
      color={code.color}
      count={code.totalCodings}
      countTitle={plural(code.totalCodings, 'coding') + ' (with its child codes)'}
      onRemove={() => void useConcepts.getState().removeCodes(concept.id, [codeId])}
    />
  );
}

function SetChip({ concept, setId }: { concept: Concept; setId: number }) {
  const set = useCodebook((s) => s.setsById[setId]);
  if (!set) return null;
  return (
    <Chip
      concept={concept}
      item={{ kind: 'set', id: setId, fromConceptId: concept.id }}
      label={set.name}
      isSet
      count={set.codeIds.length}
      countTitle={`Code set of ${plural(set.codeIds.length, 'code')}`}
      onRemove={() => void useConcepts.getState().removeSets(concept.id, [setId])}
    />
  );
}

/**
 * A code or set in a column. Dragged to another column it is copied there; its name opens a
 * "Copy to concept…" menu (the keyboard way), Delete or × takes it out of this concept.
 */
function Chip({
  concept,
  item,
  label,
  color,
  isSet,
  count,
  countTitle,
  onRemove,
}: {
  concept: Concept;
  item: DragItem;
  label: string;
  color?: string;
  isSet?: boolean;
  count: number;
  countTitle: string;
  onRemove(): void;
}) {
  const concepts = useConcepts(useShallow(selectConcepts));
  const [menu, setMenu] = useState(false);
  return (
    <li
      className={`concept-chip${isSet ? ' is-set' : ''}`}
      aria-label={label}
      draggable
      onDragStart={(e) => startItemDrag(e, item, label)}
      onDragEnd={endItemDrag}
    >
      <button
        className="chip-main"
        aria-haspopup="menu"
        aria-expanded={menu}
        title={`${label}: drag to another concept to copy it there, or press Enter`}
        onClick={() => setMenu(!menu)}
        onKeyDown={(e) => {
          if (e.key === 'Delete' || e.key === 'Backspace') {
            e.preventDefault();
            onRemove();
          }
        }}
      >
        {isSet ? (
          <span className="set-mark" aria-hidden>
            ▤
          </span>
        ) : (
          <span className="swatch" style={{ background: color }} />
        )}
        <span className="chip-name">{label}</span>
        <span className="chip-count" title={countTitle} data-testid="chip-count">
          {count}
        </span>
      </button>
      <button
        className="chip-remove"
        aria-label={`Remove ${label} from ${concept.name}`}
        title={`Remove from ${concept.name}`}
        onClick={onRemove}
      >
        ×
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
