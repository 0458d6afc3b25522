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
 * Authentication is libsodium's XChaCha20-Poly1305-IETF tag check without decryption (no plaintext is ever
 * made; only the verdict leaves the worker); the key copies are zeroed after use. The row hashes and the tag
 * checks call libsodium's exports on its own heap rather than through the JS wrappers (see accumulate below).
 * The worker is plain CommonJS given as source, so it needs no bundling (like kdf-isolated.ts).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
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
// libsodium's own exports, called on its heap: one copy of each input and no allocation per row. The JS
// wrappers allocate, copy and free for every call, which over ten thousand rows costs more than the hashing.
// 64-bit length arguments are passed as (low, high) 32-bit halves, as the wrappers do.
const lib = sodium.libsodium;
/** Keyed BLAKE2b-256 of each message (ends: end offsets), XORed together: the seal's accumulator. */
function accumulate(key, messages, ends) {
  const acc = new Uint8Array(32);
  const p = lib._malloc(messages.length + 64);
  if (!p) throw new Error('memory');
  const k = p + messages.length, out = k + 32;
  try {
    lib.HEAPU8.set(messages, p);
    lib.HEAPU8.set(key, k);
    for (let i = 0, m = 0; i < ends.length; m = ends[i], i++) {
      if (lib._crypto_generichash(out, 32, p + m, ends[i] - m, 0, k, 32) !== 0) throw new Error('hash');
      const h = lib.HEAPU8.subarray(out, out + 32);
      for (let j = 0; j < 32; j++) acc[j] ^= h[j];
    }
  } finally {
    lib.HEAPU8.fill(0, p, p + messages.length + 64);
    lib._free(p);
  }
  return acc;
}
/**
 * Indices of the boxes (nonce 24 | ciphertext | tag 16; end to end in boxes, boxEnds[i] the end of box i) that do
 * not authenticate under key with their associated data. crypto_aead_xchacha20poly1305_ietf_decrypt_detached
 * with a null message pointer checks the tag and returns without decrypting (libsodium: "if (m == NULL) return
 * ret"): no plaintext exists, and the tag is all a verification needs. All boxes and all associated data are
 * copied onto libsodium's heap once (it has grown for Argon2id already), then checked in place.
 */
function authenticateAll(key, boxes, boxEnds, ads, adEnds) {
  const failed = [];
  const used = boxEnds.length ? boxEnds[boxEnds.length - 1] : 0;
  if (used > boxes.length || (adEnds.length ? adEnds[adEnds.length - 1] : 0) > ads.length) throw new Error('rows');
  const size = used + ads.length + 32;
  const p = lib._malloc(size);
  if (!p) throw new Error('memory');
  const q = p + used, k = q + ads.length;
  try {
    lib.HEAPU8.set(boxes.subarray(0, used), p);
    lib.HEAPU8.set(ads, q);
    lib.HEAPU8.set(key, k);
    for (let i = 0, b = 0, a = 0; i < boxEnds.length; b = boxEnds[i], a = adEnds[i], i++) {
      const length = boxEnds[i] - b;
      if (length < NONCE + TAG) {
        failed.push(i);
        continue;
      }
      const c = length - NONCE - TAG;
      const r = lib._crypto_aead_xchacha20poly1305_ietf_decrypt_detached(0, 0, p + b + NONCE, c, 0, p + b + NONCE + c, q + a, adEnds[i] - a, 0, p + b, k);
      if (r !== 0) failed.push(i);
    }
  } finally {
    lib.HEAPU8.fill(0, p, p + size);
    lib._free(p);
  }
  return failed;
}
parentPort.on('message', (msg) => {
  sodium.ready.then(() => {
    if (msg.type === 'derive') {
      try {
        if (!warm) warmUpArgon2(sodium);
        warm = true;
        parentPort.postMessage({ id: 0, started: true });
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
      staged.set(msg.handle, { boxes: msg.boxes, boxEnds: msg.boxEnds, ads: msg.ads, adEnds: msg.adEnds, messages: msg.messages, ends: msg.ends });
      return;
    }
    // Staged rows are used once each: the row hashes, then the records (and their memory is let go).
    const rows = msg.handle === undefined ? msg : staged.get(msg.handle);
    if (msg.type === 'accumulate') {
      let acc;
      try {
        if (!rows || !rows.messages) throw new Error('no rows');
        const all = new Uint8Array(rows.messages);
        if (rows !== msg) rows.messages = null;
        acc = accumulate(msg.key, all, rows.ends);
      } catch {
        parentPort.postMessage({ id: msg.id, error: 'accumulate' });
        return;
      } finally {
        msg.key.fill(0);
      }
      parentPort.postMessage({ id: msg.id, acc }, [acc.buffer]);
      return;
    }
    let failed;
    try {
      if (!rows || !rows.boxes) throw new Error('no rows');
      if (rows !== msg) staged.delete(msg.handle);
      if (rows.boxEnds.length !== rows.adEnds.length) throw new Error('rows');
      failed = authenticateAll(msg.key, new Uint8Array(rows.boxes), rows.boxEnds, new Uint8Array(rows.ads), rows.adEnds);
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
 * Boxes and their associated data, each packed end to end in one buffer with the end offset of each. One buffer
 * each rather than one per row: a message carrying ten thousand buffers takes the receiving thread about 45 ms
 * to take apart, and the worker reads it just after Argon2id, on the unlock's critical path.
 */
export interface PackedBoxes {
  readonly boxes: ArrayBuffer;
  readonly boxEnds: Uint32Array;
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

type Reply = {
  readonly id: number;
  readonly key?: Uint8Array;
  readonly failed?: Uint32Array;
  readonly acc?: Uint8Array;
  readonly error?: string;
  /** Sent (with id 0) when Argon2id itself begins: libsodium is loaded and warmed up. */
  readonly started?: true;
};

let sodiumPath: string | null = null;

export class UnlockWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private ended: Error | null = null;
  private noteStarted: () => void = () => undefined;
  /**
   * Resolves when the first derivation's Argon2id begins (the thread has started and loaded libsodium); never
   * rejects, and stays pending if the worker stops first (wait for it with a time limit).
   */
  readonly derivationStarted: Promise<void> = new Promise((resolve) => {
    this.noteStarted = resolve;
  });

  constructor() {
    sodiumPath ??= createRequire(import.meta.url).resolve('libsodium-wrappers-sumo');
    // Started first so that loading libsodium overlaps with opening the database.
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sodiumPath } });
    // Never keeps a process alive on its own: whoever waits for an answer holds a promise, not the thread.
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => {
      if (reply.started) {
        this.noteStarted();
        return;
      }
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
    this.worker.postMessage({ type: 'stage', handle, ...boxes, ...messages }, [boxes.boxes, boxes.ads, messages.messages]);
    return { handle };
  }

  /**
   * Indices of the boxes that do not authenticate under `key` with their associated data. The packed buffers
   * are handed over (transferred) to the worker, or were staged; the key is copied and the copy zeroed there.
   */
  async authenticate(key: Uint8Array, rows: PackedBoxes | StagedRows): Promise<Uint32Array> {
    const reply = await this.ask(
      { type: 'authenticate', key: Uint8Array.from(key), ...rows },
      'boxes' in rows ? [rows.boxes, rows.ads] : [],
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
