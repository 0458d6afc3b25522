import { describe, expect, it } from 'vitest';
import { buildFieldvaultApi, type PreloadIpc } from '../../electron/preload/api';
import { CHOOSE_EXPORT_CHANNEL, CHOOSE_FILE_CHANNEL, CHOOSE_LOCATION_CHANNEL, CLIPBOARD_STATUS_CHANNEL, COPY_SECRET_CHANNEL, LOCK_REQUEST_CHANNEL, LOCKED_CHANNEL, NATIVE_TEXT_CHANNEL, PANIC_SHORTCUT_CHANNEL, SET_PANIC_SHORTCUT_CHANNEL } from '../../electron/common/channels';
import { ENGLISH_NATIVE_TEXT } from '../../src/shared/api';
import { operationNames } from '../../src/shared/operations';

function fakeIpc() {
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const ipc: PreloadIpc = {
    invoke: async (channel, payload) => {
      invoked.push([channel, payload]);
      return { ok: true, value: channel };
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    off: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
    },
  };
  // What ipcRenderer does: call listeners with an event object (which carries `sender`, i.e. ipcRenderer).
  const emit = (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((l) => l({ sender: 'ipcRenderer' }, ...args));
  return { ipc, invoked, listeners, emit };
}

describe('preload API', () => {
  it('has one function per operation, the dialogs, lock and clipboard events, copySecret, the native words, the panic shortcut and platform, and nothing else', () => {
    const api = buildFieldvaultApi(fakeIpc().ipc) as unknown as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(
      [...operationNames, 'chooseExportFile', 'chooseFile', 'chooseVaultLocation', 'copySecret', 'onClipboardStatus', 'onLocked', 'onLockRequested', 'panicShortcut', 'platform', 'setNativeText', 'setPanicShortcut'].sort(),
    );
    for (const name of operationNames) expect(typeof api[name]).toBe('function');
    expect(api.platform).toBe('electron');
    expect('ipcRenderer' in api).toBe(false);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes each operation on its own channel with the payload unchanged', async () => {
    const { ipc, invoked } = fakeIpc();
    const api = buildFieldvaultApi(ipc);
    await api['vault.unlock']({ path: '/v', passphrase: 'p' });
    await api['people.get']({ id: 'a'.repeat(32) });
    await api.chooseVaultLocation?.('open');
    await api.setNativeText?.(ENGLISH_NATIVE_TEXT);
    await api.chooseExportFile?.({ name: 'INT-0031-summary-redacted.md', format: 'md' });
    await api.chooseFile?.({ purpose: 'received-open' });
    await api.panicShortcut?.();
    await api.setPanicShortcut?.('Control+Alt+P');
    expect(invoked).toEqual([
      ['fieldvault:vault.unlock', { path: '/v', passphrase: 'p' }],
      ['fieldvault:people.get', { id: 'a'.repeat(32) }],
      [CHOOSE_LOCATION_CHANNEL, 'open'],
      [NATIVE_TEXT_CHANNEL, ENGLISH_NATIVE_TEXT],
      [CHOOSE_EXPORT_CHANNEL, { name: 'INT-0031-summary-redacted.md', format: 'md' }],
      [CHOOSE_FILE_CHANNEL, { purpose: 'received-open' }],
      [PANIC_SHORTCUT_CHANNEL, null],
      [SET_PANIC_SHORTCUT_CHANNEL, 'Control+Alt+P'],
    ]);
  });

  it('relays lock events without the IPC event, and unsubscribes', () => {
    const { ipc, listeners, emit } = fakeIpc();
    const api = buildFieldvaultApi(ipc);
    const received: unknown[][] = [];
    const unsubscribe = api.onLocked?.((...args: unknown[]) => received.push(args));
    emit(LOCKED_CHANNEL);
    expect(received).toEqual([[]]);
    unsubscribe?.();
    unsubscribe?.();
    emit(LOCKED_CHANNEL);
    expect(received).toHaveLength(1);
    expect(listeners.get(LOCKED_CHANNEL)?.size).toBe(0);
  });

  it('relays lock requests the same way', () => {
    const { ipc, listeners, emit } = fakeIpc();
    const api = buildFieldvaultApi(ipc);
    const received: unknown[][] = [];
    const unsubscribe = api.onLockRequested?.((...args: unknown[]) => received.push(args));
    emit(LOCK_REQUEST_CHANNEL);
    expect(received).toEqual([[]]);
    unsubscribe?.();
    expect(listeners.get(LOCK_REQUEST_CHANNEL)?.size).toBe(0);
  });

  it('relays the clipboard status word alone, and nothing that is not one', () => {
    const { ipc, listeners, emit } = fakeIpc();
    const api = buildFieldvaultApi(ipc);
    const received: unknown[][] = [];
    const unsubscribe = api.onClipboardStatus?.((...args: unknown[]) => received.push(args));
    emit(CLIPBOARD_STATUS_CHANNEL, 'pending');
    emit(CLIPBOARD_STATUS_CHANNEL, { sender: 'ipcRenderer' });
    emit(CLIPBOARD_STATUS_CHANNEL, 'resolved', 'extra');
    emit(CLIPBOARD_STATUS_CHANNEL);
    expect(received).toEqual([['pending'], ['resolved']]);
    unsubscribe?.();
    expect(listeners.get(CLIPBOARD_STATUS_CHANNEL)?.size).toBe(0);
    const onStatus = api.onClipboardStatus as unknown as (l: unknown) => () => void;
    expect(typeof onStatus('not a function')).toBe('function');
    expect(listeners.get(CLIPBOARD_STATUS_CHANNEL)?.size).toBe(0);
  });

  it('copies an identity field through main, as text', async () => {
    const { ipc, invoked } = fakeIpc();
    const api = buildFieldvaultApi(ipc);
    await api.copySecret?.('+996 555 123 456');
    expect(invoked).toEqual([[COPY_SECRET_CHANNEL, '+996 555 123 456']]);
  });

  it('ignores a non-function lock listener', () => {
    const { ipc, listeners } = fakeIpc();
    const api = buildFieldvaultApi(ipc);
    const onLocked = api.onLocked as unknown as (l: unknown) => () => void;
    expect(typeof onLocked('not a function')).toBe('function');
    expect(listeners.size).toBe(0);
  });
});
