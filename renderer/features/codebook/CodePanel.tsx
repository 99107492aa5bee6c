import { useEffect, useState, type FormEvent } from 'react';
import { useCoding } from '../coding/store';
import { focusRow, showExcerpts } from './actions';
import { CodeDialogs } from './CodeDialogs';
import { CodeSets } from './CodeSets';
import { CodeTree } from './CodeTree';
import { SearchIcon } from './icons';
import { RowMenu } from './RowMenu';
import { SelectionBox } from './SelectionBox';
import { selectCodeCount, useCodebook } from './store';
import { exactMatch } from './tree';
import { selectPickedCount, useCodeTree } from './view';
import './codebook.css';

/**
 * The code pane: the selected passage, a box that filters the codebook (Enter applies or adds
 * the code typed), the code tree, and the code sets.
 */
export function CodePanel() {
  const count = useCodebook(selectCodeCount);
  const hasSelection = useCoding((s) => s.selection !== null);
  const [name, setName] = useState('');
  const exact = useCodebook((s) => exactMatch(s.order, s.byId, name));

  // Sets are kept current by the shared sync (features/sync.ts); reading them again on the way
  // back from another view costs one call.
  useEffect(() => {
    void useCodebook.getState().loadSets();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const wanted = name.trim();
    if (!wanted) return;
    if (useCoding.getState().selection) {
      const ok = await useCoding
        .getState()
        .apply(exact ? { codeId: exact.id } : { codeName: wanted });
      if (ok) setName('');
    } else if (exact) {
      setName('');
      showExcerpts(exact.id);
      focusRow(exact.id);
    } else {
      const code = await useCodebook.getState().create(wanted);
      if (code) setName('');
    }
  }

  const typed = name.trim();
  return (
    <section className="code-panel" aria-label="Codes">
      <div className="pane-head">
        <h3>Codes</h3>
        <span className="muted">{count}</span>
      </div>
      <SelectionBox />
      <form onSubmit={(e) => void submit(e)} className="code-form">
        <span className="search-field">
          <SearchIcon />
          <input
            id="code-input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                document.querySelector<HTMLElement>('.code-tree [tabindex="0"]')?.focus();
              } else if (e.key === 'Escape' && name) {
                e.preventDefault();
                setName('');
              }
            }}
            placeholder={hasSelection ? 'Type a code, Enter applies' : 'Filter or add a code'}
            aria-label="Code name"
            title="Typing filters the codes. Enter applies the code named (or a new one) to the selected passage; with nothing selected, it adds the code."
            maxLength={200}
            autoComplete="off"
          />
        </span>
        <button type="submit" disabled={!typed}>
          {hasSelection ? 'Apply' : 'Add'}
        </button>
      </form>
      {typed && (
        <p className="code-hint muted small" aria-live="polite">
          Enter:{' '}
          {hasSelection
            ? exact
              ? `apply ‘${exact.name}’`
              : `apply a new code ‘${typed}’`
            : exact
              ? `show ‘${exact.name}’`
              : `add the code ‘${typed}’`}
        </p>
      )}
      <PickedBar />
      <CodeTree filter={name} />
      <CodeSets />
      <RowMenu />
      <CodeDialogs />
    </section>
  );
}

/** With several codes picked (Ctrl/Shift-click): merge them. */
function PickedBar() {
  const n = useCodeTree(selectPickedCount);
  if (n < 2) return null;
  const view = () => useCodeTree.getState();
  return (
    <div className="picked-bar" role="toolbar" aria-label="Picked codes">
      <span>{n} codes picked</span>
      <button onClick={() => view().openDialog({ kind: 'merge', codeIds: view().picked })}>
        Merge selected…
      </button>
      <button className="link" onClick={() => view().pick([], null)}>
        Clear
      </button>
    </div>
  );
}
