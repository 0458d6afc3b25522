import type { KdfParams } from '../../shared/domain';
import { VaultError } from '../errors';
import type { Sodium } from './sodium';

/** Argon2id v1.3, named explicitly: crypto_pwhash's default algorithm may change between libsodium versions. */
export const KDF_ALG_ARGON2ID13 = 2;
export const SALT_BYTES = 16;

export const DEFAULT_KDF: KdfParams = { opsLimit: 3, memLimitKiB: 256 * 1024 };

/**
 * Bounds checked before any hashing: a forged header must not make unlock allocate 64 GiB or spin for hours,
 * and must not talk us down to parameters that make guessing cheap.
 */
export const KDF_BOUNDS = {
  minOps: 1,
  maxOps: 10,
  minMemKiB: 8 * 1024,
  // 1 GiB: libsodium.js cannot allocate 2 GiB of WebAssembly memory, so a larger limit could not be opened.
  maxMemKiB: 1024 * 1024,
} as const;

export function checkKdfParams(params: KdfParams): void {
  const { opsLimit, memLimitKiB } = params;
  if (!Number.isInteger(opsLimit) || opsLimit < KDF_BOUNDS.minOps || opsLimit > KDF_BOUNDS.maxOps) {
    throw new VaultError('unsupported-kdf', `Key derivation ops limit ${opsLimit} is outside ${KDF_BOUNDS.minOps}..${KDF_BOUNDS.maxOps}.`);
  }
  if (!Number.isInteger(memLimitKiB) || memLimitKiB < KDF_BOUNDS.minMemKiB || memLimitKiB > KDF_BOUNDS.maxMemKiB) {
    throw new VaultError(
      'unsupported-kdf',
      `Key derivation memory ${memLimitKiB} KiB is outside ${KDF_BOUNDS.minMemKiB}..${KDF_BOUNDS.maxMemKiB} KiB.`,
    );
  }
}

/** Passphrases are NFC-normalised so the same words typed on another keyboard layout still unlock. */
export function passphraseBytes(passphrase: string): Uint8Array {
  return new TextEncoder().encode(passphrase.normalize('NFC'));
}

export function deriveKek(sodium: Sodium, passphrase: Uint8Array, salt: Uint8Array, params: KdfParams): Uint8Array {
  checkKdfParams(params);
  if (salt.length !== SALT_BYTES) throw new VaultError('not-a-vault', 'The vault header has a malformed salt.');
  return sodium.crypto_pwhash(
    32,
    passphrase,
    salt,
    params.opsLimit,
    params.memLimitKiB * 1024,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
}
