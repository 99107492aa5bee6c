import { useEffect, useMemo, useState } from 'react';
import type { Annotation, Code } from '../../../electron/api/contract';
import type { ReaderMap } from '../../lib/offsets';
import { useCodebook } from '../codebook/store';
import { useAnnotations } from '../memos/annotations';
import { useCodersById } from './CoderFilter';
import { useCoding, useShownCodings } from './store';
import './coding.css';

/** How long the pointer rests on coded text before its codes are shown. */
export const HOVER_DELAY_MS = 300;
/** After scrolling, hovering waits this long (the text moved under a still pointer). */
const AFTER_SCROLL_MS = 200;

interface Spot {
  offset: number;
  x: number;
  y: number;
}

/** The text offset under a viewport point, or null when the point is not over the text. */
function offsetAtPoint(map: ReaderMap, root: HTMLElement, x: number, y: number): number | null {
  let node: Node | null = null;
  let offset = 0;
  if (typeof document.caretPositionFromPoint === 'function') {
    const p = document.caretPositionFromPoint(x, y);
    if (p) ({ offsetNode: node, offset } = p);
  } else if (typeof document.caretRangeFromPoint === 'function') {
    const r = document.caretRangeFromPoint(x, y);
    if (r) ({ startContainer: node, startOffset: offset } = r);
  }
  if (!node || node.nodeType !== Node.TEXT_NODE || !root.contains(node)) return null;
  // The caret lands on the nearest gap between letters: the letter under the pointer is the
  // one before or after it, whichever box holds the point (none when past a line's end).
  const len = node.textContent?.length ?? 0;
  const r = document.createRange();
  for (const at of [offset, offset - 1]) {
    if (at < 0 || at >= len) continue;
    r.setStart(node, at);
    r.setEnd(node, at + 1);
    for (const box of r.getClientRects())
      if (x >= box.left - 1 && x <= box.right + 1 && y >= box.top && y <= box.bottom)
        return map.offsetOf(root, node, at);
  }
  return null;
}

/**
 * A small card over coded text, after the pointer rests there: the codes on that spot (swatch
 * and name) with who coded each, and any annotation there. Hidden while scrolling.
 */
export function PassageHover({ map, root }: { map: ReaderMap; root: HTMLElement | null }) {
  const [spot, setSpot] = useState<Spot | null>(null);
  useEffect(() => {
    if (!root) return;
    let timer = 0;
    let quietUntil = 0;
    const hide = () => {
      clearTimeout(timer);
      setSpot(null);
    };
    const onMove = (e: MouseEvent) => {
      clearTimeout(timer);
      if (e.buttons) return hide(); // selecting with the mouse
      const { clientX: x, clientY: y } = e;
      const wait = Math.max(HOVER_DELAY_MS, quietUntil - performance.now());
      timer = window.setTimeout(() => {
        const offset = offsetAtPoint(map, root, x, y);
        setSpot(offset === null ? null : { offset, x, y });
      }, wait);
      setSpot((s) => (s && Math.hypot(s.x - x, s.y - y) > 24 ? null : s));
    };
    const onScroll = () => {
      quietUntil = performance.now() + AFTER_SCROLL_MS;
      hide();
    };
    root.addEventListener('mousemove', onMove, { passive: true });
    root.addEventListener('mouseleave', hide);
    root.addEventListener('mousedown', hide);
    root.addEventListener('keydown', hide);
    // Scrolls of any pane (capture: scroll events do not bubble).
    document.addEventListener('scroll', onScroll, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      root.removeEventListener('mousemove', onMove);
      root.removeEventListener('mouseleave', hide);
      root.removeEventListener('mousedown', hide);
      root.removeEventListener('keydown', hide);
      document.removeEventListener('scroll', onScroll, { capture: true });
    };
  }, [map, root]);
  return spot ? <HoverCard spot={spot} /> : null;
}

interface Line {
  code: Code;
  coders: string[];
}

function HoverCard({ spot }: { spot: Spot }) {
  const codings = useShownCodings();
  const byId = useCodebook((s) => s.byId);
  const created = useCoding((s) => s.createdCodes);
  const coders = useCodersById();
  const annotationsOf = useAnnotations((s) => s.items);
  const sourceId = useCoding((s) => s.sourceId);
  const order = useCodebook((s) => s.order);

  const lines = useMemo(() => {
    const out = new Map<number, Line>();
    for (const c of codings) {
      if (c.start > spot.offset || c.end <= spot.offset) continue;
      const code = byId[c.codeId] ?? created[c.codeId];
      if (!code) continue;
      const line = out.get(code.id) ?? { code, coders: [] };
      const coder = coders[c.coderId];
      const who = coder ? `${coder.name} (${coder.initials})` : c.id < 0 ? 'you' : 'unknown coder';
      if (!line.coders.includes(who)) line.coders.push(who);
      out.set(code.id, line);
    }
    const rank = new Map(order.map((id, i) => [id, i]));
    return [...out.values()].sort(
      (a, b) => (rank.get(a.code.id) ?? 1e9) - (rank.get(b.code.id) ?? 1e9),
    );
  }, [codings, byId, created, coders, order, spot.offset]);
  const notes: Annotation[] = annotationsOf.filter(
    (a) => a.sourceId === sourceId && a.start <= spot.offset && a.end > spot.offset,
  );
  if (!lines.length && !notes.length) return null;
  // Below and right of the pointer, kept inside the window.
  const left = Math.min(spot.x + 12, window.innerWidth - 300);
  const top = spot.y + 18 + 160 > window.innerHeight ? spot.y - 18 - 160 : spot.y + 18;
  return (
    <div className="passage-hover" role="tooltip" data-testid="passage-hover" style={{ left, top }}>
      {lines.length > 0 && (
        <ul aria-label="Codes here">
          {lines.map((l) => (
            <li key={l.code.id}>
              <span className="swatch" style={{ background: l.code.color }} />
              <span className="code-name">{l.code.name}</span>
              <span className="coders">{l.coders.join(', ')}</span>
            </li>
          ))}
        </ul>
      )}
      {notes.map((a) => (
        <p key={a.id} className="annotation-note">
          <span className="note-mark" aria-hidden="true">
            ✎
          </span>{' '}
          {a.body}
          {a.author && <span className="coders"> — {a.author}</span>}
        </p>
      ))}
    </div>
  );
}
