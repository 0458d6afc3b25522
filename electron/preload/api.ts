import type { FieldvaultApi } from '../../src/shared/api';
import {
  CHOOSE_EXPORT_CHANNEL,
  CHOOSE_FILE_CHANNEL,
  CHOOSE_LOCATION_CHANNEL,
  CLIPBOARD_STATUS_CHANNEL,
  COPY_SECRET_CHANNEL,
  LOCK_REQUEST_CHANNEL,
  LOCKED_CHANNEL,
  NATIVE_TEXT_CHANNEL,
  OPERATION_CHANNELS,
  PANIC_SHORTCUT_CHANNEL,
  SET_PANIC_SHORTCUT_CHANNEL,
  channelOperationNames,
} from '../common/channels';

/**
 * Builds window.fieldvault from three narrow capabilities instead of ipcRenderer itself, so nothing of
 * ipcRenderer (or an IPC event, which carries `sender`) can reach the page. No electron import: testable in Node.
 */
export interface PreloadIpc {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  off(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}

const CLIPBOARD_STATUSES: readonly unknown[] = ['pending', 'failed', 'resolved'];

export function buildFieldvaultApi(ipc: PreloadIpc): FieldvaultApi {
  const api: Record<string, unknown> = {};
  for (const name of channelOperationNames) {
    const channel = OPERATION_CHANNELS[name];
    api[name] = (payload: unknown) => ipc.invoke(channel, payload);
  }
  api.chooseVaultLocation = (mode: unknown) => ipc.invoke(CHOOSE_LOCATION_CHANNEL, mode);
  api.chooseExportFile = (request: unknown) => ipc.invoke(CHOOSE_EXPORT_CHANNEL, request);
  api.chooseFile = (request: unknown) => ipc.invoke(CHOOSE_FILE_CHANNEL, request);
  /** Subscribes a page listener to a main -> renderer channel; the listener gets no arguments, never the IPC event. */
  const subscribe = (channel: string) => (listener: unknown) => {
    if (typeof listener !== 'function') return () => undefined;
    const relay = () => {
      (listener as () => void)();
    };
    ipc.on(channel, relay);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.off(channel, relay);
    };
  };
  api.onLocked = subscribe(LOCKED_CHANNEL);
  api.onLockRequested = subscribe(LOCK_REQUEST_CHANNEL);
  /** Like subscribe, but hands on the status (one of three words, checked here), never the IPC event. */
  api.onClipboardStatus = (listener: unknown) => {
    if (typeof listener !== 'function') return () => undefined;
    const relay = (_event: unknown, status: unknown) => {
      if (CLIPBOARD_STATUSES.includes(status)) (listener as (s: unknown) => void)(status);
    };
    ipc.on(CLIPBOARD_STATUS_CHANNEL, relay);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.off(CLIPBOARD_STATUS_CHANNEL, relay);
    };
  };
  api.copySecret = async (text: unknown) => {
    await ipc.invoke(COPY_SECRET_CHANNEL, String(text));
  };
  api.setNativeText = async (text: unknown) => {
    await ipc.invoke(NATIVE_TEXT_CHANNEL, text);
  };
  api.panicShortcut = () => ipc.invoke(PANIC_SHORTCUT_CHANNEL, null);
  api.setPanicShortcut = (accelerator: unknown) => ipc.invoke(SET_PANIC_SHORTCUT_CHANNEL, String(accelerator));
  api.platform = 'electron';
  return Object.freeze(api) as unknown as FieldvaultApi;
}
