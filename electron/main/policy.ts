import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ENGLISH_NATIVE_TEXT, type NativeText } from '../../src/shared/api';

/**
 * The security rules of the shell as pure functions: no electron import, so tests/electron can run them in
 * plain Node. protocol.ts, window.ts and ipc.ts apply them.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'fieldvault';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const START_URL = `${APP_ORIGIN}/index.html`;

/** Sent with every response of the app:// protocol; the only responses the window ever gets. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "worker-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), clipboard-read=()',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** The MIME type for a file served by app://, or null: a file type the renderer never ships is not served. */
export function contentTypeFor(file: string): string | null {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? null;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for app://fieldvault/… (any path). Compares scheme and host: Node reports origin "null" for app://. */
export function isAppUrl(url: string): boolean {
  const u = parseUrl(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/**
 * Maps an app:// request to a file inside rendererRoot, or null (refuse). Refuses other schemes and hosts,
 * undecodable or NUL/backslash-bearing paths, and anything that resolves outside the root, including
 * percent-encoded dot segments (%2e%2e) and encoded slashes, which the URL parser leaves alone.
 */
export function resolveRendererFile(rendererRoot: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const u = parseUrl(requestUrl);
  if (!u) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = resolve(rendererRoot);
  const file = resolve(root, `.${pathname}`);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  if (!file.startsWith(root + sep)) return null;
  return file;
}

/**
 * The network rule of every session: only the app's own protocol (and inline data: images) may load. With
 * allowDevtools (unpackaged builds only) the DevTools front end may load too. Everything else, http(s), ws(s),
 * file, ftp, blob from elsewhere, chrome-extension, is cancelled.
 */
export function isAllowedRequestUrl(url: string, options: { readonly allowDevtools: boolean }): boolean {
  if (isAppUrl(url)) return true;
  const u = parseUrl(url);
  if (!u) return false;
  if (u.protocol === 'data:') return true;
  if (options.allowDevtools && u.protocol === 'devtools:') return true;
  return false;
}

/** Navigation is allowed nowhere: the app is one page. (Reloads do not raise will-navigate.) */
export function isAllowedNavigation(_url: string): boolean {
  return false;
}

export interface SenderFacts {
  /** The sending frame (event.senderFrame): null when it has navigated away or been destroyed. */
  readonly frameUrl: string | null;
  /** Whether the sending frame is the main frame of the main window's webContents. */
  readonly isMainWindowMainFrame: boolean;
}

/** Only the main frame of the main window, showing the app's own origin, may talk to the vault. */
export function isTrustedSender(facts: SenderFacts): boolean {
  return facts.isMainWindowMainFrame && facts.frameUrl !== null && isAppUrl(facts.frameUrl);
}

/** The page's words for the native menu and dialogs: exactly NativeText's keys, short single-line strings. */
export function parseNativeText(raw: unknown): NativeText | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const keys = Object.keys(ENGLISH_NATIVE_TEXT) as (keyof NativeText)[];
  const given = raw as Record<string, unknown>;
  if (Object.keys(given).length !== keys.length) return null;
  const out: Partial<Record<keyof NativeText, string>> = {};
  for (const k of keys) {
    const v = given[k];
    // eslint-disable-next-line no-control-regex
    if (typeof v !== 'string' || v.length === 0 || v.length > 120 || /[\u0000-\u001f\u007f]/.test(v)) return null;
    out[k] = v;
  }
  return out as NativeText;
}

export type ChooseMode = 'create' | 'open';

export function parseChooseMode(mode: unknown): ChooseMode | null {
  return mode === 'create' || mode === 'open' ? mode : null;
}

/** Chromium switches that stop background traffic (safe-browsing lists, component updates, pings, …). */
export const OFFLINE_SWITCHES: readonly (readonly [string] | readonly [string, string])[] = [
  ['disable-background-networking'],
  ['disable-component-update'],
  ['disable-domain-reliability'],
  ['disable-breakpad'],
  ['no-pings'],
  ['no-first-run'],
  ['disable-sync'],
  ['disable-default-apps'],
  ['disable-client-side-phishing-detection'],
  ['disable-features', 'MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,OptimizationHints,Translate,SpareRendererForSitePerProcess'],
];
