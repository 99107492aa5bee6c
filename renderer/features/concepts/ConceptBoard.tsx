import { useShallow } from 'zustand/react/shallow';
import { useState } from 'react';
import type { Concept } from '../../../electron/api/contract';
import { CodeLibrary } from './CodeLibrary';
import { ConceptColumn } from './ConceptColumn';
import { ConceptForm } from './ConceptForm';
import { selectConcepts, useConcepts } from './store';

/**
 * A new concept's column comes into view with its name focused, ready for codes; after the
 * dialog has closed and given focus back, hence the wait.
 */
function showNew(c: Concept) {
  setTimeout(() => {
    const name = document.querySelector<HTMLElement>(`[data-concept-id="${c.id}"] .concept-name`);
    name?.scrollIntoView({ block: 'nearest' });
    name?.focus();
  }, 50);
}

/** The board: one column per concept, and the codes and sets to drag into them. */
export function ConceptBoard() {
  const concepts = useConcepts(useShallow(selectConcepts));
  const loaded = useConcepts((s) => s.loaded);
  const [creating, setCreating] = useState(false);

  return (
    <div className="concepts-board-view">
      <main className="concepts-main">
        <header className="concepts-toolbar">
          <h2>Concepts</h2>
          <p className="muted small concepts-rule">
            Drag codes or code sets into a concept. Dragging between concepts copies (a code may sit
            in several); × takes one out. Click a concept’s name for its excerpts.
          </p>
          <span className="spacer" />
          <button className="primary" onClick={() => setCreating(true)}>
            New concept
          </button>
        </header>
        <div className="concepts-board" role="list" aria-label="Concept board">
          {concepts.map((c) => (
            <div role="listitem" key={c.id} className="concept-slot">
              <ConceptColumn concept={c} />
            </div>
          ))}
          {loaded && concepts.length === 0 && (
            <div className="empty concepts-empty">
              <h3>No concepts yet</h3>
              <p>
                A concept gathers codes that speak to one idea in your programme theory. Start one
                with New concept, then drag codes into it.
              </p>
            </div>
          )}
        </div>
      </main>
      <CodeLibrary />
      {creating && <ConceptForm onClose={() => setCreating(false)} onCreated={showNew} />}
    </div>
  );
}
