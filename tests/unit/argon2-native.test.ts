/**
 * The command line derives the key with native Argon2id (@node-rs/argon2) where it loads. A vault made by the
 * app (libsodium) must open with it and the other way round, so the two must agree byte for byte on every
 * parameter set a header may carry; where the native code refuses, libsodium derives instead.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deriveNatively, nativeArgon2 } from '../../src/core/crypto/argon2-native';
import { deriveKek, passphraseBytes } from '../../src/core/crypto/kdf';
import { loadSodium } from '../../src/core/crypto/sodium';
import { UnlockWorker } from '../../src/core/crypto/unlock-worker';

const native = nativeArgon2();
// The package ships binaries for Linux, macOS and Windows on x64 and arm64; elsewhere libsodium derives (and
// the comparison has nothing to compare). On the machines this project is built and tested on it must load.
const hasBinary = ['linux', 'darwin', 'win32'].includes(process.platform) && ['x64', 'arm64'].includes(process.arch);

describe('native Argon2id', () => {
  it('loads on this platform', () => {
    if (!hasBinary) return;
    expect(native).not.toBeNull();
  });

  it.skipIf(native === null)('gives the key libsodium gives, for every kind of passphrase, salt and parameters', async () => {
    const sodium = await loadSodium();
    const cases = [
      { pass: 'correct horse battery staple — бенчмарк 2025', ops: 3, memKiB: 8 * 1024 },
      { pass: 'a', ops: 1, memKiB: 8 * 1024 },
      { pass: 'Айгүль Асанова 🙂 Ωmega', ops: 2, memKiB: 64 * 1024 },
      { pass: 'x'.repeat(1000), ops: 4, memKiB: 9 * 1024 + 3 },
    ];
    for (const c of cases) {
      const salt = sodium.randombytes_buf(16);
      const expected = deriveKek(sodium, passphraseBytes(c.pass), salt, { opsLimit: c.ops, memLimitKiB: c.memKiB });
      const got = await deriveNatively(native!, passphraseBytes(c.pass), salt, { opsLimit: c.ops, memLimitKiB: c.memKiB });
      expect(got && Buffer.from(got).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
    }
  });

  it.skipIf(native === null)('leaves the caller’s passphrase alone and answers null (not a throw) when the native code refuses', async () => {
    const pass = passphraseBytes('refused');
    // Fewer than 8 KiB per lane: Argon2 itself has no such memory size (checkKdfParams never lets one through).
    expect(await deriveNatively(native!, pass, new Uint8Array(16), { opsLimit: 1, memLimitKiB: 1 })).toBeNull();
    expect(Buffer.from(pass).toString('utf8')).toBe('refused');
  });

  it('UnlockWorker derives the same key natively and with libsodium alone (FIELDVAULT_NATIVE_ARGON2=0)', async () => {
    const sodium = await loadSodium();
    const salt = new Uint8Array(16).fill(9);
    const params = { opsLimit: 2, memLimitKiB: 8 * 1024 };
    const expected = Buffer.from(deriveKek(sodium, passphraseBytes('same key'), salt, params)).toString('hex');
    const worker = new UnlockWorker();
    try {
      const started = worker.derivationStarted;
      expect(Buffer.from(await worker.derive(passphraseBytes('same key'), salt, params)).toString('hex')).toBe(expected);
      await started; // resolved by either path
    } finally {
      worker.close();
    }
    // In a fresh process with the native code turned off: the libsodium thread.
    // (A file rather than -e: --input-type=module would pass on to the worker's CommonJS source.)
    const dir = mkdtempSync(join(tmpdir(), 'fieldvault-argon2-'));
    const file = join(dir, 'derive.mts');
    writeFileSync(
      file,
      `
      const { UnlockWorker } = await import(${JSON.stringify(pathToFileURL(resolve('src/core/crypto/unlock-worker.ts')).href)});
      const { nativeArgon2 } = await import(${JSON.stringify(pathToFileURL(resolve('src/core/crypto/argon2-native.ts')).href)});
      const w = new UnlockWorker();
      const key = await w.derive(new TextEncoder().encode('same key'), new Uint8Array(16).fill(9), ${JSON.stringify(params)});
      w.close();
      console.log(JSON.stringify({ native: nativeArgon2() !== null, key: Buffer.from(key).toString('hex') }));`,
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', env: { ...process.env, FIELDVAULT_NATIVE_ARGON2: '0' } });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ native: false, key: expected });
  });

  it('a closed UnlockWorker derives nothing', async () => {
    const worker = new UnlockWorker();
    worker.close();
    await expect(worker.derive(passphraseBytes('closed'), new Uint8Array(16), { opsLimit: 1, memLimitKiB: 8 * 1024 })).rejects.toThrow(/closed/);
  });
});
