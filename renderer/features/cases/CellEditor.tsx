import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Move } from './grid-nav';
import type { AttributeType } from './model';

export interface EditResult {
  commit: boolean;
  text: string;
  move?: Move;
  /** False when focus went elsewhere (a click outside), so the grid must not take it back. */
  refocus: boolean;
}

/**
 * The in-place editor of a grid cell. Enter, Tab and Up/Down save and move; Left/Right save and
 * move from the ends of the text; Escape cancels; leaving the cell saves.
 */
export function CellEditor({
  label,
  type,
  options,
  initial,
  replace,
  onDone,
}: {
  label: string;
  type: AttributeType | 'choice';
  options?: readonly string[];
  initial: string;
  /** Started by typing: the typed character replaces the value, caret after it. */
  replace: boolean;
  onDone(result: EditResult): void;
}) {
  const [draft, setDraft] = useState(initial);
  const done = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const select = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    select.current?.focus();
    const el = input.current;
    if (!el) return;
    el.focus();
    if (replace) el.setSelectionRange(el.value.length, el.value.length);
    else el.select();
  }, [replace]);

  const finish = (commit: boolean, move?: Move, refocus = true) => {
    if (done.current) return;
    done.current = true;
    onDone({ commit, text: draft, move, refocus });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    const el = e.currentTarget;
    const atStart =
      el instanceof HTMLInputElement && el.selectionStart === 0 && el.selectionEnd === 0;
    const atEnd =
      el instanceof HTMLInputElement &&
      el.selectionStart === el.value.length &&
      el.selectionEnd === el.value.length;
    const choice = el instanceof HTMLSelectElement;
    if (e.key === 'Enter') finish(true, e.shiftKey ? 'up' : 'down');
    else if (e.key === 'Tab') finish(true, e.shiftKey ? 'prev' : 'next');
    else if (e.key === 'Escape') finish(false);
    else if (e.key === 'ArrowUp' && !choice) finish(true, 'up');
    else if (e.key === 'ArrowDown' && !choice) finish(true, 'down');
    else if (e.key === 'ArrowLeft' && atStart) finish(true, 'left');
    else if (e.key === 'ArrowRight' && atEnd) finish(true, 'right');
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  if (type === 'choice') {
    return (
      <select
        ref={select}
        className="cell-editor"
        aria-label={label}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => finish(true, undefined, false)}
      >
        {!options?.includes(draft) && <option value={draft}>{draft}</option>}
        {options?.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      ref={input}
      className={`cell-editor ${type}`}
      aria-label={label}
      value={draft}
      spellCheck={type === 'text'}
      inputMode={type === 'number' ? 'decimal' : undefined}
      placeholder={type === 'date' ? 'YYYY-MM-DD' : type === 'boolean' ? 'yes / no' : undefined}
      list={type === 'boolean' ? 'weft-yes-no' : undefined}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => finish(true, undefined, false)}
    />
  );
}
