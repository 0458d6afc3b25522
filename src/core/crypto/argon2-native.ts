import { createRequire } from 'node:module';
import type { KdfParams } from '../../shared/domain';

/**
 * Argon2id in native code (@node-rs/argon2: the RustCrypto argon2 crate behind N-API), for the command line's
 * unlock. It gives byte for byte the key libsodium's crypto_pwhash (Argon2id v1.3, one lane) gives for the same
 * passphrase, salt and parameters (tests/unit/argon2-native.test.ts compares them), in about two thirds of the
 * time of libsodium's WebAssembly, and it runs on Node's thread pool: no worker thread has to boot and load
 * libsodium before it can start. The parameters are the vault's; checkKdfParams has bounded them already.
 *
 * Loaded lazily, and optional: where the package has no binary for the platform, or FIELDVAULT_NATIVE_ARGON2=0
 * is set, the derivation runs in libsodium as before (UnlockWorker).
 */
interface NativeArgon2 {
  hashRaw(
    password: Buffer,
    options: { readonly salt: Buffer; readonly memoryCost: number; readonly timeCost: number; readonly parallelism: number; readonly outputLen: number; readonly algorithm: number },
  ): Promise<Buffer>;
}

/** @node-rs/argon2's Algorithm.Argon2id. */
const ARGON2ID = 2;

let loaded: NativeArgon2 | null | undefined;

/** The native module, or null when it cannot be loaded here (or is turned off). */
export function nativeArgon2(): NativeArgon2 | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  if (process.env.FIELDVAULT_NATIVE_ARGON2 === '0') return loaded;
  try {
    // createRequire rather than an import: the bundles (command line, app) leave it to Node to resolve at run time.
    const m = createRequire(import.meta.url)('@node-rs/argon2') as Partial<NativeArgon2>;
    if (typeof m.hashRaw === 'function') loaded = m as NativeArgon2;
  } catch {
    // no binary for this platform: libsodium derives instead
  }
  return loaded;
}

/**
 * The 32-byte key, or null if the native code refused (the caller then derives with libsodium). The passphrase
 * copy handed to the native code and the key buffer it returns are zeroed here; the caller wipes its own copy.
 */
export async function deriveNatively(native: NativeArgon2, passphrase: Uint8Array, salt: Uint8Array, params: KdfParams): Promise<Uint8Array | null> {
  const password = Buffer.from(passphrase);
  let raw: Buffer | null = null;
  try {
    raw = await native.hashRaw(password, {
      salt: Buffer.from(salt),
      memoryCost: params.memLimitKiB,
      timeCost: params.opsLimit,
      parallelism: 1,
      outputLen: 32,
      algorithm: ARGON2ID,
    });
    return raw.length === 32 ? Uint8Array.from(raw) : null;
  } catch {
    return null;
  } finally {
    password.fill(0);
    raw?.fill(0);
  }
}
