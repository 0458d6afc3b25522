import type { OperationName, OperationPayload, OperationResult } from './operations';
import type { PanicShortcutResult, PanicShortcutState } from './panic-shortcut';
import type { Result } from './result';

/** What the preload puts on window.fieldvault: one function per operation, errors as values. */
export type FieldvaultApi = {
  readonly [N in OperationName]: (payload: OperationPayload<N>) => Promise<Result<OperationResult<N>>>;
} & {
  /** Only present inside Electron: the native file dialog for choosing where a vault lives. */
  readonly chooseVaultLocation?: (mode: 'create' | 'open') => Promise<string | null>;
  /** Subscribe to lock events pushed from main (idle, suspend, screen lock). Returns an unsubscribe. */
  readonly onLocked?: (listener: () => void) => () => void;
  /**
   * Subscribe to lock requests from main (suspend, screen lock, window close, quit): the page saves pending
   * edits, then calls vault.lock itself. Main locks anyway after a short grace period. Returns an unsubscribe.
   */
  readonly onLockRequested?: (listener: () => void) => () => void;
  /**
   * Copies an identity field (a real name, a phone number) and clears the clipboard 30 seconds later, and on
   * lock, if it still holds that text.
   */
  readonly copySecret?: (text: string) => Promise<void>;
  /** Only present inside Electron: the words of the native menu and file dialogs, in the interface's language. */
  readonly setNativeText?: (text: NativeText) => Promise<void>;
  /**
   * Only present inside Electron: the native Save dialog for an export, opened on `name` in the Documents folder.
   * Resolves with the chosen path (with the format's extension), or null when cancelled. export.write writes only
   * to a path chosen here since the vault was unlocked.
   */
  readonly chooseExportFile?: (request: ExportFileRequest) => Promise<string | null>;
  /**
   * Only present inside Electron: the native Save or Open dialog for a sealed bundle, a received brief, or a
   * backup (FileRequest). Resolves with the chosen path, or null when cancelled; main then lets the matching
   * operation (brief.seal, received.save, received.open, backup.create, backup.restore, travel.start, travel.end)
   * use that file only.
   */
  readonly chooseFile?: (request: FileRequest) => Promise<string | null>;
  /**
   * Only present inside Electron: told when a copied identity field may still be on the clipboard because its
   * clear could not be confirmed ('pending': tried again when the window gains focus; 'failed': the clipboard
   * could not be read), and when it no longer is ('resolved'). Returns an unsubscribe.
   */
  readonly onClipboardStatus?: (listener: (status: ClipboardStatus) => void) => () => void;
  /** Only present inside Electron: the panic lock's shortcut, and whether the system took it (panic-shortcut.ts). */
  readonly panicShortcut?: () => Promise<PanicShortcutState>;
  /** Only present inside Electron: checks, registers and keeps a new panic shortcut; the old one stays if it fails. */
  readonly setPanicShortcut?: (accelerator: string) => Promise<PanicShortcutResult>;
  readonly platform: 'electron' | 'preview';
};

/** Main's answer to an export.write whose file was not chosen in the Save dialog (since the last unlock). */
export const EXPORT_NOT_CHOSEN = 'Choose where to save the export with the Choose… button first.';

/** Main's answer to a delivery or backup operation whose file was not chosen in its dialog (since the last lock). */
export const FILE_NOT_CHOSEN = 'Choose the file with the button first (the file was not chosen in Fieldvault’s dialog). Nothing was changed.';

/**
 * What the export Save dialog opens on: a file name without any identity (INT-0031-summary-redacted.md,
 * brief-2026-05-31.pdf). A single export is md or txt; a brief also docx or pdf.
 */
export interface ExportFileRequest {
  readonly name: string;
  readonly format: 'md' | 'txt' | 'docx' | 'pdf';
}

/**
 * What a delivery or backup dialog is for: a Save dialog for a sealed bundle (seal), a received brief's file
 * (received-save, in its format) or a backup (backup-create); an Open dialog for a bundle (received-open) or a
 * backup file to restore (backup-open); a Save dialog for a travel package (travel-create) and an Open dialog for one to
 * bring back (travel-open). `name` is only a suggestion: the user names the file.
 */
export type FileRequest =
  | { readonly purpose: 'seal'; readonly name: string }
  | { readonly purpose: 'received-save'; readonly name: string; readonly format: 'md' | 'txt' | 'docx' | 'pdf' }
  | { readonly purpose: 'backup-create'; readonly name: string }
  | { readonly purpose: 'received-open' }
  | { readonly purpose: 'backup-open' }
  | { readonly purpose: 'travel-create'; readonly name: string }
  | { readonly purpose: 'travel-open' };

export type ClipboardStatus = 'pending' | 'failed' | 'resolved';

/**
 * What the main process shows in its own widgets (the application menu, the file dialogs): sent by the page
 * whenever the interface language changes, since the catalogs live with the page. Electron names the standard
 * items (Undo, Copy, Quit…) in the system's language itself.
 */
export interface NativeText {
  readonly vaultMenu: string;
  readonly lockVault: string;
  readonly editMenu: string;
  readonly viewMenu: string;
  readonly createTitle: string;
  readonly createButton: string;
  readonly folderLabel: string;
  readonly openTitle: string;
  readonly openButton: string;
  readonly exportTitle: string;
  readonly exportButton: string;
  readonly sealTitle: string;
  readonly sealButton: string;
  readonly receivedSaveTitle: string;
  readonly bundleOpenTitle: string;
  readonly bundleOpenButton: string;
  readonly backupTitle: string;
  readonly backupButton: string;
  readonly backupOpenTitle: string;
  readonly backupOpenButton: string;
  readonly travelTitle: string;
  readonly travelButton: string;
  readonly travelOpenTitle: string;
  readonly travelOpenButton: string;
}

export const ENGLISH_NATIVE_TEXT: NativeText = {
  vaultMenu: '&Vault',
  lockVault: 'Lock Vault',
  editMenu: 'Edit',
  viewMenu: 'View',
  createTitle: 'Choose where to create the vault',
  createButton: 'Create vault here',
  folderLabel: 'Vault folder',
  openTitle: 'Open a vault',
  openButton: 'Open vault',
  exportTitle: 'Save the redacted export',
  exportButton: 'Save export',
  sealTitle: 'Save the sealed brief',
  sealButton: 'Save sealed brief',
  receivedSaveTitle: 'Save a copy of the received brief',
  bundleOpenTitle: 'Open a sealed brief (.fvb)',
  bundleOpenButton: 'Open',
  backupTitle: 'Save the backup',
  backupButton: 'Save backup',
  backupOpenTitle: 'Choose the backup to restore',
  backupOpenButton: 'Choose backup',
  travelTitle: 'Save the travel package',
  travelButton: 'Save travel package',
  travelOpenTitle: 'Choose the travel package',
  travelOpenButton: 'Choose package',
};
