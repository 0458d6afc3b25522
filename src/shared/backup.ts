/**
 * The contract of the backup operations (backup.create, backup.status, backup.restore). A backup is one file
 * holding the vault's header and a consistent copy of its database: the same ciphertext as the vault, nothing
 * decrypted (SECURITY.md, "Backups").
 */
import { z } from 'zod';
import { passphraseSchema, vaultPathSchema } from './schemas';

/** A backup written and verified: every record authenticated and the seal matched in the file as written. */
export interface BackupResult {
  /** The backup file, as an absolute path. */
  readonly path: string;
  /** The file's size. */
  readonly bytes: number;
  /** Records in the backup, every one of them checked. */
  readonly records: number;
  /** When the backup was taken (ISO 8601, UTC): the vault is in it as it was at this moment. */
  readonly takenAt: string;
  /** When its verification finished (ISO 8601, UTC). */
  readonly verifiedAt: string;
}

/** The reminder: `due` when the last backup (or, before the first one, the vault itself) is older than the chosen days. */
export interface BackupStatus {
  /** ISO 8601 of the last verified backup, or null when this vault was never backed up. */
  readonly lastBackupAt: string | null;
  /** Remind when the last backup is older than this many days; 0 means never remind. */
  readonly remindAfterDays: number;
  readonly due: boolean;
}

/**
 * A backup restored into a new folder and verified with the passphrase. A restore is a rollback: the vault is as
 * it was when the backup was taken, and everything done since then is not in it.
 */
export interface RestoreResult {
  /** The restored vault's folder (absolute): unlock it as usual. */
  readonly path: string;
  /** When the backup was taken (ISO 8601, UTC): the restored vault is as it was then. */
  readonly takenAt: string;
  readonly records: number;
  readonly interviews: number;
  readonly people: number;
  /** When its verification finished (ISO 8601, UTC). */
  readonly verifiedAt: string;
}

/** The reminder setting (VaultSettings.backupReminderDays, set with settings.update): default and upper bound. */
export const DEFAULT_BACKUP_REMINDER_DAYS = 7;
export const MAX_BACKUP_REMINDER_DAYS = 365;

export const backupOperationSchemas = {
  /** path: the backup file to write (replaced only if it is an earlier Fieldvault backup). Needs an unlocked vault. */
  'backup.create': z.object({ path: vaultPathSchema }).strict(),
  'backup.status': z.object({}).strict(),
  /** Works while locked: file is the backup, path a new or empty folder, passphrase the vault's (to verify it). */
  'backup.restore': z.object({ file: vaultPathSchema, path: vaultPathSchema, passphrase: passphraseSchema }).strict(),
} as const;

export interface BackupOperationResults {
  'backup.create': BackupResult;
  'backup.status': BackupStatus;
  'backup.restore': RestoreResult;
}
