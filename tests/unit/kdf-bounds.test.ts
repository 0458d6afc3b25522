/** KDF parameter bounds: a forged header can neither make unlock hash for hours nor talk it down to cheap params. */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkKdfParams,
  DEFAULT_KDF,
  deriveKek,
  KDF_BOUNDS,
  KDF_MAX_WORK_KIB,
  maxMemKiBFor,
  thisMachine,
  type MachineMemory,
} from '../../src/core/crypto/kdf';
import { loadSodium } from '../../src/core/crypto/sodium';
import { decodeHeader, encodeHeader, HEADER_BYTES, readHeaderFile } from '../../src/core/vault/header';
import { vaultPaths } from '../../src/core/vault/layout';
import { cheapService, errorCode, errorCodeSync, removeDir, tempDir } from '../fixtures/vault-helpers';

/** The machine's total memory as the core sees it (os.totalmem), replaceable per test; null = the real one. */
const fakeTotalMem = vi.hoisted(() => ({ bytes: null as number | null }));
vi.mock('node:os', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:os')>();
  const totalmem = () => fakeTotalMem.bytes ?? real.totalmem();
  return { ...real, totalmem, default: { ...real, totalmem } };
});

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const machine = (totalBytes: number): MachineMemory => ({ totalBytes });
/** A generous machine, so the format-bound tests below test the format bounds. */
const BIG = machine(64 * GiB);

const dirs: string[] = [];
afterEach(() => {
  fakeTotalMem.bytes = null;
  while (dirs.length) removeDir(dirs.pop()!);
});

describe('checkKdfParams', () => {
  it('accepts the bounds themselves and the defaults', () => {
    expect(() => checkKdfParams({ opsLimit: 1, memLimitKiB: 8192 }, BIG)).not.toThrow();
    expect(() => checkKdfParams({ opsLimit: 10, memLimitKiB: 8192 }, BIG)).not.toThrow();
    expect(() => checkKdfParams({ opsLimit: 1, memLimitKiB: 1024 * 1024 }, BIG)).not.toThrow();
    expect(() => checkKdfParams({ opsLimit: 3, memLimitKiB: 256 * 1024 }, BIG)).not.toThrow();
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
      expect(errorCodeSync(() => checkKdfParams({ opsLimit: ops, memLimitKiB: mem }, BIG))).toBe('unsupported-kdf');
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

describe('bounds from this machine (memory and time)', () => {
  const refusal = (params: { opsLimit: number; memLimitKiB: number }, m: MachineMemory): string => {
    try {
      checkKdfParams(params, m);
    } catch (err) {
      expect((err as { code?: string }).code).toBe('unsupported-kdf');
      return (err as Error).message;
    }
    return '';
  };

  it('never refuses the defaults, whatever the machine reports (even 0 or NaN)', () => {
    expect(DEFAULT_KDF).toEqual({ opsLimit: 3, memLimitKiB: 256 * 1024 });
    for (const total of [0, Number.NaN, -1, 256 * MiB, 512 * MiB, 1 * GiB, 2 * GiB, 3.8 * GiB, 8 * GiB, 1024 * GiB]) {
      expect(() => checkKdfParams(DEFAULT_KDF, machine(total)), `total ${total}`).not.toThrow();
      expect(maxMemKiBFor(machine(total))).toBeGreaterThanOrEqual(DEFAULT_KDF.memLimitKiB);
    }
  });

  it('memory: at most a quarter of the total, never more than the 1 GiB format bound, never less than the default', () => {
    expect(maxMemKiBFor(machine(1 * GiB))).toBe(256 * 1024);
    expect(maxMemKiBFor(machine(2 * GiB))).toBe(512 * 1024);
    expect(maxMemKiBFor(machine(3 * GiB))).toBe(768 * 1024);
    expect(maxMemKiBFor(machine(4 * GiB))).toBe(1024 * 1024);
    expect(maxMemKiBFor(machine(64 * GiB))).toBe(KDF_BOUNDS.maxMemKiB);
    // A "4 GB" laptop reports a little less than 4 GiB (memory reserved by firmware and kernel).
    expect(maxMemKiBFor(machine(3.8 * GiB))).toBe(Math.floor((3.8 * GiB) / KiB / 4));
  });

  it('a 2 GiB machine accepts 512 MiB and refuses 512 MiB + 1 KiB, saying it demands more memory than this computer allows', () => {
    const m = machine(2 * GiB);
    expect(refusal({ opsLimit: 1, memLimitKiB: 512 * 1024 }, m)).toBe('');
    const msg = refusal({ opsLimit: 1, memLimitKiB: 512 * 1024 + 1 }, m);
    expect(msg).toMatch(/demands 524289 KiB of memory/);
    expect(msg).toMatch(/more than this computer allows \(at most 512 MiB: a quarter of its 2\.0 GiB of memory\)/);
    expect(msg).toMatch(/nothing was changed/i);
    expect(refusal({ opsLimit: 1, memLimitKiB: 1024 * 1024 }, m)).toMatch(/demands 1024 MiB of memory/);
  });

  it('time: ops × memory at most 2 GiB-passes; the old worst case (ops 10 at 1 GiB, ~13 s) is refused', () => {
    expect(KDF_MAX_WORK_KIB).toBe(2 * 1024 * 1024);
    for (const [ops, mem] of [
      [2, 1024 * 1024],
      [4, 512 * 1024],
      [8, 256 * 1024],
      [10, 204 * 1024],
      [3, 256 * 1024],
    ] as const) {
      expect(refusal({ opsLimit: ops, memLimitKiB: mem }, BIG), `ops ${ops} mem ${mem}`).toBe('');
    }
    for (const [ops, mem] of [
      [10, 1024 * 1024],
      [3, 1024 * 1024],
      [5, 512 * 1024],
      [9, 256 * 1024],
      [10, 256 * 1024],
    ] as const) {
      const msg = refusal({ opsLimit: ops, memLimitKiB: mem }, BIG);
      expect(msg, `ops ${ops} mem ${mem}`).toMatch(/demands more time to derive its key than this computer allows/);
      expect(msg).toMatch(/Nothing was hashed and nothing was changed/);
    }
  });

  it('the default machine is os.totalmem(), read at every check', () => {
    fakeTotalMem.bytes = 2 * GiB;
    expect(thisMachine()).toEqual({ totalBytes: 2 * GiB });
    expect(errorCodeSync(() => checkKdfParams({ opsLimit: 1, memLimitKiB: 768 * 1024 }))).toBe('unsupported-kdf');
    fakeTotalMem.bytes = 4 * GiB;
    expect(() => checkKdfParams({ opsLimit: 1, memLimitKiB: 768 * 1024 })).not.toThrow();
  });

  it('inside a container, its memory limit counts where it is lower than the machine’s', () => {
    fakeTotalMem.bytes = 16 * GiB;
    const real = process.constrainedMemory;
    try {
      process.constrainedMemory = () => 2 * GiB;
      expect(thisMachine()).toEqual({ totalBytes: 2 * GiB });
      expect(errorCodeSync(() => checkKdfParams({ opsLimit: 1, memLimitKiB: 768 * 1024 }))).toBe('unsupported-kdf');
      // no limit (Node answers 0, or a huge number): the machine's memory
      process.constrainedMemory = () => 0;
      expect(thisMachine()).toEqual({ totalBytes: 16 * GiB });
      process.constrainedMemory = () => 2 ** 64;
      expect(thisMachine()).toEqual({ totalBytes: 16 * GiB });
    } finally {
      process.constrainedMemory = real;
    }
  });

  it('what the app and the CLI can create is what they can open: creation runs the same check', async () => {
    fakeTotalMem.bytes = 2 * GiB;
    const { deriveKekIsolated } = await import('../../src/core/crypto/kdf-isolated');
    // `fieldvault init --kdf-ops 10 --kdf-mem-mib 1024` is refused before any worker starts.
    expect(errorCodeSync(() => deriveKekIsolated(new Uint8Array([1]), new Uint8Array(16), { opsLimit: 10, memLimitKiB: 1024 * 1024 }))).toBe(
      'unsupported-kdf',
    );
    expect(errorCodeSync(() => deriveKekIsolated(new Uint8Array([1]), new Uint8Array(16), { opsLimit: 1, memLimitKiB: 1024 * 1024 }))).toBe(
      'unsupported-kdf',
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

  // Within the format's bounds but beyond this machine's: refused at unlock before any hashing, vault unchanged.
  const machineCases: [string, number, (v: DataView) => void][] = [
    ['memory 1 GiB (ops 1) on a 2 GiB machine', 2 * GiB, (v) => v.setUint32(36, 1024 * 1024)],
    ['memory 512 MiB + 1 KiB on a 2 GiB machine', 2 * GiB, (v) => v.setUint32(36, 512 * 1024 + 1)],
    ['ops 10 at 1 GiB (the old worst case, ~13 s) on a 64 GiB machine', 64 * GiB, (v) => (v.setUint32(32, 10), v.setUint32(36, 1024 * 1024))],
    ['ops 3 at 1 GiB on a 64 GiB machine', 64 * GiB, (v) => (v.setUint32(32, 3), v.setUint32(36, 1024 * 1024))],
  ];
  for (const [name, total, patch] of machineCases) {
    it(`unlock refuses ${name} quickly with unsupported-kdf and changes nothing`, async () => {
      const path = await vaultWithHeader(patch);
      const { header, database } = vaultPaths(path);
      const before = [readFileSync(header), readFileSync(database)];
      fakeTotalMem.bytes = total;
      const svc = cheapService();
      const t0 = performance.now();
      let message = '';
      try {
        await svc.unlock(path, 'a long enough passphrase');
      } catch (err) {
        expect((err as { code?: string }).code).toBe('unsupported-kdf');
        message = (err as Error).message;
      }
      expect(message).toMatch(/more (time to derive its key )?than this computer allows/);
      expect(message).toMatch(/nothing was changed/);
      expect(performance.now() - t0).toBeLessThan(500);
      expect(svc.status().state).toBe('locked');
      expect(readFileSync(header).equals(before[0]!)).toBe(true);
      expect(readFileSync(database).equals(before[1]!)).toBe(true);
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
  it('really derives on this machine (a header within bounds must be openable)', async () => {
    const { deriveKekIsolated } = await import('../../src/core/crypto/kdf-isolated');
    const memLimitKiB = maxMemKiBFor(thisMachine());
    const key = await deriveKekIsolated(new TextEncoder().encode('x'), new Uint8Array(16), { opsLimit: 1, memLimitKiB });
    expect(key).toHaveLength(32);
  });
});
