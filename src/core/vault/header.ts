import { lstatSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tempNamePattern, writeFileAtomic } from '../fs/atomic';
import type { KdfParams } from '../../shared/domain';
import { NONCE_BYTES, TAG_BYTES } from '../crypto/aead';
import { checkKdfParams, KDF_ALG_ARGON2ID13, SALT_BYTES } from '../crypto/kdf';
import { describeIoError, VaultError } from '../errors';

/**
 * The vault header: 128 bytes, big-endian, described byte for byte in SECURITY.md.
 *   0  8  magic "FIELDVLT"
 *   8  2  format version
 *  10  2  header length (128)
 *  12 16  vault id
 *  28  1  KDF algorithm (2 = Argon2id v1.3)
 *  29  3  reserved, zero
 *  32  4  Argon2id ops limit
 *  36  4  Argon2id memory limit, KiB
 *  40 16  salt
 *  56 24  nonce of the wrapped master key
 *  80 48  wrapped master key (32) + Poly1305 tag (16); associated data = bytes 0..55
 */
export const MAGIC = new TextEncoder().encode('FIELDVLT');
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 128;
export const AD_BYTES = 56;
export const VAULT_ID_BYTES = 16;
export const WRAPPED_KEY_BYTES = NONCE_BYTES + 32 + TAG_BYTES;

export interface VaultHeader {
  readonly version: number;
  readonly vaultId: Uint8Array;
  readonly kdf: KdfParams;
  readonly salt: Uint8Array;
  /** nonce | wrapped master key | tag */
  readonly wrappedKey: Uint8Array;
}

/** The part of the header the wrapped key is bound to (its associated data). */
export function encodeHeaderAd(h: Omit<VaultHeader, 'wrappedKey'>): Uint8Array {
  const buf = new Uint8Array(AD_BYTES);
  const view = new DataView(buf.buffer);
  buf.set(MAGIC, 0);
  view.setUint16(8, h.version);
  view.setUint16(10, HEADER_BYTES);
  buf.set(h.vaultId, 12);
  buf[28] = KDF_ALG_ARGON2ID13;
  view.setUint32(32, h.kdf.opsLimit);
  view.setUint32(36, h.kdf.memLimitKiB);
  buf.set(h.salt, 40);
  return buf;
}

export function encodeHeader(h: VaultHeader): Uint8Array {
  if (h.wrappedKey.length !== WRAPPED_KEY_BYTES) throw new Error('wrapped key has the wrong length');
  const buf = new Uint8Array(HEADER_BYTES);
  buf.set(encodeHeaderAd(h), 0);
  buf.set(h.wrappedKey, AD_BYTES);
  return buf;
}

/** Parses and bounds-checks a header. Never hashes anything: a hostile header costs nothing to reject. */
export function decodeHeader(bytes: Uint8Array): VaultHeader {
  if (bytes.length < 12 || !MAGIC.every((b, i) => bytes[i] === b)) {
    throw new VaultError('not-a-vault', 'This is not a Fieldvault vault (the header is missing or unrecognised).');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(8);
  if (version > FORMAT_VERSION) {
    throw new VaultError(
      'newer-version',
      `This vault was made by a newer Fieldvault (format ${version}). Update Fieldvault to open it; the vault was not changed.`,
    );
  }
  if (version < 1) throw new VaultError('not-a-vault', 'The vault header has an invalid format version.');
  if (bytes.length !== HEADER_BYTES || view.getUint16(10) !== HEADER_BYTES) {
    throw new VaultError('damaged-vault', 'The vault header is truncated or has the wrong length.');
  }
  if (bytes[28] !== KDF_ALG_ARGON2ID13) {
    throw new VaultError('unsupported-kdf', `The vault names an unknown key derivation algorithm (${bytes[28]}).`);
  }
  if (bytes[29] !== 0 || bytes[30] !== 0 || bytes[31] !== 0) {
    throw new VaultError('damaged-vault', 'The vault header is damaged (reserved bytes are not zero).');
  }
  const kdf: KdfParams = { opsLimit: view.getUint32(32), memLimitKiB: view.getUint32(36) };
  checkKdfParams(kdf);
  return {
    version,
    vaultId: bytes.slice(12, 12 + VAULT_ID_BYTES),
    kdf,
    salt: bytes.slice(40, 40 + SALT_BYTES),
    wrappedKey: bytes.slice(AD_BYTES, HEADER_BYTES),
  };
}

export function readHeaderFile(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') {
      throw new VaultError('vault-not-found', 'No vault was found at that location.');
    }
    throw describeIoError(err, 'reading the vault header');
  }
}

/** Test hook: lets the crash test stop the process between writing the new header and renaming it. */
export interface HeaderWriteHooks {
  readonly afterTempWritten?: () => void;
}

/**
 * The header is replaced atomically: a new temp file `.fieldvault.header.<16 hex>.tmp` in the vault folder
 * (exclusive create, no symlink followed, mode 0600), fsync, rename over the header, fsync of the folder.
 */
export function writeHeaderAtomic(path: string, bytes: Uint8Array, hooks: HeaderWriteHooks = {}): void {
  writeFileAtomic(path, bytes, { what: 'writing the vault header', afterTempWritten: hooks.afterTempWritten });
}

/** Name of the header temp file before random temp names (kept so leftovers of older versions are removed). */
const LEGACY_HEADER_TEMP_SUFFIX = '.tmp';

/** Header temp files left in the vault folder by a header write that was cut off (full paths). */
export function staleHeaderTemps(headerPath: string): string[] {
  const dir = dirname(headerPath);
  const name = basename(headerPath);
  const pattern = tempNamePattern(name);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return [];
    throw describeIoError(err, 'reading the vault folder');
  }
  return entries.filter((e) => e === `${name}${LEGACY_HEADER_TEMP_SUFFIX}` || pattern.test(e)).map((e) => join(dir, e));
}

/**
 * Removes header temp files left by a passphrase change that a crash cut off before its rename (the old
 * header is still whole, so they are never needed). Call it only while holding the vault's lock: before,
 * a temp file may be another process's change in progress. A symlink with such a name is removed itself,
 * never followed; a folder with such a name is left alone.
 */
export function discardStaleHeaderTemps(headerPath: string): void {
  for (const tmp of staleHeaderTemps(headerPath)) {
    try {
      if (lstatSync(tmp).isDirectory()) continue;
      unlinkSync(tmp);
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') continue;
      throw describeIoError(err, 'removing an unfinished header file');
    }
  }
}
