import type { FieldvaultApi } from '../../src/shared/api';
import { CHOOSE_LOCATION_CHANNEL, COPY_SECRET_CHANNEL, LOCK_REQUEST_CHANNEL, LOCKED_CHANNEL, NATIVE_TEXT_CHANNEL, OPERATION_CHANNELS, channelOperationNames } from '../common/channels';

/**
 * Builds window.fieldvault from three narrow capabilities instead of ipcRenderer itself, so nothing of
 * ipcRenderer (or an IPC event, which carries `sender`) can reach the page. No electron import: testable in Node.
 */
export interface PreloadIpc {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: () => void): void;
  off(channel: string, listener: () => void): void;
}

export function buildFieldvaultApi(ipc: PreloadIpc): FieldvaultApi {
  const api: Record<string, unknown> = {};
  for (const name of channelOperationNames) {
    const channel = OPERATION_CHANNELS[name];
    api[name] = (payload: unknown) => ipc.invoke(channel, payload);
  }
  api.chooseVaultLocation = (mode: unknown) => ipc.invoke(CHOOSE_LOCATION_CHANNEL, mode);
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
  api.copySecret = async (text: unknown) => {
    await ipc.invoke(COPY_SECRET_CHANNEL, String(text));
  };
  api.setNativeText = async (text: unknown) => {
    await ipc.invoke(NATIVE_TEXT_CHANNEL, text);
  };
  api.platform = 'electron';
  return Object.freeze(api) as unknown as FieldvaultApi;
}
