import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, session, type Session } from 'electron';
import { startVaultWorker, type VaultWorker } from '../../src/core/worker/client';
import type { Dispatch } from '../../src/core/router';
import { CLIPBOARD_STATUS_CHANNEL, LOCK_REQUEST_CHANNEL, LOCKED_CHANNEL } from '../common/channels';
import { createExportGrants } from './export-grants';
import { createCrashLoopDetector, createLocker, createLockRequester, withTimeout, type Locker } from './handlers';
import { registerIpc, registerPanicIpc } from './ipc';
import { createSystemLocker, createVaultStateTracker } from './lock-policy';
import { installLockTriggers, installPanicShortcut, lockOnSessionEnd } from './lock-triggers';
import type { PanicLock } from './panic-lock';
import { installApplicationMenu } from './menu';
import { OFFLINE_SWITCHES, refusalMessage, startRefusal } from './policy';
import { STARTUP_TEXT, startupLanguage, type StartupText } from './startup-text';
import { handleAppProtocol, registerAppSchemePrivileges } from './protocol';
import { clipboardWritesNeedFocus, createSecretClipboard } from './secret-clipboard';
import { systemClipboard } from './system-clipboard';
import { hardenSession } from './session';
import { rendererSandboxEvidence } from './sandbox-check';
import { createMainWindow, hardenWebContents, loadStartPage } from './window';

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
/** How long a lock for the screen lock or inactivity may take in the worker before main ends the worker. */
const LOCK_NOW_DEADLINE_MS = 3_000;

/** What main says before the page exists, in the system's language (English or Russian). */
function startupText(): StartupText {
  let preferred: readonly string[] = [];
  try {
    preferred = app.getPreferredSystemLanguages();
  } catch {
    /* an older or stand-in runtime: English */
  }
  return STARTUP_TEXT[startupLanguage(preferred)];
}

// --- Before 'ready' --------------------------------------------------------------------------------------
for (const [name, value] of OFFLINE_SWITCHES) {
  if (value === undefined) app.commandLine.appendSwitch(name);
  else app.commandLine.appendSwitch(name, value);
}
app.enableSandbox();
registerAppSchemePrivileges();

// A packaged build does not run with debugging, sandbox-off or logging switches (policy.ts). The box is shown
// after 'ready' (before it, Linux prints it to stderr only); no window and no vault worker are ever started.
const refusal = startRefusal({
  isPackaged: app.isPackaged,
  platform: process.platform,
  argv: process.argv,
  hasSwitch: (name) => app.commandLine.hasSwitch(name),
  appImage: process.platform === 'linux' && Boolean(process.env.APPIMAGE),
});
if (refusal) {
  void app.whenReady().then(
    () => {
      dialog.showErrorBox('Fieldvault', refusalMessage(refusal, startupText()));
      app.exit(1);
    },
    () => app.exit(1),
  );
} else if (!app.requestSingleInstanceLock()) {
  // Another Fieldvault is running (and owns the vault files); hand over to it.
  app.quit();
} else {
  start();
}

function start(): void {
  let mainWindow: BrowserWindow | null = null;
  let worker: VaultWorker | null = null;
  let locker: Locker | null = null;
  let panicLock: PanicLock | null = null;
  let quitState: 'running' | 'locking' | 'done' = 'running';

  const getMainWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  const notifyLocked = () => getMainWindow()?.webContents.send(LOCKED_CHANNEL);
  // On Wayland a clear from an unfocused window is dropped unseen: it counts only once the window has focus.
  const ozone = app.commandLine.getSwitchValue('ozone-platform') || app.commandLine.getSwitchValue('ozone-platform-hint');
  const clearsNeedFocus = clipboardWritesNeedFocus(process.platform, process.env, ozone);
  const secrets = createSecretClipboard(systemClipboard, {
    platform: process.platform,
    writesLand: () => !clearsNeedFocus || (getMainWindow()?.isFocused() ?? false),
    onStatus: (status) => getMainWindow()?.webContents.send(CLIPBOARD_STATUS_CHANNEL, status),
  });
  // Export files the user chose in the Save dialog; forgotten at every lock.
  const exportGrants = createExportGrants();
  // The menu's lock, closing and quitting first ask the page, which saves pending edits and locks itself; main
  // locks anyway after LOCK_GRACE_MS. (Suspend, the screen lock and inactivity do not wait: systemLock below.)
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
  // Main's own view of the vault (unlocked? its auto-lock time?) for the idle backstop.
  const tracker = createVaultStateTracker();
  // Suspend, shutdown and the end of the session end the key-holding worker at once; the screen lock and
  // inactivity lock in the worker at once. Neither waits for the page: it saves every edit as it is made.
  const systemLock = createSystemLocker({
    endWorker: () => void worker?.kill(),
    lockInWorker: (reason) => locker?.lock(reason) ?? Promise.resolve(),
    forgetInMain: () => {
      void secrets.clear();
      exportGrants.clear();
    },
    notifyLocked,
    markLocked: () => tracker.markLocked(),
    deadlineMs: LOCK_NOW_DEADLINE_MS,
  });

  // A window whose page did not load would stay hidden (and a second launch would focus nothing): say so, and
  // offer to try again or quit.
  let loadFailed = false;
  let failureBox: Promise<void> | null = null;
  const showLoadFailure = (win: BrowserWindow) => {
    loadFailed = true;
    if (failureBox || quitState !== 'running') return;
    const { message, detail, retry, quit } = startupText().loadFailed;
    failureBox = dialog.showMessageBox({ type: 'error', title: 'Fieldvault', message, detail, buttons: [retry, quit], defaultId: 0, cancelId: 1, noLink: true }).then(
      ({ response }) => {
        failureBox = null;
        if (response !== 0 || win.isDestroyed()) return app.quit();
        loadFailed = false;
        void loadStartPage(win).then((loaded) => {
          if (!loaded) showLoadFailure(win);
        });
      },
      () => {
        failureBox = null;
        app.quit();
      },
    );
  };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('second-instance', () => {
    const win = getMainWindow();
    if (!win) return;
    if (loadFailed) return showLoadFailure(win);
    if (!win.isVisible()) win.show();
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  // macOS: a click on the Dock icon after the panic lock hid the window brings it back, locked.
  app.on('activate', () => {
    const win = getMainWindow();
    if (win && !loadFailed && !win.isVisible()) win.show();
  });

  app.on('window-all-closed', () => app.quit());
  // The panic shortcut is the system's until released.
  app.on('will-quit', () => panicLock?.stop());

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
        if (operation === 'vault.lock') {
          void secrets.clear();
          exportGrants.clear();
        }
        const result = vault.dispatch(operation, payload);
        void result.then((r) => {
          tracker.observe(operation, r);
          // Main learns the vault's auto-lock time itself rather than relying on the page to ask for it.
          if (r.ok && (operation === 'vault.unlock' || operation === 'vault.create')) void dispatch('settings.get', {});
        });
        return result;
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
        tracker.markLocked();
        notifyLocked();
        if (crashLoop()) {
          void vault.terminate();
          dialog.showErrorBox('Fieldvault', startupText().serviceFailed);
          quitState = 'done';
          app.quit();
        }
      });

      registerIpc(fromPage, getMainWindow, secrets, (text) => installApplicationMenu(lockNow, text), exportGrants);
      installLockTriggers(systemLock, tracker);
      panicLock = installPanicShortcut(systemLock, getMainWindow, app.getPath('userData'));
      registerPanicIpc(panicLock, getMainWindow);
      installApplicationMenu(lockNow);

      let shown = false;
      mainWindow = createMainWindow({
        session: ses,
        preload: PRELOAD,
        devTools: allowDevtools,
        whenReadyToShow: (w) => {
          // The renderer now runs: a packaged build checks that it really is sandboxed before showing anything.
          if (app.isPackaged && rendererSandboxEvidence(w.webContents) === 'unsandboxed') {
            quitState = 'done';
            dialog.showErrorBox('Fieldvault', startupText().unsandboxed);
            void worker?.terminate();
            app.exit(1);
            return;
          }
          shown = true;
          w.show();
        },
        onLoadFailed: (w) => showLoadFailure(w),
      });
      const win = mainWindow;
      win.webContents.on('did-finish-load', () => {
        loadFailed = false;
      });
      lockOnSessionEnd(win, systemLock);
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
      // A clear that could not be confirmed while the window was in the background is tried again now.
      win.on('focus', () => void secrets.windowFocused());
      win.on('closed', () => {
        mainWindow = null;
      });
      const pageCrashLoop = createCrashLoopDetector(2, 60_000);
      win.webContents.on('render-process-gone', () => {
        // A crashed page must not leave the vault open behind a fresh page: lock, then reload the app. A page
        // that crashes before it was ever shown, or again and again, gets the error box instead.
        const again = pageCrashLoop();
        void locker?.lock().then(() => {
          if (win.isDestroyed()) return;
          if (!shown || again) return showLoadFailure(win);
          void loadStartPage(win).then((loaded) => {
            if (!loaded) showLoadFailure(win);
          });
        });
      });
    })
    .catch(() => {
      dialog.showErrorBox('Fieldvault', startupText().couldNotStart);
      app.exit(1);
    });
}
