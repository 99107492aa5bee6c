import { create } from 'zustand';
import type { Canvas, Cmoc, Concept } from '../../../electron/api/contract';
import { call, onEvent } from '../../lib/api';
import { reportError } from '../../ui/notices';

/** What is selected on the canvas: one item or one link. */
export type CanvasSelection = { kind: 'item'; id: number } | { kind: 'link'; id: number } | null;

interface TheoryState {
  canvas: Canvas;
  /** Every concept and CMOC: the palette offers those not yet placed; boxes take colours and statuses. */
  concepts: Concept[];
  cmocs: Cmoc[];
  loaded: boolean;
  selection: CanvasSelection;
  load(): Promise<void>;
  loadCanvas(): Promise<void>;
  loadRefs(): Promise<void>;
  select(selection: CanvasSelection): void;
  /** Places a concept or CMOC (moves it when already there); answers the item's id. */
  place(kind: 'concept' | 'cmoc', refId: number, x: number, y: number): Promise<number | null>;
  addNote(label: string, x: number, y: number): Promise<number | null>;
  move(id: number, x: number, y: number): Promise<void>;
  remove(id: number): Promise<void>;
  /** Links two items; answers the new link's id. */
  link(from: number, to: number, label: string): Promise<number | null>;
  relabel(linkId: number, label: string): Promise<void>;
  unlink(linkId: number): Promise<void>;
  setStages(stages: string[]): Promise<boolean>;
  reset(): void;
}

const emptyCanvas: Canvas = { items: [], links: [], stages: [] };

/** Bumped by every change, so that a read that began before a change does not undo it. */
let writes = 0;
let canvasRequest = 0;

const initial = {
  canvas: emptyCanvas,
  concepts: [],
  cmocs: [],
  loaded: false,
  selection: null as CanvasSelection,
};

export const useTheory = create<TheoryState>((set, get) => {
  /** Runs a change; the backend answers with the whole canvas, which replaces ours. */
  const change = async (fn: () => Promise<Canvas>): Promise<Canvas | null> => {
    writes++;
    try {
      const canvas = await fn();
      set({ canvas, selection: stillThere(get().selection, canvas) });
      return canvas;
    } catch (e) {
      reportError(e);
      // What we showed may be ahead of the file (a move drawn before it was refused).
      void get().loadCanvas();
      return null;
    }
  };

  return {
    ...initial,
    async load() {
      await Promise.all([get().loadCanvas(), get().loadRefs()]);
    },
    async loadCanvas() {
      const n = ++canvasRequest;
      const w = writes;
      try {
        const canvas = await call('canvas.get', {});
        if (n !== canvasRequest || w !== writes) return;
        set({ canvas, loaded: true, selection: stillThere(get().selection, canvas) });
      } catch (e) {
        reportError(e);
      }
    },
    async loadRefs() {
      try {
        const [concepts, cmocs] = await Promise.all([
          call('concepts.list', {}),
          call('cmocs.list', {}),
        ]);
        set({ concepts, cmocs });
      } catch (e) {
        reportError(e);
      }
    },
    select(selection) {
      set({ selection });
    },
    async place(kind, refId, x, y) {
      const canvas = await change(() =>
        call('canvas.place', { kind, refId, x: Math.round(x), y: Math.round(y) }),
      );
      const item = canvas?.items.find((i) => i.kind === kind && i.refId === refId);
      if (item) set({ selection: { kind: 'item', id: item.id } });
      return item?.id ?? null;
    },
    async addNote(label, x, y) {
      const before = new Set(get().canvas.items.map((i) => i.id));
      const canvas = await change(() =>
        call('canvas.place', {
          kind: 'note',
          refId: null,
          label,
          x: Math.round(x),
          y: Math.round(y),
        }),
      );
      const item = canvas?.items.find((i) => i.kind === 'note' && !before.has(i.id));
      if (item) set({ selection: { kind: 'item', id: item.id } });
      return item?.id ?? null;
    },
    async move(id, x, y) {
      // Drawn at once; the answer confirms it (or a refusal reloads the canvas).
      const { canvas } = get();
      set({
        canvas: {
          ...canvas,
          items: canvas.items.map((i) =>
            i.id === id ? { ...i, x: Math.round(x), y: Math.round(y) } : i,
          ),
        },
      });
      await change(() => call('canvas.move', { id, x: Math.round(x), y: Math.round(y) }));
    },
    async remove(id) {
      await change(() => call('canvas.remove', { id }));
    },
    async link(from, to, label) {
      const canvas = await change(() => call('canvas.link', { from, to, label }));
      const link = canvas?.links.find((l) => l.from === from && l.to === to);
      if (link) set({ selection: { kind: 'link', id: link.id } });
      return link?.id ?? null;
    },
    async relabel(linkId, label) {
      await change(() => call('canvas.relabel', { linkId, label }));
    },
    async unlink(linkId) {
      await change(() => call('canvas.unlink', { linkId }));
    },
    async setStages(stages) {
      return (await change(() => call('canvas.setStages', { stages }))) !== null;
    },
    reset() {
      canvasRequest++;
      set({ ...initial });
    },
  };
});

/** The selection, unless what it pointed at has gone. */
function stillThere(sel: CanvasSelection, canvas: Canvas): CanvasSelection {
  if (!sel) return null;
  const list = sel.kind === 'item' ? canvas.items : canvas.links;
  return list.some((x) => x.id === sel.id) ? sel : null;
}

/**
 * The concepts or CMOCs of `list` not on the canvas yet: what the palette offers. (A plain
 * function over store values: a selector building a new array each time would re-render forever.)
 */
export function unplaced<T extends { id: number }>(
  canvas: Canvas,
  kind: 'concept' | 'cmoc',
  list: T[],
): T[] {
  const placed = new Set(canvas.items.filter((i) => i.kind === kind).map((i) => i.refId));
  return list.filter((x) => !placed.has(x.id));
}

/**
 * Keeps the canvas in step with changes made elsewhere: the canvas itself, and the concepts and
 * CMOCs whose names, colours and statuses it shows (deleting one takes it off the canvas).
 */
export function followTheory(): () => void {
  return onEvent('project.changed', ({ what }) => {
    const s = useTheory.getState();
    if (what === 'canvas') void s.loadCanvas();
    else if (what === 'concepts' || what === 'cmocs') {
      void s.loadRefs();
      void s.loadCanvas();
    }
  });
}
