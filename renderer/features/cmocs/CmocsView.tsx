import { useEffect } from 'react';
import { useProject } from '../project/store';
import { followCmocs, useCmocs } from './store';
import { CmocTable } from './CmocTable';
import { CmocToolbar } from './CmocToolbar';
import { CmocEditor } from './CmocEditor';
import { HistoryPanel } from './HistoryPanel';
import { EvidencePanel } from './EvidencePanel';
import './cmocs.css';

/** The CMOC table (Box 2: theme | context | mechanism | outcome) with the chosen CMOC beside it. */
export function CmocsView() {
  const path = useProject((s) => s.project?.path);
  return path ? <CmocsOfProject key={path} path={path} /> : null;
}

function CmocsOfProject({ path }: { path: string }) {
  const selectedId = useCmocs((s) => s.selectedId);
  const panel = useCmocs((s) => s.panel);

  useEffect(() => {
    void useCmocs.getState().load();
    void useCmocs.getState().loadConcepts();
    return followCmocs();
  }, [path]);

  return (
    <div className="cmocs-view">
      <main className="cmocs-main">
        <CmocToolbar />
        <CmocTable />
      </main>
      <aside className="cmocs-side" aria-label="Chosen CMOC">
        {selectedId === null ? (
          <div className="empty center-empty">
            <h2>CMOCs</h2>
            <p>
              Choose a CMOC in the table to edit it and see its evidence and history, or start one
              with New CMOC. In a source, select a passage and choose “Add as evidence to CMOC…”.
            </p>
          </div>
        ) : (
          <>
            <div className="cmoc-tabs" role="tablist" aria-label="CMOC panels">
              <button
                role="tab"
                aria-selected={panel.kind === 'editor'}
                onClick={() => useCmocs.getState().showPanel({ kind: 'editor' })}
              >
                Details
              </button>
              <button
                role="tab"
                aria-selected={panel.kind === 'history'}
                onClick={() => useCmocs.getState().showPanel({ kind: 'history' })}
              >
                History
              </button>
              {panel.kind === 'evidence' && (
                <button role="tab" aria-selected>
                  Quotes
                </button>
              )}
            </div>
            {panel.kind === 'editor' && <CmocEditor key={selectedId} id={selectedId} />}
            {panel.kind === 'history' && <HistoryPanel id={selectedId} />}
            {panel.kind === 'evidence' && <EvidencePanel column={panel.column} />}
          </>
        )}
      </aside>
    </div>
  );
}
