// The programme-theory board: the canvas drawn in SVG with pan and zoom, items dragged (saved
// on drop) or nudged with the arrow keys, links drawn in link mode and labelled in place.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import type { Canvas } from '../../../electron/api/contract';
import { useView } from '../../ui/view';
import { useCmocs } from '../cmocs/store';
import { PALETTE_MIME, readPaletteDrag, useBoardCentre } from './board-state';
import { framed } from './drawing';
import { ITEM_WIDTH, centre, type Point } from './geometry';
import { LabelEditor } from './LabelEditor';
import { buildScene, type BoxShape, type LinkShape } from './scene';
import { ArrowMarkers, Band, Box, LinkLabel, LinkPath } from './Shapes';
import { useTheory } from './store';
import { Toolbar } from './Toolbar';
import { fitTo, toScreen, toWorld, visibleCentre, zoomAt, type Viewport } from './viewport';

type Editing = { kind: 'new'; from: number; to: number } | { kind: 'relabel'; linkId: number };
interface Drag {
  id: number;
  x: number;
  y: number;
}

/** Pixels a press may wander before it counts as a drag rather than a click. */
const CLICK_SLOP = 3;
const NUDGE = 10;
const NUDGE_SAVE_DELAY = 400;

/** Shows a CMOC in the CMOCs view. */
function openCmoc(id: number) {
  useCmocs.getState().select(id);
  useView.getState().show('cmocs');
}

export function Board() {
  const canvas = useTheory((s) => s.canvas);
  const concepts = useTheory((s) => s.concepts);
  const cmocs = useTheory((s) => s.cmocs);
  const selection = useTheory((s) => s.selection);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  /** null: fitted to the drawing, following it as it changes, until the user pans or zooms. */
  const [view, setView] = useState<Viewport | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [nudged, setNudged] = useState<Record<number, Point>>({});
  const [linkMode, setLinkMode] = useState(false);
  const [linkFrom, setLinkFrom] = useState<number | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const nudgeTimers = useRef(new Map<number, number>());

  // What is drawn: the saved canvas with any item being dragged or nudged where it is now.
  const shownCanvas = useMemo<Canvas>(() => {
    if (!drag && Object.keys(nudged).length === 0) return canvas;
    return {
      ...canvas,
      items: canvas.items.map((i) => {
        if (drag?.id === i.id) return { ...i, x: drag.x, y: drag.y };
        const n = nudged[i.id];
        return n ? { ...i, ...n } : i;
      }),
    };
  }, [canvas, drag, nudged]);
  const scene = useMemo(
    () => buildScene(shownCanvas, { concepts, cmocs }),
    [shownCanvas, concepts, cmocs],
  );
  const fitted = useMemo(() => fitTo(framed(scene.bounds), size), [scene.bounds, size]);
  const shown = view ?? fitted;
  const shownRef = useRef(shown);
  useEffect(() => {
    shownRef.current = shown;
    if (size.w > 0) useBoardCentre.getState().set(visibleCentre(shown, size));
  }, [shown, size]);

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      if (entry) setSize({ w: entry.contentRect.width, h: entry.contentRect.height });
    });
    ro.observe(el);
    // The wheel zooms about the pointer; a passive React listener could not stop the page zoom.
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
      setView(zoomAt(shownRef.current, factor, { x: e.clientX - r.left, y: e.clientY - r.top }));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    const timers = nudgeTimers.current;
    return () => {
      ro.disconnect();
      el.removeEventListener('wheel', onWheel);
      for (const t of timers.values()) clearTimeout(t);
    };
  }, []);

  const boardPoint = (clientX: number, clientY: number): Point => {
    const r = wrapRef.current!.getBoundingClientRect();
    return { x: clientX - r.left, y: clientY - r.top };
  };
  const labelOf = (id: number) => scene.boxes.find((b) => b.id === id)?.label ?? '';

  /** A click on an item: in link mode the first picks the source, the second the target. */
  const pick = (id: number) => {
    useTheory.getState().select({ kind: 'item', id });
    if (!linkMode) return;
    if (linkFrom === null || linkFrom === id) setLinkFrom(id);
    else {
      setEditing({ kind: 'new', from: linkFrom, to: id });
      setLinkFrom(null);
    }
  };

  /** Follows the pointer until it is released: `move` with the distance, `done` with whether it moved. */
  const track = (
    e: ReactPointerEvent,
    move: (dx: number, dy: number) => void,
    done: (moved: boolean) => void,
  ) => {
    const sx = e.clientX;
    const sy = e.clientY;
    let moved = false;
    const onMove = (ev: PointerEvent) => {
      const dx = ev.clientX - sx;
      const dy = ev.clientY - sy;
      if (!moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
      moved = true;
      move(dx, dy);
    };
    const onUp = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onUp);
      done(moved);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onUp);
  };

  const onItemPointerDown = (e: ReactPointerEvent<SVGGElement>, box: BoxShape) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    const v = shown;
    setView(v); // the view holds still while something moves under it
    let last = { x: box.x, y: box.y };
    track(
      e,
      (dx, dy) => {
        last = { x: Math.round(box.x + dx / v.scale), y: Math.round(box.y + dy / v.scale) };
        setDrag({ id: box.id, ...last });
      },
      (moved) => {
        if (moved)
          void useTheory
            .getState()
            .move(box.id, last.x, last.y)
            .then(() => setDrag(null));
        else pick(box.id);
      },
    );
  };

  const onBackgroundPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    const v = shown;
    track(
      e,
      (dx, dy) => setView({ ...v, tx: v.tx + dx, ty: v.ty + dy }),
      (moved) => {
        if (!moved) useTheory.getState().select(null);
      },
    );
  };

  const nudge = (box: BoxShape, dx: number, dy: number) => {
    const at = { x: box.x + dx, y: box.y + dy };
    setNudged((n) => ({ ...n, [box.id]: at }));
    const timers = nudgeTimers.current;
    clearTimeout(timers.get(box.id));
    // Saved once the keys rest, not on every press.
    timers.set(
      box.id,
      window.setTimeout(() => {
        timers.delete(box.id);
        void useTheory
          .getState()
          .move(box.id, at.x, at.y)
          .then(() =>
            setNudged((n) => {
              const { [box.id]: _saved, ...rest } = n;
              return rest;
            }),
          );
      }, NUDGE_SAVE_DELAY),
    );
  };

  const onItemKeyDown = (e: KeyboardEvent<SVGGElement>, box: BoxShape) => {
    const step = e.shiftKey ? NUDGE * 5 : NUDGE;
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const d = arrows[e.key];
    if (d) nudge(box, d[0], d[1]);
    else if (e.key === 'Delete' || e.key === 'Backspace') void useTheory.getState().remove(box.id);
    else if (e.key === 'Enter' || e.key === ' ') {
      if (linkMode) pick(box.id);
      else if (box.kind === 'cmoc' && box.refId !== null) openCmoc(box.refId);
      else return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const onLinkKeyDown = (e: KeyboardEvent<SVGGElement>, link: LinkShape) => {
    if (e.key === 'Enter' || e.key === 'F2') setEditing({ kind: 'relabel', linkId: link.id });
    else if (e.key === 'Delete' || e.key === 'Backspace') void useTheory.getState().unlink(link.id);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const editorAt = (): Point | null => {
    if (!editing) return null;
    let mid: Point | undefined;
    if (editing.kind === 'relabel') {
      const l = scene.links.find((x) => x.id === editing.linkId);
      mid =
        l && (l.labelRect ? { x: l.route.mid.x, y: l.labelRect.y + l.labelRect.h } : l.route.mid);
    } else {
      const a = scene.boxes.find((b) => b.id === editing.from);
      const b = scene.boxes.find((x) => x.id === editing.to);
      if (a && b) mid = { x: (centre(a).x + centre(b).x) / 2, y: (centre(a).y + centre(b).y) / 2 };
    }
    if (!mid) return null;
    const p = toScreen(shown, mid);
    // Kept inside the board so that the form never opens out of sight.
    return {
      x: Math.min(Math.max(p.x, 150), Math.max(150, size.w - 150)),
      y: Math.min(Math.max(p.y + 8, 8), Math.max(8, size.h - 130)),
    };
  };
  const at = editorAt();
  const relabelled =
    editing?.kind === 'relabel' ? canvas.links.find((l) => l.id === editing.linkId) : undefined;

  return (
    <div className="theory-board-wrap">
      <Toolbar
        scene={scene}
        scale={shown.scale}
        linkMode={linkMode}
        linkFrom={linkFrom === null ? null : labelOf(linkFrom)}
        onLinkMode={(on) => {
          setLinkMode(on);
          setLinkFrom(null);
        }}
        onZoom={(factor) => setView(zoomAt(shown, factor, { x: size.w / 2, y: size.h / 2 }))}
        onFit={() => setView(null)}
      />
      <div
        ref={wrapRef}
        className={`theory-board${linkMode ? ' linking' : ''}`}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          if (linkFrom !== null) setLinkFrom(null);
          else if (linkMode) setLinkMode(false);
          else useTheory.getState().select(null);
        }}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes(PALETTE_MIME)) {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
          }
        }}
        onDrop={(e) => {
          const item = readPaletteDrag(e.dataTransfer.getData(PALETTE_MIME));
          if (!item) return;
          e.preventDefault();
          e.stopPropagation(); // not a file import
          setView(shown);
          const w = toWorld(shown, boardPoint(e.clientX, e.clientY));
          void useTheory.getState().place(item.kind, item.refId, w.x - ITEM_WIDTH / 2, w.y - 20);
        }}
      >
        <svg
          className="theory-svg"
          role="group"
          aria-label="Programme theory canvas"
          width="100%"
          height="100%"
          onPointerDown={onBackgroundPointerDown}
        >
          <ArrowMarkers />
          <g transform={`translate(${shown.tx} ${shown.ty}) scale(${shown.scale})`}>
            {scene.bands.map((b) => (
              <Band key={b.index} band={b} count={scene.bands.length} />
            ))}
            {scene.links.map((l) => (
              <LinkPath
                key={l.id}
                link={l}
                selected={selection?.kind === 'link' && selection.id === l.id}
                onSelect={(link) => useTheory.getState().select({ kind: 'link', id: link.id })}
              />
            ))}
            {scene.boxes.map((b) => (
              <Box
                key={b.id}
                box={b}
                selected={selection?.kind === 'item' && selection.id === b.id}
                linkSource={linkFrom === b.id}
                onPointerDown={onItemPointerDown}
                onDoubleClick={(box) => {
                  if (!linkMode && box.kind === 'cmoc' && box.refId !== null) openCmoc(box.refId);
                }}
                onKeyDown={onItemKeyDown}
                onFocus={(box) => useTheory.getState().select({ kind: 'item', id: box.id })}
              />
            ))}
            {scene.links.map((l) => (
              <LinkLabel
                key={l.id}
                link={l}
                fromLabel={labelOf(l.from)}
                toLabel={labelOf(l.to)}
                selected={selection?.kind === 'link' && selection.id === l.id}
                onEdit={(link) => {
                  useTheory.getState().select({ kind: 'link', id: link.id });
                  setEditing({ kind: 'relabel', linkId: link.id });
                }}
                onKeyDown={onLinkKeyDown}
                onFocus={(link) => useTheory.getState().select({ kind: 'link', id: link.id })}
              />
            ))}
          </g>
        </svg>
        {scene.boxes.length === 0 && (
          <div className="theory-empty">
            <h2>An empty canvas</h2>
            <p>
              Drag concepts and CMOCs here from the list on the left (or use their Place buttons),
              then use Link to join them with labelled arrows.
            </p>
          </div>
        )}
        {editing && at && (
          <LabelEditor
            key={editing.kind === 'new' ? `new-${editing.from}-${editing.to}` : editing.linkId}
            at={at}
            title={
              editing.kind === 'new'
                ? `Link ${labelOf(editing.from)} → ${labelOf(editing.to)}`
                : 'Link label'
            }
            action={editing.kind === 'new' ? 'Link' : 'Save'}
            initial={relabelled?.label ?? ''}
            onCancel={() => setEditing(null)}
            onSubmit={(label) => {
              const t = useTheory.getState();
              if (editing.kind === 'new') void t.link(editing.from, editing.to, label);
              else void t.relabel(editing.linkId, label);
              setEditing(null);
            }}
          />
        )}
      </div>
    </div>
  );
}
