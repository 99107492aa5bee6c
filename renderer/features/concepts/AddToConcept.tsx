import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Concept } from '../../../electron/api/contract';
import type { DragItem } from './model';
import { useConcepts } from './store';

/**
 * The keyboard (and click) way to do what a drag does: a menu of concepts to add a code or set
 * to. Concepts that already hold it are shown ticked and cannot be chosen again. Arrows move,
 * Enter adds, Escape closes; focus goes back to the item that opened it.
 */
export function AddToConceptMenu({
  item,
  label,
  concepts,
  onClose,
}: {
  item: DragItem;
  label: string;
  concepts: Concept[];
  onClose(): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  // Fixed to the viewport beside the item that opened it, so no scrolling list or column clips it.
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  useLayoutEffect(() => {
    const anchor = ref.current?.parentElement?.getBoundingClientRect();
    const own = ref.current?.getBoundingClientRect();
    if (!anchor || !own) return;
    const below = anchor.bottom + 2;
    const top =
      below + own.height <= window.innerHeight ? below : Math.max(4, anchor.top - own.height - 2);
    const left = Math.max(4, Math.min(anchor.left, window.innerWidth - own.width - 4));
    setPlace({ top, left });
  }, []);

  // Into the menu once it is placed (a hidden item cannot take focus).
  const placed = place !== null;
  useEffect(() => {
    if (!placed) return;
    ref.current
      ?.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')
      ?.focus({ preventScroll: true });
  }, [placed]);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    // A press on the item that opened the menu is left to that item (its click toggles it).
    const away = (e: MouseEvent) => {
      const anchor = ref.current?.parentElement ?? ref.current;
      if (!anchor?.contains(e.target as Node)) close.current();
    };
    // A scroll would leave the fixed menu behind its item: close it instead.
    const scrolled = (e: Event) => {
      if (!ref.current?.contains(e.target as Node)) close.current();
    };
    document.addEventListener('mousedown', away);
    window.addEventListener('scroll', scrolled, true);
    window.addEventListener('resize', scrolled);
    return () => {
      document.removeEventListener('mousedown', away);
      window.removeEventListener('scroll', scrolled, true);
      window.removeEventListener('resize', scrolled);
      if (before?.isConnected) before.focus();
    };
  }, []);

  const others = concepts.filter((c) => c.id !== item.fromConceptId);
  const holds = (c: Concept) => (item.kind === 'code' ? c.codeIds : c.setIds).includes(item.id);

  const add = async (c: Concept) => {
    const s = useConcepts.getState();
    const ok = await (item.kind === 'code'
      ? s.addCodes(c.id, [item.id])
      : s.addSets(c.id, [item.id]));
    if (ok) onClose();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const items = [
      ...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? []),
    ];
    const at = items.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    if (e.key === 'ArrowDown') next = items[(at + 1) % items.length];
    else if (e.key === 'ArrowUp') next = items[(at - 1 + items.length) % items.length];
    else if (e.key === 'Home') next = items[0];
    else if (e.key === 'End') next = items[items.length - 1];
    else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    } else return;
    e.preventDefault();
    next?.focus({ preventScroll: true });
  };

  const verb = item.fromConceptId === null ? 'Add' : 'Copy';
  return (
    <div
      ref={ref}
      className="concept-menu"
      style={place ? { top: place.top, left: place.left } : { visibility: 'hidden' }}
      role="menu"
      aria-label={`${verb} ‘${label}’ to concept`}
      onKeyDown={onKeyDown}
    >
      <div className="concept-menu-title">{verb} to concept…</div>
      {others.length === 0 && <div className="muted small">No other concepts yet.</div>}
      {others.map((c) => {
        const already = holds(c);
        return (
          <button
            key={c.id}
            role="menuitem"
            disabled={already}
            title={already ? `Already in ${c.name}` : undefined}
            onClick={() => void add(c)}
          >
            <span className="swatch" style={{ background: c.color }} />
            <span className="concept-menu-name">{c.name}</span>
            {already && <span className="muted small">✓ in it</span>}
          </button>
        );
      })}
    </div>
  );
}
