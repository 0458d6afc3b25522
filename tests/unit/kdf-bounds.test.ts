/** KDF parameter bounds: a forged header can neither make unlock hash for hours nor talk it down to cheap params. */
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkKdfParams, deriveKek, KDF_BOUNDS } from '../../src/core/crypto/kdf';
import { loadSodium } from '../../src/core/crypto/sodium';
import { decodeHeader, encodeHeader, HEADER_BYTES, readHeaderFile } from '../../src/core/vault/header';
import { vaultPaths } from '../../src/core/vault/layout';
import { cheapService, errorCode, errorCodeSync, removeDir, tempDir } from '../fixtures/vault-helpers';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});

describe('checkKdfParams', () => {
  it('accepts the bounds themselves and the defaults', () => {
    expect(() => checkKdfParams({ opsLimit: 1, memLimitKiB: 8192 })).not.toThrow();
    expect(() => checkKdfParams({ opsLimit: 10, memLimitKiB: 1024 * 1024 })).not.toThrow();
    expect(() => checkKdfParams({ opsLimit: 3, memLimitKiB: 256 * 1024 })).not.toThrow();
    expect(KDF_BOUNDS).toEqual({ minOps: 1, maxOps: 10, minMemKiB: 8192, maxMemKiB: 1048576 });
  });

  const bad: [string, number, number][] = [
    ['ops 0', 0, 8192],
    ['ops 11', 11, 8192],
    ['ops negative', -1, 8192],
    ['ops 2^32-1', 2 ** 32 - 1, 8192],
    ['ops non-integer', 1.5, 8192],
    ['ops NaN', Number.NaN, 8192],
    ['ops Infinity', Number.POSITIVE_INFINITY, 8192],
    ['mem 8 MiB - 1 KiB', 1, 8191],
    ['mem 0', 1, 0],
    ['mem 1 GiB + 1 KiB', 1, 1024 * 1024 + 1],
    ['mem 2 GiB', 1, 2 * 1024 * 1024],
    ['mem 2^31 KiB', 1, 2 ** 31],
    ['mem non-integer', 1, 8192.5],
    ['mem NaN', 1, Number.NaN],
  ];
  for (const [name, ops, mem] of bad) {
    it(`rejects ${name} with unsupported-kdf`, () => {
      expect(errorCodeSync(() => checkKdfParams({ opsLimit: ops, memLimitKiB: mem }))).toBe('unsupported-kdf');
    });
  }

  it('deriveKek checks the bounds before hashing (cheap params are refused, not hashed)', async () => {
    const sodium = await loadSodium();
    const salt = new Uint8Array(16);
    expect(errorCodeSync(() => deriveKek(sodium, new Uint8Array([1]), salt, { opsLimit: 1, memLimitKiB: 64 }))).toBe('unsupported-kdf');
    expect(errorCodeSync(() => deriveKek(sodium, new Uint8Array([1]), new Uint8Array(8), { opsLimit: 1, memLimitKiB: 8192 }))).toBe(
      'not-a-vault',
    );
  });
});

describe('headers with out-of-bounds KDF parameters', () => {
  async function vaultWithHeader(patch: (view: DataView) => void): Promise<string> {
    const dir = tempDir();
    dirs.push(dir);
    const svc = cheapService();
    await svc.create(`${dir}/v`, 'a long enough passphrase');
    svc.lock();
    const paths = vaultPaths(`${dir}/v`);
    const bytes = readHeaderFile(paths.header);
    patch(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    writeFileSync(paths.header, bytes);
    return `${dir}/v`;
  }

  it('decodeHeader throws unsupported-kdf for memory 2^31 KiB, and does so without hashing (fast)', async () => {
    const path = await vaultWithHeader((v) => v.setUint32(36, 2 ** 31));
    const bytes = readHeaderFile(vaultPaths(path).header);
    const t0 = performance.now();
    expect(errorCodeSync(() => decodeHeader(bytes))).toBe('unsupported-kdf');
    expect(performance.now() - t0).toBeLessThan(50);
  });

  const cases: [string, (v: DataView) => void][] = [
    ['memory 2^31 KiB', (v) => v.setUint32(36, 2 ** 31)],
    ['memory 0xffffffff KiB', (v) => v.setUint32(36, 0xffffffff)],
    ['memory 1 KiB (a downgrade)', (v) => v.setUint32(36, 1)],
    ['ops 0xffffffff', (v) => v.setUint32(32, 0xffffffff)],
    ['ops 0', (v) => v.setUint32(32, 0)],
    ['ops 11', (v) => v.setUint32(32, 11)],
    ['algorithm 1 (Argon2i)', (v) => v.setUint8(28, 1)],
  ];
  for (const [name, patch] of cases) {
    it(`unlock refuses a header with ${name} quickly with unsupported-kdf`, async () => {
      const path = await vaultWithHeader(patch);
      const svc = cheapService();
      const t0 = performance.now();
      expect(await errorCode(() => svc.unlock(path, 'a long enough passphrase'))).toBe('unsupported-kdf');
      // Even a cheap Argon2id run at 8 MiB costs more than this: the refusal happens before any hashing.
      expect(performance.now() - t0).toBeLessThan(500);
      expect(svc.status().state).toBe('locked');
    });
  }

  it('encodeHeader / decodeHeader round-trip a valid header', async () => {
    const sodium = await loadSodium();
    const h = {
      version: 1,
      vaultId: sodium.randombytes_buf(16),
      kdf: { opsLimit: 7, memLimitKiB: 65536 },
      salt: sodium.randombytes_buf(16),
      wrappedKey: sodium.randombytes_buf(72),
    };
    const bytes = encodeHeader(h);
    expect(bytes.length).toBe(HEADER_BYTES);
    const back = decodeHeader(bytes);
    expect(back.kdf).toEqual(h.kdf);
    expect(Buffer.from(back.vaultId).equals(Buffer.from(h.vaultId))).toBe(true);
    expect(Buffer.from(back.salt).equals(Buffer.from(h.salt))).toBe(true);
    expect(Buffer.from(back.wrappedKey).equals(Buffer.from(h.wrappedKey))).toBe(true);
  });
});

describe('the largest memory limit the bounds allow', () => {
  it('really derives (a header within bounds must be openable)', async () => {
    const { deriveKekIsolated } = await import('../../src/core/crypto/kdf-isolated');
    const key = await deriveKekIsolated(new TextEncoder().encode('x'), new Uint8Array(16), { opsLimit: 1, memLimitKiB: KDF_BOUNDS.maxMemKiB });
    expect(key).toHaveLength(32);
  });
});
