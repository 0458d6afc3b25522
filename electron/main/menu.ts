import { app, Menu } from 'electron';
import { buildMenuTemplate } from './menu-template';

/** Replaces Electron's default menu (which has DevTools and reload in every build). */
export function installApplicationMenu(onLock: () => void): void {
  const template = buildMenuTemplate({ isMac: process.platform === 'darwin', isPackaged: app.isPackaged, productName: 'Fieldvault', onLock });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
