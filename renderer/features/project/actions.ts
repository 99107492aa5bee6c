import { bridge, call } from '../../lib/api';
import { reportError } from '../../ui/notices';
import { useSources } from '../sources/store';
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

/** In browser mode the page's own file chooser reads the files; see ImportInput. */
export async function importFiles(): Promise<void> {
  if (!useProject.getState().project) return;
  if (bridge.mode === 'browser') {
    document.getElementById('import-input')?.click();
    return;
  }
  try {
    const paths = await call('dialog.importFiles', {});
    if (paths.length) await useSources.getState().importPaths(paths);
  } catch (e) {
    reportError(e);
  }
}

export async function importBrowserFiles(files: FileList | File[]): Promise<void> {
  const list = [...files];
  if (!list.length) return;
  const contents = await Promise.all(
    list.map(async (f) => ({ name: f.name, content: await f.text() })),
  );
  await useSources.getState().importContents(contents);
}
