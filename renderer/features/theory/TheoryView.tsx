import { useEffect } from 'react';
import { useProject } from '../project/store';
import { Board } from './Board';
import { Palette } from './Palette';
import { StagesEditor } from './StagesEditor';
import { followTheory, useTheory } from './store';
import './theory.css';

/** The programme-theory canvas (issue 5): concepts, CMOCs and notes placed, linked and staged. */
export function TheoryView() {
  const path = useProject((s) => s.project?.path);
  return path ? <TheoryOfProject key={path} path={path} /> : null;
}

function TheoryOfProject({ path }: { path: string }) {
  useEffect(() => {
    // Each visit reads the canvas afresh: it is small, and may have changed while away.
    useTheory.getState().reset();
    void useTheory.getState().load();
    return followTheory();
  }, [path]);

  return (
    <div className="theory-view">
      <aside className="theory-side" aria-label="Stages and items">
        <StagesEditor />
        <Palette />
      </aside>
      <main className="theory-main" aria-label="Programme theory">
        <Board />
      </main>
    </div>
  );
}
