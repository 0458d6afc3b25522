import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, clipboard, dialog, session, type Session } from 'electron';
import { startVaultWorker, type VaultWorker } from '../../src/core/worker/client';
import type { Dispatch } from '../../src/core/router';
import { LOCK_REQUEST_CHANNEL, LOCKED_CHANNEL } from '../common/channels';
import { createCrashLoopDetector, createLocker, createLockRequester, withTimeout, type Locker } from './handlers';
import { registerIpc } from './ipc';
import { installLockTriggers } from './lock-triggers';
import { installApplicationMenu } from './menu';
import { OFFLINE_SWITCHES, START_URL } from './policy';
import { handleAppProtocol, registerAppSchemePrivileges } from './protocol';
import { createSecretClipboard } from './secret-clipboard';
import { hardenSession } from './session';
import { createMainWindow, hardenWebContents } from './window';

/**
 * The Electron main process: the only code that imports electron. It owns the window and the IPC channels;
 * the vault itself (keys, SQLite, search) lives in a worker thread (src/core/worker/host.ts -> out/main/worker.js).
 * Nothing here logs vault content, paths or payloads.
 */

const here = dirname(fileURLToPath(import.meta.url)); // out/main (inside app.asar when packaged)
const PRELOAD = join(here, '../preload/index.cjs');
const RENDERER_ROOT = join(here, '../renderer');
const WORKER_ENTRY = join(here, 'worker.js');
/** In-memory partition (no "persist:" prefix): no HTTP cache, storage or cookies of the page reach the disk. */
const PARTITION = 'fieldvault';
const LOCK_ON_QUIT_TIMEOUT_MS = 15_000;
/** How long the page has to save pending edits when main asks it to lock, before main locks anyway. */
const LOCK_GRACE_MS = 1_500;

// --- Before 'ready' --------------------------------------------------------------------------------------
for (const [name, value] of OFFLINE_SWITCHES) {
  if (value === undefined) app.commandLine.appendSwitch(name);
  else app.commandLine.appendSwitch(name, value);
}
app.enableSandbox();
registerAppSchemePrivileges();

if (!app.requestSingleInstanceLock()) {
  // Another Fieldvault is running (and owns the vault files); hand over to it.
  app.quit();
} else {
  start();
}

function start(): void {
  let mainWindow: BrowserWindow | null = null;
  let worker: VaultWorker | null = null;
  let locker: Locker | null = null;
  let quitState: 'running' | 'locking' | 'done' = 'running';

  const getMainWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  const notifyLocked = () => getMainWindow()?.webContents.send(LOCKED_CHANNEL);
  const secrets = createSecretClipboard(clipboard);
  // Locks from main (suspend, screen lock, menu, closing) first ask the page, which saves pending edits and
  // locks itself; main locks anyway after LOCK_GRACE_MS.
  const requester = createLockRequester({
    ask: () => {
      const win = getMainWindow();
      if (!win || quitState === 'done') return false;
      win.webContents.send(LOCK_REQUEST_CHANNEL);
      return true;
    },
    lock: () => locker?.lock() ?? Promise.resolve(),
    graceMs: LOCK_GRACE_MS,
  });
  const lockNow = () => void requester.request();

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('second-instance', () => {
    const win = getMainWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.on('window-all-closed', () => app.quit());

  // Lock (checkpoint + zero keys in the worker) before the process goes away.
  app.on('before-quit', (event) => {
    if (quitState === 'done' || !worker) return;
    event.preventDefault();
    if (quitState === 'locking') return;
    quitState = 'locking';
    const w = worker;
    const l = locker;
    void (async () => {
      if (l) await withTimeout(requester.request(), LOCK_ON_QUIT_TIMEOUT_MS, undefined);
      await secrets.clear();
      await withTimeout(w.terminate(), 3_000, undefined);
      quitState = 'done';
      app.quit();
    })();
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app
    .whenReady()
    .then(() => {
      const allowDevtools = !app.isPackaged;
      const ses: Session = session.fromPartition(PARTITION, { cache: false });
      hardenSession(ses, { allowDevtools });
      hardenSession(session.defaultSession, { allowDevtools });
      handleAppProtocol(ses, RENDERER_ROOT);

      const vault = startVaultWorker({ entry: WORKER_ENTRY });
      worker = vault;
      // every lock, from the page or from main, also clears an identity field still on the clipboard
      const dispatch: Dispatch = (operation, payload) => {
        if (operation === 'vault.lock') void secrets.clear();
        return vault.dispatch(operation, payload);
      };
      const fromPage: Dispatch = (operation, payload) => {
        const result = dispatch(operation, payload);
        if (operation === 'vault.lock') void result.finally(() => requester.pageLocked());
        return result;
      };
      locker = createLocker(dispatch, notifyLocked);
      const crashLoop = createCrashLoopDetector(5, 10_000);
      vault.onExit(() => {
        // The keys died with the worker; the client restarts it locked. Tell the page.
        notifyLocked();
        if (crashLoop()) {
          void vault.terminate();
          dialog.showErrorBox('Fieldvault', 'The vault service could not start. Fieldvault will close.');
          quitState = 'done';
          app.quit();
        }
      });

      registerIpc(fromPage, getMainWindow, secrets, (text) => installApplicationMenu(lockNow, text));
      installLockTriggers(lockNow);
      installApplicationMenu(lockNow);

      mainWindow = createMainWindow({ session: ses, preload: PRELOAD, devTools: allowDevtools });
      const win = mainWindow;
      // Closing: the page saves and locks first (or main locks after the grace period), then the window goes.
      let closeReady = false;
      win.on('close', (event) => {
        if (closeReady || quitState === 'done') return;
        event.preventDefault();
        void requester.request().then(() => {
          closeReady = true;
          if (!win.isDestroyed()) win.close();
        });
      });
      win.on('closed', () => {
        mainWindow = null;
      });
      win.webContents.on('render-process-gone', () => {
        // A crashed page must not leave the vault open behind a fresh page: lock, then reload the app.
        void locker?.lock().then(() => {
          if (!win.isDestroyed()) void win.loadURL(START_URL).catch(() => undefined);
        });
      });
    })
    .catch(() => {
      dialog.showErrorBox('Fieldvault', 'Fieldvault could not start.');
      app.exit(1);
    });
}
