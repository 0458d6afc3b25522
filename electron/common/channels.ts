import type { OperationName } from '../../src/shared/operations';

/**
 * IPC channel names, shared by main and preload. Pure data: no electron, no zod, no Node.
 *
 * The preload runs sandboxed and can only `require('electron')`; electron-vite externalizes dependencies, so
 * importing `operationNames` from src/shared/operations would leave a require of zod in out/preload/index.cjs and
 * the preload would fail to load. This table is therefore written out here, and `satisfies
 * Record<OperationName, …>` makes tsc reject it the moment it drifts from the contract (a missing or an extra
 * operation is a type error); tests/electron/channels.test.ts also compares it with `operationNames` at run time.
 */
export const OPERATION_CHANNELS = {
  'vault.status': 'fieldvault:vault.status',
  'vault.create': 'fieldvault:vault.create',
  'vault.unlock': 'fieldvault:vault.unlock',
  'vault.lock': 'fieldvault:vault.lock',
  'vault.changePassphrase': 'fieldvault:vault.changePassphrase',
  'vault.acknowledgeIntegrity': 'fieldvault:vault.acknowledgeIntegrity',
  'passphrase.assess': 'fieldvault:passphrase.assess',
  'vault.removeDamaged': 'fieldvault:vault.removeDamaged',
  'vault.restoreRecord': 'fieldvault:vault.restoreRecord',
  'interviews.list': 'fieldvault:interviews.list',
  'interviews.get': 'fieldvault:interviews.get',
  'interviews.create': 'fieldvault:interviews.create',
  'interviews.update': 'fieldvault:interviews.update',
  'interviews.delete': 'fieldvault:interviews.delete',
  'interviews.revisions': 'fieldvault:interviews.revisions',
  'interviews.revision': 'fieldvault:interviews.revision',
  'interviews.restoreRevision': 'fieldvault:interviews.restoreRevision',
  'people.list': 'fieldvault:people.list',
  'people.get': 'fieldvault:people.get',
  'people.create': 'fieldvault:people.create',
  'people.update': 'fieldvault:people.update',
  'people.delete': 'fieldvault:people.delete',
  'people.interviews': 'fieldvault:people.interviews',
  'search.query': 'fieldvault:search.query',
  'audit.list': 'fieldvault:audit.list',
  'taxonomy.get': 'fieldvault:taxonomy.get',
  'taxonomy.update': 'fieldvault:taxonomy.update',
  'settings.get': 'fieldvault:settings.get',
  'settings.update': 'fieldvault:settings.update',
  'export.review': 'fieldvault:export.review',
  'export.write': 'fieldvault:export.write',
  'export.forms': 'fieldvault:export.forms',
  'brief.review': 'fieldvault:brief.review',
  'brief.forms': 'fieldvault:brief.forms',
  'brief.write': 'fieldvault:brief.write',
  'delivery.card': 'fieldvault:delivery.card',
  'colleagues.list': 'fieldvault:colleagues.list',
  'colleagues.add': 'fieldvault:colleagues.add',
  'colleagues.check': 'fieldvault:colleagues.check',
  'colleagues.rename': 'fieldvault:colleagues.rename',
  'colleagues.remove': 'fieldvault:colleagues.remove',
  'brief.seal': 'fieldvault:brief.seal',
  'received.open': 'fieldvault:received.open',
  'received.list': 'fieldvault:received.list',
  'received.get': 'fieldvault:received.get',
  'received.remove': 'fieldvault:received.remove',
  'received.save': 'fieldvault:received.save',
  'backup.create': 'fieldvault:backup.create',
  'backup.status': 'fieldvault:backup.status',
  'backup.restore': 'fieldvault:backup.restore',
  'travel.start': 'fieldvault:travel.start',
  'travel.newCode': 'fieldvault:travel.newCode',
  'travel.end': 'fieldvault:travel.end',
  'travel.status': 'fieldvault:travel.status',
} as const satisfies { readonly [N in OperationName]: `fieldvault:${N}` };

/** renderer -> main: open the native folder dialog. */
export const CHOOSE_LOCATION_CHANNEL = 'fieldvault:chooseVaultLocation';
/** main -> renderer: the vault was locked from outside the page (suspend, screen lock, menu, worker exit). */
export const LOCKED_CHANNEL = 'fieldvault:locked';
/**
 * main -> renderer: please lock (suspend, screen lock, menu, closing). The page saves pending edits and calls
 * vault.lock itself; main locks anyway after a short grace period.
 */
export const LOCK_REQUEST_CHANNEL = 'fieldvault:lockRequested';
/** renderer -> main: copy an identity field; main clears the clipboard 30 s later (and on lock) if unchanged. */
export const COPY_SECRET_CHANNEL = 'fieldvault:copySecret';
/** renderer -> main: the words of the native menu and dialogs in the interface's language (NativeText). */
export const NATIVE_TEXT_CHANNEL = 'fieldvault:nativeText';
/**
 * renderer -> main: open the native Save dialog for an export ({ name, format }); main answers with the chosen
 * path and from then on lets export.write write there (and nowhere else).
 */
export const CHOOSE_EXPORT_CHANNEL = 'fieldvault:chooseExportFile';
/**
 * renderer -> main: open the native Save or Open dialog for a sealed bundle, a received brief, a backup or a travel
 * package (FileRequest); main answers with the chosen path and lets only the matching operation use it (file-grants.ts).
 */
export const CHOOSE_FILE_CHANNEL = 'fieldvault:chooseFile';
/**
 * main -> renderer: whether a copied identity field may still be on the clipboard ('pending': the clear could not
 * be confirmed and is tried again when the window gains focus; 'failed': the clipboard could not be read) or no
 * longer is ('resolved').
 */
export const CLIPBOARD_STATUS_CHANNEL = 'fieldvault:clipboardStatus';
/** renderer -> main: the panic shortcut and whether the system took it (PanicShortcutState). */
export const PANIC_SHORTCUT_CHANNEL = 'fieldvault:panicShortcut';
/** renderer -> main: use this accelerator for the panic lock (PanicShortcutResult). */
export const SET_PANIC_SHORTCUT_CHANNEL = 'fieldvault:setPanicShortcut';

export const channelOperationNames = Object.keys(OPERATION_CHANNELS) as OperationName[];
