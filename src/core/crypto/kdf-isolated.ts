import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { KdfParams } from '../../shared/domain';
import { VaultError } from '../errors';
import { ARGON2_WARM_UP_SOURCE } from './argon2-warm-up';
import { checkKdfParams, SALT_BYTES } from './kdf';

/**
 * Argon2id in a short-lived worker thread with its own libsodium instance. WebAssembly memory never shrinks,
 * so deriving 256 MiB in the vault's own libsodium would keep 256 MiB resident for the whole session; here it
 * is released when the worker exits. The worker is plain CommonJS given as source, so it needs no bundling.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const sodium = require(workerData.sodiumPath);
${ARGON2_WARM_UP_SOURCE}
sodium.ready.then(() => {
  const { passphrase, salt, opsLimit, memLimit } = workerData;
  try {
    warmUpArgon2(sodium);
    const key = sodium.crypto_pwhash(32, passphrase, salt, opsLimit, memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
    passphrase.fill(0);
    parentPort.postMessage({ key }, [key.buffer]);
  } catch (err) {
    passphrase.fill(0);
    parentPort.postMessage({ error: 'key derivation failed' });
  }
});
`;

let sodiumPath: string | null = null;

export function deriveKekIsolated(passphrase: Uint8Array, salt: Uint8Array, params: KdfParams): Promise<Uint8Array> {
  // Bounds first (format and this machine's memory and time), before a worker or any memory is taken.
  checkKdfParams(params);
  if (salt.length !== SALT_BYTES) throw new VaultError('not-a-vault', 'The vault header has a malformed salt.');
  sodiumPath ??= createRequire(import.meta.url).resolve('libsodium-wrappers-sumo');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { sodiumPath, passphrase, salt, opsLimit: params.opsLimit, memLimit: params.memLimitKiB * 1024 },
    });
    const noMemory = () =>
      new VaultError(
        'internal',
        `Key derivation failed, most likely because this computer could not provide the ${Math.round(params.memLimitKiB / 1024)} MiB of memory it needs. ` +
          'Close other programs and try again; nothing was changed.',
      );
    let settled = false;
    worker.once('message', (msg: { key?: Uint8Array; error?: string }) => {
      settled = true;
      void worker.terminate();
      if (msg.key) resolve(new Uint8Array(msg.key.buffer, msg.key.byteOffset, msg.key.byteLength));
      else reject(noMemory());
    });
    worker.once('error', () => {
      if (!settled) reject(noMemory());
      settled = true;
    });
    worker.once('exit', () => {
      if (!settled) reject(new VaultError('internal', 'Key derivation stopped unexpectedly.'));
      settled = true;
    });
  });
}
