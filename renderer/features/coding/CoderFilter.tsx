import { useEffect, useMemo, useRef } from 'react';
import type { CoderSummary } from '../../../electron/api/contract';
import { useTeam } from '../team/store';
import { useCoding } from './store';
import { useVisibility } from './visibility';
import './coding.css';

/** Coders by id, loading the list again when a coding names a coder it does not know yet. */
export function useCodersById(): Record<number, CoderSummary> {
  const coders = useTeam((s) => s.coders);
  const codings = useCoding((s) => s.codings);
  const byId = useMemo(() => Object.fromEntries(coders.map((c) => [c.id, c])), [coders]);
  const asked = useRef('');
  useEffect(() => {
    const unknown = [...new Set(codings.map((c) => c.coderId))].filter((id) => id > 0 && !byId[id]);
    const key = unknown.sort((a, b) => a - b).join(',');
    if (!unknown.length || key === asked.current) return;
    asked.current = key; // once per set of strangers, so a failing call does not repeat
    void useTeam.getState().loadCoders();
  }, [codings, byId]);
  return byId;
}

/**
 * Shows or hides codings by coder, for the reader: each coder who coded this source with a
 * checkbox (ticked = shown). Hidden coders' codings are neither painted, striped nor listed.
 */
export function CoderFilter() {
  const byId = useCodersById();
  const codings = useCoding((s) => s.codings);
  const hidden = useVisibility((s) => s.hiddenCoders);
  const here = useMemo(() => {
    const counts = new Map<number, number>();
    for (const c of codings) counts.set(c.coderId, (counts.get(c.coderId) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  }, [codings]);
  if (here.length === 0) return null;
  const hiddenHere = here.filter(([id]) => hidden[id]).length;
  return (
    <details className="coder-filter">
      <summary>
        Coders{hiddenHere > 0 ? ` (${here.length - hiddenHere} of ${here.length} shown)` : ''}
      </summary>
      <fieldset>
        <legend>Show codings by</legend>
        {here.map(([id, count]) => {
          const coder = byId[id];
          const name = coder?.name ?? `Coder ${id}`;
          return (
            <label key={id}>
              <input
                type="checkbox"
                checked={!hidden[id]}
                onChange={() => useVisibility.getState().toggleCoder(id)}
              />
              <span className="initials" aria-hidden="true">
                {coder?.initials ?? '?'}
              </span>
              {name}
              <span className="count" aria-label={`${count} codings here`}>
                {count}
              </span>
            </label>
          );
        })}
      </fieldset>
    </details>
  );
}
