import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import type { Database as Db } from 'better-sqlite3';
import { VaultError } from '../errors';
import { decodeHeader, readHeaderFile, type VaultHeader } from './header';
import type { VaultPaths } from './layout';

/**
 * The header of a re-encryption in progress. It exists from just before the transaction that re-encrypts the
 * records until the rename that makes it the vault's header; at open, whichever of the two headers opens the
 * database is the vault's (see RecordStore.rekey).
 */
export const pendingHeaderPath = (paths: VaultPaths): string => `${paths.header}.next`;

/** The pending header, or null when there is none or it is unreadable (then it never took effect). */
export function readPendingHeader(paths: VaultPaths): VaultHeader | null {
  try {
    return decodeHeader(readHeaderFile(pendingHeaderPath(paths)));
  } catch (err) {
    if (err instanceof VaultError) return null;
    throw err;
  }
}

export function discardPendingHeader(paths: VaultPaths): void {
  rmSync(pendingHeaderPath(paths), { force: true });
}

/** Makes the pending header the vault's header: rename, then fsync the folder so the rename is durable. */
export function promotePendingHeader(paths: VaultPaths): void {
  renameSync(pendingHeaderPath(paths), paths.header);
  let fd = -1;
  try {
    fd = openSync(paths.dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a folder (Windows); the rename is still atomic.
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/**
 * Rebuilds the database file and empties the WAL, so no page written under the old key survives in the file
 * or its log. Returns the error instead of throwing (the re-encryption itself is complete: secure_delete has
 * zeroed the old boxes in their pages); the caller says so and has it done again (RecordStore.rekey).
 */
export function compactAfterRekey(db: Db): Error | null {
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
    return null;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}
