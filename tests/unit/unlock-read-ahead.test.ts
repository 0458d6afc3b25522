/**
 * The command line's unlock: Argon2id starts in a worker before the core loads (prepareUnlock), every row is
 * read while it runs, and the same worker authenticates every record while the session loads. It must agree
 * with libsodium on every box, find what the batched check finds (tamper.test.ts compares whole reports), and
 * never use a derivation made for another header or passphrase.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, seal } from '../../src/core/crypto/aead';
import { deriveKek, passphraseBytes } from '../../src/core/crypto/kdf';
import { loadSodium } from '../../src/core/crypto/sodium';
import { UnlockWorker } from '../../src/core/crypto/unlock-worker';
import { rowMessage } from '../../src/core/vault/format';
import { vaultPaths } from '../../src/core/vault/layout';
import { prepareUnlock } from '../../src/core/vault/prepared-unlock';
import { readAllRows } from '../../src/core/vault/read-ahead';
import { RecordStore } from '../../src/core/vault/store';
import { CHEAP_KDF, cheapService, copyVault, errorCode, removeDir, tempDir } from '../fixtures/vault-helpers';

const PASS = 'read-ahead test passphrase';
const dirs: string[] = [];
let base = '';

/** Byte strings end to end, with the end offset of each. */
function packBytes(items: readonly Uint8Array[]) {
  const bytes = new Uint8Array(items.reduce((n, i) => n + i.length, 0));
  const ends = new Uint32Array(items.length);
  let o = 0;
  items.forEach((item, i) => {
    bytes.set(item, o);
    o += item.length;
    ends[i] = o;
  });
  return { bytes: bytes.buffer, ends };
}

function pack(items: readonly { box: Uint8Array; ad: Uint8Array }[]) {
  const ads = packBytes(items.map((i) => i.ad));
  const boxes = packBytes(items.map((i) => i.box));
  return { boxes: boxes.bytes, boxEnds: boxes.ends, ads: ads.bytes, adEnds: ads.ends };
}

function copy(): string {
  const c = copyVault(base);
  dirs.push(join(c, '..'));
  return c;
}

beforeAll(async () => {
  const dir = tempDir();
  dirs.push(dir);
  base = join(dir, 'vault');
  const svc = cheapService();
  await svc.create(base, PASS);
  for (let i = 0; i < 30; i++) svc.createInterview({ title: `Interview ${i}`, body: `Notes ${i} `.repeat(50 + i * 40) });
  svc.createPerson({ pseudonym: 'Witness A' });
  svc.lock();
});

afterAll(() => dirs.forEach(removeDir));

describe('the unlock worker', () => {
  it('authenticates exactly the boxes libsodium opens: intact, flipped anywhere, wrong associated data, truncated', async () => {
    const sodium = await loadSodium();
    const key = sodium.randombytes_buf(32);
    const items: { box: Uint8Array; ad: Uint8Array }[] = [];
    for (let i = 0; i < 40; i++) {
      const ad = sodium.randombytes_buf(1 + (i % 50));
      const box = seal(sodium, key, sodium.randombytes_buf(i * 37), ad);
      if (i % 4 === 1) box[i % box.length]! ^= 0x01; // nonce, body or tag
      if (i % 4 === 2) ad[0]! ^= 0x80;
      items.push({ box: i % 4 === 3 && i > 30 ? box.subarray(0, 39) : box, ad });
    }
    items.push({ box: new Uint8Array(0), ad: new Uint8Array(0) });
    const expected = items.flatMap((it, i) => (open(sodium, key, it.box, it.ad) === null ? [i] : []));
    const worker = new UnlockWorker();
    try {
      const failed = await worker.authenticate(key, pack(items));
      expect(Array.from(failed)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(20);
      // The caller's key is untouched (the worker zeroes its own copy).
      expect(key.some((b) => b !== 0)).toBe(true);
    } finally {
      worker.close();
    }
  });

  it('accumulates the seal’s row hashes exactly as the store does', async () => {
    const sodium = await loadSodium();
    const key = sodium.randombytes_buf(32);
    const messages = Array.from({ length: 300 }, (_, i) => rowMessage(sodium.randombytes_buf(16), 1 + (i % 7), 1 + i * 13));
    const expected = new Uint8Array(32);
    for (const m of messages) sodium.crypto_generichash(32, m, key).forEach((b, k) => (expected[k]! ^= b));
    const packed = packBytes(messages);
    const worker = new UnlockWorker();
    try {
      const acc = await worker.accumulate(key, { messages: packed.bytes, ends: packed.ends });
      expect(Buffer.from(acc)).toEqual(Buffer.from(expected));
    } finally {
      worker.close();
    }
  });

  it('gives the same verdicts for rows staged before the key, while a derivation runs, and uses a staged set once', async () => {
    const sodium = await loadSodium();
    const key = sodium.randombytes_buf(32);
    const items = Array.from({ length: 30 }, (_, i) => {
      const ad = sodium.randombytes_buf(8);
      const box = seal(sodium, key, sodium.randombytes_buf(100 + i), ad);
      if (i % 5 === 2) box[30]! ^= 0x04;
      return { box, ad };
    });
    const messages = items.map((_, i) => rowMessage(sodium.randombytes_buf(16), 1, i + 1));
    const expectedAcc = new Uint8Array(32);
    for (const m of messages) sodium.crypto_generichash(32, m, key).forEach((b, k) => (expectedAcc[k]! ^= b));
    const packedMessages = packBytes(messages);
    const worker = new UnlockWorker();
    try {
      // Staged while the worker is busy deriving, as unlock does: the bytes leave this thread at once.
      const deriving = worker.derive(passphraseBytes('x'), sodium.randombytes_buf(16), CHEAP_KDF);
      const boxes = pack(items);
      const staged = worker.stage(boxes, { messages: packedMessages.bytes, ends: packedMessages.ends });
      expect(boxes.boxes.byteLength).toBe(0);
      await deriving;
      expect(Buffer.from(await worker.accumulate(key, staged))).toEqual(Buffer.from(expectedAcc));
      expect(Array.from(await worker.authenticate(key, staged))).toEqual([2, 7, 12, 17, 22, 27]);
      // Used up: a second request for the same rows is an error, never a verdict on nothing.
      await expect(worker.authenticate(key, staged)).rejects.toThrow();
      await expect(worker.accumulate(key, staged)).rejects.toThrow();
    } finally {
      worker.close();
    }
  });

  it('gives the same verdicts for boxes streamed as they are read (moved, not copied), and none for a broken stream', async () => {
    const sodium = await loadSodium();
    const key = sodium.randombytes_buf(32);
    const items = Array.from({ length: 700 }, (_, i) => {
      const ad = sodium.randombytes_buf(8);
      const box = seal(sodium, key, sodium.randombytes_buf(1 + ((i * 53) % 900)), ad);
      if (i % 97 === 5) box[box.length - 3]! ^= 0x10;
      return { box, ad };
    });
    const expected = items.flatMap((it, i) => (open(sodium, key, it.box, it.ad) === null ? [i] : []));
    const messages = items.map((_, i) => rowMessage(sodium.randombytes_buf(16), 1, i + 1));
    const expectedAcc = new Uint8Array(32);
    for (const m of messages) sodium.crypto_generichash(32, m, key).forEach((b, k) => (expectedAcc[k]! ^= b));
    const packedMessages = () => {
      const p = packBytes(messages);
      return { messages: p.bytes, ends: p.ends };
    };
    const total = items.reduce((n, it) => n + it.box.length, 0);
    const worker = new UnlockWorker();
    try {
      const stream = worker.streamBoxes(total)!;
      const own = items.map((it) => Uint8Array.from(it.box));
      // In groups, as readAllRows sends them; one box is a view into a larger buffer (copied, not moved).
      const shared = new Uint8Array(own[10]!.length + 5);
      shared.set(own[10]!, 5);
      own[10] = shared.subarray(5);
      for (let i = 0; i < own.length; i += 256) stream.add(own.slice(i, i + 256));
      expect(own[0]!.length).toBe(0); // moved
      expect(shared.length).toBe(items[10]!.box.length + 5); // copied: the caller's buffer is left alone
      const boxes = pack(items);
      const staged = worker.stage({ ...boxes, boxes: new ArrayBuffer(0) }, packedMessages(), stream);
      expect(Buffer.from(await worker.accumulate(key, staged))).toEqual(Buffer.from(expectedAcc));
      expect(Array.from(await worker.authenticate(key, staged))).toEqual(expected);
      expect(expected.length).toBeGreaterThan(5);

      // A stream sent more than it announced (or whose ends do not add up) gives an error, never a verdict.
      const over = worker.streamBoxes(10)!;
      over.add([Uint8Array.from(items[0]!.box)]);
      const one = pack(items.slice(0, 1));
      const broken = worker.stage({ ...one, boxes: new ArrayBuffer(0) }, packedMessages(), over);
      await expect(worker.authenticate(key, broken)).rejects.toThrow();
      // No boxes at all (an empty vault): the one empty group makes the stream, and the answer is no failures.
      const none = worker.streamBoxes(0)!;
      none.add([]);
      const nothing = worker.stage({ ...pack([]), boxes: new ArrayBuffer(0) }, { messages: new ArrayBuffer(0), ends: new Uint32Array(0) }, none);
      expect(Array.from(await worker.authenticate(key, nothing))).toEqual([]);
      const short = worker.streamBoxes(total)!;
      short.add(items.slice(0, 3).map((it) => Uint8Array.from(it.box)));
      const cut = worker.stage({ ...pack(items), boxes: new ArrayBuffer(0) }, packedMessages(), short);
      await expect(worker.accumulate(key, cut)).rejects.toThrow();
    } finally {
      worker.close();
    }
  });

  it('derives the same key as libsodium on this thread, and refuses hostile parameters before any work', async () => {
    const sodium = await loadSodium();
    const salt = sodium.randombytes_buf(16);
    const worker = new UnlockWorker();
    try {
      const key = await worker.derive(passphraseBytes('пароль'), salt, CHEAP_KDF);
      expect(Buffer.from(key)).toEqual(Buffer.from(deriveKek(sodium, passphraseBytes('пароль'), salt, CHEAP_KDF)));
      expect(await errorCode(() => worker.derive(passphraseBytes('x'), salt, { opsLimit: 1, memLimitKiB: 64 * 1024 * 1024 }))).toBe('unsupported-kdf');
    } finally {
      worker.close();
    }
    expect(await errorCode(() => worker.derive(passphraseBytes('x'), salt, CHEAP_KDF))).toBe('internal');
  });
});

describe('reading ahead', () => {
  it('reads every row with its associated data, and not at all above the limit', async () => {
    const db = new Database(vaultPaths(base).database, { readonly: true });
    try {
      const count = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
      const rows = readAllRows(db, new Uint8Array(16));
      expect(rows?.scan.rows.size).toBe(count);
      expect(rows?.scan.unaccounted).toEqual([]);
      expect(rows?.ids.length).toBe(count);
      expect(rows?.packed.boxEnds).toHaveLength(count);
      // Every box end to end, exactly as stored, in one buffer.
      const stored = db.prepare('SELECT box FROM records').raw(true).all() as [Buffer][];
      const total = stored.reduce((n, [b]) => n + b.length, 0);
      expect(rows?.packed.boxEnds[count - 1]).toBe(total);
      expect(Buffer.from(rows!.packed.boxes).subarray(0, total)).toEqual(Buffer.concat(stored.map(([b]) => b)));
      expect(rows?.packed.adEnds).toHaveLength(count);
      expect(rows?.streamed).toBeNull();
      expect(readAllRows(db, new Uint8Array(16), 1000)).toBeNull();
      // Streamed: the same boxes leave in row order, in groups, and the ends still count every byte (a moved
      // box reads as empty afterwards, so its length must be taken before it leaves).
      const sent: Buffer[] = [];
      const streamed = readAllRows(db, new Uint8Array(16), undefined, (bytes) => {
        expect(bytes).toBe(total);
        return { handle: 0, add: (boxes) => boxes.forEach((b) => sent.push(Buffer.from(structuredClone(b, { transfer: [b.buffer as ArrayBuffer] })))) };
      }, 7);
      expect(streamed?.packed.boxes.byteLength).toBe(0);
      expect(streamed?.packed.boxEnds[count - 1]).toBe(total);
      expect(Buffer.concat(sent)).toEqual(Buffer.concat(stored.map(([b]) => b)));
    } finally {
      db.close();
    }
  });

  it('finds a damaged record and an unknown kind through the worker', async () => {
    const vault = copy();
    const db = new Database(vaultPaths(vault).database);
    const [a, b] = db.prepare('SELECT id FROM records ORDER BY id LIMIT 2').all() as { id: Buffer }[];
    const box = (db.prepare('SELECT box FROM records WHERE id = ?').get(a!.id) as { box: Buffer }).box;
    box[30]! ^= 0x01;
    db.prepare('UPDATE records SET box = ? WHERE id = ?').run(box, a!.id);
    db.prepare('UPDATE records SET kind = 99 WHERE id = ?').run(b!.id);
    db.close();
    const store = await RecordStore.open(vault, passphraseBytes(PASS), { readAhead: true });
    try {
      const verdicts = store.takeVerification();
      expect(verdicts).not.toBeNull();
      expect(store.takeVerification()).toBeNull(); // taken once
      const damaged = await verdicts!;
      expect(damaged.map((d) => d.id).sort()).toEqual([a!.id.toString('hex'), b!.id.toString('hex')].sort());
    } finally {
      store.close();
    }
  });

  it('if the worker stops after the key, the scan hashes the rows itself and the seal still matches', async () => {
    const vault = copy();
    const prepared = prepareUnlock(vault, PASS)!;
    const store = await RecordStore.open(vault, passphraseBytes(PASS), { prepared });
    try {
      prepared.worker.close(); // as if it ran out of memory before its answers came
      const verdicts = store.takeVerification();
      await store.scanReady();
      const scan = store.scanRows();
      expect(scan.sealIntact).toBe(true);
      expect(scan.unaccounted).toEqual([]);
      await expect(verdicts).rejects.toThrow(); // the session then verifies in batches
    } finally {
      store.close();
    }
  });

  it('without readAhead there is nothing to take; the batched check runs as before', async () => {
    const store = await RecordStore.open(copy(), passphraseBytes(PASS));
    try {
      expect(store.takeVerification()).toBeNull();
    } finally {
      store.close();
    }
  });
});

describe('a key derivation started early', () => {
  it('opens the vault it was made for', async () => {
    const vault = copy();
    const svc = cheapService();
    const report = await svc.unlock(vault, PASS, { readAhead: true, prepared: prepareUnlock(vault, PASS) ?? undefined });
    expect(report.damaged).toEqual([]);
    expect((await svc.verify()).verified).toBe(true);
    expect(svc.listInterviews()).toHaveLength(30);
    svc.lock();
  });

  it('is not used for another passphrase: the wrong one is refused, the right one opens', async () => {
    const vault = copy();
    const wrong = prepareUnlock(vault, 'not the passphrase');
    expect(await errorCode(() => cheapService().unlock(vault, PASS + 'x', { prepared: wrong ?? undefined }))).toBe('wrong-passphrase');
    // Made with the wrong passphrase, given with the right one: derived again, and it opens.
    const svc = cheapService();
    await svc.unlock(vault, PASS, { prepared: prepareUnlock(vault, 'not the passphrase') ?? undefined });
    expect((await svc.verify()).damaged).toEqual([]);
    svc.lock();
  });

  it('is not used when the header changed after it was made (a passphrase change in between)', async () => {
    const vault = copy();
    const early = prepareUnlock(vault, PASS);
    expect(early).not.toBeNull();
    const other = cheapService();
    await other.unlock(vault, PASS);
    await other.changePassphrase(PASS, 'a new passphrase for the read-ahead test');
    other.lock();
    // The early derivation used the old header's salt: it must not be taken for the new header's key.
    expect(await errorCode(() => cheapService().unlock(vault, PASS, { prepared: early ?? undefined }))).toBe('wrong-passphrase');
    const svc = cheapService();
    await svc.unlock(vault, 'a new passphrase for the read-ahead test', { prepared: prepareUnlock(vault, 'a new passphrase for the read-ahead test') ?? undefined });
    expect((await svc.verify()).damaged).toEqual([]);
    svc.lock();
  });

  it('is null for a folder that is not a vault (open then says what is wrong)', async () => {
    const dir = tempDir();
    dirs.push(dir);
    expect(prepareUnlock(dir, PASS)).toBeNull();
    expect(await errorCode(() => cheapService().unlock(dir, PASS, { readAhead: true }))).not.toBe('internal');
    // A worker started beforehand (the command line starts it before asking for the passphrase) is closed.
    const early = new UnlockWorker();
    expect(prepareUnlock(dir, PASS, early)).toBeNull();
    expect(await errorCode(() => early.derive(passphraseBytes('x'), new Uint8Array(16), CHEAP_KDF))).toBe('internal');
  });

  it('uses a worker started beforehand', async () => {
    const vault = copy();
    const early = new UnlockWorker();
    const prepared = prepareUnlock(vault, PASS, early)!;
    expect(prepared.worker).toBe(early);
    const store = await RecordStore.open(vault, passphraseBytes(PASS), { prepared });
    store.close();
  });
});
