import { create } from 'zustand';
import type { Excerpt } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { reportError } from '../../ui/notices';

interface RetrievalState {
  /** The code whose excerpts the middle pane lists, when it is not showing a source. */
  codeId: number | null;
  excerpts: Excerpt[];
  loading: boolean;
  /** List the codings of the code's descendants too. */
  descendants: boolean;
  /** Only these coders' codings; empty for everyone's. */
  coderIds: number[];
  /** The project's attribution template; null until read. */
  template: string | null;
  /** Field names the template can use (built-in, attribute and classification names). */
  fields: string[];
  showCode(codeId: number | null): Promise<void>;
  setDescendants(on: boolean): Promise<void>;
  setCoders(coderIds: number[]): Promise<void>;
  loadSettings(): Promise<void>;
  /** What `template` would give for one coding (worked out where the data is). */
  preview(codingId: number, template: string): Promise<string | null>;
  /** Saves the template and lists the excerpts again with their new attributions. */
  saveTemplate(template: string): Promise<boolean>;
  reset(): void;
}

// Answers to older requests (another code, other options) are dropped, so a slow answer never
// replaces the list the user asked for last.
let requestNo = 0;

export const useRetrieval = create<RetrievalState>((set, get) => ({
  codeId: null,
  excerpts: [],
  loading: false,
  descendants: false,
  coderIds: [],
  template: null,
  fields: [],
  async showCode(codeId) {
    const same = codeId === get().codeId;
    set({ codeId, excerpts: same ? get().excerpts : [] });
    if (codeId === null) return set({ loading: false });
    if (get().template === null) void get().loadSettings();
    const n = ++requestNo;
    set({ loading: true });
    try {
      const { descendants, coderIds } = get();
      const excerpts = await call('excerpts.forCode', {
        codeId,
        ...(descendants ? { descendants } : {}),
        ...(coderIds.length ? { coderIds } : {}),
      });
      if (n === requestNo) set({ excerpts, loading: false });
    } catch (e) {
      if (n === requestNo) set({ loading: false });
      reportError(e);
    }
  },
  async setDescendants(descendants) {
    set({ descendants });
    await get().showCode(get().codeId);
  },
  async setCoders(coderIds) {
    set({ coderIds });
    await get().showCode(get().codeId);
  },
  async loadSettings() {
    try {
      const s = await call('settings.get', {});
      set({ template: s.attributionTemplate, fields: s.fields });
    } catch (e) {
      reportError(e);
    }
  },
  async preview(codingId, template) {
    try {
      return await call('excerpts.attribution', { codingId, template });
    } catch {
      return null; // the preview is a hint; the saved list shows any real error
    }
  },
  async saveTemplate(template) {
    try {
      const s = await call('settings.update', { attributionTemplate: template });
      set({ template: s.attributionTemplate, fields: s.fields });
      await get().showCode(get().codeId);
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },
  reset() {
    requestNo++;
    set({
      codeId: null,
      excerpts: [],
      loading: false,
      descendants: false,
      coderIds: [],
      template: null,
      fields: [],
    });
  },
}));
