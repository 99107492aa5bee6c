import { create } from 'zustand';
import type { ProjectInfo, RecentProject } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { reportError, useNotices } from '../../ui/notices';

export type PickerMode = 'new' | 'open' | 'import' | null;

interface ProjectState {
  status: 'starting' | 'ready';
  project: ProjectInfo | null;
  recent: RecentProject[];
  picker: PickerMode;
  startup(): Promise<void>;
  refresh(): Promise<void>;
  create(path: string): Promise<void>;
  open(path: string): Promise<void>;
  openDemo(): Promise<void>;
  close(): Promise<void>;
  showPicker(mode: PickerMode): void;
}

export const useProject = create<ProjectState>((set, get) => ({
  status: 'starting',
  project: null,
  recent: [],
  picker: null,
  async startup() {
    try {
      const s = await call('app.startup', {});
      set({ project: s.project, status: 'ready' });
      if (s.firstRun)
        useNotices
          .getState()
          .push(
            'info',
            'Welcome to Weft. This is a fictional demo study to explore; start your own with New project.',
          );
      if (s.notice) useNotices.getState().push('error', s.notice);
    } catch (e) {
      set({ status: 'ready' });
      reportError(e);
    }
    await get().refresh();
  },
  async refresh() {
    try {
      const [project, recent] = await Promise.all([
        call('project.current', {}),
        call('project.recent', {}),
      ]);
      set({ project, recent });
    } catch (e) {
      reportError(e);
    }
  },
  async create(path) {
    try {
      set({ project: await call('project.create', { path }), picker: null });
    } catch (e) {
      reportError(e);
    }
    await get().refresh();
  },
  async open(path) {
    try {
      set({ project: await call('project.open', { path }), picker: null });
    } catch (e) {
      reportError(e);
    }
    await get().refresh();
  },
  async openDemo() {
    try {
      set({ project: await call('project.openDemo', {}) });
    } catch (e) {
      reportError(e);
    }
    await get().refresh();
  },
  async close() {
    try {
      await call('project.close', {});
      set({ project: null });
    } catch (e) {
      reportError(e);
    }
    await get().refresh();
  },
  showPicker(picker) {
    set({ picker });
  },
}));
