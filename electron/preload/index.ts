import { contextBridge, ipcRenderer } from 'electron';
import { buildFieldvaultApi } from './api';

/**
 * Sandboxed preload (bundled to out/preload/index.cjs; it may require nothing but 'electron'). Exposes exactly
 * what buildFieldvaultApi builds: one function per operation, the dialogs, the lock and clipboard events, copySecret,
 * setNativeText and platform. ipcRenderer itself stays here, and the relays buildFieldvaultApi registers drop the
 * IPC event (the clipboard relay passes on only a checked status word), so no IPC event reaches the page.
 */
const api = buildFieldvaultApi({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  on: (channel, listener) => {
    ipcRenderer.on(channel, listener);
  },
  off: (channel, listener) => {
    ipcRenderer.removeListener(channel, listener);
  },
});

contextBridge.exposeInMainWorld('fieldvault', api);
