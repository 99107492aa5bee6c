import { bridge, call } from '../../lib/api';
import { reportError } from '../../ui/notices';
import { useImport } from '../import/store';
import { useProject } from './store';

/** New/Open/Import: native dialogs in the desktop app, Weft's own picker in browser mode. */
export async function newProject(): Promise<void> {
  if (bridge.mode === 'browser') return useProject.getState().showPicker('new');
  try {
    const path = await call('dialog.newProject', {});
    if (path) await useProject.getState().create(path);
  } catch (e) {
    reportError(e);
  }
}

export async function openProject(): Promise<void> {
  if (bridge.mode === 'browser') return useProject.getState().showPicker('open');
  try {
    const path = await call('dialog.openProject', {});
    if (path) await useProject.getState().open(path);
  } catch (e) {
    reportError(e);
  }
}

/** Import: the native dialog in the desktop app; the page's own file chooser in browser mode. */
export async function importFiles(): Promise<void> {
  if (!useProject.getState().project) return;
  if (bridge.mode === 'browser') {
    document.getElementById('import-input')?.click();
    return;
  }
  try {
    const paths = await call('dialog.importFiles', {});
    if (paths.length) await useImport.getState().fromPaths(paths);
  } catch (e) {
    reportError(e);
  }
}
