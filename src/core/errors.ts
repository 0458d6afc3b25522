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

/** Maps file-system and SQLite failures to messages a researcher can act on. Never includes content. */
export function describeIoError(err: unknown, what: string): VaultError {
  if (err instanceof VaultError) return err;
  const code = (err as { code?: string } | null)?.code ?? '';
  switch (code) {
    case 'ENOSPC':
    case 'SQLITE_FULL':
      return new VaultError('disk-full', `The disk is full, so ${what} did not finish. Free some space; nothing already saved was lost.`);
    case 'EROFS':
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_READONLY_DBMOVED':
      return new VaultError('read-only', `The vault is on a read-only disk or folder, so ${what} did not finish.`);
    case 'EACCES':
    case 'EPERM':
    case 'SQLITE_CANTOPEN':
      return new VaultError('permission-denied', `Fieldvault is not allowed to write there: ${what} failed.`);
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
    case 'SQLITE_BUSY_SNAPSHOT':
      return new VaultError('vault-busy', 'This vault is open in another Fieldvault window or process. Close it there first.');
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return new VaultError('damaged-vault', 'The vault database is damaged and cannot be read.');
    default:
      return new VaultError('internal', `${what} failed (${code || 'unexpected error'}).`);
  }
}
