import { create } from 'zustand';
import { bridge, call, onEvent, uploadFile } from '../../lib/api';
import { reportError, useNotices } from '../../ui/notices';
import { copyToClipboard, downloadBase64, downloadText, tsvToHtmlTable } from './download';
import { chosenId, loadEverything } from './load';
import { cellKey, coalesce, errorText, plural, type SourceKind } from './model';
import {
  emptyGrid,
  initial,
  selectChosenClassification,
  selectSummaryAttributeIds,
  type CasesState,
} from './state';

export * from './state';

const reloadNow = coalesce(() => loadEverything(useCases.getState, useCases.setState));

let nextReveal = 1;

function inform(text: string): void {
  useNotices.getState().push('info', text);
}

// ---------------------------------------------------------------- the store

export const useCases = create<CasesState>((set, get) => ({
  ...initial,

  follow(projectPath) {
    if (projectPath !== get().projectPath) set({ ...initial, projectPath });
    void get().reload();
    return onEvent('project.changed', ({ what }) => {
      // 'project': the file was opened again (another file changes projectPath, above).
      if (what === 'project' || what === 'cases' || what === 'sources') void get().reload();
    });
  },
  reload: () => reloadNow(),
  setTab(tab) {
    if (tab === get().tab) return;
    set({ tab });
    void get().reload();
  },
  choose(chosen) {
    if (chosen === get().chosen) return;
    set({ chosen, ...emptyGrid, invalid: {} });
    void get().reload();
  },
  revealRow(row) {
    set({ reveal: row && { ...row, n: nextReveal++ } });
  },

  async createClassification(name) {
    try {
      const c = await call('classifications.create', { name });
      get().choose(c.id);
      await get().reload();
      return c;
    } catch (e) {
      reportError(e);
      return null;
    }
  },
  async renameClassification(id, name) {
    try {
      await call('classifications.update', { id, name });
      await get().reload();
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },
  async deleteClassification(id) {
    try {
      await call('classifications.delete', { id });
      // Its cases stay, unclassified; the list moves on to the next classification.
      if (get().chosen === id) set({ chosen: null, ...emptyGrid });
      await get().reload();
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },
  async createCase(name) {
    const chosen = get().chosen;
    if (chosen === null) return null;
    try {
      const c = await call('cases.create', { name, classificationId: chosenId(chosen) });
      await get().reload();
      get().revealRow({ owner: 'case', id: c.id });
      return c;
    } catch (e) {
      reportError(e);
      return null;
    }
  },
  async deleteCase(id) {
    try {
      await call('cases.delete', { id });
      await get().reload();
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },
  async createAttribute(owner, name, type) {
    const chosen = get().chosen;
    try {
      const a =
        owner === 'source'
          ? await call('attributes.create', { scope: 'source', name, type })
          : await call('attributes.create', {
              scope: 'case',
              classificationId: typeof chosen === 'number' ? chosen : null,
              name,
              type,
            });
      await get().reload();
      return a;
    } catch (e) {
      reportError(e);
      return null;
    }
  },
  async updateAttribute(id, change) {
    try {
      await call('attributes.update', { id, ...change });
      await get().reload();
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },
  async deleteAttribute(id) {
    try {
      await call('attributes.delete', { id });
      await get().reload();
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },

  async commit(owner, id, column, text) {
    if (typeof column === 'number')
      return get().setCells(owner, [{ id, attributeId: column, text }]);
    const key = cellKey(owner, id, column);
    set({ pending: { ...get().pending, [key]: text }, invalid: without(get().invalid, [key]) });
    try {
      if (owner === 'case') {
        await call('cases.update', { id, name: text });
      } else if (column === 'kind') {
        await call('sources.update', { id, kind: text as SourceKind });
      } else if (column === 'folder') {
        await call('sources.update', { id, folder: text });
      } else {
        await call('sources.update', { id, name: text });
      }
      await get().reload();
      return true;
    } catch (e) {
      reportError(e);
      set({ invalid: { ...get().invalid, [key]: errorText(e) } });
      return false;
    } finally {
      settle([key], { [key]: text });
    }
  },
  async setCells(owner, edits) {
    if (!edits.length) return true;
    const keys = edits.map((e) => cellKey(owner, e.id, e.attributeId));
    const typed = Object.fromEntries(keys.map((k, i) => [k, edits[i]!.text]));
    set({ pending: { ...get().pending, ...typed }, invalid: without(get().invalid, keys) });
    try {
      await call('values.set', {
        edits: edits.map((e) =>
          owner === 'case'
            ? { caseId: e.id, attributeId: e.attributeId, value: e.text }
            : { sourceId: e.id, attributeId: e.attributeId, value: e.text },
        ),
      });
      await get().reload();
      return true;
    } catch (e) {
      reportError(e);
      // One refused cell in a paste refuses the paste; the message names the row and column.
      if (edits.length === 1) set({ invalid: { ...get().invalid, [keys[0]!]: errorText(e) } });
      return false;
    } finally {
      settle(keys, typed);
    }
  },

  setSummaryAttribute(attributeId, on) {
    const summaryOff = { ...get().summaryOff };
    if (on) delete summaryOff[attributeId];
    else summaryOff[attributeId] = true;
    set({ summaryOff });
    void get().reload();
  },
  async copySummary() {
    const input = summaryInput(get());
    if (!input) return;
    try {
      const text = await call('summary.export', { ...input, format: 'text' });
      await copyToClipboard(text, tsvToHtmlTable(text));
      inform('Summary table copied. Paste it into Word or a spreadsheet.');
    } catch (e) {
      reportError(e);
    }
  },
  async exportSummaryCsv() {
    const input = summaryInput(get());
    const name = selectChosenClassification(get())?.name ?? 'Cases';
    if (!input) return;
    try {
      const csv = await call('summary.export', { ...input, format: 'csv' });
      downloadText(`${name} summary.csv`, 'text/csv', csv);
    } catch (e) {
      reportError(e);
    }
  },
  async exportAttributes(format) {
    const chosen = get().chosen;
    if (typeof chosen !== 'number') return;
    try {
      const file = await call('attributes.exportTable', { classificationId: chosen, format });
      downloadBase64(file.fileName, file.mime, file.base64);
    } catch (e) {
      reportError(e);
    }
  },
  async importAttributes(file) {
    const k = selectChosenClassification(get());
    if (!k) return;
    const base = { fileName: file.name, classificationName: k.name };
    set({ attributeImport: { phase: 'working', ...base } });
    try {
      const path =
        bridge.mode === 'electron' && bridge.pathForFile
          ? bridge.pathForFile(file)
          : (await uploadFile(file)).path;
      const result = await call('attributes.importTable', {
        path,
        classificationId: k.id,
        fileName: file.name,
      });
      set({ attributeImport: { phase: 'done', ...base, result } });
      await get().reload();
    } catch (e) {
      set({ attributeImport: { phase: 'failed', ...base, error: errorText(e) } });
    }
  },
  dismissImport() {
    set({ attributeImport: null });
  },

  async suggestLinks() {
    try {
      const suggestions = await call('cases.suggestLinks', {});
      set({
        suggestions,
        picked: Object.fromEntries(suggestions.map((x) => [x.sourceId, true])),
      });
    } catch (e) {
      reportError(e);
    }
  },
  pick(sourceId, on) {
    set({ picked: { ...get().picked, [sourceId]: on } });
  },
  pickAll(on) {
    set({
      picked: Object.fromEntries((get().suggestions ?? []).map((x) => [x.sourceId, on])),
    });
  },
  async applyLinks(classificationName) {
    const { suggestions, picked } = get();
    const links = (suggestions ?? [])
      .filter((x) => picked[x.sourceId])
      .map((x) => ({
        sourceId: x.sourceId,
        caseName: x.caseName,
        ...(x.site ? { site: x.site } : {}),
        ...(x.round ? { round: x.round } : {}),
      }));
    if (!links.length) return false;
    try {
      const r = await call('cases.applyLinks', { links, classificationName });
      set({ suggestions: null, picked: {} });
      inform(
        `Linked ${plural(r.linked, 'source')} to cases` +
          (r.casesCreated
            ? `; ${plural(r.casesCreated, 'new case')} in ${classificationName}.`
            : '.'),
      );
      await get().reload();
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },
  closeSuggestions() {
    set({ suggestions: null, picked: {} });
  },
}));

function without(map: Record<string, string>, keys: string[]): Record<string, string> {
  const out = { ...map };
  for (const k of keys) delete out[k];
  return out;
}

/** Drops the pending text of cells this save wrote, unless a later edit has replaced it. */
function settle(keys: string[], typed: Record<string, string>): void {
  const pending = { ...useCases.getState().pending };
  for (const k of keys) if (pending[k] === typed[k]) delete pending[k];
  useCases.setState({ pending });
}

function summaryInput(s: CasesState) {
  const attributeIds = selectSummaryAttributeIds(s);
  if (typeof s.chosen !== 'number' || !attributeIds.length) return null;
  return { classificationId: s.chosen, attributeIds };
}
