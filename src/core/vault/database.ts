import { accessSync, closeSync, constants, existsSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { describeIoError, VaultError } from '../errors';
import { currentSchemaVersion, SCHEMA_VERSION } from './migrations';

/**
 * Opens the vault's SQLite file with the durability and hygiene settings the format relies on, and takes an
 * exclusive lock so a second process (or window) cannot open the same vault.
 */
export function openDatabase(path: string, options: { readonly create: boolean }): Db {
  let db: Db;
  if (!options.create) {
    // SQLite falls back to read-only on a read-only disk and then fails with an unhelpful lock error; say why.
    try {
      accessSync(dirname(path), constants.W_OK);
      if (existsSync(path)) accessSync(path, constants.R_OK | constants.W_OK);
    } catch (err) {
      throw describeIoError(err, 'opening the vault');
    }
  }
  try {
    // Create the file ourselves so it (and the WAL SQLite derives from it) is readable by the owner only.
    if (options.create && !existsSync(path)) closeSync(openSync(path, 'wx', 0o600));
    db = new Database(path, { fileMustExist: !options.create });
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CANTOPEN' && !options.create) {
      throw new VaultError('damaged-vault', 'The vault database file is missing.');
    }
    throw describeIoError(err, 'opening the vault');
  }
  try {
    // Exclusive locking: held from the first write until close. In WAL mode it also keeps the WAL index in
    // process memory, so no -shm file is written.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('busy_timeout = 0');
    // Read before any pragma writes to the file (and after exclusive locking, so no -shm file appears): a
    // vault's database has its schema before its header exists, so an empty one was emptied or swapped, and
    // is left exactly as it was found.
    if (!options.create && currentSchemaVersion(db) === 0) {
      throw new VaultError(
        'damaged-vault',
        "This vault's database is empty or was replaced by another file: a vault that has held data never looks new. Restore the vault folder from a backup. Nothing was changed.",
      );
    }
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new VaultError('damaged-vault', `The vault database could not enter WAL mode (${String(mode)}).`);
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('foreign_keys = ON');
    db.pragma('trusted_schema = OFF');
    // Take the lock now rather than at the first save.
    db.exec('BEGIN IMMEDIATE; COMMIT');
    const version = currentSchemaVersion(db);
    if (version > SCHEMA_VERSION) {
      throw new VaultError(
        'newer-version',
        `This vault's database was made by a newer Fieldvault (schema ${version}). Update Fieldvault to open it.`,
      );
    }
    // Older schemas are migrated by the caller, only after the passphrase has been proven right.
    return db;
  } catch (err) {
    try {
      db.close();
    } catch {
      /* already failing; the original error matters */
    }
    throw describeIoError(err, 'opening the vault');
  }
}

/** Checkpoint the WAL into the main file and truncate it, then close. */
export function closeDatabase(db: Db): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // A full or read-only disk: the WAL (committed, fsynced) stays and is replayed at the next open. Closing
    // must still succeed, and must not mask the error that made the caller close.
  } finally {
    db.close();
  }
}
