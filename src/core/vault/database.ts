import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, statSync } from 'node:fs';
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

/** What refuses a read-only open of a vault whose last changes are still in its WAL. */
export const UNFINISHED_WAL_ON_READ_ONLY =
  'This vault was not closed properly the last time it was used: its last changes are still in the file fieldvault.db-wal, and Fieldvault can only merge them on a writable disk. Make the disk writable (for a USB stick, its lock switch), open the vault once and lock it; after that it opens on read-only media too. Nothing was changed.';

/**
 * Reports whether the vault's folder and database can be written here: false on a read-only disk (EROFS), a
 * folder or file this user may not write (EACCES, EPERM). Tests run as root, where chmod does not make a file
 * unwritable; they force the answer instead (UnlockOptions.readOnlyMedium).
 */
export function mediumIsWritable(path: string): boolean {
  try {
    accessSync(dirname(path), constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.W_OK);
    return true;
  } catch (err) {
    const code = (err as { code?: string } | null)?.code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return false;
    throw describeIoError(err, 'opening the vault');
  }
}

/**
 * Opens the vault's database for reading only, writing nothing to its folder: the file is read into memory and
 * opened there (sqlite3_deserialize, read-only). better-sqlite3 is built without URI filenames, so SQLite's
 * `immutable=1` is out of reach, and a plain read-only open still creates the -shm file beside a WAL database on
 * a disk that allows it. In memory there is no file handle, lock, journal, WAL or -shm at all. The cost is the
 * database's size in memory (ciphertext only). A WAL that still holds changes cannot be merged without writing,
 * and reading the main file alone would show an older vault: refused (UNFINISHED_WAL_ON_READ_ONLY).
 */
export function openDatabaseReadOnly(path: string): Db {
  let bytes: Buffer;
  try {
    const wal = `${path}-wal`;
    if (existsSync(wal) && statSync(wal).size > 0) throw new VaultError('read-only', UNFINISHED_WAL_ON_READ_ONLY);
    bytes = readFileSync(path);
  } catch (err) {
    if ((err as { code?: string } | null)?.code === 'ENOENT') throw new VaultError('damaged-vault', 'The vault database file is missing.');
    throw describeIoError(err, 'opening the vault');
  }
  // Bytes 18 and 19 say "WAL" (2); a database in memory has no WAL, so this copy says "rollback journal" (1).
  // The WAL is empty (checked above), so both describe the same pages. Only the copy in memory is changed.
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  let db: Db;
  try {
    db = new Database(bytes, { readonly: true });
  } catch (err) {
    throw describeIoError(err, 'opening the vault');
  }
  try {
    db.pragma('trusted_schema = OFF');
    db.pragma('temp_store = MEMORY');
    if (currentSchemaVersion(db) === 0) {
      throw new VaultError(
        'damaged-vault',
        "This vault's database is empty or was replaced by another file: a vault that has held data never looks new. Restore the vault folder from a backup. Nothing was changed.",
      );
    }
    const version = currentSchemaVersion(db);
    if (version > SCHEMA_VERSION) {
      throw new VaultError('newer-version', `This vault's database was made by a newer Fieldvault (schema ${version}). Update Fieldvault to open it.`);
    }
    return db;
  } catch (err) {
    db.close();
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
