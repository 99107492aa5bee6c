import { selectSources, useSources } from './store';
import { useCoding } from '../coding/store';
import { useShallow } from 'zustand/react/shallow';

export function SourceList() {
  const sources = useSources(useShallow(selectSources));
  const currentId = useSources((s) => s.currentId);
  const showingCode = useCoding((s) => s.codeId !== null);
  if (!sources.length)
    return <p className="empty">No sources yet. Import .txt or .md files to begin.</p>;
  return (
    <ul className="source-list" aria-label="Sources">
      {sources.map((s) => (
        <li key={s.id}>
          <button
            className={`row ${s.id === currentId && !showingCode ? 'selected' : ''}`}
            onClick={() => {
              void useCoding.getState().showCode(null);
              useCoding.getState().setFocus(null);
              void useSources.getState().select(s.id);
            }}
            title={`${s.name} · ${s.kind}`}
          >
            <span className="name">{s.name}</span>
            <span className="count" aria-label={`${s.codings} codings`}>
              {s.codings}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
