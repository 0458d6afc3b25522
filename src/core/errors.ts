import type { AppError, ErrorCode } from '../shared/result';

/** Thrown inside core only; the router turns it into an error value. */
export class VaultError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'VaultError';
  }
  toValue(): AppError {
    return { code: this.code, message: this.message };
  }
}

/**
 * Where an I/O failure happened: the vault's own files, a file being written for the user (an export, a brief,
 * a saved received brief: the destination they chose), or a file being read (a note, a people file, a bundle).
 */
export type IoPlace = 'vault' | 'destination' | 'source';

const PLACE_NAME: Record<IoPlace, string> = { vault: 'the vault', destination: 'the place chosen for the file', source: 'the file being read' };

/**
 * Maps file-system and SQLite failures to messages a researcher can act on: what was being done (`what`,
 * "writing the export"), to which place, and whether it was reading or writing. Never includes content, and
 * in the core never a path: a file name can itself be a name (SECURITY.md, "Error messages").
 */
export function describeIoError(err: unknown, what: string, place: IoPlace = 'vault'): VaultError {
  if (err instanceof VaultError) return err;
  const code = (err as { code?: string } | null)?.code ?? '';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'SQLITE_FULL':
      return place === 'destination'
        ? new VaultError('disk-full', `The disk of the place chosen for the file is full, so ${what} did not finish. Free some space or choose another drive; nothing was written there.`)
        : new VaultError('disk-full', `The disk is full, so ${what} did not finish. Free some space; nothing already saved was lost.`);
    case 'EROFS':
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_READONLY_DBMOVED':
      return place === 'destination'
        ? new VaultError('read-only', `The place chosen for the file is on a read-only disk or folder, so ${what} did not finish. Choose another place; nothing was written.`)
        : new VaultError('read-only', `${place === 'vault' ? 'The vault' : 'The file being read'} is on a read-only disk or folder, so ${what} did not finish.`);
    case 'EACCES':
    case 'EPERM':
    case 'SQLITE_CANTOPEN':
      return new VaultError(
        'permission-denied',
        place === 'source'
          ? `Fieldvault is not allowed to read the file: ${what} failed.`
          : place === 'destination'
            ? `Fieldvault is not allowed to write to the place chosen for the file: ${what} failed. Choose another place; nothing was written.`
            : `Fieldvault is not allowed to use the vault's folder or files: ${what} failed.`,
      );
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
    case 'SQLITE_BUSY_SNAPSHOT':
      return new VaultError('vault-busy', 'This vault is open in another Fieldvault window or process. Close it there first.');
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return new VaultError('damaged-vault', 'The vault database is damaged and cannot be read.');
    default:
      return new VaultError('internal', `${what.charAt(0).toUpperCase()}${what.slice(1)} failed at ${PLACE_NAME[place]} (${code || 'unexpected error'}).`);
  }
}
