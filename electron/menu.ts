import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { Events, RecentProject, UndoState } from './api/contract.js';

type Command = Events['menu.command'];

/** The application menu. Commands go to the renderer, which runs the same flows as its buttons. */
export function buildMenu(
  send: (c: Command) => void,
  recent: RecentProject[],
  undo: UndoState = { undo: null, redo: null },
): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        {
          label: 'New Project…',
          accelerator: 'CmdOrCtrl+N',
          click: () => send({ command: 'new' }),
        },
        {
          label: 'Open Project…',
          accelerator: 'CmdOrCtrl+O',
          click: () => send({ command: 'open' }),
        },
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((r) => ({
                label: r.name,
                sublabel: r.path,
                enabled: r.exists,
                click: () => send({ command: 'openRecent', path: r.path }),
              }))
            : [{ label: 'No recent projects', enabled: false }],
        },
        { type: 'separator' },
        {
          label: 'Import Files…',
          accelerator: 'CmdOrCtrl+I',
          click: () => send({ command: 'import' }),
        },
        { type: 'separator' },
        {
          label: 'Close Project',
          accelerator: 'CmdOrCtrl+Shift+W',
          click: () => send({ command: 'close' }),
        },
        ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // The window decides: a text field undoes its typing, anywhere else the project's
        // last coding or codebook action is undone (features/undo).
        {
          label: undo.undo ? `&Undo ${undo.undo}` : '&Undo',
          accelerator: 'CmdOrCtrl+Z',
          click: () => send({ command: 'undo' }),
        },
        {
          label: undo.redo ? `&Redo ${undo.redo}` : '&Redo',
          accelerator: 'CmdOrCtrl+Shift+Z',
          click: () => send({ command: 'redo' }),
        },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Help', submenu: [{ label: `Weft ${app.getVersion()}`, enabled: false }] },
  ];
  return Menu.buildFromTemplate(template);
}
