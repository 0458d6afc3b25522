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

export function createPreviewApi(token: string | null): FieldvaultApi {
  const send = async (operation: string, payload: unknown): Promise<Result<unknown>> => {
    if (!token) return failure('permission-denied', 'This preview tab has no access token. Open the address printed by the preview server.');
    let response: Response;
    try {
      response = await fetch(`/api/${encodeURIComponent(operation)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(payload ?? {}),
        cache: 'no-store',
        credentials: 'omit',
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

  const api: Record<string, unknown> = { platform: 'preview' };
  // Operation names all contain a dot ("vault.unlock"); anything else (chooseVaultLocation, onLocked) stays
  // absent, as the contract says it is outside Electron.
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
