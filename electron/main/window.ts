import { BrowserWindow, type Session, type WebContents } from 'electron';
import { START_URL, isAllowedNavigation } from './policy';

export interface MainWindowOptions {
  readonly session: Session;
  readonly preload: string;
  readonly devTools: boolean;
  /** Called instead of showing the window once its page is ready (main checks the sandbox first). */
  readonly whenReadyToShow?: (win: BrowserWindow) => void;
  /** The page did not load: did-fail-load of the main frame, or loadURL rejected. Without this the window stays hidden. */
  readonly onLoadFailed?: (win: BrowserWindow) => void;
}

/** The one window: sandboxed, context-isolated, no Node, loaded from app:// only. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'Fieldvault',
    backgroundColor: '#1d2127',
    webPreferences: {
      session: options.session,
      preload: options.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      enableWebSQL: false,
      experimentalFeatures: false,
      // No middle-click events (auxclick): a middle click cannot open or act on anything (Electronegativity).
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
    },
  });
  win.once('ready-to-show', () => (options.whenReadyToShow ? options.whenReadyToShow(win) : win.show()));
  win.webContents.on('did-fail-load', (_event, errorCode, _description, _url, isMainFrame) => {
    // -3 (ERR_ABORTED) is a load replaced by another one (a reload), not a failure.
    if (isMainFrame && errorCode !== -3) options.onLoadFailed?.(win);
  });
  void loadStartPage(win).then((loaded) => {
    if (!loaded) options.onLoadFailed?.(win);
  });
  return win;
}

/**
 * Loads the app's page; false when it did not load (nothing to log that would help, nothing secret to show).
 * A load replaced by a newer one (ERR_ABORTED) is not a failure: the newer one reports for itself.
 */
export function loadStartPage(win: BrowserWindow): Promise<boolean> {
  try {
    return win.loadURL(START_URL).then(
      () => true,
      (err: unknown) => (err as { errno?: unknown } | null)?.errno === -3,
    );
  } catch {
    return Promise.resolve(false);
  }
}

/** Applied to every webContents (app 'web-contents-created'): no navigation, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
