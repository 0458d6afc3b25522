import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { VaultError } from '../errors';
import { decodeHeader, HEADER_BYTES } from './header';

/**
 * The backup file: one file holding a vault's header and a consistent copy of its database, both exactly the
 * ciphertext the vault holds (SECURITY.md, "Backups"). All integers big-endian.
 *   0    8  magic "FVBACKUP"
 *   8    2  format version (1)
 *  10    2  header length (128)
 *  12    4  reserved, zero
 *  16    8  when the backup was taken, milliseconds since 1970-01-01 UTC
 *  24    8  N: length of the database image
 *  32  128  the vault header, verbatim
 * 160    N  the SQLite database image (SQLite's online backup of the vault's database, rollback-journal mode)
 * 160+N 32  SHA-256 of every byte before it
 * The checksum catches a file damaged or cut short on the way (a USB stick pulled early); it is not what protects
 * the content: every record and the seal are authenticated with the vault's keys when the backup is verified.
 */
export const BACKUP_MAGIC = Buffer.from('FVBACKUP', 'ascii');
export const BACKUP_VERSION = 1;
export const BACKUP_PREFIX_BYTES = 32;
export const BACKUP_IMAGE_OFFSET = BACKUP_PREFIX_BYTES + HEADER_BYTES;
export const BACKUP_CHECKSUM_BYTES = 32;
/** Every backup file is this much longer than its database image. */
export const BACKUP_OVERHEAD = BACKUP_IMAGE_OFFSET + BACKUP_CHECKSUM_BYTES;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const VAULT_HEADER_MAGIC = Buffer.from('FIELDVLT', 'ascii');
const CHUNK = 4 * 1024 * 1024;

/** The fixed part before the database image: prefix and vault header. */
export function encodeBackupPrefix(header: Uint8Array, createdAt: number, imageBytes: number): Buffer {
  if (header.length !== HEADER_BYTES) throw new Error('the vault header has the wrong length');
  const out = Buffer.alloc(BACKUP_IMAGE_OFFSET);
  BACKUP_MAGIC.copy(out, 0);
  out.writeUInt16BE(BACKUP_VERSION, 8);
  out.writeUInt16BE(HEADER_BYTES, 10);
  out.writeBigUInt64BE(BigInt(createdAt), 16);
  out.writeBigUInt64BE(BigInt(imageBytes), 24);
  out.set(header, BACKUP_PREFIX_BYTES);
  return out;
}

const notABackup = (what: string) =>
  new VaultError('not-a-vault', `That file is not a Fieldvault backup (${what}). Choose a file made by "Back up". Nothing was changed.`);
const damagedBackup = (what: string) =>
  new VaultError('damaged-vault', `This backup file is damaged (${what}): it cannot be restored. Use another copy of the backup. Nothing was changed.`);

/** What a backup file says about itself once its layout and checksum hold. */
export interface BackupFileInfo {
  readonly createdAt: number;
  readonly header: Uint8Array;
  readonly imageBytes: number;
  /** SHA-256 of the database image alone (to compare with the copy that was verified). */
  readonly imageSha256: string;
  /** The whole file's length. */
  readonly bytes: number;
}

/** Reads exactly `length` bytes at `position`, or fewer at the end of the file. */
function readAt(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buf : buf.subarray(0, done);
}

/** Checks the prefix: magic, version, lengths. Says what the file is when it is something else Fieldvault knows. */
function decodePrefix(prefix: Buffer, fileBytes: number): { createdAt: number; imageBytes: number } {
  if (prefix.length < BACKUP_MAGIC.length || !prefix.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) {
    if (prefix.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) throw notABackup('it is an SQLite database, such as a vault\'s own database file');
    if (prefix.subarray(0, VAULT_HEADER_MAGIC.length).equals(VAULT_HEADER_MAGIC)) throw notABackup("it is a vault's header file");
    throw notABackup(prefix.length < BACKUP_MAGIC.length ? 'it is too short' : 'it does not start as one');
  }
  if (prefix.length < BACKUP_PREFIX_BYTES) throw damagedBackup('it was cut short');
  const version = prefix.readUInt16BE(8);
  if (version > BACKUP_VERSION) {
    throw new VaultError('newer-version', `This backup was made by a newer Fieldvault (backup format ${version}). Update Fieldvault to restore it; nothing was changed.`);
  }
  if (version < 1 || prefix.readUInt16BE(10) !== HEADER_BYTES || prefix.readUInt32BE(12) !== 0) throw damagedBackup('its first bytes are altered');
  const imageBytes = prefix.readBigUInt64BE(24);
  if (BigInt(fileBytes) < BigInt(BACKUP_OVERHEAD) + imageBytes) throw damagedBackup('it was cut short');
  if (BigInt(fileBytes) > BigInt(BACKUP_OVERHEAD) + imageBytes) throw damagedBackup('it has bytes after its end');
  return { createdAt: Number(prefix.readBigUInt64BE(16)), imageBytes: Number(imageBytes) };
}

/**
 * Reads a backup file from start to end and checks its layout, its checksum and its vault header's bounds
 * (decodeHeader: nothing hashed with a forged KDF). `onImage` receives the database image chunk by chunk as it
 * is read (restore writes it into the new vault), so the file is read once; its result counts only if this
 * returns. Throws a clear VaultError otherwise.
 */
export function readBackupFile(path: string, onImage?: (chunk: Buffer) => void): BackupFileInfo {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw new VaultError('not-found', 'There is no backup file at that location.');
    if (code === 'EISDIR') throw notABackup('it is a folder');
    if (code === 'EACCES' || code === 'EPERM') throw new VaultError('permission-denied', 'Fieldvault is not allowed to read that backup file.');
    throw new VaultError('internal', `Reading the backup file failed (${code ?? 'unexpected error'}).`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw notABackup('it is not a regular file');
    const prefix = readAt(fd, BACKUP_IMAGE_OFFSET, 0);
    const { createdAt, imageBytes } = decodePrefix(prefix, stat.size);
    if (prefix.length < BACKUP_IMAGE_OFFSET) throw damagedBackup('it was cut short');
    const header = new Uint8Array(prefix.subarray(BACKUP_PREFIX_BYTES, BACKUP_IMAGE_OFFSET));
    try {
      decodeHeader(header);
    } catch (err) {
      if (err instanceof VaultError && (err.code === 'newer-version' || err.code === 'unsupported-kdf')) throw err;
      throw damagedBackup('its vault header is altered');
    }
    const whole = createHash('sha256').update(prefix);
    const image = createHash('sha256');
    copyRange(fd, BACKUP_IMAGE_OFFSET, imageBytes, (chunk, at) => {
      if (at === 0 && !chunk.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) throw damagedBackup('its database image is altered');
      whole.update(chunk);
      image.update(chunk);
      onImage?.(chunk);
    });
    const stored = readAt(fd, BACKUP_CHECKSUM_BYTES, BACKUP_IMAGE_OFFSET + imageBytes);
    if (stored.length !== BACKUP_CHECKSUM_BYTES) throw damagedBackup('it was cut short');
    if (!whole.digest().equals(stored)) throw damagedBackup('its checksum does not match: bytes were changed or lost');
    return { createdAt, header, imageBytes, imageSha256: image.digest('hex'), bytes: stat.size };
  } catch (err) {
    if (err instanceof VaultError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'EIO') throw damagedBackup('the disk could not read it');
    throw new VaultError('internal', `Reading the backup file failed (${code ?? 'unexpected error'}).`);
  } finally {
    closeSync(fd);
  }
}

/** Feeds `length` bytes of `fd` from `start` to `fn` in chunks (with each chunk's offset from `start`). */
function copyRange(fd: number, start: number, length: number, fn: (chunk: Buffer, at: number) => void): void {
  const buf = Buffer.alloc(Math.min(CHUNK, Math.max(length, 1)));
  for (let at = 0; at < length; ) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, length - at), start + at);
    if (n === 0) throw damagedBackup('it was cut short');
    fn(buf.subarray(0, n), at);
    at += n;
  }
}

/**
 * Writes a backup into `outFd` (a new, empty temp file): prefix, the database image read from `imagePath`,
 * checksum. Returns the file's length and the image's SHA-256. The caller fsyncs, checks and renames.
 */
export function writeBackupFile(outFd: number, header: Uint8Array, createdAt: number, imagePath: string): { bytes: number; imageSha256: string } {
  const inFd = openSync(imagePath, 'r');
  try {
    const imageBytes = fstatSync(inFd).size;
    const prefix = encodeBackupPrefix(header, createdAt, imageBytes);
    const whole = createHash('sha256');
    const image = createHash('sha256');
    let pos = 0;
    const put = (bytes: Buffer, hashes: readonly Hash[]) => {
      for (const h of hashes) h.update(bytes);
      for (let done = 0; done < bytes.length; ) done += writeSync(outFd, bytes, done, bytes.length - done, pos + done);
      pos += bytes.length;
    };
    put(prefix, [whole]);
    copyRange(inFd, 0, imageBytes, (chunk) => put(chunk, [whole, image]));
    put(whole.digest(), []);
    return { bytes: pos, imageSha256: image.digest('hex') };
  } finally {
    closeSync(inFd);
  }
}
