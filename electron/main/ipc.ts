import { homedir } from 'node:os';
import { join } from 'node:path';
import { app, dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../../src/core/router';
import { ENGLISH_NATIVE_TEXT, EXPORT_NOT_CHOSEN, FILE_NOT_CHOSEN, type ExportFileRequest, type FileRequest, type NativeText } from '../../src/shared/api';
import { fail } from '../../src/shared/result';
import {
  CHOOSE_EXPORT_CHANNEL,
  CHOOSE_FILE_CHANNEL,
  CHOOSE_LOCATION_CHANNEL,
  COPY_SECRET_CHANNEL,
  NATIVE_TEXT_CHANNEL,
  OPERATION_CHANNELS,
  PANIC_SHORTCUT_CHANNEL,
  SET_PANIC_SHORTCUT_CHANNEL,
  channelOperationNames,
} from '../common/channels';
import { parseExportFileRequest, type ExportGrants } from './export-grants';
import { BACKUP_EXTENSION, TRAVEL_EXTENSION, isGatedFileOperation, parseFileRequest } from './file-grants';
import { createOperationHandler } from './handlers';
import { isTrustedSender, parseChooseMode, parseNativeText, type ChooseMode } from './policy';
import type { PanicLock } from './panic-lock';
import type { SecretClipboard } from './secret-clipboard';

/** Whether an invoke came from the main frame of the main window while it shows app://fieldvault. */
function fromMainWindow(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  try {
    if (!win || win.isDestroyed()) return false;
    const contents = win.webContents;
    const frame = event.senderFrame;
    const main = contents.mainFrame;
    const isMainWindowMainFrame =
      event.sender === contents && frame !== null && frame.processId === main.processId && frame.routingId === main.routingId && frame.parent === null;
    return isTrustedSender({ frameUrl: frame?.url ?? null, isMainWindowMainFrame });
  } catch {
    // A frame disposed mid-call throws on access: not trusted.
    return false;
  }
}

function documentsDir(): string {
  try {
    return app.getPath('documents');
  } catch {
    return homedir();
  }
}

async function chooseVaultLocation(win: BrowserWindow, mode: ChooseMode, text: NativeText): Promise<string | null> {
  if (mode === 'create') {
    const result = await dialog.showSaveDialog(win, {
      title: text.createTitle,
      buttonLabel: text.createButton,
      defaultPath: join(documentsDir(), 'Fieldvault vault'),
      nameFieldLabel: text.folderLabel,
      properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
    });
    return result.canceled || !result.filePath ? null : result.filePath;
  }
  const result = await dialog.showOpenDialog(win, {
    title: text.openTitle,
    buttonLabel: text.openButton,
    defaultPath: documentsDir(),
    properties: ['openDirectory', 'dontAddToRecent'],
  });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

const FILE_FILTERS: Readonly<Record<ExportFileRequest['format'], { name: string; extensions: string[] }>> = {
  md: { name: 'Markdown', extensions: ['md'] },
  txt: { name: 'Text', extensions: ['txt'] },
  docx: { name: 'Word', extensions: ['docx'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

/** The Save dialog for an export, on the suggested name in Documents. Returns the path as the dialog gives it. */
async function chooseExportFile(win: BrowserWindow, request: ExportFileRequest, text: NativeText): Promise<string | null> {
  const result = await dialog.showSaveDialog(win, {
    title: text.exportTitle,
    buttonLabel: text.exportButton,
    defaultPath: join(documentsDir(), request.name),
    filters: [FILE_FILTERS[request.format]],
    properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
  });
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** The Save or Open dialog for a delivery or backup file (FileRequest). Returns the path as the dialog gives it. */
async function chooseFile(win: BrowserWindow, request: FileRequest, text: NativeText): Promise<string | null> {
  const save = async (title: string, buttonLabel: string, name: string, filter: { name: string; extensions: string[] }) => {
    const result = await dialog.showSaveDialog(win, {
      title,
      buttonLabel,
      defaultPath: join(documentsDir(), name),
      filters: [filter],
      properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
    });
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  const open = async (title: string, buttonLabel: string, filter: { name: string; extensions: string[] }) => {
    const result = await dialog.showOpenDialog(win, {
      title,
      buttonLabel,
      defaultPath: documentsDir(),
      filters: [filter, { name: '*', extensions: ['*'] }],
      properties: ['openFile', 'dontAddToRecent'],
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  switch (request.purpose) {
    case 'seal':
      return save(text.sealTitle, text.sealButton, request.name, { name: 'Fieldvault bundle', extensions: ['fvb'] });
    case 'received-save':
      return save(text.receivedSaveTitle, text.exportButton, request.name, FILE_FILTERS[request.format]);
    case 'backup-create':
      return save(text.backupTitle, text.backupButton, request.name, { name: 'Fieldvault backup', extensions: [BACKUP_EXTENSION] });
    case 'received-open':
      return open(text.bundleOpenTitle, text.bundleOpenButton, { name: 'Fieldvault bundle', extensions: ['fvb'] });
    case 'backup-open':
      return open(text.backupOpenTitle, text.backupOpenButton, { name: 'Fieldvault backup', extensions: [BACKUP_EXTENSION] });
    case 'travel-create':
      return save(text.travelTitle, text.travelButton, request.name, { name: 'Fieldvault travel package', extensions: [TRAVEL_EXTENSION] });
    case 'travel-open':
      return open(text.travelOpenTitle, text.travelOpenButton, { name: 'Fieldvault travel package', extensions: [TRAVEL_EXTENSION] });
  }
}

/**
 * One ipcMain.handle channel per operation, plus the folder and export dialogs and the identity clipboard.
 * Handlers always resolve, never throw. export.write and brief.write go through only to a file chosen in the export
 * dialog.
 */
export function registerIpc(
  dispatch: Dispatch,
  getMainWindow: () => BrowserWindow | null,
  secrets: SecretClipboard,
  onNativeText: (text: NativeText) => void,
  exportGrants: ExportGrants,
): void {
  let nativeText = ENGLISH_NATIVE_TEXT;
  ipcMain.handle(NATIVE_TEXT_CHANNEL, (event, raw: unknown) => {
    const text = parseNativeText(raw);
    if (!text || !fromMainWindow(event, getMainWindow())) return false;
    nativeText = text;
    onNativeText(text);
    return true;
  });
  ipcMain.handle(COPY_SECRET_CHANNEL, (event, text: unknown) => (fromMainWindow(event, getMainWindow()) ? secrets.copy(text) : false));
  const guarded: Dispatch = (operation, payload) => {
    if ((operation === 'export.write' || operation === 'brief.write') && !exportGrants.allows(payload)) return Promise.resolve(fail('permission-denied', `${EXPORT_NOT_CHOSEN} Nothing was written.`));
    // brief.seal, received.save, received.open, backup.create, backup.restore, travel.start and travel.end take a
    // file from the page too:
    // only one chosen in their own dialog (file-grants.ts).
    if (isGatedFileOperation(operation) && !exportGrants.allowsFile(operation, payload)) return Promise.resolve(fail('permission-denied', FILE_NOT_CHOSEN));
    return dispatch(operation, payload);
  };
  for (const name of channelOperationNames) {
    const handle = createOperationHandler(name, guarded);
    ipcMain.handle(OPERATION_CHANNELS[name], (event, payload: unknown) => handle(fromMainWindow(event, getMainWindow()), payload));
  }
  ipcMain.handle(CHOOSE_LOCATION_CHANNEL, async (event, rawMode: unknown) => {
    const win = getMainWindow();
    const mode = parseChooseMode(rawMode);
    if (!win || !mode || !fromMainWindow(event, win)) return null;
    try {
      return await chooseVaultLocation(win, mode, nativeText);
    } catch {
      return null;
    }
  });
  ipcMain.handle(CHOOSE_EXPORT_CHANNEL, async (event, raw: unknown) => {
    const win = getMainWindow();
    const request = parseExportFileRequest(raw);
    if (!win || !request || !fromMainWindow(event, win)) return null;
    try {
      const chosen = await chooseExportFile(win, request, nativeText);
      return chosen === null ? null : exportGrants.grant(chosen, request.format);
    } catch {
      return null;
    }
  });
  ipcMain.handle(CHOOSE_FILE_CHANNEL, async (event, raw: unknown) => {
    const win = getMainWindow();
    const request = parseFileRequest(raw);
    if (!win || !request || !fromMainWindow(event, win)) return null;
    try {
      const chosen = await chooseFile(win, request, nativeText);
      return chosen === null ? null : exportGrants.grantFile(request, chosen);
    } catch {
      return null;
    }
  });
}

/** The panic shortcut's two channels: read it, and change it (checked and registered in main, panic-lock.ts). */
export function registerPanicIpc(panic: PanicLock, getMainWindow: () => BrowserWindow | null): void {
  ipcMain.handle(PANIC_SHORTCUT_CHANNEL, (event) => (fromMainWindow(event, getMainWindow()) ? panic.state() : null));
  ipcMain.handle(SET_PANIC_SHORTCUT_CHANNEL, (event, accelerator: unknown) =>
    fromMainWindow(event, getMainWindow()) ? panic.change(accelerator) : { ok: false, problem: 'unknown-key' },
  );
}
