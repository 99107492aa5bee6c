import { useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CodeSet } from '../../../electron/api/contract';
import { ConfirmDialog } from '../cases/Dialog';
import { showExcerpts } from './actions';
import { draggedCode } from './dnd';
import { ChevronIcon } from './icons';
import { selectSets, useCodebook } from './store';
import { pathOf } from './tree';
import { useCodeTree } from './view';

/** Code sets: named groups of codes (a code may be in several). Codes are dragged onto them. */
export function CodeSets() {
  const sets = useCodebook(useShallow(selectSets));
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<CodeSet | null>(null);
  return (
    <section className="code-sets" aria-label="Code sets">
      <div className="sub-head">
        <h3>Code sets</h3>
        <span className="muted small">{sets.length}</span>
        <button className="link add-set" onClick={() => setCreating(true)}>
          + New set
        </button>
      </div>
      {creating && (
        <NameField
          label="New set name"
          initial=""
          onDone={(name) => {
            setCreating(false);
            if (name) void useCodebook.getState().createSet(name);
          }}
        />
      )}
      {sets.length === 0 && !creating && (
        <p className="empty small">
          Group codes into sets, such as the codes collated under one heading. Drag a code onto a
          set to add it.
        </p>
      )}
      <ul className="set-list" aria-label="Code set list">
        {sets.map((s) => (
          <SetItem key={s.id} set={s} onDelete={() => setDeleting(s)} />
        ))}
      </ul>
      {deleting && (
        <ConfirmDialog
          title={`Delete the set ‘${deleting.name}’`}
          message={
            <p>
              Delete the set ‘{deleting.name}’?{' '}
              {deleting.codeIds.length === 1
                ? 'Its one code stays'
                : `Its ${deleting.codeIds.length} codes stay`}{' '}
              in the codebook, with their codings. You can undo this.
            </p>
          }
          confirmLabel="Delete set"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            setDeleting(null);
            void useCodebook.getState().deleteSet(deleting.id);
          }}
        />
      )}
    </section>
  );
}

function SetItem({ set, onDelete }: { set: CodeSet; onDelete(): void }) {
  const byId = useCodebook((s) => s.byId);
  const [open, setOpen] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [over, setOver] = useState(false);
  const n = set.codeIds.length;

  const dragOver = (e: DragEvent) => {
    if (draggedCode(e) === null) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const id = draggedCode(e);
    if (id === null) return;
    // Dragging one of several picked codes brings them all.
    const picked = useCodeTree.getState().picked;
    const ids = picked.includes(id) ? picked : [id];
    const fresh = ids.filter((c) => !set.codeIds.includes(c));
    if (fresh.length) void useCodebook.getState().addToSet(set.id, fresh);
  };

  return (
    <li className="set-item">
      <div
        className={`set-row ${over ? 'drop-apply' : ''}`}
        onDragOver={dragOver}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
        }}
        onDrop={drop}
      >
        <button
          className="twisty"
          aria-expanded={open}
          aria-label={`${open ? 'Hide' : 'Show'} the codes in ${set.name}`}
          onClick={() => setOpen(!open)}
        >
          <ChevronIcon open={open} />
        </button>
        {renaming ? (
          <NameField
            label={`New name for the set ${set.name}`}
            initial={set.name}
            onDone={(name) => {
              setRenaming(false);
              if (name && name !== set.name) void useCodebook.getState().renameSet(set.id, name);
            }}
          />
        ) : (
          <button
            className="name link-like"
            onClick={() => setOpen(!open)}
            onDoubleClick={() => setRenaming(true)}
            title={set.description || 'Show its codes'}
          >
            {set.name}
          </button>
        )}
        <span className="count" aria-label={`${n} code${n === 1 ? '' : 's'}`}>
          {n}
        </span>
        <span className="set-actions">
          <button
            className="link"
            onClick={() => setRenaming(true)}
            aria-label={`Rename the set ${set.name}`}
          >
            Rename
          </button>
          <button
            className="link danger-text"
            onClick={onDelete}
            aria-label={`Delete the set ${set.name}`}
          >
            Delete
          </button>
        </span>
      </div>
      {open && (
        <ul className="set-members" aria-label={`Codes in ${set.name}`}>
          {set.codeIds.map((id) => {
            const code = byId[id];
            if (!code) return null;
            return (
              <li key={id}>
                <span className="swatch" style={{ background: code.color }} />
                <button
                  className="name link-like"
                  title={pathOf(byId, id)}
                  onClick={() => showExcerpts(id)}
                >
                  {code.name}
                </button>
                <span className="count">{code.totalCodings}</span>
                <button
                  className="icon remove"
                  aria-label={`Take ${code.name} out of ${set.name}`}
                  title="Take it out of the set (the code stays)"
                  onClick={() => void useCodebook.getState().removeFromSet(set.id, [id])}
                >
                  ×
                </button>
              </li>
            );
          })}
          {n === 0 && (
            <li className="muted small">Drag codes here, or use a code’s menu › Add to set.</li>
          )}
        </ul>
      )}
    </li>
  );
}

/** A one-line name field: Enter or leaving saves, Escape gives up. */
function NameField({
  label,
  initial,
  onDone,
}: {
  label: string;
  initial: string;
  onDone(name: string | null): void;
}) {
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const finish = (save: boolean) => {
    if (done.current) return;
    done.current = true;
    onDone(save ? value.trim() || null : null);
  };
  return (
    <input
      className="rename set-name"
      aria-label={label}
      placeholder="Set name"
      value={value}
      maxLength={200}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') finish(true);
        else if (e.key === 'Escape') finish(false);
      }}
      onBlur={() => finish(true)}
    />
  );
}
