import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SourceSummary } from '../../../electron/api/contract';
import { selectSources, useSources } from './store';
import { useCoding } from '../coding/store';
import { useRetrieval } from '../retrieval/store';
import { DeleteSourceDialog } from './DeleteSource';

/** Sources grouped by folder (folders first, in name order; then sources in no folder). */
function byFolder(sources: SourceSummary[]): [string, SourceSummary[]][] {
  const groups = new Map<string, SourceSummary[]>();
  for (const s of sources) groups.set(s.folder, [...(groups.get(s.folder) ?? []), s]);
  return [...groups.entries()].sort(([a], [b]) =>
    a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, undefined, { numeric: true }),
  );
}

export function SourceList() {
  const sources = useSources(useShallow(selectSources));
  const currentId = useSources((s) => s.currentId);
  const showingCode = useRetrieval((s) => s.codeId !== null);
  const [deleting, setDeleting] = useState<number | null>(null);
  if (!sources.length)
    return <p className="empty">No sources yet. Import files or drop them here to begin.</p>;
  const groups = byFolder(sources);
  const row = (s: SourceSummary) => (
    <li key={s.id} className="source-row">
      <button
        className={`row ${s.id === currentId && !showingCode ? 'selected' : ''}`}
        onClick={() => {
          void useRetrieval.getState().showCode(null);
          useCoding.getState().setFocus(null);
          void useSources.getState().select(s.id);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Delete') {
            e.preventDefault();
            setDeleting(s.id);
          }
        }}
        title={`${s.name} · ${s.kind}${s.folder ? ` · ${s.folder}` : ''} (Delete key: delete…)`}
      >
        <span className="name">{s.name}</span>
        <span className="count" aria-label={`${s.codings} codings`}>
          {s.codings}
        </span>
      </button>
      {s.id === currentId && !showingCode && (
        <button
          className="row-delete"
          aria-label="Delete this source"
          title={`Delete ‘${s.name}’…`}
          onClick={() => setDeleting(s.id)}
        >
          ×
        </button>
      )}
    </li>
  );
  const dialog = deleting !== null && (
    <DeleteSourceDialog id={deleting} onClose={() => setDeleting(null)} />
  );
  if (groups.length === 1 && groups[0]![0] === '') {
    return (
      <>
        <ul className="source-list" aria-label="Sources">
          {sources.map(row)}
        </ul>
        {dialog}
      </>
    );
  }
  return (
    <>
      <ul className="source-list" aria-label="Sources">
        {groups.map(([folder, items]) => (
          <li key={folder || '(none)'} className="folder">
            <details open>
              <summary>{folder || 'Not in a folder'}</summary>
              <ul aria-label={folder || 'Not in a folder'}>{items.map(row)}</ul>
            </details>
          </li>
        ))}
      </ul>
      {dialog}
    </>
  );
}
