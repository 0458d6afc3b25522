import { totalmem } from 'node:os';
import type { KdfParams } from '../../shared/domain';
import { VaultError } from '../errors';
import type { Sodium } from './sodium';

/** Argon2id v1.3, named explicitly: crypto_pwhash's default algorithm may change between libsodium versions. */
export const KDF_ALG_ARGON2ID13 = 2;
export const SALT_BYTES = 16;

export const DEFAULT_KDF: KdfParams = { opsLimit: 3, memLimitKiB: 256 * 1024 };

/**
 * Bounds checked before any hashing: a forged header must not make unlock allocate 64 GiB or spin for hours,
 * and must not talk us down to parameters that make guessing cheap. These are the format's bounds; the
 * machine's bounds (below) are tighter.
 */
export const KDF_BOUNDS = {
  minOps: 1,
  maxOps: 10,
  minMemKiB: 8 * 1024,
  // 1 GiB: libsodium.js cannot allocate 2 GiB of WebAssembly memory, so a larger limit could not be opened.
  maxMemKiB: 1024 * 1024,
} as const;

/**
 * The most work (ops × memory, in KiB-passes) a header may demand: 2 GiB-passes, e.g. ops 2 at 1 GiB, ops 4 at
 * 512 MiB or ops 8 at 256 MiB. Argon2id's time grows with ops × memory (plus the cost of allocating the
 * memory): measured, these take 2.5-3 times as long as the defaults (0.75 GiB-passes, about 1 s on the
 * reference laptop), so about 3 s; ops 10 at 1 GiB, allowed before this cap, took 9-13 times as long.
 */
export const KDF_MAX_WORK_KIB = 2 * 1024 * 1024;

/** A header may demand at most this fraction (1/4) of the machine's total memory, never less than the default. */
export const KDF_MEMORY_SHARE = 4;

export interface MachineMemory {
  /** The memory this process may use: os.totalmem(), or the container's limit where that is lower. */
  readonly totalBytes: number;
}

export function thisMachine(): MachineMemory {
  // Inside a container (or a cgroup with a memory limit) the process gets less than the machine has; Node reports
  // that limit as constrainedMemory() (0 or a huge number where there is none).
  const limit = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  const total = totalmem();
  return { totalBytes: limit > 0 && limit < total ? limit : total };
}

/**
 * The largest Argon2id memory limit accepted on this machine: a quarter of its memory, capped by the format's
 * 1 GiB, and never below the default (256 MiB), so a vault with the default settings opens everywhere.
 * Free memory (os.freemem) is deliberately not used: it changes from second to second with the other programs
 * and the file cache (on macOS it routinely reads a few hundred MiB on a healthy machine), so the same vault
 * would open or not depending on the moment; the operating system can reclaim cache for the derivation, and if
 * it really cannot, the derivation fails with "not enough memory" and nothing is changed.
 */
export function maxMemKiBFor(machine: MachineMemory): number {
  const total = Number.isFinite(machine.totalBytes) && machine.totalBytes > 0 ? machine.totalBytes : 0;
  const share = Math.floor(total / 1024 / KDF_MEMORY_SHARE);
  return Math.min(KDF_BOUNDS.maxMemKiB, Math.max(DEFAULT_KDF.memLimitKiB, share));
}

const mib = (kib: number) => (kib % 1024 === 0 ? `${kib / 1024} MiB` : `${kib} KiB`);
const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

/**
 * Refuses, before any hashing, KDF parameters outside the format's bounds or more than this machine allows.
 * The same check runs when a vault is created or its passphrase changed, so Fieldvault never writes a header
 * it would refuse on the same machine; the defaults are accepted on every machine.
 */
export function checkKdfParams(params: KdfParams, machine: MachineMemory = thisMachine()): void {
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
  const maxMem = maxMemKiBFor(machine);
  if (memLimitKiB > maxMem) {
    throw new VaultError(
      'unsupported-kdf',
      `This vault demands ${mib(memLimitKiB)} of memory to derive its key, more than this computer allows ` +
        `(at most ${mib(maxMem)}: a quarter of its ${gib(machine.totalBytes)} of memory). Nothing was hashed and nothing was changed; ` +
        'open the vault on a computer with more memory.',
    );
  }
  if (opsLimit * memLimitKiB > KDF_MAX_WORK_KIB) {
    throw new VaultError(
      'unsupported-kdf',
      `This vault demands more time to derive its key than this computer allows (${opsLimit} passes over ${mib(memLimitKiB)}; ` +
        `at most ${mib(KDF_MAX_WORK_KIB)} in passes × memory, a few seconds). Nothing was hashed and nothing was changed.`,
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
