// The renderer's only door to the main side: invoke a contract method, or listen for events.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';

type Listener = (event: string, payload: unknown) => void;

contextBridge.exposeInMainWorld('weft', {
  mode: 'electron',
  invoke(method: string, input: unknown): Promise<unknown> {
    return ipcRenderer.invoke('weft:invoke', method, input);
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
  on(listener: Listener): () => void {
    const wrapped = (_e: IpcRendererEvent, msg: { event: string; payload: unknown }) =>
      listener(msg.event, msg.payload);
    ipcRenderer.on('weft:event', wrapped);
    return () => {
      ipcRenderer.removeListener('weft:event', wrapped);
    };
  },
});
