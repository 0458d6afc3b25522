import * as nodeModule from 'node:module';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { KdfParams } from '../../shared/domain';
import { VaultError } from '../errors';
import { deriveNatively, nativeArgon2 } from './argon2-native';
import { ARGON2_WARM_UP_SOURCE } from './argon2-warm-up';
import { checkKdfParams, SALT_BYTES } from './kdf';

/**
 * The long, independent pieces of an unlock's cryptography, off the main thread: Argon2id derives the key (in
 * native code on Node's thread pool where argon2-native.ts loads, otherwise in a worker thread running libsodium)
 * while the main thread reads the vault's rows into memory; a worker thread, the verifier, takes the
 * rows onto its heap as soon as they are read, then computes the seal's row hashes and authenticates every
 * record the moment the key exists (while the main thread loads the session from the search cache). Used where
 * the whole vault is verified before anything else happens (the command line); the app verifies in the
 * background instead.
 *
 * Authentication is libsodium's XChaCha20-Poly1305-IETF tag check without decryption (no plaintext is ever
 * made; only the verdict leaves the worker); the key copies are zeroed after use. The row hashes and the tag
 * checks call libsodium's exports on its own heap rather than through the JS wrappers (see accumulate below).
 * The workers are plain CommonJS given as source, so they need no bundling (like kdf-isolated.ts).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// The process's compile cache (the command line keeps one beside its build): loading libsodium then costs about
// a third of compiling its 1.2 MB of JavaScript again.
if (workerData.compileCache) {
  try {
    require('node:module').enableCompileCache(workerData.compileCache);
  } catch {}
}
const sodium = require(workerData.sodiumPath);
const NONCE = 24, TAG = 16;
${ARGON2_WARM_UP_SOURCE}
let warm = false;
// The deriving thread loads and warms up as soon as it starts: a derivation asked for later starts at full speed.
sodium.ready.then(() => {
  if (!warm && workerData.warmUp) warmUpArgon2(sodium);
  warm = warm || workerData.warmUp;
});
/** Rows handed over before the key is known (stage), by handle: already on libsodium's heap (place). */
const staged = new Map();
/**
 * Boxes streamed while the rows are still being read (streamBoxes), by handle: one allocation for all of them,
 * filled in order as they arrive; the stage that ends the read takes it over. A stream that could not be
 * allocated, or was sent more than it announced, is broken, and the checks asked for later answer with an error.
 */
const streams = new Map();
// libsodium's own exports, called on its heap: one copy of each input and no allocation per row. The JS
// wrappers allocate, copy and free for every call, which over ten thousand rows costs more than the hashing.
// 64-bit length arguments are passed as (low, high) 32-bit halves, as the wrappers do. lib.HEAPU8 is read anew
// after every _malloc: growing the heap replaces it.
const lib = sodium.libsodium;
const lastEnd = (ends) => (ends.length ? ends[ends.length - 1] : 0);
/**
 * Copies rows onto libsodium's heap in one allocation: boxes (nonce 24 | ciphertext | tag 16, end to end; boxEnds
 * the end of each), their associated data (adEnds) and the seal's row messages (ends). Staged rows are copied as
 * they arrive, while Argon2id still runs in the other thread, so that checking them costs no copy once the key
 * is there. Nothing here is secret (ciphertext and what the file holds), so it is freed without wiping.
 */
function place(rows) {
  if (rows.streamed) return placeAfterStream(rows);
  const boxes = rows.boxes ? new Uint8Array(rows.boxes) : new Uint8Array(0);
  const ads = rows.ads ? new Uint8Array(rows.ads) : new Uint8Array(0);
  const messages = rows.messages ? new Uint8Array(rows.messages) : new Uint8Array(0);
  const boxEnds = rows.boxEnds || new Uint32Array(0), adEnds = rows.adEnds || new Uint32Array(0), ends = rows.ends || new Uint32Array(0);
  const boxBytes = lastEnd(boxEnds), adBytes = lastEnd(adEnds), messageBytes = lastEnd(ends);
  if (boxBytes > boxes.length || adBytes > ads.length || messageBytes > messages.length || boxEnds.length !== adEnds.length) throw new Error('rows');
  const p = lib._malloc(boxBytes + adBytes + messageBytes + 1);
  if (!p) throw new Error('memory');
  lib.HEAPU8.set(boxes.subarray(0, boxBytes), p);
  lib.HEAPU8.set(ads.subarray(0, adBytes), p + boxBytes);
  lib.HEAPU8.set(messages.subarray(0, messageBytes), p + boxBytes + adBytes);
  return { p, boxes: rows.boxes ? p : 0, boxEnds, ads: p + boxBytes, adEnds, messages: rows.messages ? p + boxBytes + adBytes : 0, ends };
}
/** The rows of a stream: its boxes are on the heap already; their ends, associated data and messages go beside. */
function placeAfterStream(rows) {
  const stream = streams.get(rows.handle);
  streams.delete(rows.handle);
  const ads = new Uint8Array(rows.ads), messages = new Uint8Array(rows.messages);
  const boxEnds = rows.boxEnds, adEnds = rows.adEnds, ends = rows.ends;
  const adBytes = lastEnd(adEnds), messageBytes = lastEnd(ends);
  if (!stream || !stream.p || lastEnd(boxEnds) !== stream.at || adBytes > ads.length || messageBytes > messages.length || boxEnds.length !== adEnds.length) {
    if (stream) release(stream);
    throw new Error('rows');
  }
  const q = lib._malloc(adBytes + messageBytes + 1);
  if (!q) {
    release(stream);
    throw new Error('memory');
  }
  lib.HEAPU8.set(ads.subarray(0, adBytes), q);
  lib.HEAPU8.set(messages.subarray(0, messageBytes), q + adBytes);
  return { p: stream.p, q, boxes: stream.p, boxEnds, ads: q, adEnds, messages: q + adBytes, ends };
}
function streamBoxes(msg) {
  let stream = streams.get(msg.handle);
  if (!stream) {
    stream = { p: lib._malloc(msg.boxBytes + 1), at: 0, size: msg.boxBytes };
    streams.set(msg.handle, stream);
  }
  for (const box of msg.boxes) {
    if (!stream.p) return;
    if (stream.at + box.length > stream.size) {
      release(stream);
      return;
    }
    lib.HEAPU8.set(box, stream.p + stream.at);
    stream.at += box.length;
  }
}
function release(region) {
  if (region.p) lib._free(region.p);
  if (region.q) lib._free(region.q);
  region.p = 0;
  region.q = 0;
}
/** The key on the heap, with room after it for a hash; wiped and freed by use()'s end. */
function withKey(key, use) {
  const k = lib._malloc(64);
  if (!k) throw new Error('memory');
  try {
    lib.HEAPU8.set(key, k);
    return use(k);
  } finally {
    lib.HEAPU8.fill(0, k, k + 64);
    lib._free(k);
  }
}
/** Keyed BLAKE2b-256 of each row message, XORed together: the seal's accumulator. */
function accumulate(key, region) {
  const acc = new Uint8Array(32);
  const base = region.messages, ends = region.ends;
  withKey(key, (k) => {
    const out = k + 32;
    for (let i = 0, m = 0; i < ends.length; m = ends[i], i++) {
      if (lib._crypto_generichash(out, 32, base + m, ends[i] - m, 0, k, 32) !== 0) throw new Error('hash');
      const h = lib.HEAPU8.subarray(out, out + 32);
      for (let j = 0; j < 32; j++) acc[j] ^= h[j];
    }
  });
  return acc;
}
/**
 * Indices of the boxes that do not authenticate under key with their associated data.
 * crypto_aead_xchacha20poly1305_ietf_decrypt_detached with a null message pointer checks the tag and returns
 * without decrypting (libsodium: "if (m == NULL) return ret"): no plaintext exists, and the tag is all a
 * verification needs.
 */
function authenticateAll(key, region) {
  const failed = [];
  const boxes = region.boxes, ads = region.ads, boxEnds = region.boxEnds, adEnds = region.adEnds;
  withKey(key, (k) => {
    for (let i = 0, b = 0, a = 0; i < boxEnds.length; b = boxEnds[i], a = adEnds[i], i++) {
      const length = boxEnds[i] - b;
      if (length < NONCE + TAG) {
        failed.push(i);
        continue;
      }
      const c = length - NONCE - TAG;
      const r = lib._crypto_aead_xchacha20poly1305_ietf_decrypt_detached(0, 0, boxes + b + NONCE, c, 0, boxes + b + NONCE + c, ads + a, adEnds[i] - a, 0, boxes + b, k);
      if (r !== 0) failed.push(i);
    }
  });
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
    if (msg.type === 'stream') {
      try {
        streamBoxes(msg);
      } catch {
        // malformed, or no memory: the stream is broken (its stage then fails, and the records are verified in batches)
        const stream = streams.get(msg.handle);
        if (stream) release(stream);
        else streams.set(msg.handle, { p: 0, at: 0, size: 0 });
      }
      return;
    }
    if (msg.type === 'stage') {
      let region = null;
      try {
        region = place(msg);
      } catch {
        // out of memory or malformed: the checks asked for later answer with an error (verified in batches then)
      }
      staged.set(msg.handle, region);
      return;
    }
    // Staged rows are used once each: the row hashes, then the records. A region is let go once nothing more
    // will read it: rows given with the request at the end of it, staged rows once the records were checked.
    const direct = msg.handle === undefined;
    const last = direct || msg.type !== 'accumulate';
    let region = null;
    let reply;
    try {
      region = direct ? place(msg) : staged.get(msg.handle);
      if (!direct && last) staged.delete(msg.handle);
      if (!region) throw new Error('no rows');
      if (msg.type === 'accumulate') {
        if (!region.messages) throw new Error('no rows');
        const acc = accumulate(msg.key, region);
        region.messages = 0;
        reply = [{ id: msg.id, acc }, [acc.buffer]];
      } else {
        if (!region.boxes) throw new Error('no rows');
        reply = [{ id: msg.id, failed: Uint32Array.from(authenticateAll(msg.key, region)) }, []];
      }
    } catch {
      reply = [{ id: msg.id, error: msg.type }, []];
    } finally {
      msg.key.fill(0);
      if (region && last) release(region);
    }
    parentPort.postMessage(reply[0], reply[1]);
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

/**
 * Boxes handed to the verifier while the rows are still being read (UnlockWorker.streamBoxes), in row order:
 * each is moved (its buffer transferred, as SQLite returned it), so the reading thread copies nothing, and the
 * verifier places them on its heap while the reading goes on. UnlockWorker.stage with the same stream then
 * hands over their ends, associated data and row messages.
 */
export interface BoxStream {
  readonly handle: number;
  /** The boxes' buffers are detached here (moved to the verifier). */
  add(boxes: readonly Uint8Array[]): void;
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
  /** Argon2id in libsodium: started at once where the native derivation is not available, else only if it fails. */
  private deriver: Worker | null = null;
  private readonly native = nativeArgon2();
  /** The row hashes and the tag checks, on rows staged into its heap while the deriver still runs; started by the first stage or check. */
  private verifier: Worker | null = null;
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
    if (!this.native) this.deriver = this.spawn(true);
  }

  /**
   * One thread running WORKER_SOURCE. The verifier is not the deriver: the rows reach it while Argon2id still
   * runs, so they are on its heap before the key exists; and the deriver's 256 MiB, which one thread would have
   * carried to the end, leave with it.
   */
  private spawn(warmUp: boolean): Worker {
    const compileCache = (nodeModule as { getCompileCacheDir?: () => string | undefined }).getCompileCacheDir?.();
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sodiumPath, compileCache, warmUp } });
    // Never keeps a process alive on its own: whoever waits for an answer holds a promise, not the thread.
    worker.unref();
    worker.on('message', (reply: Reply) => {
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
    worker.on('error', () => fail(new VaultError('internal', 'The unlock worker stopped with an error (most likely out of memory).')));
    worker.on('exit', () => fail(new VaultError('internal', 'The unlock worker stopped.')));
    return worker;
  }

  private get checker(): Worker {
    return (this.verifier ??= this.spawn(false));
  }

  /**
   * Starts the verifying thread now (it would start with the first stage), so that its boot overlaps the
   * reading of the rows rather than following it: with a short key derivation nothing else hides it.
   */
  startVerifier(): void {
    if (!this.ended) void this.checker;
  }

  /**
   * Test hook: sees each copy of a passphrase or key made for a worker, before it is sent. Once sent the copy is
   * transferred (detached here, zeroed by the worker); if it cannot be sent it is zeroed here.
   */
  static onSecretCopy: ((copy: Uint8Array) => void) | null = null;

  /** A copy of a secret for a worker, in its own ArrayBuffer (so that transferring it moves nothing else). */
  private static secretCopy(bytes: Uint8Array): Uint8Array {
    const copy = Uint8Array.from(bytes);
    UnlockWorker.onSecretCopy?.(copy);
    return copy;
  }

  /**
   * `secrets`: copies of a passphrase or key in the message; they are transferred with it, so no copy stays on
   * this thread, and zeroed if the message cannot be sent.
   */
  private ask(worker: Worker, message: Record<string, unknown>, transfer: ArrayBuffer[], secrets: Uint8Array[] = []): Promise<Reply> {
    if (this.ended) {
      for (const secret of secrets) secret.fill(0);
      return Promise.reject(this.ended);
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      try {
        worker.postMessage({ ...message, id }, [...transfer, ...secrets.map((secret) => secret.buffer as ArrayBuffer)]);
      } catch (err) {
        for (const secret of secrets) if (secret.byteLength > 0) secret.fill(0);
        this.waiting.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Argon2id with the header's parameters; bounds are checked first, as for every derivation. */
  async derive(passphrase: Uint8Array, salt: Uint8Array, params: KdfParams): Promise<Uint8Array> {
    checkKdfParams(params);
    if (salt.length !== SALT_BYTES) throw new VaultError('not-a-vault', 'The vault header has a malformed salt.');
    if (this.native && !this.ended) {
      this.noteStarted();
      const key = await deriveNatively(this.native, passphrase, salt, params);
      if (key && this.ended) key.fill(0); // closed meanwhile: nobody will wipe it
      if (this.ended) throw this.ended;
      if (key) return key;
      // Refused by the native code: libsodium decides (and says what went wrong if it fails too).
    }
    if (this.ended) throw this.ended;
    this.deriver ??= this.spawn(true);
    // The copy is transferred and zeroed by the worker; the caller keeps and wipes its own.
    const copy = UnlockWorker.secretCopy(passphrase);
    const reply = await this.ask(this.deriver, { type: 'derive', passphrase: copy, salt, opsLimit: params.opsLimit, memLimit: params.memLimitKiB * 1024 }, [], [copy]);
    if (!reply.key) {
      throw new VaultError(
        'internal',
        `Key derivation failed, most likely because this computer could not provide the ${Math.round(params.memLimitKiB / 1024)} MiB of memory it needs. Close other programs and try again; nothing was changed.`,
      );
    }
    return new Uint8Array(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength);
  }

  /**
   * Hands rows (ciphertext and what the seal hashes: nothing readable without the key) to the verifying thread
   * now, moved rather than copied. Posted while Argon2id runs in the other thread, they are on the verifier's
   * heap before the key exists, and it starts on them the moment the key is there.
   */
  stage(boxes: PackedBoxes, messages: PackedMessages, stream?: BoxStream): StagedRows {
    if (this.ended) throw this.ended;
    if (stream) {
      // The boxes are there already; boxes.boxes is not sent.
      const { boxEnds, ads, adEnds } = boxes;
      this.checker.postMessage({ type: 'stage', handle: stream.handle, streamed: true, boxEnds, ads, adEnds, ...messages }, [ads, messages.messages]);
      return { handle: stream.handle };
    }
    const handle = this.nextId++;
    this.checker.postMessage({ type: 'stage', handle, ...boxes, ...messages }, [boxes.boxes, boxes.ads, messages.messages]);
    return { handle };
  }

  /**
   * Starts moving boxes to the verifier as they are read: `boxBytes` is their total (the heap it reserves);
   * stage(…, stream) ends the stream. Boxes whose buffer holds anything else are copied rather than moved.
   */
  streamBoxes(boxBytes: number): BoxStream | null {
    if (this.ended) return null;
    const handle = this.nextId++;
    const checker = this.checker;
    return {
      handle,
      add: (boxes) => {
        const transfer: ArrayBuffer[] = [];
        const sent = boxes.map((b) => {
          const own = b.byteOffset === 0 && b.buffer instanceof ArrayBuffer && b.byteLength === b.buffer.byteLength ? b : b.slice();
          transfer.push(own.buffer as ArrayBuffer);
          return own;
        });
        checker.postMessage({ type: 'stream', handle, boxBytes, boxes: sent }, transfer);
      },
    };
  }

  /**
   * Indices of the boxes that do not authenticate under `key` with their associated data. The packed buffers
   * are handed over (transferred) to the worker, or were staged; the key is copied, the copy transferred and zeroed there.
   */
  async authenticate(key: Uint8Array, rows: PackedBoxes | StagedRows): Promise<Uint32Array> {
    const copy = UnlockWorker.secretCopy(key);
    const reply = await this.ask(this.checker, { type: 'authenticate', key: copy, ...rows }, 'boxes' in rows ? [rows.boxes, rows.ads] : [], [copy]);
    if (!reply.failed) throw new VaultError('internal', 'The unlock worker gave no answer.');
    return reply.failed;
  }

  /**
   * XOR of keyed BLAKE2b-256(key, message) over the messages: the seal's accumulator (format.ts rowHash) of the
   * rows read ahead. The messages are handed over, or were staged; the key is copied, the copy transferred and zeroed there.
   */
  async accumulate(key: Uint8Array, rows: PackedMessages | StagedRows): Promise<Uint8Array> {
    const copy = UnlockWorker.secretCopy(key);
    const reply = await this.ask(this.checker, { type: 'accumulate', key: copy, ...rows }, 'messages' in rows ? [rows.messages] : [], [copy]);
    if (!reply.acc) throw new VaultError('internal', 'The unlock worker gave no answer.');
    return reply.acc;
  }

  /** Ends the thread; pending requests are rejected. Safe to call twice. */
  close(): void {
    this.ended ??= new VaultError('internal', 'The unlock worker was closed.');
    void this.deriver?.terminate();
    void this.verifier?.terminate();
  }
}
