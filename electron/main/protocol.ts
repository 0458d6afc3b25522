import { protocol, type Session } from 'electron';
import { APP_SCHEME } from './policy';
import { createRendererResponder } from './serve';

/**
 * app://fieldvault/… : the only origin the window ever loads (never file://). Must be registered before app
 * 'ready'. standard: a real origin ('self' in the CSP, relative URLs, ES modules); secure: treated like https.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false, bypassCSP: false, allowServiceWorkers: false },
    },
  ]);
}

/** Serves out/renderer (inside app.asar when packaged; Electron's fs reads asar) on the given session. */
export function handleAppProtocol(ses: Session, rendererRoot: string): void {
  ses.protocol.handle(APP_SCHEME, createRendererResponder(rendererRoot));
}
