/**
 * The passphrase and key copies the command line's unlock sends to its worker threads leave nothing on the main
 * thread: each is transferred (detached here) or zeroed; and a key derived early and then not used is zeroed.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { passphraseBytes } from '../../src/core/crypto/kdf';
import { UnlockWorker } from '../../src/core/crypto/unlock-worker';
import { prepareUnlock } from '../../src/core/vault/prepared-unlock';
import { RecordStore } from '../../src/core/vault/store';
import { cheapService, errorCode, removeDir, tempDir } from '../fixtures/vault-helpers';

// The libsodium worker derives (the native Argon2id would not use a thread); read when the first worker starts.
process.env.FIELDVAULT_NATIVE_ARGON2 = '0';

const PASS = 'worker secrets test passphrase';
let dir = '';
let vault = '';
let copies: Uint8Array[] = [];

beforeAll(async () => {
  dir = tempDir();
  vault = join(dir, 'vault');
  const svc = cheapService();
  await svc.create(vault, PASS);
  svc.createInterview({ title: 'One', body: 'notes' });
  svc.lock();
  UnlockWorker.onSecretCopy = (copy) => copies.push(copy);
});
afterEach(() => {
  copies = [];
});
afterAll(() => {
  UnlockWorker.onSecretCopy = null;
  removeDir(dir);
});

const gone = (copy: Uint8Array) => copy.byteLength === 0 || copy.every((b) => b === 0);

describe('secrets sent to the unlock worker', () => {
  it('an unlock reading ahead: the passphrase copy and both key copies are detached or zero on this thread', async () => {
    const store = await RecordStore.open(vault, passphraseBytes(PASS), { readAhead: true });
    await store.takeVerification();
    store.close();
    // derive (passphrase), accumulate (row-hash key), authenticate (records key)
    expect(copies.length).toBeGreaterThanOrEqual(3);
    for (const copy of copies) expect(gone(copy)).toBe(true);
  });

  it('a copy that cannot be sent (the worker was closed) is zeroed', async () => {
    const worker = new UnlockWorker();
    worker.close();
    const secret = new Uint8Array(32).fill(7);
    expect(await errorCode(() => worker.accumulate(secret, { messages: new ArrayBuffer(0), ends: new Uint32Array(0) }))).toBe('internal');
    expect(copies).toHaveLength(1);
    expect(gone(copies[0]!)).toBe(true);
    expect(secret.every((b) => b === 7)).toBe(true); // the caller's own array is the caller's to wipe
  });

  it('a key derived early for another passphrase, then not used, is zeroed when it arrives', async () => {
    const prepared = prepareUnlock(vault, 'not the passphrase at all')!;
    let early: Uint8Array | null = null;
    const derivation = prepared.derivation.then((k) => (early = k));
    // Its answer is awaited before the open, so it is there and would otherwise stay in memory.
    await derivation;
    const store = await RecordStore.open(vault, passphraseBytes(PASS), { prepared });
    store.close();
    expect(early).not.toBeNull();
    expect(early!.every((b) => b === 0)).toBe(true);
  });
});
