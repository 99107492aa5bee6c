import { useEffect } from 'react';
import { useProject } from '../project/store';
import { ConceptBoard } from './ConceptBoard';
import { ConceptDetail } from './ConceptDetail';
import { followConcepts, useConcepts } from './store';
import './concepts.css';

/** The project the store was filled for; coming back to the view keeps the open concept. */
let shownFor: string | null = null;

/** The concepts board and a concept's excerpts (issue 5). */
export function ConceptsView() {
  const path = useProject((s) => s.project?.path);
  return path ? <ConceptsOfProject key={path} path={path} /> : null;
}

function ConceptsOfProject({ path }: { path: string }) {
  const openId = useConcepts((s) => s.openId);

  useEffect(() => {
    if (shownFor !== path) {
      shownFor = path;
      useConcepts.getState().reset();
    }
    const s = useConcepts.getState();
    void s.load();
    if (s.openId !== null) void s.loadView();
    return followConcepts();
  }, [path]);

  return (
    <div className="concepts-view" aria-label="Concepts">
      {openId === null ? <ConceptBoard /> : <ConceptDetail id={openId} />}
    </div>
  );
}
