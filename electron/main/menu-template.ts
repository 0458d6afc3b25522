import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu as data (type-only electron import, so tests can inspect it without electron).
 * Lock is CmdOrCtrl+L here too, so it works even when the page has not focused anything. Packaged builds get
 * no DevTools, reload or force-reload items (the default menu would offer them).
 */
/** The menu's own words, in the interface's language (Electron names the role items itself). */
export interface MenuText {
  readonly vaultMenu: string;
  readonly lockVault: string;
  readonly editMenu: string;
  readonly viewMenu: string;
}

export interface MenuOptions {
  readonly text: MenuText;
  readonly isMac: boolean;
  readonly isPackaged: boolean;
  readonly productName: string;
  readonly onLock: () => void;
}

export const LOCK_ACCELERATOR = 'CmdOrCtrl+L';

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const lockItem: MenuItemConstructorOptions = { label: options.text.lockVault, accelerator: LOCK_ACCELERATOR, click: () => options.onLock() };
  const template: MenuItemConstructorOptions[] = [];
  if (options.isMac) {
    template.push({
      label: options.productName,
      submenu: [{ role: 'about' }, { type: 'separator' }, lockItem, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  } else {
    template.push({ label: options.text.vaultMenu, submenu: [lockItem, { type: 'separator' }, { role: 'quit' }] });
  }
  // The Edit roles make the clipboard shortcuts work in text fields (on macOS only through the menu).
  template.push({
    label: options.text.editMenu,
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  });
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  if (!options.isPackaged) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' });
  template.push({ label: options.text.viewMenu, submenu: view });
  template.push({ role: 'windowMenu' });
  return template;
}
