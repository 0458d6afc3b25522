import { STARTUP_TEXT, type RefusedBecause, type StartupText } from './startup-text';
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

/** Directives a <meta> policy cannot carry: browsers ignore them there (CSP Level 3, "Delivery via meta"). */
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

/**
 * The same policy for src/renderer/index.html's <meta http-equiv="Content-Security-Policy"> (defence in depth,
 * should a response ever come without the header), minus what a meta policy cannot carry. tests/electron
 * checks index.html and the built page hold exactly this.
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !HEADER_ONLY_DIRECTIVES.has(directive.split(' ')[0]!))
  .join('; ');

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

// --- What a packaged build refuses to run with ------------------------------------------------------------

/** Why a switch is refused, in words for the error box. */
export type { RefusedBecause } from './startup-text';

const REFUSED_SWITCHES: Readonly<Record<string, RefusedBecause>> = {
  'js-flags': 'debugging',
  'remote-allow-origins': 'debugging',
  'no-sandbox': 'sandbox',
  'no-zygote': 'sandbox',
  'no-zygote-sandbox': 'sandbox',
  'single-process': 'sandbox',
  'disable-renderer-code-integrity': 'sandbox',
  'disable-site-isolation-trials': 'web-security',
  'disable-web-security': 'web-security',
  'allow-running-insecure-content': 'web-security',
  'enable-logging': 'logging',
  'log-file': 'logging',
  'log-net-log': 'logging',
  'renderer-cmd-prefix': 'launcher',
  'utility-cmd-prefix': 'launcher',
  'gpu-launcher': 'launcher',
};

/** Families: every --inspect… and --debug… option Node or Electron know, today's and tomorrow's. */
function refusedFamily(name: string): RefusedBecause | null {
  if (name.startsWith('inspect') || name.startsWith('debug') || name.startsWith('remote-debugging') || name.startsWith('wait-for-debugger')) return 'debugging';
  if (name.endsWith('-startup-dialog')) return 'debugging';
  if (/^disable-.*sandbox$/.test(name)) return 'sandbox';
  return null;
}

/** Members of the families above that Chromium itself is asked about (hasSwitch takes exact names only). */
const PROBED_FAMILY_MEMBERS = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-brk-node',
  'debug',
  'debug-brk',
  'debug-port',
  'wait-for-debugger',
  'renderer-startup-dialog',
  'disable-gpu-sandbox',
  'disable-setuid-sandbox',
  'disable-namespace-sandbox',
  'disable-seccomp-filter-sandbox',
];

/**
 * The switches the arguments set, as Chromium and Node read them: after "--" or "-" (and "/" on Windows), up to
 * "=", lower case, "_" as "-" (Node accepts both); nothing after a bare "--".
 */
export function switchNames(argv: readonly string[], platform: string): readonly string[] {
  const names: string[] = [];
  for (const arg of argv) {
    if (arg === '--') break;
    const m = /^(?:--|-)([^=]+)/.exec(arg) ?? (platform === 'win32' ? /^\/([^=]+)/.exec(arg) : null);
    if (m?.[1]) names.push(m[1].toLowerCase().replace(/_/g, '-'));
  }
  return names;
}

export interface StartFacts {
  readonly isPackaged: boolean;
  readonly platform: string;
  /** process.argv of the main process. */
  readonly argv: readonly string[];
  /** app.commandLine.hasSwitch: Chromium's own reading of the command line (and of switches added in code). */
  readonly hasSwitch: (name: string) => boolean;
  /** Started from an AppImage (APPIMAGE is set): its launcher adds --no-sandbox where the system forbids the sandbox. */
  readonly appImage?: boolean;
}

export interface StartRefusal {
  readonly switches: readonly string[];
  /** Why each refused switch is refused, once each (for the message in the system's language). */
  readonly reasons: readonly RefusedBecause[];
  /** Started from an AppImage whose own launcher added --no-sandbox, and nothing else was given. */
  readonly appImage: boolean;
  /** The message in English (main shows STARTUP_TEXT[language] instead, once the system's language is known). */
  readonly message: string;
}

/**
 * A packaged build refuses to start with switches that open it to debugging, turn off the Chromium sandbox or
 * web security, log to disk, or wrap its processes in another program. Development builds accept them.
 */
export function startRefusal(facts: StartFacts): StartRefusal | null {
  if (!facts.isPackaged) return null;
  const found = new Map<string, RefusedBecause>();
  for (const name of switchNames(facts.argv.slice(1), facts.platform)) {
    const why = REFUSED_SWITCHES[name] ?? refusedFamily(name);
    if (why) found.set(name, why);
  }
  // Chromium also reads "-switch", "/switch" (Windows) and switches given in other spellings: ask it too.
  for (const name of [...Object.keys(REFUSED_SWITCHES), ...PROBED_FAMILY_MEMBERS]) {
    let present: boolean;
    try {
      present = facts.hasSwitch(name);
    } catch {
      present = false; // process.argv above still applies
    }
    const why = REFUSED_SWITCHES[name] ?? refusedFamily(name);
    if (present && why) found.set(name, why);
  }
  if (found.size === 0) return null;
  const switches = [...found.keys()].sort();
  const reasons = [...new Set(found.values())];
  // The AppImage's own launcher adds --no-sandbox where this system does not let portable programs use the
  // sandbox: the researcher added nothing, so the way out is the installed package, not "start it plainly".
  const appImage = Boolean(facts.appImage) && switches.length === 1 && switches[0] === 'no-sandbox';
  return { switches, reasons, appImage, message: refusalMessage({ switches, reasons, appImage }, STARTUP_TEXT.en) };
}

/** A refusal's message in one language. */
export function refusalMessage(refusal: Pick<StartRefusal, 'switches' | 'reasons' | 'appImage'>, text: StartupText): string {
  return refusal.appImage ? text.appImageUnsandboxed : text.refusal(refusal.switches, refusal.reasons);
}

// --- Is the window's page really sandboxed? ---------------------------------------------------------------

export type SandboxEvidence = 'sandboxed' | 'unsandboxed' | 'unknown';

/** The fields of /proc/<pid>/status that show the Linux sandbox's two layers. */
export interface ProcStatus {
  /** NSpid: one pid per nested PID namespace; the renderer's sandbox puts it one namespace deeper than main. */
  readonly pidNamespaces: number | null;
  /** Seccomp: 0 none, 1 strict, 2 filter. */
  readonly seccompMode: number | null;
  /** Seccomp_filters (Linux 5.9+): how many filters are installed; the renderer has Chromium's on top of main's. */
  readonly seccompFilters: number | null;
}

export function parseProcStatus(text: string): ProcStatus {
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim() ?? null;
  const int = (v: string | null) => (v !== null && /^\d+$/.test(v) ? Number(v) : null);
  const nspid = field('NSpid');
  return {
    pidNamespaces: nspid ? nspid.split(/\s+/).filter((x) => /^\d+$/.test(x)).length || null : null,
    seccompMode: int(field('Seccomp')),
    seccompFilters: int(field('Seccomp_filters')),
  };
}

/**
 * Linux: the renderer is sandboxed when it is in a deeper PID namespace than main (the setuid or the namespace
 * sandbox, layer 1) and has seccomp filters main does not (layer 2). Compared with main rather than read alone,
 * because a container or Flatpak puts every process under a seccomp filter of its own.
 */
export function linuxSandboxEvidence(main: ProcStatus, renderer: ProcStatus): SandboxEvidence {
  if (main.pidNamespaces === null || renderer.pidNamespaces === null) return 'unknown';
  if (renderer.pidNamespaces <= main.pidNamespaces) return 'unsandboxed';
  if (renderer.seccompMode === 0) return 'unsandboxed';
  if (main.seccompFilters !== null && renderer.seccompFilters !== null) return renderer.seccompFilters > main.seccompFilters ? 'sandboxed' : 'unsandboxed';
  if (main.seccompMode === 0 && renderer.seccompMode === 2) return 'sandboxed';
  return 'unknown';
}

/** macOS and Windows: app.getAppMetrics() reports `sandboxed` for each process; the renderer's must be true. */
export function metricsSandboxEvidence(metrics: readonly { readonly pid: number; readonly sandboxed?: boolean }[], rendererPid: number): SandboxEvidence {
  const mine = metrics.find((m) => m.pid === rendererPid);
  if (!mine || mine.sandboxed === undefined) return 'unknown';
  return mine.sandboxed ? 'sandboxed' : 'unsandboxed';
}

export const UNSANDBOXED_MESSAGE = STARTUP_TEXT.en.unsandboxed;
export const APPIMAGE_UNSANDBOXED_MESSAGE = STARTUP_TEXT.en.appImageUnsandboxed;
/** The box shown when the window's page does not load (the window would otherwise stay hidden). */
export const LOAD_FAILED_TEXT = STARTUP_TEXT.en.loadFailed;
