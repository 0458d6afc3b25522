import { BrowserWindow, type Session, type WebContents } from 'electron';
import { START_URL, isAllowedNavigation } from './policy';

export interface MainWindowOptions {
  readonly session: Session;
  readonly preload: string;
  readonly devTools: boolean;
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
      devTools: options.devTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(START_URL).catch(() => {
    /* did-fail-load leaves a blank window; nothing to log that would help and nothing secret to show */
  });
  return win;
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
