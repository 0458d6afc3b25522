import { app, Menu } from 'electron';
import { ENGLISH_NATIVE_TEXT } from '../../src/shared/api';
import { buildMenuTemplate, type MenuText } from './menu-template';

/**
 * Replaces Electron's default menu (which has DevTools and reload in every build). Called again with the
 * page's words whenever the interface language changes.
 */
export function installApplicationMenu(onLock: () => void, text: MenuText = ENGLISH_NATIVE_TEXT): void {
  const template = buildMenuTemplate({ text, isMac: process.platform === 'darwin', isPackaged: app.isPackaged, productName: 'Fieldvault', onLock });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
