import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Code } from '../../../electron/api/contract';
import { foldedText, fuzzyFilter, markRuns } from '../../lib/fuzzy';
import { inVivoName } from '../../lib/offsets';
import { notify } from '../../ui/notices';
import { useView } from '../../ui/view';
import { useCodebook } from '../codebook/store';
import { typingInField } from '../undo/store';
import { focusReader, useCoding, type TextSelection } from './store';
import './coding.css';

/** Rows shown at most (the best ones; typing narrows the rest down). */
const MAX_ROWS = 80;
/** Average score per typed letter above which a match is taken to be what the user means. */
const STRONG_PER_LETTER = 4;

export type PickItem =
  | { kind: 'code'; code: Code; positions: number[]; digit: number | null }
  | { kind: 'create'; name: string };

/**
 * The quick-pick's rows for `query`: with nothing typed, recent codes (with their Alt+digit)
 * then the codebook; otherwise the fuzzy matches, best first, and ‘Create’ when no code has
 * exactly that name, first when nothing matches well (so Enter makes the code that was typed).
 */
export function pickItems(
  codes: readonly Code[],
  recent: readonly number[],
  query: string,
): PickItem[] {
  const digitOf = new Map(recent.map((id, i) => [id, i + 1]));
  const byId = new Map(codes.map((c) => [c.id, c]));
  const wanted = query.trim();
  if (!wanted) {
    const first = recent.map((id) => byId.get(id)).filter((c): c is Code => !!c);
    const rest = codes.filter((c) => !digitOf.has(c.id));
    return [...first, ...rest].slice(0, MAX_ROWS).map((code) => ({
      kind: 'code',
      code,
      positions: [],
      digit: digitOf.get(code.id) ?? null,
    }));
  }
  const matches: PickItem[] = fuzzyFilter(codes, wanted, (c) => c.name)
    .slice(0, MAX_ROWS)
    .map((m) => ({
      kind: 'code',
      code: m.item,
      positions: m.positions,
      digit: digitOf.get(m.item.id) ?? null,
    }));
  const exact = codes.some((c) => foldedText(c.name) === foldedText(wanted));
  if (exact) return matches;
  const create: PickItem = { kind: 'create', name: wanted.slice(0, 200) };
  const letters = wanted.replace(/\s/gu, '').length;
  const best = fuzzyFilter(codes, wanted, (c) => c.name)[0];
  const strong = !!best && best.score >= STRONG_PER_LETTER * letters;
  return strong ? [...matches, create] : [create, ...matches];
}

/** Where the quick-pick sits: over the reader's pane, near its top. */
function anchor(): { left: number; top: number; width: number } {
  const pane = document.querySelector('.pane.center')?.getBoundingClientRect();
  const width = Math.min(520, (pane?.width ?? window.innerWidth) - 32);
  const left = pane ? pane.left + (pane.width - width) / 2 : (window.innerWidth - width) / 2;
  return { left, top: (pane?.top ?? 0) + 56, width };
}

/** The selection, when it is one the reader can code (its source is open). */
function codableSelection(): TextSelection | null {
  const { selection, sourceId } = useCoding.getState();
  return selection && selection.sourceId === sourceId ? selection : null;
}

/** Applies a code chosen by id, or by name (an existing name is applied, a new one created). */
function applyNamed(name: string): void {
  const wanted = foldedText(name);
  const existing = Object.values(useCodebook.getState().byId).find(
    (c) => foldedText(c.name) === wanted,
  );
  void useCoding.getState().apply(existing ? { codeId: existing.id } : { codeName: name });
}

/** In-vivo coding: the selected words become a code, applied to them. */
export function applyInVivo(): boolean {
  const sel = codableSelection();
  const name = sel ? inVivoName(sel.text) : '';
  if (!name) return false;
  applyNamed(name);
  return true;
}

/**
 * Keyboard coding. Ctrl+K opens the quick-pick over the reader: type part of a code's name,
 * arrows move, Enter applies it to the selection (or creates the typed name), Escape goes back
 * to the text. Alt+1…9 apply the recent codes straight away; Ctrl+Shift+K codes in vivo.
 */
export function QuickPick() {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      // Only where there is text to code: the coding view.
      if (useView.getState().view !== 'coding') return;
      const mod = e.ctrlKey || e.metaKey;
      const editable = (e.target as HTMLElement | null)?.isContentEditable === true;
      if (mod && !e.altKey && e.key.toLowerCase() === 'k' && !editable) {
        e.preventDefault();
        e.stopPropagation();
        if (e.shiftKey) {
          if (!applyInVivo()) notify('Select a passage first, then Ctrl+Shift+K codes it in vivo.');
          else focusReader();
        } else setOpen(true);
        return;
      }
      const digit = /^Digit([1-9])$/.exec(e.code);
      if (e.altKey && !mod && !e.shiftKey && digit && !typingInField(e.target)) {
        e.preventDefault();
        e.stopPropagation();
        const n = Number(digit[1]);
        const codeId = useCoding.getState().recent[n - 1];
        if (!codableSelection()) notify('Select a passage first.');
        else if (codeId === undefined || !useCodebook.getState().byId[codeId])
          notify(`No recent code ${n} yet: codes you apply are kept as Alt+1 to Alt+9.`);
        else void useCoding.getState().apply({ codeId });
      }
    };
    // Capture on the window, so this wins over any other Ctrl+K handler.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  if (!open) return null;
  return (
    <Picker
      onClose={(back) => {
        setOpen(false);
        if (back) focusReader();
      }}
    />
  );
}

function Picker({ onClose }: { onClose(backToReader: boolean): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const order = useCodebook((s) => s.order);
  const byId = useCodebook((s) => s.byId);
  const recent = useCoding((s) => s.recent);
  const selection = useCoding((s) =>
    s.selection && s.selection.sourceId === s.sourceId ? s.selection : null,
  );
  const codes = useMemo(
    () => order.map((id) => byId[id]).filter((c): c is Code => !!c),
    [order, byId],
  );
  const items = useMemo(() => pickItems(codes, recent, query), [codes, recent, query]);
  const [where] = useState(anchor);
  const listRef = useRef<HTMLUListElement>(null);
  const index = Math.min(active, Math.max(0, items.length - 1));
  const vivo = selection ? inVivoName(selection.text) : '';

  useEffect(() => {
    listRef.current
      ?.querySelector<HTMLElement>(`[data-index="${index}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const choose = (item: PickItem | undefined) => {
    if (!item || !selection) return;
    if (item.kind === 'code') void useCoding.getState().apply({ codeId: item.code.id });
    else applyNamed(item.name);
    onClose(true);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      if (items.length) setActive((index + step + items.length) % items.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(items[index]);
    }
  };

  const pathOf = (code: Code) => {
    const names: string[] = [];
    for (let p = code.parentId; p !== null && byId[p] && names.length < 8; p = byId[p]!.parentId)
      names.unshift(byId[p]!.name);
    return names.join(' › ');
  };

  return (
    <div className="quick-pick-backdrop" onMouseDown={() => onClose(true)}>
      <div
        className="quick-pick"
        role="dialog"
        aria-label="Apply a code"
        style={{ left: where.left, top: where.top, width: where.width }}
        onMouseDown={(e) => e.stopPropagation()}
      >
        {selection ? (
          <p className="quick-pick-selection">
            <q>{selection.text.length > 90 ? `${selection.text.slice(0, 90)}…` : selection.text}</q>
          </p>
        ) : (
          <p className="quick-pick-empty" role="status">
            Select a passage first
          </p>
        )}
        <input
          autoFocus
          role="combobox"
          aria-label="Code to apply"
          aria-expanded="true"
          aria-controls="quick-pick-list"
          aria-activedescendant={items.length ? `quick-pick-${index}` : undefined}
          placeholder={selection ? 'Type a code’s name…' : 'Select text in the reader, then Ctrl+K'}
          value={query}
          maxLength={200}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul
          className="quick-pick-list"
          id="quick-pick-list"
          role="listbox"
          aria-label="Codes"
          ref={listRef}
        >
          {items.map((item, i) => (
            <li
              key={item.kind === 'code' ? item.code.id : 'create'}
              id={`quick-pick-${i}`}
              data-index={i}
              role="option"
              aria-selected={i === index}
              aria-disabled={!selection}
              className={i === index ? 'active' : ''}
              onMouseMove={() => i !== index && setActive(i)}
              onClick={() => choose(item)}
            >
              {item.kind === 'code' ? (
                <>
                  <span className="swatch" style={{ background: item.code.color }} />
                  <span className="name">
                    {markRuns(item.code.name, item.positions).map((r, k) =>
                      r.hit ? <mark key={k}>{r.text}</mark> : <span key={k}>{r.text}</span>,
                    )}
                  </span>
                  {item.code.parentId !== null && <span className="path">{pathOf(item.code)}</span>}
                  {item.digit !== null && (
                    <kbd title="Applies it from the reader">Alt+{item.digit}</kbd>
                  )}
                </>
              ) : (
                <span className="name create">Create ‘{item.name}’</span>
              )}
            </li>
          ))}
          {items.length === 0 && <li className="muted">No codes yet: type a name to create one</li>}
        </ul>
        <div className="quick-pick-foot">
          <button
            disabled={!vivo}
            onClick={() => {
              if (applyInVivo()) onClose(true);
            }}
            title="Make the selected words a new code and apply it (Ctrl+Shift+K)"
          >
            In vivo{vivo ? `: ‘${vivo}’` : ''}
          </button>
          <span className="muted small">↑↓ move · Enter applies · Esc back to the text</span>
        </div>
      </div>
    </div>
  );
}
