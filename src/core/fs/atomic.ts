import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, lstatSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeIoError, type IoPlace, VaultError } from '../errors';

/** O_NOFOLLOW where the platform has it (Linux, macOS); Windows has no such flag and 0 leaves the flags alone. */
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
/** Create a new file only: O_EXCL also fails on a symlink at that name, even a dangling one (no follow). */
const TEMP_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW;

/** `.<name>.<16 hex>.tmp` beside the target: unpredictable, so nothing can be planted there in advance. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches the names tempPathFor gives for a target called `targetName` (used to find leftovers after a crash). */
export function tempNamePattern(targetName: string): RegExp {
  return new RegExp(`^\\.${escapeRegExp(targetName)}\\.[0-9a-f]{16}\\.tmp$`);
}

export interface AtomicWriteOptions {
  /** For messages: "writing the vault header", "writing the export". */
  readonly what: string;
  /** For messages: the vault's own file, or a file written where the user chose (default: the vault). */
  readonly place?: IoPlace;
  /** Test hook (crash tests): runs after the temp file is written and fsynced, before the rename. */
  readonly afterTempWritten?: () => void;
}

/** Refuses a target that is a symlink (or not a file at all); a missing target is fine. */
function checkTarget(path: string, what: string, place: IoPlace): void {
  let stat;
  try {
    stat = lstatSync(path);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return;
    throw describeIoError(err, what, place);
  }
  if (stat.isSymbolicLink()) {
    throw new VaultError(
      'invalid-request',
      `The file to be replaced is a symbolic link, which could send the data somewhere else, so ${what} was refused. ` +
        'Choose another file name or folder. Nothing was written.',
    );
  }
  if (!stat.isFile()) {
    throw new VaultError('invalid-request', `Something other than a file (a folder?) is at that location, so ${what} was refused. Nothing was written.`);
  }
}

/**
 * Atomic replace: a new temp file beside the target (random name, O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600),
 * written and fsynced, renamed over the target, then the folder fsynced (best effort: once the rename has
 * happened the write is reported as done, with folderSynced false if the folder could not be fsynced). A crash leaves either the old file
 * or the new one, never half of either; any failure removes the temp file. A target that is a symlink is
 * refused (rename would replace the link itself, but the user meant wherever it points: do neither).
 */
export function writeFileAtomic(path: string, bytes: Uint8Array, options: AtomicWriteOptions): { readonly folderSynced: boolean } {
  checkTarget(path, options.what, options.place ?? 'vault');
  const tmp = tempPathFor(path);
  let fd = -1;
  let created = false;
  try {
    fd = openSync(tmp, TEMP_FLAGS, 0o600);
    created = true;
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, done);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    options.afterTempWritten?.();
    renameSync(tmp, path);
    created = false;
  } catch (err) {
    if (fd >= 0) closeSync(fd);
    // Only a file this call created is removed: on EEXIST the name belongs to someone else. unlink never
    // follows a symlink, so even a swapped-in link is removed rather than what it points to.
    if (created) {
      try {
        unlinkSync(tmp);
      } catch {
        /* already gone */
      }
    }
    throw describeIoError(err, options.what, options.place ?? 'vault');
  }
  // The rename has happened: the target holds the new bytes, and reporting the write as failed would be false
  // (a header written this way would then need the passphrase the caller was told was not set). A folder that
  // cannot be fsynced (EINVAL/ENOSYS on some FUSE and removable-drive file systems) only makes the rename less
  // durable across a power cut, as on Windows, where folders are never fsynced; promotePendingHeader does the same.
  try {
    fsyncDir(dirname(path));
    return { folderSynced: true };
  } catch {
    return { folderSynced: false };
  }
}

export function fsyncDir(dir: string): void {
  // Directory fsync makes the rename durable on Linux; Windows cannot open directories this way.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
