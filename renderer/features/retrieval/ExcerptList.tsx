import { useRetrieval } from './store';
import { useCoding } from '../coding/store';
import { useCodebook } from '../codebook/store';
import { useSources } from '../sources/store';

/** A code's excerpts with their sources; choosing one opens the source at that passage. */
export function ExcerptList() {
  const codeId = useRetrieval((s) => s.codeId);
  const excerpts = useRetrieval((s) => s.excerpts);
  const code = useCodebook((s) => (codeId === null ? undefined : s.byId[codeId]));
  if (codeId === null || !code) return null;
  return (
    <div className="excerpts" data-testid="excerpts">
      <h2>
        <span className="swatch big" style={{ background: code.color }} /> {code.name}
      </h2>
      <p className="reader-meta">
        {excerpts.length} excerpt{excerpts.length === 1 ? '' : 's'} from{' '}
        {new Set(excerpts.map((e) => e.sourceId)).size} sources
        {code.description ? ` · ${code.description}` : ''}
      </p>
      {excerpts.length === 0 && <p className="empty">No passages are coded with this code yet.</p>}
      <ol className="excerpt-list">
        {excerpts.map((e) => (
          <li key={e.codingId}>
            <button
              className="excerpt"
              onClick={() => {
                void useRetrieval.getState().showCode(null);
                useCoding.getState().setFocus({ sourceId: e.sourceId, start: e.start, end: e.end });
                void useSources.getState().select(e.sourceId);
              }}
            >
              <span className="excerpt-source">{e.sourceName}</span>
              <span className="excerpt-text" style={{ borderColor: code.color }}>
                {e.text}
              </span>
              <span className="muted small">coded by {e.coder}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
