import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Code } from '../../../electron/api/contract';
import { useVisibility } from '../coding/visibility';
import { canMove, focusRow, moveCodeBy, newChildCode, toggleHidden } from './actions';
import { ColourPalette } from './ColourPalette';
import { selectCode, selectSets, useCodebook } from './store';
import { useCodeTree, type MenuAt } from './view';

type Page = 'main' | 'colour' | 'sets';

/** The row menu (right-click or ⋯): every action on one code, keyboard-driven as a menu. */
export function RowMenu() {
  const menu = useCodeTree((s) => s.menu);
  const code = useCodebook(selectCode(menu?.codeId ?? null));
  if (!menu || !code) return null;
  return <Menu key={`${menu.codeId}:${menu.x}:${menu.y}`} at={menu} code={code} />;
}

function close(codeId: number, refocus: boolean) {
  useCodeTree.getState().openMenu(null);
  if (refocus) focusRow(codeId);
}

const ITEMS = '[role^="menuitem"]:not(:disabled)';

function Menu({ at, code }: { at: MenuAt; code: Code }) {
  const [page, setPage] = useState<Page>('main');
  const ref = useRef<HTMLDivElement>(null);

  // Kept inside the window, whatever corner it was opened from.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    el.style.left = `${Math.max(4, Math.min(at.x, window.innerWidth - width - 4))}px`;
    el.style.top = `${Math.max(4, Math.min(at.y, window.innerHeight - height - 4))}px`;
  }, [at, page]);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>(ITEMS)?.focus();
  }, [page]);

  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) close(code.id, false);
    };
    document.addEventListener('mousedown', onDown, true);
    return () => document.removeEventListener('mousedown', onDown, true);
  }, [code.id]);

  function keyDown(e: KeyboardEvent) {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown') items[(i + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(i - 1 + items.length) % items.length]?.focus();
    else if (e.key === 'Home') items[0]?.focus();
    else if (e.key === 'End') items[items.length - 1]?.focus();
    else if (e.key === 'Escape' || (e.key === 'ArrowLeft' && page !== 'main')) {
      if (page !== 'main') setPage('main');
      else close(code.id, true);
    } else if (e.key === 'Tab') close(code.id, true);
    else return;
    e.preventDefault();
    e.stopPropagation();
  }

  return (
    <div
      ref={ref}
      className="row-menu"
      role="menu"
      aria-label={`Actions for ${code.name}`}
      style={{ left: at.x, top: at.y }}
      onKeyDown={keyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {page === 'main' && <MainPage code={code} setPage={setPage} />}
      {page === 'colour' && (
        <SubPage title="Colour" back={() => setPage('main')}>
          <ColourPalette
            value={code.color}
            itemRole="menuitemradio"
            onPick={(color) => {
              close(code.id, true);
              void useCodebook.getState().update(code.id, { color });
            }}
          />
        </SubPage>
      )}
      {page === 'sets' && (
        <SubPage title="Add to set" back={() => setPage('main')}>
          <SetsPage code={code} />
        </SubPage>
      )}
    </div>
  );
}

function Item({
  children,
  keys,
  onPick,
  disabled,
  danger,
  sub,
}: {
  children: ReactNode;
  keys?: string;
  onPick(): void;
  disabled?: boolean;
  danger?: boolean;
  sub?: boolean;
}) {
  return (
    <button
      role="menuitem"
      aria-haspopup={sub ? 'menu' : undefined}
      className={danger ? 'danger-item' : undefined}
      disabled={disabled}
      tabIndex={-1}
      onClick={onPick}
      onKeyDown={(e) => {
        if (sub && e.key === 'ArrowRight') {
          e.preventDefault();
          onPick();
        }
      }}
    >
      <span>{children}</span>
      {keys && <kbd>{keys}</kbd>}
      {sub && <span aria-hidden="true">▸</span>}
    </button>
  );
}

function MainPage({ code, setPage }: { code: Code; setPage(p: Page): void }) {
  const hidden = useVisibility((s) => !!s.hiddenCodes[code.id]);
  const view = useCodeTree.getState();
  const then = (fn: () => void) => () => {
    close(code.id, false);
    fn();
  };
  const move = (how: Parameters<typeof moveCodeBy>[1]) => then(() => void moveCodeBy(code.id, how));
  return (
    <>
      <Item keys="F2" onPick={() => view.rename(code.id)}>
        Rename
      </Item>
      <Item sub onPick={() => setPage('colour')}>
        Colour
      </Item>
      <Item onPick={() => view.openDialog({ kind: 'details', codeId: code.id })}>
        Edit details…
      </Item>
      <Item onPick={then(() => void newChildCode(code.id))}>New child code</Item>
      <hr />
      <Item keys="Alt+↑" disabled={!canMove(code.id, 'up')} onPick={move('up')}>
        Move up
      </Item>
      <Item keys="Alt+↓" disabled={!canMove(code.id, 'down')} onPick={move('down')}>
        Move down
      </Item>
      <Item keys="Alt+→" disabled={!canMove(code.id, 'indent')} onPick={move('indent')}>
        Indent
      </Item>
      <Item keys="Alt+←" disabled={!canMove(code.id, 'outdent')} onPick={move('outdent')}>
        Outdent
      </Item>
      <hr />
      <Item sub onPick={() => setPage('sets')}>
        Add to set
      </Item>
      <Item onPick={() => view.openDialog({ kind: 'merge', codeIds: [code.id] })}>Merge into…</Item>
      <Item
        disabled={code.codings === 0}
        onPick={() => view.openDialog({ kind: 'moveCodings', codeId: code.id })}
      >
        Move codings to…
      </Item>
      <Item onPick={then(() => toggleHidden(code.id))}>
        {hidden ? 'Show in the reader' : 'Hide in the reader'}
      </Item>
      <hr />
      <Item keys="Del" danger onPick={() => view.openDialog({ kind: 'delete', codeId: code.id })}>
        Delete…
      </Item>
    </>
  );
}

function SubPage({ title, back, children }: { title: string; back(): void; children: ReactNode }) {
  return (
    <>
      <button role="menuitem" tabIndex={-1} className="menu-back" onClick={back}>
        <span>
          <span aria-hidden="true">‹ </span>
          {title}
        </span>
      </button>
      <hr />
      {children}
    </>
  );
}

/** Each set with a tick where the code is in it; a click adds or takes it out. */
function SetsPage({ code }: { code: Code }) {
  const sets = useCodebook(useShallow(selectSets));
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  return (
    <>
      {sets.length === 0 && <p className="menu-note">No code sets yet.</p>}
      {sets.map((s) => {
        const member = s.codeIds.includes(code.id);
        return (
          <button
            key={s.id}
            role="menuitemcheckbox"
            aria-checked={member}
            tabIndex={-1}
            onClick={() => {
              const book = useCodebook.getState();
              void (member ? book.removeFromSet(s.id, [code.id]) : book.addToSet(s.id, [code.id]));
            }}
          >
            <span className="tick" aria-hidden="true">
              {member ? '✓' : ''}
            </span>
            <span>{s.name}</span>
            <span className="muted small">{s.codeIds.length}</span>
          </button>
        );
      })}
      <hr />
      {naming ? (
        <form
          className="menu-form"
          onSubmit={(e) => {
            e.preventDefault();
            const wanted = name.trim();
            if (!wanted) return;
            close(code.id, true);
            void useCodebook.getState().createSet(wanted, [code.id]);
          }}
        >
          <input
            autoFocus
            value={name}
            maxLength={200}
            aria-label="New set name"
            placeholder="Set name"
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Escape') e.stopPropagation();
            }}
          />
        </form>
      ) : (
        <button role="menuitem" tabIndex={-1} onClick={() => setNaming(true)}>
          <span className="tick" aria-hidden="true">
            +
          </span>
          <span>New set with ‘{code.name}’…</span>
        </button>
      )}
    </>
  );
}
