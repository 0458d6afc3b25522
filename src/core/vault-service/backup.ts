import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readSync, renameSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { DEFAULT_BACKUP_REMINDER_DAYS, type BackupResult, type BackupStatus, type RestoreResult } from '../../shared/backup';
import type { VaultSettings } from '../../shared/domain';
import { fsyncDir, tempPathFor } from '../fs/atomic';
import { VaultError } from '../errors';
import { BACKUP_MAGIC, readBackupFile, writeBackupFile } from '../vault/backup-file';
import { readHeaderFile, writeHeaderAtomic } from '../vault/header';
import { assertLocalLocation, liesInside, prepareNewVault, refuseNonLocalSpelling, type VaultPaths } from '../vault/layout';
import { currentSchemaVersion } from '../vault/migrations';
import { checkSchema } from '../vault/schema';
import { RecordKind } from '../vault/store';
import { closeSession, commit, requireSession, requireWritable, type Session, type SessionSlot } from './session';
import { settings } from './settings';
import { unlockVault, verify } from './unlock';

/**
 * Backups: the vault's header and a consistent copy of its database (SQLite's online backup API, over the
 * ciphertext) in one file, checked record by record after writing; and restoring one into a new folder, which is
 * a rollback to the moment the backup was taken. Nothing is ever decrypted to disk (SECURITY.md, "Backups").
 */

/** Test hooks: how many database pages each step of the online backup copies, and a call between steps. */
export interface BackupHooks {
  readonly pagesPerStep?: number;
  readonly betweenSteps?: (step: number) => void;
}

/** Pages per step: 4 MiB at SQLite's default 4 KiB page, so other requests are served between steps. */
const PAGES_PER_STEP = 1024;
/** Records authenticated per turn of the queue while a backup is checked. */
const VERIFY_BATCH = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const yieldToQueue = () => new Promise<void>((done) => setImmediate(done));

/** Side files SQLite may leave beside a database it wrote (the temp copy's rollback journal, mostly). */
const sideFiles = (db: string) => [`${db}-journal`, `${db}-wal`, `${db}-shm`];

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    /* already gone, or the disk went away: nothing more to do */
  }
}

/** Errors at the backup's destination, in words about the destination (not "the vault"). */
function destinationError(err: unknown): VaultError {
  if (err instanceof VaultError) return err;
  const code = (err as { code?: string } | null)?.code ?? '';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'SQLITE_FULL':
      return new VaultError('disk-full', 'There is not enough free space where the backup was to go, so no backup was written (nothing partial was left there). Free some space or choose another drive.');
    case 'EROFS':
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
      return new VaultError('read-only', 'The place chosen for the backup is read-only (a write-protected drive?), so no backup was written. Choose another place.');
    case 'EACCES':
    case 'EPERM':
    case 'SQLITE_CANTOPEN':
      return new VaultError('permission-denied', 'Fieldvault is not allowed to write where the backup was to go, so no backup was written. Choose another place.');
    case 'ENOENT':
      return new VaultError('not-found', 'The folder chosen for the backup does not exist (was the drive removed?). No backup was written.');
    case 'EIO':
      return new VaultError('internal', 'The drive chosen for the backup failed while it was written (was it removed?). No backup was kept there.');
    default:
      return new VaultError('internal', `Writing the backup failed (${code || 'unexpected error'}). No backup was kept.`);
  }
}

export const BACKUP_INSIDE_VAULT =
  'The backup cannot go inside the vault folder: it would stay on this laptop with the vault, and it would keep the current key\'s ciphertext there even after the vault is re-encrypted. Choose another place (a USB stick, another disk). Nothing was written.';

/**
 * The destination may be a new file or an earlier Fieldvault backup (replaced atomically); never a link, a folder
 * or some other file, which would be lost.
 */
function checkDestination(target: string): void {
  let stat;
  try {
    stat = lstatSync(target);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return;
    throw destinationError(err);
  }
  if (stat.isSymbolicLink()) throw new VaultError('invalid-request', 'The backup file chosen is a symbolic link, which could send the backup somewhere else. Choose another name. Nothing was written.');
  if (stat.isDirectory()) throw new VaultError('invalid-request', 'That is a folder: choose a file name for the backup inside it. Nothing was written.');
  if (!stat.isFile()) throw new VaultError('invalid-request', 'Something other than a file is at that location. Choose another name for the backup. Nothing was written.');
  let fd = -1;
  const head = Buffer.alloc(BACKUP_MAGIC.length);
  try {
    fd = openSync(target, 'r');
    const n = readFileHead(fd, head);
    if (n === BACKUP_MAGIC.length && head.equals(BACKUP_MAGIC)) return;
  } catch {
    /* unreadable: treated as not a backup */
  } finally {
    if (fd >= 0) closeSync(fd);
  }
  throw new VaultError('vault-exists', 'A file that is not a Fieldvault backup already exists there and would be lost. Choose another name. Nothing was written.');
}

function readFileHead(fd: number, buf: Buffer): number {
  let done = 0;
  while (done < buf.length) {
    const n = readSync(fd, buf, done, buf.length - done, done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** SQLite's online backup of the vault's database into `image`: consistent even while this session writes. */
async function copyDatabase(db: Db, image: string, hooks: BackupHooks): Promise<void> {
  let step = 0;
  await db.backup(image, {
    progress: () => {
      hooks.betweenSteps?.(++step);
      return hooks.pagesPerStep ?? PAGES_PER_STEP;
    },
  });
  // The copy carries the vault's WAL flag; in rollback-journal mode it opens read-only without -wal or -shm files,
  // and a restored vault is switched back to WAL when it is opened.
  const copy = new Database(image, { fileMustExist: true });
  try {
    copy.pragma('locking_mode = EXCLUSIVE');
    const mode = copy.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw new VaultError('internal', 'The copy of the database could not be prepared. No backup was kept.');
  } finally {
    copy.close();
  }
}

/**
 * Checks the copy in `image` the way unlock checks a vault, with this session's keys: Fieldvault's structure,
 * every record authenticated, the seal matching the rows. Returns the number of records.
 */
async function verifyImage(slot: SessionSlot, s: Session, image: string, header: Uint8Array): Promise<number> {
  const db = new Database(image, { readonly: true, fileMustExist: true });
  let copy;
  try {
    const schema = checkSchema(db, currentSchemaVersion(db));
    if (schema.altered.length > 0 || schema.foreign.length > 0) throw notVerified('its database structure is not what Fieldvault writes');
    copy = s.store.openCopy(db, header);
  } catch (err) {
    db.close();
    throw err;
  }
  try {
    const scan = copy.scanRows();
    let damaged = scan.unaccounted.length;
    for (let after: string | null = null; ; ) {
      await yieldToQueue();
      if (slot.get() !== s) throw lockedDuring();
      const batch = copy.verifyBatch(after, VERIFY_BATCH);
      damaged += batch.damaged.length;
      if (batch.lastId === null) break;
      after = batch.lastId;
    }
    if (damaged > 0) throw notVerified(`${damaged} record(s) did not authenticate`);
    if (!scan.sealIntact) throw notVerified('its records do not match the seal');
    return scan.rows.size;
  } finally {
    copy.close();
  }
}

const notVerified = (why: string) =>
  new VaultError('integrity', `The backup did not verify after writing (${why}), so it was not kept. Try again; if it happens again, try another drive.`);
const lockedDuring = () => new VaultError('locked', 'The vault was locked while the backup was made, so no backup was kept. Unlock and back up again.');

/** The settings record with `patch` applied, as a write (the settings record holds the backup's time). */
function settingsPut(s: Session, patch: Partial<VaultSettings>): { op: { type: 'put'; kind: typeof RecordKind.settings; id: string; data: VaultSettings }; value: VaultSettings } {
  const value: VaultSettings = { ...settings(s), ...patch };
  const id = s.settings?.id ?? s.store.newId();
  return { op: { type: 'put', kind: RecordKind.settings, id, data: value }, value };
}

function recordBackupTime(s: Session, takenAt: string, action: string, detail: string): void {
  const { op, value } = settingsPut(s, { lastBackupAt: takenAt });
  commit(s, [op], action, '', detail);
  s.settings = { id: op.id, value };
}

/**
 * Writes a backup of the open vault to `path` and checks it. Refused while records are damaged or warnings are
 * unresolved: such a vault cannot be verified whole (the vault folder itself can still be copied as it is).
 */
export async function createBackup(slot: SessionSlot, path: string, hooks: BackupHooks = {}): Promise<BackupResult> {
  const s = requireSession(slot);
  // The backup's time is kept in the vault's settings; on a read-only disk, copy the vault folder as it is.
  requireWritable(s);
  await s.verification;
  if (slot.get() !== s) throw lockedDuring();
  const r = s.report;
  if (r.damaged.length > 0 || !r.sealIntact || !r.auditChainIntact || r.schemaIntact === false || s.store.integrityFlags !== 0) {
    throw new VaultError(
      'integrity',
      'This vault has damaged records or unresolved integrity warnings, so a backup of it could not be verified. Deal with them first (or copy the vault folder as it is). Nothing was written.',
    );
  }
  const target = assertLocalLocation(path, 'export');
  // A backup in the vault folder would keep the current key's ciphertext there after a re-encryption (and be
  // copied, moved and deleted with the vault): it must go elsewhere.
  if (liesInside(s.store.paths.dir, target)) throw new VaultError('invalid-request', BACKUP_INSIDE_VAULT);
  checkDestination(target);
  const dir = dirname(target);
  // Both temp files sit beside the destination under random names, created exclusively; they hold ciphertext
  // only (the database's pages as they are on disk) and are removed whatever happens.
  const image = tempPathFor(target);
  let out: string | null = null;
  try {
    try {
      closeSync(openSync(image, 'wx', 0o600));
    } catch (err) {
      throw destinationError(err);
    }
    try {
      await copyDatabase(s.store.database, image, hooks);
    } catch (err) {
      if (slot.get() !== s || s.store.isClosed) throw lockedDuring();
      throw destinationError(err);
    }
    // The header as it is now, with the copy as it is now: no write can come between the backup's last step and
    // this line. A passphrase change meanwhile is caught by openCopy (the header must be the session's).
    if (slot.get() !== s || s.store.isClosed) throw lockedDuring();
    const header = readHeaderFile(s.store.paths.header);
    const takenAt = new Date();
    out = tempPathFor(target);
    let written: { bytes: number; imageSha256: string };
    let fd = -1;
    try {
      fd = openSync(out, 'wx', 0o600);
      written = writeBackupFile(fd, header, takenAt.getTime(), image);
      fsyncSync(fd);
    } catch (err) {
      throw destinationError(err);
    } finally {
      if (fd >= 0) closeSync(fd);
    }
    // Read back from the drive: layout and checksum of the file as written, and its image the one verified below.
    const back = readBackupFile(out);
    if (back.imageSha256 !== written.imageSha256 || back.bytes !== written.bytes) throw notVerified('the file read back differs from what was written');
    const records = await verifyImage(slot, s, image, header);
    try {
      renameSync(out, target);
      out = null;
      fsyncDir(dir);
    } catch (err) {
      throw destinationError(err);
    }
    const verifiedAt = new Date().toISOString();
    const takenIso = takenAt.toISOString();
    // Best effort: the backup is written and verified whatever happens to this note (a full vault disk).
    if (slot.get() === s) {
      try {
        recordBackupTime(s, takenIso, 'backup written', '');
      } catch {
        /* the reminder may then ask again; the backup itself is whole */
      }
    }
    return { path: target, bytes: written.bytes, records, takenAt: takenIso, verifiedAt };
  } finally {
    for (const f of [image, ...sideFiles(image)]) removeQuietly(f);
    if (out) removeQuietly(out);
  }
}

/** When the reminder is due: the last backup (or, before the first one, the vault's creation) is older than N days. */
export function backupStatus(s: Session, now = Date.now()): BackupStatus {
  const v = settings(s);
  const remindAfterDays = v.backupReminderDays ?? DEFAULT_BACKUP_REMINDER_DAYS;
  const lastBackupAt = v.lastBackupAt ?? null;
  const since = lastBackupAt ?? s.audit.list()[0]?.at ?? null;
  const sinceMs = since === null ? NaN : Date.parse(since);
  const due = remindAfterDays > 0 && (Number.isNaN(sinceMs) || now - sinceMs >= remindAfterDays * DAY_MS);
  return { lastBackupAt, remindAfterDays, due };
}

/** Rows in a restored database before it is first opened (its unlock adds an audit entry). */
function countRecords(database: string): number {
  let db: Db | null = null;
  try {
    db = new Database(database, { readonly: true, fileMustExist: true });
    return (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  } catch {
    throw new VaultError('damaged-vault', 'The database in this backup cannot be read, so it cannot be restored. Use another copy of the backup. Nothing was restored.');
  } finally {
    db?.close();
  }
}

/** Removes what a restore wrote, and the folders it created; a folder that existed (empty) is left empty. */
function undoRestore(paths: VaultPaths, firstCreated: string | undefined): void {
  for (const f of [paths.header, paths.database, ...sideFiles(paths.database)]) removeQuietly(f);
  // Header temp files are removed by writeHeaderAtomic itself when it fails.
  if (firstCreated === undefined) return;
  for (let d = paths.dir; ; d = dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === firstCreated || dirname(d) === d) return;
  }
}

/**
 * Restores a backup into a new or empty folder, then opens it with the passphrase and verifies every record, the
 * seal and the audit chain. Anything wrong (a damaged, cut-short or foreign file, a wrong passphrase, a record
 * that does not authenticate) removes what was written. The restored vault's audit log records the restore, and
 * its last backup is the one it came from.
 */
export async function restoreBackup(file: string, path: string, passphrase: string): Promise<RestoreResult> {
  const source = refuseNonLocalSpelling(file, 'source');
  const paths = prepareNewVault(path);
  // The whole file is checked before anything is created: a bad file leaves no folder behind.
  readBackupFile(source);
  let firstCreated: string | undefined;
  try {
    firstCreated = mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw destinationError(err);
  }
  try {
    let fd = -1;
    let info;
    try {
      fd = openSync(paths.database, 'wx', 0o600);
      let pos = 0;
      // Read again while writing, checksum included: the file could have changed since the first pass.
      info = readBackupFile(source, (chunk) => {
        for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done, pos + done);
        pos += chunk.length;
      });
      fsyncSync(fd);
    } catch (err) {
      throw destinationError(err);
    } finally {
      if (fd >= 0) closeSync(fd);
    }
    const records = countRecords(paths.database);
    // The header last, as when a vault is created: a folder without one is never a half-made vault.
    writeHeaderAtomic(paths.header, info.header);
    const takenAt = new Date(info.createdAt).toISOString();
    let session: Session | null = null;
    const restoredSlot: SessionSlot = {
      get: () => session,
      set: (next) => {
        session = next;
      },
    };
    try {
      await unlockVault(restoredSlot, paths.dir, passphrase, {});
    } catch (err) {
      if (err instanceof VaultError && err.code === 'wrong-passphrase') {
        throw new VaultError(
          'wrong-passphrase',
          'Wrong passphrase for this backup (it opens with the passphrase the vault had when the backup was taken), so it could not be verified and nothing was restored.',
        );
      }
      throw err;
    }
    const s = requireSession(restoredSlot);
    try {
      const report = await verify(restoredSlot);
      const problems = [
        report.damaged.length ? `${report.damaged.length} damaged record(s)` : '',
        report.sealIntact ? '' : 'records do not match the seal',
        report.auditChainIntact ? '' : 'the audit log was altered',
        report.schemaIntact === false ? 'database objects Fieldvault did not create' : '',
      ].filter(Boolean);
      if (problems.length > 0) {
        throw new VaultError('damaged-vault', `The restored vault did not verify (${problems.join('; ')}), so it was removed: nothing was restored. Use another copy of the backup.`);
      }
      // A rollback, said so in the log (with the moment it rolls back to): everything after it is not here.
      recordBackupTime(s, takenAt, 'vault restored from a backup', takenAt);
      return {
        path: paths.dir,
        takenAt,
        records,
        interviews: report.interviews,
        people: report.people,
        verifiedAt: new Date().toISOString(),
      };
    } finally {
      restoredSlot.set(null);
      closeSession(s);
    }
  } catch (err) {
    undoRestore(paths, firstCreated);
    throw err;
  }
}
