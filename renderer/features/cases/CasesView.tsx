import { useEffect, type KeyboardEvent } from 'react';
import { useProject } from '../project/store';
import { AttributeImportDialog } from './AttributeImportDialog';
import { CaseGridPanel } from './CaseGridPanel';
import { CaseList } from './CaseList';
import { ClassificationList } from './ClassificationList';
import { LinkSuggestions } from './LinkSuggestions';
import { SourceGridPanel } from './SourceGridPanel';
import { useCases, type CasesTab } from './store';
import { SummaryPanel } from './SummaryPanel';
import './cases.css';

const TABS: { tab: CasesTab; label: string }[] = [
  { tab: 'cases', label: 'Cases' },
  { tab: 'sources', label: 'Sources' },
  { tab: 'summary', label: 'Summary' },
];

/**
 * Cases and attributes (issue 3): classifications and their cases on the left; on the right,
 * the attribute grid of cases, the same grid over sources, and the participant summary table.
 */
export function CasesView() {
  const projectPath = useProject((s) => s.project?.path);
  const tab = useCases((s) => s.tab);

  // The store follows change events while the view is open; another project starts it over.
  useEffect(() => {
    if (!projectPath) return;
    return useCases.getState().follow(projectPath);
  }, [projectPath]);

  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.tab === tab);
    const to =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!to) return;
    e.preventDefault();
    useCases.getState().setTab(to.tab);
    document.getElementById(`cases-tab-${to.tab}`)?.focus();
  };

  return (
    <div className="cases-view">
      <nav className="pane cases-left" aria-label="Classifications and cases">
        <ClassificationList />
        <CaseList />
      </nav>
      <main className="cases-main">
        <div className="cases-tabs" role="tablist" aria-label="Cases views" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.tab}
              id={`cases-tab-${t.tab}`}
              role="tab"
              aria-selected={tab === t.tab}
              aria-controls="cases-panel"
              tabIndex={tab === t.tab ? 0 : -1}
              onClick={() => useCases.getState().setTab(t.tab)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <section
          id="cases-panel"
          className="cases-panel"
          role="tabpanel"
          aria-labelledby={`cases-tab-${tab}`}
        >
          {tab === 'cases' ? (
            <CaseGridPanel />
          ) : tab === 'sources' ? (
            <SourceGridPanel />
          ) : (
            <SummaryPanel />
          )}
        </section>
      </main>
      <AttributeImportDialog />
      <LinkSuggestions />
    </div>
  );
}
