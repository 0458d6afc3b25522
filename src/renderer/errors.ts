import type { AppError } from '../shared/result';
import type { Translate } from './i18n/I18nProvider';

/** Where an error belongs on a form: under one field, or in a box above the buttons. */
export interface FormError {
  readonly field: 'path' | 'passphrase' | 'form';
  readonly title?: string;
  readonly message: string;
}

/**
 * What to tell a researcher when a vault does not open. Plain words, and what to do next, in the interface's
 * language. Where the core's text carries details (a count, a memory size), they are read from it; a text of a
 * shape not recognised here is shown as the core wrote it.
 */
export function unlockError(error: AppError, t: Translate): FormError {
  switch (error.code) {
    case 'wrong-passphrase':
      return { field: 'passphrase', message: t('errors.unlock.wrongPassphrase') };
    case 'vault-not-found':
      return { field: 'path', message: t('errors.unlock.notFound') };
    case 'not-a-vault':
      return { field: 'path', message: t('errors.unlock.notAVault') };
    case 'vault-busy':
      return { field: 'form', title: t('errors.unlock.busy.title'), message: t('errors.unlock.busy.message') };
    case 'newer-version':
      return { field: 'form', title: t('errors.unlock.newer.title'), message: t('errors.unlock.newer.message') };
    case 'unsupported-kdf': {
      if (!/this computer allows/.test(error.message)) return { field: 'form', title: t('errors.unlock.kdf.title'), message: t('errors.unlock.kdf.message') };
      const memory = /demands ([\d.,]+ [KMG]iB) of memory.*?at most ([\d.,]+ [KMG]iB): a quarter of its ([\d.,]+ [KMG]iB)/s.exec(error.message);
      const message = memory
        ? t('errors.unlock.kdf.memory', { needed: memory[1], allowed: memory[2], total: memory[3] })
        : /more time/.test(error.message)
          ? t('errors.unlock.kdf.time')
          : error.message;
      return { field: 'form', title: t('errors.unlock.kdf.tooDemanding'), message };
    }
    case 'tampered':
      return { field: 'form', title: t('errors.unlock.tampered.title'), message: tamperedMessage(error.message, t) };
    case 'damaged-vault':
      return { field: 'form', title: t('errors.unlock.damaged.title'), message: t('errors.unlock.damaged.message') };
    case 'permission-denied':
      return { field: 'form', title: t('errors.unlock.permission.title'), message: t('errors.unlock.permission.message') };
    case 'read-only':
      return { field: 'form', title: t('errors.unlock.writing.title'), message: t('errors.readOnly') };
    case 'disk-full':
      return { field: 'form', title: t('errors.unlock.writing.title'), message: t('errors.diskFull') };
    case 'already-unlocked':
      return { field: 'form', title: t('errors.unlock.alreadyUnlocked.title'), message: t('errors.unlock.alreadyUnlocked.message') };
    case 'invalid-request':
      return /network share|Device paths/.test(error.message) ? { field: 'path', message: locationMessage(error.message, t) } : { field: 'form', message: t('errors.unlock.invalid') };
    default:
      return { field: 'form', title: t('errors.unlock.failed'), message: error.message };
  }
}

/** The core's 'tampered' texts: planted objects (with their count and names), an altered structure, or other. */
function tamperedMessage(text: string, t: Translate): string {
  const foreign = /holds (\d+) objects? Fieldvault did not create \((.*)\)\. Someone/s.exec(text);
  if (foreign) return t('errors.tampered.foreign', { count: Number(foreign[1]), objects: foreign[2] });
  const altered = /altered outside Fieldvault \((.*)\)\. Restore/s.exec(text);
  if (altered) return t('errors.tampered.altered', { objects: altered[1] });
  return text;
}

/** The core's refusals of a network share or a device path, for a vault or an export. */
export function locationMessage(text: string, t: Translate): string {
  const exporting = /^Exports|Exports must/.test(text);
  // Travel packages and files being read: the core's own words (the catalogue has vaults and exports).
  if (!exporting && !/Vaults must/.test(text)) return text;
  if (/network share/.test(text) && !/Device paths/.test(text)) return t(exporting ? 'errors.location.networkExport' : 'errors.location.network');
  if (/Device paths/.test(text)) return t(exporting ? 'errors.location.deviceExport' : 'errors.location.device');
  return text;
}

export function createError(error: AppError, t: Translate): FormError {
  switch (error.code) {
    case 'vault-exists':
      return {
        field: 'path',
        message: /file already exists/.test(error.message)
          ? t('errors.create.fileExists')
          : /vault already exists/.test(error.message)
            ? t('errors.create.vaultExists')
            : /not empty/.test(error.message)
              ? t('errors.create.notEmpty')
              : error.message,
      };
    case 'permission-denied':
      return { field: 'path', message: t('errors.create.permission') };
    case 'read-only':
      return { field: 'path', message: t('errors.create.readOnly') };
    case 'disk-full':
      return { field: 'form', title: t('errors.create.diskFull.title'), message: t('errors.create.diskFull.message') };
    case 'invalid-request':
      return /network share|Device paths/.test(error.message) ? { field: 'path', message: locationMessage(error.message, t) } : { field: 'form', title: t('errors.create.failed'), message: error.message };
    default:
      return { field: 'form', title: t('errors.create.failed'), message: error.message };
  }
}

export function changePassphraseError(error: AppError, t: Translate): { field: 'current' | 'form'; message: string } {
  if (error.code === 'wrong-passphrase') return { field: 'current', message: t('errors.change.wrongCurrent') };
  if (error.code === 'locked') return { field: 'form', message: t('errors.change.locked') };
  return { field: 'form', message: commonError(error, t) };
}

/**
 * An error of any operation, for a status line or an alert: the disk and lock conditions every screen can meet
 * in the interface's language, anything else as the core said it.
 */
export function commonError(error: AppError, t: Translate): string {
  switch (error.code) {
    // The core says which place failed (describeIoError): the vault, or the place chosen for a file.
    case 'disk-full':
      return t(/^The disk of the place chosen/.test(error.message) ? 'errors.diskFullDestination' : 'errors.diskFull');
    case 'read-only':
      return t(/^The place chosen for the file/.test(error.message) ? 'errors.readOnlyDestination' : 'errors.readOnly');
    case 'locked':
      return t('errors.locked');
    case 'permission-denied':
      return t(/not allowed to read/.test(error.message) ? 'errors.permissionRead' : 'errors.permission');
    case 'internal':
      // the renderer's own words when the vault service cannot be reached (api.ts)
      if (error.message.startsWith('Fieldvault could not reach its vault service')) return t('errors.internal.unreachable');
      if (error.message.startsWith('The request to the vault failed')) return t('errors.internal.failed');
      return error.message;
    default:
      return /network share|Device paths/.test(error.message) ? locationMessage(error.message, t) : error.message;
  }
}
