import type { Session } from 'electron';
import { isAllowedRequestUrl } from './policy';

/**
 * Applied to every session the app uses (the window's in-memory partition and the default session): no
 * network except app://, no permissions, no downloads, no spellchecker (it downloads dictionaries).
 */
export function hardenSession(ses: Session, options: { readonly allowDevtools: boolean }): void {
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, options) });
  });
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  ses.setBluetoothPairingHandler(null);
  ses.setSpellCheckerEnabled(false);
  ses.on('will-download', (event, item) => {
    event.preventDefault();
    item.cancel();
  });
}
