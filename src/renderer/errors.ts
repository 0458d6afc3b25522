import type { AppError } from '../shared/result';

/** Where an error belongs on a form: under one field, or in a box above the buttons. */
export interface FormError {
  readonly field: 'path' | 'passphrase' | 'form';
  readonly title?: string;
  readonly message: string;
}

/** What to tell a researcher when a vault does not open. Plain words, and what to do next. */
export function unlockError(error: AppError): FormError {
  switch (error.code) {
    case 'wrong-passphrase':
      return {
        field: 'passphrase',
        message: 'That passphrase does not open this vault. Check Caps Lock and the keyboard layout (Latin or Cyrillic), then try again.',
      };
    case 'vault-not-found':
      return { field: 'path', message: 'There is no vault at this location. Check the path, or create a new vault.' };
    case 'not-a-vault':
      return { field: 'path', message: 'This is not a Fieldvault vault. Choose the vault folder (the one that contains fieldvault.header).' };
    case 'vault-busy':
      return { field: 'form', title: 'The vault is in use', message: 'It is open in another Fieldvault window or process. Lock or close it there, then try again.' };
    case 'newer-version':
      return { field: 'form', title: 'Made by a newer Fieldvault', message: 'This vault was created by a newer version of Fieldvault. Update Fieldvault to open it; the vault has not been changed.' };
    case 'unsupported-kdf':
      return /this computer allows/.test(error.message)
        ? { field: 'form', title: 'Too demanding for this computer', message: error.message }
        : { field: 'form', title: 'Unsupported vault settings', message: 'This vault uses key settings this version of Fieldvault does not support. Update Fieldvault to open it.' };
    case 'tampered':
      return { field: 'form', title: 'This vault was altered outside Fieldvault', message: error.message };
    case 'damaged-vault':
      return { field: 'form', title: 'The vault is damaged', message: 'Fieldvault cannot read this vault and has not changed it. Restore the vault folder from a backup copy.' };
    case 'permission-denied':
      return { field: 'form', title: 'Access denied', message: 'Fieldvault is not allowed to open files at this location. Check the folder permissions, or move the vault.' };
    case 'read-only':
    case 'disk-full':
      return { field: 'form', title: 'Cannot open for writing', message: error.message };
    case 'already-unlocked':
      return { field: 'form', title: 'Another vault is open', message: 'Lock the open vault first, then try again.' };
    case 'invalid-request':
      return /network share|Device paths/.test(error.message) ? { field: 'path', message: error.message } : { field: 'form', message: 'Enter the vault location and the passphrase.' };
    default:
      return { field: 'form', title: 'Could not unlock', message: error.message };
  }
}

export function createError(error: AppError): FormError {
  switch (error.code) {
    case 'vault-exists':
      return { field: 'path', message: error.message };
    case 'permission-denied':
      return { field: 'path', message: 'Fieldvault is not allowed to create a folder here. Choose a folder you own, such as one in Documents.' };
    case 'read-only':
      return { field: 'path', message: 'This location is read-only. Choose a folder on a writable disk.' };
    case 'disk-full':
      return { field: 'form', title: 'The disk is full', message: 'Free some space, then try again. Nothing was created.' };
    default:
      return { field: 'form', title: 'Could not create the vault', message: error.message };
  }
}

export function changePassphraseError(error: AppError): { field: 'current' | 'form'; message: string } {
  if (error.code === 'wrong-passphrase') return { field: 'current', message: 'This is not the current passphrase.' };
  if (error.code === 'locked') return { field: 'form', message: 'The vault was locked. Unlock it and try again.' };
  return { field: 'form', message: error.message };
}
