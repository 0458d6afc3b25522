/** Errors cross every boundary (worker, IPC, preview bridge) as values, never as thrown exceptions. */
export type ErrorCode =
  | 'invalid-request'
  | 'unknown-operation'
  | 'wrong-passphrase'
  | 'not-a-vault'
  | 'vault-exists'
  | 'vault-not-found'
  | 'newer-version'
  | 'unsupported-kdf'
  | 'damaged-vault'
  | 'vault-busy'
  | 'locked'
  | 'already-unlocked'
  | 'not-found'
  | 'conflict'
  | 'disk-full'
  | 'read-only'
  | 'permission-denied'
  | 'weak-passphrase'
  | 'tampered'
  | 'integrity'
  | 'internal';

export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });
