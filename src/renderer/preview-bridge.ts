import type { FieldvaultApi } from '../shared/api';
import type { Result } from '../shared/result';

/**
 * The developer preview's stand-in for the Electron preload: the same FieldvaultApi, over fetch to the local
 * preview server. Only loaded when window.fieldvault is absent (never inside Electron).
 *
 * The server's per-run token arrives in the URL fragment (#token=...), which browsers never send over the
 * network. It is read once, removed from the address bar and history entry, and kept in sessionStorage so a
 * reload of this tab keeps working (sessionStorage dies with the tab).
 */
const TOKEN_KEY = 'fieldvault.preview.token';
const TOKEN_HEADER = 'X-Fieldvault-Token';

function takeToken(): string | null {
  const match = /(?:^#|&)token=([0-9a-f]{64})(?:&|$)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const failure = (code: 'internal' | 'permission-denied', message: string): Result<never> => ({ ok: false, error: { code, message } });

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** How long a copied identity field stays on the clipboard. */
const SECRET_CLIPBOARD_MS = 30_000;

/**
 * The preview's copySecret: navigator.clipboard, cleared after 30 s and on lock when it still holds the copied
 * text (or when the page may not read the clipboard to check).
 */
function createSecretClipboard() {
  let held: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const clear = async () => {
    clearTimeout(timer);
    const text = held;
    held = null;
    if (text === null) return;
    try {
      const now = await navigator.clipboard.readText();
      if (now !== text) return;
    } catch {
      /* cannot check: clear anyway */
    }
    await navigator.clipboard.writeText('').catch(() => undefined);
  };
  const copy = async (text: string) => {
    await navigator.clipboard.writeText(text);
    held = text;
    clearTimeout(timer);
    timer = setTimeout(() => void clear(), SECRET_CLIPBOARD_MS);
  };
  return { copy, clear };
}

let unloading = false;

export function createPreviewApi(token: string | null): FieldvaultApi {
  window.addEventListener('beforeunload', () => {
    unloading = true;
  });
  window.addEventListener('pageshow', () => {
    unloading = false;
  });
  const clipboard = createSecretClipboard();
  const send = async (operation: string, payload: unknown): Promise<Result<unknown>> => {
    if (operation === 'vault.lock') await clipboard.clear();
    if (!token) return failure('permission-denied', 'This preview tab has no access token. Open the address printed by the preview server.');
    let response: Response;
    const body = JSON.stringify(payload ?? {});
    try {
      response = await fetch(`/api/${encodeURIComponent(operation)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body,
        cache: 'no-store',
        credentials: 'omit',
        // a save sent while the tab closes still reaches the server (keepalive bodies are limited to 64 KiB)
        keepalive: unloading && body.length < 60_000,
      });
    } catch {
      return failure('internal', 'The preview server is not reachable. Is it still running?');
    }
    try {
      const body: unknown = await response.json();
      if (isResult(body)) return body;
    } catch {
      /* fall through */
    }
    return failure('internal', `The preview server answered with HTTP ${response.status}.`);
  };

  const api: Record<string, unknown> = { platform: 'preview', copySecret: (text: string) => clipboard.copy(String(text)) };
  // Operation names all contain a dot ("vault.unlock"); anything else but copySecret (chooseVaultLocation,
  // onLocked, onLockRequested) stays absent, as the contract says it is outside Electron.
  return new Proxy(api, {
    get(target, name) {
      if (typeof name === 'string' && /^[a-z]+\.[A-Za-z]+$/.test(name)) return (payload: unknown) => send(name, payload);
      return typeof name === 'string' ? target[name] : undefined;
    },
    has(target, name) {
      return (typeof name === 'string' && /^[a-z]+\.[A-Za-z]+$/.test(name)) || name in target;
    },
  }) as unknown as FieldvaultApi;
}

export function installPreviewBridge(): void {
  if (window.fieldvault) return;
  Object.defineProperty(window, "fieldvault", { value: createPreviewApi(takeToken()), writable: false, configurable: false });
}
