import { useEffect, useState } from 'react';
import { bridge, onEvent } from './lib/api';
import { useProject } from './features/project/store';
import { importFiles, newProject, openProject } from './features/project/actions';
import { ImportPanel } from './features/import/ImportPanel';
import { followImports, useImport } from './features/import/store';
import { filesFromDrop, IMPORTABLE } from './features/import/drop';
import { FilePicker } from './features/project/FilePicker';
import { SourceList } from './features/sources/SourceList';
import { useSources } from './features/sources/store';
import { Reader } from './features/sources/Reader';
import { SourceEditor } from './features/sources/Editor';
import { CodePanel } from './features/codebook/CodePanel';
import { ExcerptList } from './features/retrieval/ExcerptList';
import { useRetrieval } from './features/retrieval/store';
import { useCoding } from './features/coding/store';
import { loadAll, resetAll, startSync } from './features/sync';
import { Notices } from './ui/Notices';
import { useView } from './ui/view';
import { CasesView } from './features/cases/CasesView';
import { MemosView } from './features/memos/MemosView';
import { CmocsView } from './features/cmocs/CmocsView';
import { ConceptsView } from './features/concepts/ConceptsView';
import { TheoryView } from './features/theory/TheoryView';
import { ExchangeMenu } from './features/exchange/ExchangeMenu';
import { ExchangeDialogs } from './features/exchange/ExchangeDialogs';
import { QuickPick } from './features/coding/QuickPick';
import { CoderChooser } from './features/team/CoderChooser';
import { followUndo, typingInField, useUndo } from './features/undo/store';

export function App() {
  const status = useProject((s) => s.status);
  const project = useProject((s) => s.project);
  const view = useView((s) => s.view);
  const [dragging, setDragging] = useState(false);

  // Files and folders dropped anywhere on the window are imported into the open project.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e) || !useProject.getState().project) return;
      depth++;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (!depth) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e) || !e.dataTransfer) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      if (!useProject.getState().project) return;
      void filesFromDrop(e.dataTransfer).then((files) => useImport.getState().fromFiles(files));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  useEffect(() => {
    const stop = startSync();
    const stopImports = followImports();
    const stopUndo = followUndo();
    const stopMenu = onEvent('menu.command', ({ command, path }) => {
      if (command === 'new') void newProject();
      else if (command === 'open') void openProject();
      else if (command === 'openRecent' && path) void useProject.getState().open(path);
      else if (command === 'import') void importFiles();
      else if (command === 'close') void useProject.getState().close();
      else if (command === 'undo' || command === 'redo') undoOrRedo(command);
    });
    void useProject.getState().startup();
    return () => {
      stop();
      stopImports();
      stopUndo();
      stopMenu();
    };
  }, []);

  // A different project: every store starts over.
  useEffect(() => {
    resetAll();
    if (project?.path) void loadAll();
  }, [project?.path]);

  // Browser mode has no app menu, so the page answers the same shortcuts.
  useEffect(() => {
    if (bridge.mode !== 'browser') return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey) return;
      const k = e.key.toLowerCase();
      if (k === 'o') void openProject();
      else if (k === 'i') void importFiles();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) undo and redo coding and codebook actions, except while
  // typing in a field, which keeps its own undo. In Electron the Edit menu owns these keys.
  useEffect(() => {
    if (bridge.mode !== 'browser') return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || typingInField(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) undoOrRedo('undo');
      else if ((k === 'z' && e.shiftKey) || (k === 'y' && !e.shiftKey)) undoOrRedo('redo');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (status === 'starting') return <div className="splash">Opening Weft…</div>;
  return (
    <div className="app">
      <TopBar />
      {!project ? (
        <Welcome />
      ) : view === 'cases' ? (
        <CasesView />
      ) : view === 'memos' ? (
        <MemosView />
      ) : view === 'concepts' ? (
        <ConceptsView />
      ) : view === 'cmocs' ? (
        <CmocsView />
      ) : view === 'theory' ? (
        <TheoryView />
      ) : (
        <Workspace />
      )}
      {project && <QuickPick />}
      <FilePicker />
      <Notices />
      <ImportPanel />
      {project && <ExchangeDialogs />}
      {dragging && <div className="drop-overlay">Drop files or folders to import them</div>}
      <input
        id="import-input"
        data-testid="import-input"
        type="file"
        multiple
        accept={IMPORTABLE.join(',')}
        hidden
        onChange={(e) => {
          const files = e.currentTarget.files ? [...e.currentTarget.files] : [];
          e.currentTarget.value = '';
          void useImport.getState().fromFiles(files);
        }}
      />
    </div>
  );
}

function TopBar() {
  const project = useProject((s) => s.project);
  const recent = useProject((s) => s.recent);
  return (
    <header className="topbar">
      <span className="brand">Weft</span>
      <span className="project-name" data-testid="project-name">
        {project ? project.name : 'No project open'}
      </span>
      {project && <ViewTabs />}
      {project && <UndoButtons />}
      {project && <CoderChooser />}
      <nav className="actions" aria-label="Project">
        <button onClick={() => void newProject()}>New project…</button>
        <button onClick={() => void openProject()} title="Ctrl+O">
          Open…
        </button>
        <details className="recent-menu">
          <summary>Recent</summary>
          <ul aria-label="Recent projects">
            {recent.length === 0 && <li className="muted">No recent projects</li>}
            {recent.map((r) => (
              <li key={r.path}>
                <button
                  disabled={!r.exists}
                  title={r.path}
                  onClick={() => void useProject.getState().open(r.path)}
                >
                  {r.name}
                  <span className="muted small"> {r.path}</span>
                </button>
              </li>
            ))}
          </ul>
        </details>
        <button disabled={!project} onClick={() => void importFiles()} title="Ctrl+I">
          Import files…
        </button>
        {project && <ExchangeMenu />}
        <button disabled={!project} onClick={() => void useProject.getState().close()}>
          Close
        </button>
      </nav>
      {bridge.mode === 'browser' && (
        <span
          className="mode-badge"
          title="Running in your browser over a private local connection"
        >
          browser mode
        </span>
      )}
    </header>
  );
}

function ViewTabs() {
  const view = useView((s) => s.view);
  return (
    <nav className="view-tabs" aria-label="Views">
      <button aria-pressed={view === 'coding'} onClick={() => useView.getState().show('coding')}>
        Coding
      </button>
      <button aria-pressed={view === 'cases'} onClick={() => useView.getState().show('cases')}>
        Cases
      </button>
      <button aria-pressed={view === 'memos'} onClick={() => useView.getState().show('memos')}>
        Memos
      </button>
      <button
        aria-pressed={view === 'concepts'}
        onClick={() => useView.getState().show('concepts')}
      >
        Concepts
      </button>
      <button aria-pressed={view === 'cmocs'} onClick={() => useView.getState().show('cmocs')}>
        CMOCs
      </button>
      <button aria-pressed={view === 'theory'} onClick={() => useView.getState().show('theory')}>
        Theory
      </button>
    </nav>
  );
}

/** Menu commands and shortcuts: a focused text field undoes its own typing. */
function undoOrRedo(which: 'undo' | 'redo') {
  if (typingInField(document.activeElement)) {
    document.execCommand(which);
    return;
  }
  void useUndo.getState()[which]();
}

function UndoButtons() {
  const undo = useUndo((s) => s.undoLabel);
  const redo = useUndo((s) => s.redoLabel);
  return (
    <span className="undo-buttons">
      <button
        disabled={!undo}
        onClick={() => void useUndo.getState().undo()}
        title={undo ? `Undo ${undo} (Ctrl+Z)` : 'Nothing to undo'}
        aria-label={undo ? `Undo ${undo}` : 'Undo'}
      >
        ↶
      </button>
      <button
        disabled={!redo}
        onClick={() => void useUndo.getState().redo()}
        title={redo ? `Redo ${redo} (Ctrl+Shift+Z)` : 'Nothing to redo'}
        aria-label={redo ? `Redo ${redo}` : 'Redo'}
      >
        ↷
      </button>
    </span>
  );
}

function Workspace() {
  const current = useSources((s) => s.current);
  const currentId = useSources((s) => s.currentId);
  const editing = useSources((s) => s.editing);
  const codeId = useRetrieval((s) => s.codeId);
  const project = useProject((s) => s.project)!;
  const sourceCount = useSources((s) => s.order.length);

  useEffect(() => {
    void useCoding.getState().loadSource(currentId);
  }, [currentId]);

  return (
    <div className="workspace">
      <nav className="pane left" aria-label="Navigation">
        <div className="pane-head">
          <h3>Sources</h3>
          <span className="muted">{sourceCount}</span>
        </div>
        <div className="pane-actions">
          <button onClick={() => void useSources.getState().newNote('fieldnote')}>
            New fieldnote
          </button>
          <button onClick={() => void useSources.getState().newNote('memo')}>New memo</button>
        </div>
        <SourceList />
      </nav>
      <main className="pane center">
        {codeId !== null ? (
          <ExcerptList />
        ) : current && current.id === currentId && editing ? (
          <SourceEditor
            source={current}
            onDone={() => {
              useSources.getState().setEditing(false);
              void useSources.getState().refreshCurrent();
              void useCoding.getState().loadSource(current.id);
            }}
          />
        ) : current && current.id === currentId ? (
          <Reader source={current} onEdit={() => useSources.getState().setEditing(true)} />
        ) : (
          <div className="empty center-empty">
            <h2>{project.name}</h2>
            <p>
              Choose a source on the left to read and code it, or a code on the right to see its
              excerpts.
            </p>
          </div>
        )}
      </main>
      <aside className="pane right">
        <CodePanel />
      </aside>
    </div>
  );
}

function Welcome() {
  const recent = useProject((s) => s.recent);
  return (
    <div className="welcome">
      <h1>Weft</h1>
      <p>Qualitative coding and realist analysis, offline and fast.</p>
      <div className="welcome-actions">
        <button className="primary" onClick={() => void newProject()}>
          New project…
        </button>
        <button onClick={() => void openProject()}>Open project…</button>
        <button onClick={() => void useProject.getState().openDemo()}>Open the demo study</button>
      </div>
      {recent.length > 0 && (
        <>
          <h3>Recent projects</h3>
          <ul className="recent-list">
            {recent.map((r) => (
              <li key={r.path}>
                <button
                  disabled={!r.exists}
                  onClick={() => void useProject.getState().open(r.path)}
                >
                  {r.name} <span className="muted small">{r.path}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
