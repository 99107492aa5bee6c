import { create } from 'zustand';
import type { Concept, ConceptView } from '../../../electron/api/contract';
import { call, onEvent } from '../../lib/api';
import { reportError } from '../../ui/notices';

export interface ConceptFields {
  name: string;
  description: string;
  color: string;
}

interface ConceptsState {
  byId: Record<number, Concept>;
  /** Board order (the backend's). */
  order: number[];
  loaded: boolean;
  /** The concept whose view is open instead of the board. */
  openId: number | null;
  view: ConceptView | null;
  /** The case attribute whose counts the view shows (null: the first there is). */
  attributeId: number | null;
  load(): Promise<void>;
  /** Answers the new concept, or the backend's message when it refuses (not reported). */
  create(fields: ConceptFields): Promise<Concept | string>;
  /** Answers null when saved, or the backend's message (not reported: the form shows it). */
  update(id: number, patch: Partial<ConceptFields>): Promise<string | null>;
  remove(id: number): Promise<boolean>;
  addCodes(id: number, codeIds: number[]): Promise<boolean>;
  removeCodes(id: number, codeIds: number[]): Promise<boolean>;
  addSets(id: number, setIds: number[]): Promise<boolean>;
  removeSets(id: number, setIds: number[]): Promise<boolean>;
  open(id: number | null): void;
  loadView(): Promise<void>;
  chooseAttribute(id: number): void;
  reset(): void;
}

let listRequest = 0;
let viewRequest = 0;

const initial = {
  byId: {},
  order: [],
  loaded: false,
  openId: null,
  view: null,
  attributeId: null,
};

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const useConcepts = create<ConceptsState>((set, get) => {
  /** A concept as the backend answered after a change. */
  const took = (c: Concept) => {
    const { byId, order } = get();
    set({
      byId: { ...byId, [c.id]: c },
      order: order.includes(c.id) ? order : [...order, c.id],
    });
    if (get().openId === c.id) void get().loadView();
  };
  /** Runs a membership change; an error is reported and answered with false. */
  const change = async (fn: () => Promise<Concept>) => {
    try {
      took(await fn());
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  };

  return {
    ...initial,
    async load() {
      const n = ++listRequest;
      try {
        const list = await call('concepts.list', {});
        if (n !== listRequest) return;
        set({
          byId: Object.fromEntries(list.map((c) => [c.id, c])),
          order: list.map((c) => c.id),
          loaded: true,
        });
        const { openId } = get();
        // Deleted elsewhere: back to the board.
        if (openId !== null && !list.some((c) => c.id === openId)) get().open(null);
      } catch (e) {
        reportError(e);
      }
    },
    async create(fields) {
      try {
        const c = await call('concepts.create', fields);
        took(c);
        return c;
      } catch (e) {
        return messageOf(e);
      }
    },
    async update(id, patch) {
      try {
        took(await call('concepts.update', { id, ...patch }));
        return null;
      } catch (e) {
        return messageOf(e);
      }
    },
    async remove(id) {
      try {
        await call('concepts.delete', { id });
        const { [id]: _gone, ...byId } = get().byId;
        set({ byId, order: get().order.filter((x) => x !== id) });
        if (get().openId === id) get().open(null);
        return true;
      } catch (e) {
        reportError(e);
        return false;
      }
    },
    addCodes: (id, codeIds) => change(() => call('concepts.addCodes', { id, codeIds })),
    removeCodes: (id, codeIds) => change(() => call('concepts.removeCodes', { id, codeIds })),
    addSets: (id, setIds) => change(() => call('concepts.addSets', { id, setIds })),
    removeSets: (id, setIds) => change(() => call('concepts.removeSets', { id, setIds })),
    open(id) {
      viewRequest++;
      set({ openId: id, view: null });
      if (id !== null) void get().loadView();
    },
    async loadView() {
      const id = get().openId;
      if (id === null) return;
      const n = ++viewRequest;
      try {
        const view = await call('concepts.view', { id });
        if (n === viewRequest && get().openId === id) set({ view });
      } catch (e) {
        if (n !== viewRequest) return;
        set({ openId: null, view: null });
        reportError(e);
      }
    },
    chooseAttribute(id) {
      set({ attributeId: id });
    },
    reset() {
      listRequest++;
      viewRequest++;
      set({ ...initial });
    },
  };
});

/** The concepts in board order. */
export const selectConcepts = (s: ConceptsState): Concept[] =>
  s.order.map((id) => s.byId[id]).filter((c): c is Concept => c !== undefined);

/** The counts the view shows: the chosen attribute's, or the first one's. */
export const selectShownCounts = (s: ConceptsState): ConceptView['counts'][number] | undefined =>
  s.view?.counts.find((c) => c.attributeId === s.attributeId) ?? s.view?.counts[0];

/**
 * Keeps the board and the open view in step with changes made elsewhere: concepts themselves,
 * and codes, codings, sets and cases, which change what a concept holds and counts.
 */
export function followConcepts(): () => void {
  return onEvent('project.changed', ({ what }) => {
    if (!['concepts', 'codes', 'codings', 'sets', 'cases', 'sources'].includes(what)) return;
    const s = useConcepts.getState();
    void s.load();
    if (s.openId !== null) void s.loadView();
  });
}
