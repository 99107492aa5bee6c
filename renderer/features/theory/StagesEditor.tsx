import { useState } from 'react';
import { MAX_STAGE_NAME, stagesProblem } from './stages';
import { useTheory } from './store';

/** The continuum's stages, left to right: rename, reorder, remove, add. */
export function StagesEditor() {
  const stages = useTheory((s) => s.canvas.stages);
  // A fresh draft whenever the saved stages change (here or elsewhere).
  return <StageList key={JSON.stringify(stages)} stages={stages} />;
}

function StageList({ stages }: { stages: string[] }) {
  const [draft, setDraft] = useState(stages);
  const [adding, setAdding] = useState('');
  const [error, setError] = useState('');

  const save = async (next: string[]) => {
    const problem = stagesProblem(next);
    setError(problem);
    if (problem) return false;
    return useTheory.getState().setStages(next.map((s) => s.trim()));
  };
  const rename = (i: number) => {
    if (draft[i] === stages[i]) return;
    void save(draft).then((ok) => {
      // A name that cannot be saved goes back to what it was.
      if (!ok) setDraft(stages);
    });
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...stages];
    const [s] = next.splice(i, 1);
    next.splice(i + by, 0, s!);
    void save(next);
  };

  return (
    <section className="theory-stages" aria-label="Stages">
      <h3>Stages</h3>
      <p className="muted small">
        A continuum drawn as bands, left to right{stages.length ? '' : ' (none yet)'}.
      </p>
      <ol aria-label="Stage names">
        {draft.map((name, i) => (
          <li key={i}>
            <input
              aria-label={`Stage ${i + 1} name`}
              value={name}
              maxLength={MAX_STAGE_NAME + 20}
              onChange={(e) => setDraft(draft.map((s, j) => (j === i ? e.target.value : s)))}
              onBlur={() => rename(i)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') rename(i);
                if (e.key === 'Escape') setDraft(stages);
              }}
            />
            <button
              aria-label={`Move ${name} earlier`}
              title="Earlier"
              disabled={i === 0}
              onClick={() => move(i, -1)}
            >
              ↑
            </button>
            <button
              aria-label={`Move ${name} later`}
              title="Later"
              disabled={i === stages.length - 1}
              onClick={() => move(i, 1)}
            >
              ↓
            </button>
            <button
              aria-label={`Remove stage ${name}`}
              title="Remove"
              onClick={() => void save(stages.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <form
        className="theory-stage-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (!adding.trim()) return;
          void save([...stages, adding]).then((ok) => {
            if (ok) setAdding('');
          });
        }}
      >
        <input
          aria-label="New stage name"
          placeholder="e.g. Fitting in"
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
        />
        <button type="submit" disabled={!adding.trim()}>
          Add stage
        </button>
      </form>
      {error && (
        <p className="theory-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
