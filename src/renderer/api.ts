import type { ClipboardStatus, ExportFileRequest, FieldvaultApi, FileRequest, NativeText } from '../shared/api';
import type { OperationName, OperationPayload, OperationResult } from '../shared/operations';
import { checkPanicShortcut, DEFAULT_PANIC_SHORTCUT, type PanicShortcutResult, type PanicShortcutState } from '../shared/panic-shortcut';
import type { Result } from '../shared/result';

/**
 * The renderer's only door to the vault: window.fieldvault, wrapped so that a missing bridge or a thrown
 * exception also comes back as an error value. Screens never touch window.fieldvault directly.
 */
function bridge(): FieldvaultApi | null {
  return window.fieldvault ?? null;
}

export async function call<N extends OperationName>(operation: N, payload: OperationPayload<N>): Promise<Result<OperationResult<N>>> {
  const api = bridge();
  if (!api) return { ok: false, error: { code: 'internal', message: 'Fieldvault could not reach its vault service. Restart the app.' } };
  try {
    const fn = api[operation] as (p: OperationPayload<N>) => Promise<Result<OperationResult<N>>>;
    return await fn(payload);
  } catch {
    return { ok: false, error: { code: 'internal', message: 'The request to the vault failed. Nothing was changed; try again.' } };
  }
}

/** Whether a native "choose folder" dialog exists (Electron only). */
export function canChooseLocation(): boolean {
  return typeof bridge()?.chooseVaultLocation === 'function';
}

export async function chooseLocation(mode: 'create' | 'open'): Promise<string | null> {
  const choose = bridge()?.chooseVaultLocation;
  if (!choose) return null;
  try {
    return await choose(mode);
  } catch {
    return null;
  }
}

/** Whether exports are saved through the native Save dialog (Electron only; the preview types a path). */
export function canChooseExportFile(): boolean {
  return typeof bridge()?.chooseExportFile === 'function';
}

/** Opens the Save dialog for an export; the chosen path (the only place the app will then write it), or null. */
export async function chooseExportFile(request: ExportFileRequest): Promise<string | null> {
  const choose = bridge()?.chooseExportFile;
  if (!choose) return null;
  try {
    const chosen = await choose(request);
    return typeof chosen === 'string' && chosen.length > 0 ? chosen : null;
  } catch {
    return null;
  }
}

/** Whether delivery and backup files are chosen in native dialogs (Electron only; the preview types a path). */
export function canChooseFile(): boolean {
  return typeof bridge()?.chooseFile === 'function';
}

/** Opens the Save or Open dialog for a bundle, a received brief or a backup; the chosen path, or null. */
export async function chooseFile(request: FileRequest): Promise<string | null> {
  const choose = bridge()?.chooseFile;
  if (!choose) return null;
  try {
    const chosen = await choose(request);
    return typeof chosen === 'string' && chosen.length > 0 ? chosen : null;
  } catch {
    return null;
  }
}

/** Subscribes to what the app says about a copied identity field it could not confirm cleared (Electron only). */
export function onClipboardStatus(listener: (status: ClipboardStatus) => void): () => void {
  const subscribe = bridge()?.onClipboardStatus;
  return subscribe ? subscribe(listener) : () => undefined;
}

/** Tells the app the words of its native menu and dialogs in the interface's language (Electron only). */
export function setNativeText(text: NativeText): void {
  const set = bridge()?.setNativeText;
  if (!set) return;
  set(text).catch(() => undefined); // the menu then stays in the previous language: nothing to tell the user
}

/** Subscribes to lock events pushed by the app (idle, suspend, screen lock). */
export function onLocked(listener: () => void): () => void {
  const subscribe = bridge()?.onLocked;
  return subscribe ? subscribe(listener) : () => undefined;
}

export function platform(): 'electron' | 'preview' | 'none' {
  return bridge()?.platform ?? 'none';
}

/** Subscribes to lock requests from the app (suspend, screen lock, closing): save, then lock. */
export function onLockRequested(listener: () => void): () => void {
  const subscribe = bridge()?.onLockRequested;
  return subscribe ? subscribe(listener) : () => undefined;
}

export const SECRET_CLIPBOARD_MS = 30_000;

/** Copies an identity field; the clipboard is cleared after 30 seconds (and on lock) if it still holds it. */
export async function copySecret(text: string): Promise<boolean> {
  const copy = bridge()?.copySecret;
  try {
    if (copy) {
      await copy(text);
      return true;
    }
    await navigator.clipboard.writeText(text);
    setTimeout(() => {
      void navigator.clipboard
        .readText()
        .then((now) => (now === text ? navigator.clipboard.writeText('') : undefined))
        .catch(() => navigator.clipboard.writeText('').catch(() => undefined));
    }, SECRET_CLIPBOARD_MS);
    return true;
  } catch {
    return false;
  }
}

/**
 * The preview has no system-wide shortcuts: its panic key works in the page only, and a change lasts as long as the
 * page (kept in memory, never in the browser's storage).
 */
let previewPanicShortcut = DEFAULT_PANIC_SHORTCUT;

/** The panic lock's shortcut, and whether the system took it (Electron); the page's own in the preview. */
export async function getPanicShortcut(): Promise<PanicShortcutState> {
  const get = bridge()?.panicShortcut;
  if (!get) return { accelerator: previewPanicShortcut, global: false };
  try {
    const state = await get();
    return state ?? { accelerator: DEFAULT_PANIC_SHORTCUT, global: false };
  } catch {
    return { accelerator: DEFAULT_PANIC_SHORTCUT, global: false };
  }
}

/** Changes the panic shortcut: checked, then registered with the system by main (Electron), or kept by the page. */
export async function setPanicShortcut(text: string): Promise<PanicShortcutResult> {
  const set = bridge()?.setPanicShortcut;
  if (!set) {
    const checked = checkPanicShortcut(text);
    if (!checked.ok) return checked;
    previewPanicShortcut = checked.accelerator;
    return { ok: true, state: { accelerator: checked.accelerator, global: false } };
  }
  try {
    return await set(text);
  } catch {
    return { ok: false, problem: 'taken' };
  }
}
