import { useRef, useState, type CSSProperties, type DragEvent, type MouseEvent } from 'react';
import type { Code } from '../../../electron/api/contract';
import { applyCode, focusRow, toggleHidden } from './actions';
import { ChevronIcon, EyeIcon, MoreIcon } from './icons';
import { useCodebook } from './store';
import type { DropPosition, TreeRow } from './tree';
import { useCodeTree } from './view';
import { countsTitle, plural } from './words';

export type DropHint = DropPosition | 'apply' | null;

interface Props {
  row: TreeRow;
  tabStop: boolean;
  picked: boolean;
  shown: boolean;
  hidden: boolean;
  renaming: boolean;
  canApply: boolean;
  hint: DropHint;
  onClick(e: MouseEvent, id: number): void;
  onDragStart(e: DragEvent, code: Code): void;
  onDragOver(e: DragEvent, row: TreeRow): void;
  onDrop(e: DragEvent, row: TreeRow): void;
  onDragLeave(e: DragEvent, id: number): void;
}

/** One code in the tree: fold, colour, name, counts, eye, menu, and Apply while text is selected. */
export function CodeRow({
  row,
  tabStop,
  picked,
  shown,
  hidden,
  renaming,
  canApply,
  hint,
  ...on
}: Props) {
  const { code, depth, hasChildren, expanded } = row;
  const openMenu = (x: number, y: number) =>
    useCodeTree.getState().openMenu({ codeId: code.id, x, y });
  const cls = [
    'code-row',
    picked && 'picked',
    shown && 'shown',
    hidden && 'hidden-code',
    !row.matches && 'context',
    hint && `drop-${hint}`,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <li
      role="treeitem"
      aria-label={code.name}
      aria-level={depth + 1}
      aria-expanded={hasChildren ? expanded : undefined}
      aria-selected={picked}
      tabIndex={tabStop ? 0 : -1}
      data-code-id={code.id}
      className={cls}
      // --indent: where the drop line starts, under the name, so it shows the level it lands at.
      style={{ paddingLeft: 6 + depth * 16, '--indent': `${28 + depth * 16}px` } as CSSProperties}
      draggable={!renaming}
      onClick={(e) => on.onClick(e, code.id)}
      onFocus={(e) => {
        if (e.target === e.currentTarget) useCodeTree.getState().focus(code.id);
      }}
      onContextMenu={(e) => {
        e.preventDefault();
        openMenu(e.clientX, e.clientY);
      }}
      onDragStart={(e) => on.onDragStart(e, code)}
      onDragOver={(e) => on.onDragOver(e, row)}
      onDragLeave={(e) => on.onDragLeave(e, code.id)}
      onDrop={(e) => on.onDrop(e, row)}
    >
      {hasChildren ? (
        <button
          className="twisty"
          tabIndex={-1}
          aria-label={`${expanded ? 'Collapse' : 'Expand'} ${code.name}`}
          onClick={(e) => {
            e.stopPropagation();
            useCodeTree.getState().toggleCollapsed(code.id);
          }}
        >
          <ChevronIcon open={expanded} />
        </button>
      ) : (
        <span className="twisty" />
      )}
      <span className="swatch" style={{ background: code.color }} />
      {renaming ? (
        <RenameInput code={code} />
      ) : (
        <button
          className="name link-like"
          tabIndex={-1}
          title={code.description ? `${code.name}: ${code.description}` : code.name}
        >
          {code.name}
        </button>
      )}
      <button
        className="icon eye"
        tabIndex={-1}
        aria-pressed={hidden}
        aria-label={`${hidden ? 'Show' : 'Hide'} ${code.name} in the reader`}
        title={hidden ? 'Hidden in the reader: click to show' : 'Hide its highlights in the reader'}
        onClick={(e) => {
          e.stopPropagation();
          toggleHidden(code.id);
        }}
      >
        <EyeIcon off={hidden} />
      </button>
      <button
        className="icon more"
        tabIndex={-1}
        aria-haspopup="menu"
        aria-label={`Actions for ${code.name}`}
        title="Rename, colour, details, move, merge, delete…"
        onClick={(e) => {
          e.stopPropagation();
          const r = e.currentTarget.getBoundingClientRect();
          openMenu(r.left, r.bottom + 2);
        }}
      >
        <MoreIcon />
      </button>
      <span className="counts" title={countsTitle(code, hasChildren)}>
        <span className="count" aria-label={plural(code.totalCodings, 'coding')}>
          {code.totalCodings}
        </span>
        <span className="sep" aria-hidden="true">
          ·
        </span>
        <span className="sources" aria-label={plural(code.totalSources, 'source')}>
          {code.totalSources}
        </span>
      </span>
      {canApply && (
        <button
          className="apply"
          tabIndex={-1}
          aria-label={`Apply ${code.name}`}
          title="Code the selected passage with it (or drag the passage here)"
          onClick={(e) => {
            e.stopPropagation();
            applyCode(code.id);
          }}
        >
          Apply
        </button>
      )}
    </li>
  );
}

/** Renames in place: Enter or leaving the field saves, Escape keeps the old name. */
function RenameInput({ code }: { code: Code }) {
  const [value, setValue] = useState(code.name);
  const done = useRef(false); // Enter, then the blur as the field goes: save once
  const finish = (save: boolean) => {
    if (done.current) return;
    done.current = true;
    useCodeTree.getState().rename(null);
    focusRow(code.id);
    const name = value.trim();
    if (save && name && name !== code.name) void useCodebook.getState().update(code.id, { name });
  };
  return (
    <input
      className="rename"
      aria-label={`New name for ${code.name}`}
      value={value}
      maxLength={200}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(true);
        else if (e.key === 'Escape') finish(false);
      }}
      onBlur={() => finish(true)}
    />
  );
}
