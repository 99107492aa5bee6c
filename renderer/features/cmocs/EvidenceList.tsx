import type { Evidence } from '../../../electron/api/contract';
import { openPassage } from '../retrieval/open';
import { PART_LABEL } from './model';
import { useCmocs } from './store';

const LOST_TEXT: Record<Exclude<Evidence['lost'], ''>, string> = {
  source: 'Its source was deleted',
  coding: 'Its coding was deleted',
  text: 'Its words were deleted from the source',
};

/** Quotes backing a part, each with its attribution, a way back to its source, and Remove. */
export function EvidenceList({
  items,
  showPart = false,
  empty,
}: {
  items: readonly Evidence[];
  showPart?: boolean;
  empty: string;
}) {
  if (items.length === 0)
    return empty ? <p className="muted small evidence-empty">{empty}</p> : null;
  return (
    <ul className="evidence-list" aria-label="Quotes">
      {items.map((e) => (
        <li key={e.id} className={`evidence-item ${e.lost ? 'lost' : ''}`}>
          {showPart && e.part !== 'context' && e.part !== 'outcome' && e.part !== 'mechanism' && (
            <span className="evidence-part">{PART_LABEL[e.part]}</span>
          )}
          <blockquote className="evidence-quote">{e.quote}</blockquote>
          <div className="evidence-meta">
            {e.attribution || e.sourceName}
            {e.lost && (
              <span className="flag lost" role="note">
                {LOST_TEXT[e.lost]}
              </span>
            )}
          </div>
          <div className="evidence-actions">
            <button
              disabled={e.sourceId === null || e.lost === 'source'}
              onClick={() => {
                if (e.sourceId !== null)
                  openPassage({ sourceId: e.sourceId, start: e.start, end: e.end });
              }}
            >
              Open in source
            </button>
            <button onClick={() => void useCmocs.getState().removeEvidence(e.id)}>Remove</button>
          </div>
        </li>
      ))}
    </ul>
  );
}
