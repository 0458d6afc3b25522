import { lstatSync } from 'node:fs';
import { basename } from 'node:path';
import { VaultError } from '../errors';
import type { VaultPaths } from './layout';

/**
 * The vault's files as they must be found at open: each one absent or a regular file in the vault folder, never a
 * link. A link put in place of the database, its WAL or its journal makes SQLite read or write another place (an
 * older copy of the database, which is a rollback the seal cannot see; a dangling WAL link made the open fail and
 * the vault fall back to read-only, so exports went unrecorded). Checked before anything is read.
 */
export function assertVaultFilesInPlace(paths: VaultPaths): void {
  const files = [paths.header, `${paths.header}.next`, paths.database, `${paths.database}-wal`, `${paths.database}-shm`, `${paths.database}-journal`];
  for (const file of files) {
    let stat;
    try {
      stat = lstatSync(file);
    } catch (err) {
      if ((err as { code?: string } | null)?.code === 'ENOENT') continue;
      continue; // unreadable metadata: the open that follows reports it in its own words
    }
    if (stat.isSymbolicLink()) {
      throw new VaultError(
        'tampered',
        `The vault's file ${basename(file)} is a link to another place, not a file. Fieldvault never makes links: someone may have altered the vault folder. Restore it from a backup. Nothing was changed.`,
      );
    }
    if (!stat.isFile()) {
      throw new VaultError('damaged-vault', `The vault's file ${basename(file)} is not a file (it is a folder or a device). Restore the vault folder from a backup. Nothing was changed.`);
    }
  }
}
