import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { KdfParams } from '../../shared/domain';
import { VaultError } from '../errors';
import { ARGON2_WARM_UP_SOURCE } from './argon2-warm-up';
import { checkKdfParams, SALT_BYTES } from './kdf';

/**
 * A worker thread that does an unlock's two long, independent pieces of cryptography off the main thread: the
 * Argon2id key derivation (while the main thread reads the vault's rows into memory), then the seal's row
 * hashes and the authentication of every record (while the main thread loads the session from the search cache). Used where the whole vault
 * is verified before anything else happens (the command line); the app verifies in the background instead.
 *
 * Authentication is the same XChaCha20-Poly1305-IETF construction as aead.ts `openLarge`: subkey =
 * HChaCha20(key, nonce[0..16)), then OpenSSL's ChaCha20-Poly1305 with nonce 0x00000000 | nonce[16..24); only
 * the tag's verdict leaves the worker. Decrypted bytes are zeroed at once; the key copy is zeroed after use.
 * The worker is plain CommonJS given as source, so it needs no bundling (like kdf-isolated.ts).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createDecipheriv } = require('node:crypto');
const sodium = require(workerData.sodiumPath);
const NONCE = 24, TAG = 16;
${ARGON2_WARM_UP_SOURCE}
let warm = false;
// Loaded and warmed up as soon as the thread starts: a derivation asked for later starts at full speed.
sodium.ready.then(() => {
  if (!warm) warmUpArgon2(sodium);
  warm = true;
});
/** Rows handed over before the key is known (stage), by handle. */
const staged = new Map();
function authentic(key, box, ad) {
  if (box.length < NONCE + TAG) return false;
  const subkey = sodium.crypto_core_hchacha20(box.subarray(0, 16), key, null);
  const iv = new Uint8Array(12);
  iv.set(box.subarray(16, 24), 4);
  let plain = null;
  try {
    const d = createDecipheriv('chacha20-poly1305', subkey, iv, { authTagLength: TAG });
    d.setAAD(ad, { plaintextLength: box.length - NONCE - TAG });
    d.setAuthTag(box.subarray(box.length - TAG));
    plain = d.update(box.subarray(NONCE, box.length - TAG));
    d.final();
    return true;
  } catch {
    return false;
  } finally {
    if (plain) plain.fill(0);
    subkey.fill(0);
  }
}
parentPort.on('message', (msg) => {
  sodium.ready.then(() => {
    if (msg.type === 'derive') {
      try {
        if (!warm) warmUpArgon2(sodium);
        warm = true;
        const key = sodium.crypto_pwhash(32, msg.passphrase, msg.salt, msg.opsLimit, msg.memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
        msg.passphrase.fill(0);
        parentPort.postMessage({ id: msg.id, key }, [key.buffer]);
      } catch {
        msg.passphrase.fill(0);
        parentPort.postMessage({ id: msg.id, error: 'derive' });
      }
      return;
    }
    if (msg.type === 'stage') {
      staged.set(msg.handle, { boxes: msg.boxes, ads: msg.ads, adEnds: msg.adEnds, messages: msg.messages, ends: msg.ends });
      return;
    }
    // Staged rows are used once each: the row hashes, then the records (and their memory is let go).
    const rows = msg.handle === undefined ? msg : staged.get(msg.handle);
    if (msg.type === 'accumulate') {
      const acc = new Uint8Array(32);
      try {
        if (!rows || !rows.messages) throw new Error('no rows');
        const all = new Uint8Array(rows.messages);
        if (rows !== msg) rows.messages = null;
        for (let i = 0, m = 0; i < rows.ends.length; m = rows.ends[i], i++) {
          const h = sodium.crypto_generichash(32, all.subarray(m, rows.ends[i]), msg.key);
          for (let k = 0; k < 32; k++) acc[k] ^= h[k];
        }
      } catch {
        parentPort.postMessage({ id: msg.id, error: 'accumulate' });
        return;
      } finally {
        msg.key.fill(0);
      }
      parentPort.postMessage({ id: msg.id, acc }, [acc.buffer]);
      return;
    }
    const failed = [];
    try {
      if (!rows || !rows.boxes) throw new Error('no rows');
      if (rows !== msg) staged.delete(msg.handle);
      const ads = new Uint8Array(rows.ads);
      for (let i = 0, a = 0; i < rows.boxes.length; a = rows.adEnds[i], i++) {
        if (!authentic(msg.key, new Uint8Array(rows.boxes[i]), ads.subarray(a, rows.adEnds[i]))) failed.push(i);
      }
    } catch {
      parentPort.postMessage({ id: msg.id, error: 'authenticate' });
      return;
    } finally {
      msg.key.fill(0);
    }
    parentPort.postMessage({ id: msg.id, failed: Uint32Array.from(failed) });
  });
});
`;

/**
 * Boxes, each in its own buffer (as SQLite hands them over: moved to the worker, not copied), and their
 * associated data packed end to end with the end offset of each.
 */
export interface PackedBoxes {
  readonly boxes: readonly ArrayBuffer[];
  readonly ads: ArrayBuffer;
  readonly adEnds: Uint32Array;
}

/** Messages packed end to end, with the end offset of each. */
export interface PackedMessages {
  readonly messages: ArrayBuffer;
  readonly ends: Uint32Array;
}

/**
 * Rows handed to the worker before the key is known (UnlockWorker.stage): their bytes move while Argon2id
 * runs, so that authenticating them later costs no transfer. Each staged set is used once by accumulate and
 * once by authenticate.
 */
export interface StagedRows {
  readonly handle: number;
}

type Reply = { readonly id: number; readonly key?: Uint8Array; readonly failed?: Uint32Array; readonly acc?: Uint8Array; readonly error?: string };

let sodiumPath: string | null = null;

export class UnlockWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private ended: Error | null = null;

  constructor() {
    sodiumPath ??= createRequire(import.meta.url).resolve('libsodium-wrappers-sumo');
    // Started first so that loading libsodium overlaps with opening the database.
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sodiumPath } });
    // Never keeps a process alive on its own: whoever waits for an answer holds a promise, not the thread.
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => {
      const w = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      w?.resolve(reply);
    });
    const fail = (err: Error) => {
      this.ended ??= err;
      for (const w of this.waiting.values()) w.reject(this.ended);
      this.waiting.clear();
    };
    this.worker.on('error', () => fail(new VaultError('internal', 'The unlock worker stopped with an error (most likely out of memory).')));
    this.worker.on('exit', () => fail(new VaultError('internal', 'The unlock worker stopped.')));
  }

  private ask(message: Record<string, unknown>, transfer: ArrayBuffer[]): Promise<Reply> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  /** Argon2id with the header's parameters; bounds are checked first, as for every derivation. */
  async derive(passphrase: Uint8Array, salt: Uint8Array, params: KdfParams): Promise<Uint8Array> {
    checkKdfParams(params);
    if (salt.length !== SALT_BYTES) throw new VaultError('not-a-vault', 'The vault header has a malformed salt.');
    // The copy sent is zeroed by the worker; the caller keeps and wipes its own.
    const reply = await this.ask({ type: 'derive', passphrase: Uint8Array.from(passphrase), salt, opsLimit: params.opsLimit, memLimit: params.memLimitKiB * 1024 }, []);
    if (!reply.key) {
      throw new VaultError(
        'internal',
        `Key derivation failed, most likely because this computer could not provide the ${Math.round(params.memLimitKiB / 1024)} MiB of memory it needs. Close other programs and try again; nothing was changed.`,
      );
    }
    return new Uint8Array(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength);
  }

  /**
   * Hands rows (ciphertext and what the seal hashes: nothing readable without the key) to the worker now,
   * moved rather than copied. Posted while Argon2id runs, the move costs this thread only time it spends
   * waiting, and the worker starts on them the moment the key is there.
   */
  stage(boxes: PackedBoxes, messages: PackedMessages): StagedRows {
    if (this.ended) throw this.ended;
    const handle = this.nextId++;
    this.worker.postMessage({ type: 'stage', handle, ...boxes, ...messages }, [...boxes.boxes, boxes.ads, messages.messages]);
    return { handle };
  }

  /**
   * Indices of the boxes that do not authenticate under `key` with their associated data. The packed buffers
   * are handed over (transferred) to the worker, or were staged; the key is copied and the copy zeroed there.
   */
  async authenticate(key: Uint8Array, rows: PackedBoxes | StagedRows): Promise<Uint32Array> {
    const reply = await this.ask(
      { type: 'authenticate', key: Uint8Array.from(key), ...rows },
      'boxes' in rows ? [...rows.boxes, rows.ads] : [],
    );
    if (!reply.failed) throw new VaultError('internal', 'The unlock worker gave no answer.');
    return reply.failed;
  }

  /**
   * XOR of keyed BLAKE2b-256(key, message) over the messages: the seal's accumulator (format.ts rowHash) of the
   * rows read ahead. The messages are handed over, or were staged; the key is copied and the copy zeroed there.
   */
  async accumulate(key: Uint8Array, rows: PackedMessages | StagedRows): Promise<Uint8Array> {
    const reply = await this.ask({ type: 'accumulate', key: Uint8Array.from(key), ...rows }, 'messages' in rows ? [rows.messages] : []);
    if (!reply.acc) throw new VaultError('internal', 'The unlock worker gave no answer.');
    return reply.acc;
  }

  /** Ends the thread; pending requests are rejected. Safe to call twice. */
  close(): void {
    this.ended ??= new VaultError('internal', 'The unlock worker was closed.');
    void this.worker.terminate();
  }
}
