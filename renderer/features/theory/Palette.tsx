import { useMemo, useState, type ReactNode } from 'react';
import { PALETTE_MIME, useBoardCentre, type PaletteDrag } from './board-state';
import { freeSpot, itemHeight } from './geometry';
import { STATUS_STYLE, buildScene, safeColour } from './scene';
import { unplaced, useTheory } from './store';

/** Where "Place" puts a new item: a free spot near the middle of the board. */
function freePlace(): { x: number; y: number } {
  const { canvas, concepts, cmocs } = useTheory.getState();
  const boxes = buildScene({ ...canvas, links: [] }, { concepts, cmocs }).boxes;
  return freeSpot(boxes, useBoardCentre.getState().centre, itemHeight(2));
}

function PaletteRow({
  drag,
  label,
  children,
}: {
  drag: PaletteDrag;
  label: string;
  children: ReactNode;
}) {
  return (
    <li
      className="theory-palette-row"
      draggable
      title="Drag onto the canvas"
      onDragStart={(e) => {
        e.dataTransfer.setData(PALETTE_MIME, JSON.stringify(drag));
        e.dataTransfer.setData('text/plain', label);
        e.dataTransfer.effectAllowed = 'copy';
      }}
    >
      <span className="theory-palette-label">{children}</span>
      <button
        aria-label={`Place ${label}`}
        onClick={() => {
          const p = freePlace();
          void useTheory.getState().place(drag.kind, drag.refId, p.x, p.y);
        }}
      >
        Place
      </button>
    </li>
  );
}

/** Concepts and CMOCs not yet on the canvas, to drag or place onto it, and free notes. */
export function Palette() {
  const canvas = useTheory((s) => s.canvas);
  const allConcepts = useTheory((s) => s.concepts);
  const allCmocs = useTheory((s) => s.cmocs);
  const concepts = useMemo(() => unplaced(canvas, 'concept', allConcepts), [canvas, allConcepts]);
  const cmocs = useMemo(() => unplaced(canvas, 'cmoc', allCmocs), [canvas, allCmocs]);
  const [note, setNote] = useState('');

  return (
    <section className="theory-palette" aria-label="Not on the canvas">
      <h3>Not on the canvas</h3>
      <h4>Concepts</h4>
      {concepts.length === 0 ? (
        <p className="muted small">
          {allConcepts.length ? 'Every concept is on the canvas.' : 'No concepts yet.'}
        </p>
      ) : (
        <ul aria-label="Concepts to place">
          {concepts.map((c) => (
            <PaletteRow key={c.id} drag={{ kind: 'concept', refId: c.id }} label={c.name}>
              <span className="theory-swatch" style={{ background: safeColour(c.color) }} />
              {c.name}
            </PaletteRow>
          ))}
        </ul>
      )}
      <h4>CMOCs</h4>
      {cmocs.length === 0 ? (
        <p className="muted small">
          {allCmocs.length ? 'Every CMOC is on the canvas.' : 'No CMOCs yet.'}
        </p>
      ) : (
        <ul aria-label="CMOCs to place">
          {cmocs.map((c) => (
            <PaletteRow key={c.id} drag={{ kind: 'cmoc', refId: c.id }} label={c.title}>
              {c.title}
              <span
                className="theory-status"
                style={{
                  background: STATUS_STYLE[c.status].fill,
                  color: STATUS_STYLE[c.status].color,
                }}
              >
                {c.status}
              </span>
            </PaletteRow>
          ))}
        </ul>
      )}
      <form
        className="theory-note-form"
        aria-label="Add a note"
        onSubmit={(e) => {
          e.preventDefault();
          const text = note.trim();
          if (!text) return;
          const p = freePlace();
          void useTheory
            .getState()
            .addNote(text, p.x, p.y)
            .then((id) => {
              if (id !== null) setNote('');
            });
        }}
      >
        <h4>Note</h4>
        <textarea
          value={note}
          rows={2}
          maxLength={500}
          placeholder="A free note on the canvas"
          aria-label="Note text"
          onChange={(e) => setNote(e.target.value)}
        />
        <button type="submit" disabled={!note.trim()}>
          Add note
        </button>
      </form>
    </section>
  );
}
