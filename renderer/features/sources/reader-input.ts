// Keyboard and mouse input in the read-only reader: reading a finished selection into source
// offsets, and a caret the keyboard can move and extend (Lexical draws none when read-only),
// so a passage can be selected and coded without the mouse.
import { useEffect } from 'react';
import type { Source } from '../../../electron/api/contract';
import { selectionRange, type ReaderMap } from '../../lib/offsets';
import { registerReaderFocus, useCoding } from '../coding/store';
import { scrollerOf } from '../coding/Stripes';

/** Reads a finished mouse or keyboard selection into source offsets. */
export function useSelectionReading(map: ReaderMap, source: Source, root: HTMLElement | null) {
  useEffect(() => {
    if (!root) return;
    const read = () => {
      const sel = document.getSelection();
      if (!sel || sel.rangeCount === 0) return;
      const r = sel.getRangeAt(0);
      if (!root.contains(r.startContainer) || !root.contains(r.endContainer)) return;
      if (r.collapsed) return useCoding.getState().setSelection(null);
      const s = map.offsetOf(root, r.startContainer, r.startOffset);
      const e = map.offsetOf(root, r.endContainer, r.endOffset);
      if (s === null || e === null) return;
      const range = selectionRange(source.text, s, e);
      const current = useCoding.getState().selection;
      if (
        current &&
        range &&
        current.sourceId === source.id &&
        current.start === range.start &&
        current.end === range.end
      )
        return;
      useCoding
        .getState()
        .setSelection(
          range
            ? { sourceId: source.id, ...range, text: source.text.slice(range.start, range.end) }
            : null,
        );
    };
    const onUp = () => setTimeout(read, 0);
    root.addEventListener('mouseup', onUp);
    root.addEventListener('keyup', onUp);
    root.addEventListener('weft-selection-moved', read);
    return () => {
      root.removeEventListener('mouseup', onUp);
      root.removeEventListener('keyup', onUp);
      root.removeEventListener('weft-selection-moved', read);
    };
  }, [map, root, source.id, source.text]);

  // The quick-pick gives focus back here when it closes, with the selection it coded.
  useEffect(() => {
    if (!root) return;
    registerReaderFocus(() => {
      const sel = useCoding.getState().selection;
      const range = sel && sel.sourceId === source.id ? map.rangeFor(sel.start, sel.end) : null;
      root.focus({ preventScroll: true });
      const dom = document.getSelection();
      if (range && dom) {
        dom.removeAllRanges();
        dom.addRange(range);
      }
    });
    return () => registerReaderFocus(null);
  }, [map, root, source.id]);
}

type Move = { alter: 'move' | 'extend'; direction: string; granularity: string } | 'start' | 'end';

/** What a key does to the caret in the read-only text (null: not a caret key). */
function caretMove(e: KeyboardEvent): Move | null {
  const alter = e.shiftKey ? 'extend' : 'move';
  const byWord = e.ctrlKey || e.altKey;
  switch (e.key) {
    case 'ArrowLeft':
    case 'ArrowRight':
      // Left and right follow the line's visual order, so they also work in right-to-left text.
      return {
        alter,
        direction: e.key === 'ArrowLeft' ? 'left' : 'right',
        granularity: e.metaKey ? 'lineboundary' : byWord ? 'word' : 'character',
      };
    case 'ArrowUp':
    case 'ArrowDown':
      return {
        alter,
        direction: e.key === 'ArrowUp' ? 'backward' : 'forward',
        granularity: e.ctrlKey || e.metaKey ? 'paragraphboundary' : 'line',
      };
    case 'Home':
    case 'End':
      if (e.ctrlKey || e.metaKey) return e.shiftKey ? null : e.key === 'Home' ? 'start' : 'end';
      return {
        alter,
        direction: e.key === 'Home' ? 'backward' : 'forward',
        granularity: 'lineboundary',
      };
    default:
      return null;
  }
}

/** Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko…). */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;

/**
 * Keyboard selection in the read-only text: Tab focuses the text and puts a caret at its start
 * (or back on the last selection); arrows move it, Shift+arrows extend the selection,
 * Ctrl+Shift+arrows by word, Home/End to the line's ends, Ctrl+A selects the whole text.
 * Lexical draws no caret when it is read-only, so this moves the document selection itself and
 * draws the caret; the selection is read into the coding store as it changes.
 */
export function useCaret(
  map: ReaderMap,
  sourceId: number,
  root: HTMLElement | null,
  box: HTMLElement | null,
  caret: HTMLElement | null,
): void {
  useEffect(() => {
    if (!root || !box || !caret) return;
    // Drawn by writing its style (no React render per keystroke).
    const setCaret = (at: { left: number; top: number; height: number } | null) => {
      caret.style.display = at ? 'block' : 'none';
      if (!at) return;
      caret.style.transform = `translate(${at.left}px, ${at.top}px)`;
      caret.style.height = `${at.height}px`;
      // Restart the blink so the caret is solid while it moves.
      caret.classList.remove('blink');
      void caret.offsetWidth;
      caret.classList.add('blink');
    };
    const inText = (n: Node | null) => !!n && root.contains(n) && map.paragraphOf(n) >= 0;
    const selection = () => document.getSelection();
    const setPoints = (a: { node: Node; offset: number }, b: { node: Node; offset: number }) =>
      selection()?.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
    const edge = (end: boolean) => {
      const paras = map.paragraphs;
      const p = end ? paras[paras.length - 1] : paras[0];
      return p ? map.pointAt(end ? p.end : p.start, end) : null;
    };

    // A caret between the last letter of a wrapped line and the first of the next is one DOM
    // point drawn in two places; it is drawn before the next letter (where typing would go),
    // except after End, which means the end of the line.
    let atLineEnd = false;
    const caretRect = (): DOMRect | null => {
      const sel = selection();
      const node = sel?.focusNode;
      if (!sel || !node || !inText(node)) return null;
      const r = document.createRange();
      const at = sel.focusOffset;
      if (!atLineEnd && node.nodeType === Node.TEXT_NODE && at < (node.textContent?.length ?? 0)) {
        r.setStart(node, at);
        r.setEnd(node, at + 1);
        const next = r.getClientRects()[0];
        if (next?.height) {
          const rtl = RTL.test(node.textContent![at]!);
          return new DOMRect(rtl ? next.right : next.left, next.top, 0, next.height);
        }
      }
      r.setStart(node, at);
      r.collapse(true);
      const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
      return rect.height ? rect : null;
    };
    // Where the caret was when the text last had focus, to come back to.
    let lastCaret: { node: Node; offset: number } | null = null;
    const draw = () => {
      const sel = selection();
      if (document.activeElement === root && sel?.focusNode && inText(sel.focusNode))
        lastCaret = { node: sel.focusNode, offset: sel.focusOffset };
      const rect = document.activeElement === root ? caretRect() : null;
      if (!rect) return setCaret(null);
      const b = box.getBoundingClientRect();
      setCaret({ left: rect.left - b.left, top: rect.top - b.top, height: rect.height });
    };
    const reveal = () => {
      const rect = caretRect();
      if (!rect) return;
      const scroller = scrollerOf(root);
      const s = scroller.getBoundingClientRect();
      const margin = 24;
      if (rect.top < s.top + margin) scroller.scrollTop -= s.top + margin - rect.top;
      else if (rect.bottom > s.bottom - margin)
        scroller.scrollTop += rect.bottom - s.bottom + margin;
    };
    const moved = () => {
      reveal();
      draw();
      root.dispatchEvent(new Event('weft-selection-moved'));
    };

    const onFocus = () => {
      const sel = selection();
      if (sel?.rangeCount && inText(sel.focusNode)) return draw();
      // Tabbed in (not clicked): back to the last selection here, or to where the caret was,
      // or a caret at the start.
      if (!root.matches(':focus-visible')) return;
      const stored = useCoding.getState().selection;
      const here = stored?.sourceId === sourceId;
      const caret = lastCaret && root.contains(lastCaret.node) ? lastCaret : null;
      const a = here ? map.pointAt(stored.start, false) : (caret ?? edge(false));
      const b = here ? map.pointAt(stored.end, true) : a;
      if (a && b) setPoints(a, b);
      draw();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.target !== root) return;
      atLineEnd = false;
      const sel = selection();
      if (!sel) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'a') {
        const a = edge(false);
        const b = edge(true);
        if (a && b) setPoints(a, b);
      } else {
        const move = caretMove(e);
        if (!move) return;
        atLineEnd = e.key === 'End' && !e.ctrlKey && !e.metaKey;
        if (!sel.rangeCount || !inText(sel.focusNode)) {
          const a = edge(false);
          if (a) setPoints(a, a);
        }
        if (move === 'start' || move === 'end') {
          const p = edge(move === 'end');
          if (p) setPoints(p, p);
        } else {
          const before = [
            sel.anchorNode,
            sel.anchorOffset,
            sel.focusNode,
            sel.focusOffset,
          ] as const;
          sel.modify(move.alter, move.direction, move.granularity);
          // Never let the caret wander out of the text (into the margin or the page).
          if (!inText(sel.focusNode) && before[0] && before[2])
            sel.setBaseAndExtent(before[0], before[1], before[2], before[3]);
        }
      }
      e.preventDefault();
      e.stopPropagation();
      moved();
    };
    const onBlur = () => setCaret(null);
    root.addEventListener('focus', onFocus);
    root.addEventListener('blur', onBlur);
    // Capture on the box, before Lexical's own key handling on the root.
    box.addEventListener('keydown', onKey, true);
    document.addEventListener('selectionchange', draw);
    return () => {
      root.removeEventListener('focus', onFocus);
      root.removeEventListener('blur', onBlur);
      box.removeEventListener('keydown', onKey, true);
      document.removeEventListener('selectionchange', draw);
    };
  }, [map, sourceId, root, box, caret]);
}
