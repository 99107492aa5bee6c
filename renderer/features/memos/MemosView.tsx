import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Annotation, Memo } from '../../../electron/api/contract';
import { onEvent } from '../../lib/api';
import { useProject } from '../project/store';
import { useAnnotations } from './annotations';
import { selectMemoList, useMemos, type MemoKind } from './store';
import { aboutText, snippet, when } from './format';
import { MemoPanel } from './MemoPanel';
import { AnnotationPanel } from './AnnotationPanel';
import { NewMemoForm } from './NewMemoForm';
import './memos.css';

const SEARCH_DELAY_MS = 250;
const KINDS: { kind: MemoKind | null; label: string }[] = [
  { kind: null, label: 'All' },
  { kind: 'project', label: 'Project' },
  { kind: 'code', label: 'Codes' },
  { kind: 'source', label: 'Sources' },
  { kind: 'case', label: 'Cases' },
];

/** The project the memo stores were filled for; coming back to the view keeps search and choice. */
let shownFor: string | null = null;

/** Memos on the project, codes, sources and cases, and every annotation: searched together. */
export function MemosView() {
  const path = useProject((s) => s.project?.path);
  return path ? <MemosOfProject key={path} path={path} /> : null;
}

function MemosOfProject({ path }: { path: string }) {
  const memos = useMemos(useShallow(selectMemoList));
  const loaded = useMemos((s) => s.loaded);
  const kind = useMemos((s) => s.kind);
  const query = useMemos((s) => s.query);
  const selected = useMemos((s) => s.selected);
  const annotations = useAnnotations((s) => s.all);
  const [typed, setTyped] = useState(() => (shownFor === path ? query : ''));
  const [creating, setCreating] = useState(false);

  // Another project: start over. Then keep in step with changes made elsewhere.
  useEffect(() => {
    if (shownFor !== path) {
      shownFor = path;
      useMemos.getState().reset();
      useAnnotations.setState({ all: null, query: '' });
    }
    void useMemos.getState().load();
    void useAnnotations.getState().loadAll(useMemos.getState().query);
    return onEvent('project.changed', ({ what }) => {
      if (what === 'memos') void useMemos.getState().load();
      if (what === 'annotations' || what === 'sources') void useAnnotations.getState().loadAll();
    });
  }, [path]);

  // Searching waits for a pause in typing.
  useEffect(() => {
    if (typed === useMemos.getState().query) return;
    const t = setTimeout(() => {
      void useMemos.getState().setQuery(typed);
      void useAnnotations.getState().loadAll(typed);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [typed]);

  const q = query.trim();
  return (
    <div className="memos-view">
      <nav className="memos-side" aria-label="Memos and annotations">
        <div className="pane-head">
          <h3>Memos</h3>
          <button
            className="primary small-button"
            onClick={() => {
              setCreating(true);
              useMemos.getState().select(null);
            }}
          >
            New memo
          </button>
        </div>
        <div className="memos-search">
          <input
            type="search"
            value={typed}
            placeholder="Search titles and text"
            aria-label="Search memos and annotations"
            maxLength={200}
            onChange={(e) => setTyped(e.target.value)}
          />
          <div className="memo-kinds" role="group" aria-label="Show memos about">
            {KINDS.map((k) => (
              <button
                key={k.label}
                aria-pressed={kind === k.kind}
                onClick={() => void useMemos.getState().setKind(k.kind)}
              >
                {k.label}
              </button>
            ))}
          </div>
        </div>
        <ul className="memo-list" aria-label="Memos">
          {loaded && memos.length === 0 && (
            <li className="empty">
              {q || kind ? 'No memo matches.' : 'No memos yet. Start one with New memo.'}
            </li>
          )}
          {memos.map((m) => (
            <MemoItem
              key={m.id}
              memo={m}
              query={q}
              selected={selected?.kind === 'memo' && selected.id === m.id}
              onClick={() => {
                setCreating(false);
                useMemos.getState().select({ kind: 'memo', id: m.id });
              }}
            />
          ))}
        </ul>
        <div className="pane-head">
          <h3>Annotations</h3>
          <span className="muted">{annotations?.length ?? ''}</span>
        </div>
        <ul className="memo-list" aria-label="Annotations">
          {annotations?.length === 0 && (
            <li className="empty">
              {q
                ? 'No annotation matches.'
                : 'No annotations yet. Select a passage in a source and choose Annotate.'}
            </li>
          )}
          {annotations?.map((a) => (
            <AnnotationItem
              key={a.id}
              a={a}
              query={q}
              selected={selected?.kind === 'annotation' && selected.id === a.id}
              onClick={() => {
                setCreating(false);
                useMemos.getState().select({ kind: 'annotation', id: a.id });
              }}
            />
          ))}
        </ul>
      </nav>
      <main className="memos-main">
        {creating ? (
          <NewMemoForm
            onDone={(memo) => {
              setCreating(false);
              if (memo) useMemos.getState().select({ kind: 'memo', id: memo.id });
            }}
          />
        ) : selected?.kind === 'memo' ? (
          <MemoPanel key={selected.id} id={selected.id} />
        ) : selected?.kind === 'annotation' ? (
          <AnnotationPanel key={selected.id} id={selected.id} />
        ) : (
          <div className="empty center-empty">
            <h2>Memos</h2>
            <p>
              Write memos about the project, a code, a source or a case, and link them to the
              passages they discuss. Choose one on the left, or start a new one.
            </p>
          </div>
        )}
      </main>
    </div>
  );
}

function Marked({ text, query }: { text: string; query: string }) {
  const s = snippet(text, query);
  return (
    <>
      {s.before}
      {s.match && <mark>{s.match}</mark>}
      {s.after}
    </>
  );
}

function MemoItem({
  memo,
  query,
  selected,
  onClick,
}: {
  memo: Memo;
  query: string;
  selected: boolean;
  onClick(): void;
}) {
  return (
    <li>
      <button className={`memo-item ${selected ? 'selected' : ''}`} onClick={onClick}>
        <span className="memo-item-title">{memo.title}</span>
        <span className="memo-item-meta">
          About {aboutText(memo)} · {when(memo.updatedAt)}
          {memo.passages > 0 ? ` · ${memo.passages} passage${memo.passages === 1 ? '' : 's'}` : ''}
        </span>
        {memo.body.trim() && (
          <span className="memo-item-snippet">
            <Marked text={memo.body} query={query} />
          </span>
        )}
      </button>
    </li>
  );
}

function AnnotationItem({
  a,
  query,
  selected,
  onClick,
}: {
  a: Annotation;
  query: string;
  selected: boolean;
  onClick(): void;
}) {
  return (
    <li>
      <button className={`memo-item ${selected ? 'selected' : ''}`} onClick={onClick}>
        <span className="memo-item-meta">
          {a.sourceName} · {when(a.updatedAt)}
        </span>
        <span className="memo-item-words">“{snippet(a.text, '', 90).before}”</span>
        <span className="memo-item-snippet">
          <Marked text={a.body} query={query} />
        </span>
      </button>
    </li>
  );
}
