import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startVaultWorker } from '../../src/core/worker/client';

const dir = mkdtempSync(join(tmpdir(), 'fv-recycle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vault worker after lock', () => {
  it('is replaced by a fresh thread, so no key survives in the old WebAssembly heap', async () => {
    const worker = startVaultWorker({
      entry: new URL('../../src/core/worker/host.ts', import.meta.url),
      execArgv: ['--import', 'tsx'],
      options: { kdf: { opsLimit: 1, memLimitKiB: 8192 } },
    });
    try {
      const path = join(dir, 'v');
      expect((await worker.dispatch('vault.create', { path, passphrase: 'walnut glacier recycles tundra velvet' })).ok).toBe(true);
      expect((await worker.dispatch('interviews.create', { fields: { title: 'kept' } })).ok).toBe(true);
      const first = worker.threadId;
      const exits: number[] = [];
      worker.onExit(() => exits.push(1));
      expect(await worker.dispatch('vault.lock', {})).toEqual({ ok: true, value: null });
      const next = worker.dispatch('vault.status', {});
      expect(await next).toEqual({ ok: true, value: { state: 'locked' } });
      expect(worker.threadId).not.toBe(first);
      // A deliberate replacement is not reported as a crash.
      expect(exits).toEqual([]);
      expect((await worker.dispatch('vault.unlock', { path, passphrase: 'walnut glacier recycles tundra velvet' })).ok).toBe(true);
      const list = await worker.dispatch('interviews.list', {});
      expect(list.ok && (list.value as { title: string }[]).map((r) => r.title)).toEqual(['kept']);
    } finally {
      await worker.terminate();
    }
  });

  it('is replaced after a restore too (which unlocked the restored copy to verify it); a restore with a vault open is refused', async () => {
    const worker = startVaultWorker({
      entry: new URL('../../src/core/worker/host.ts', import.meta.url),
      execArgv: ['--import', 'tsx'],
      options: { kdf: { opsLimit: 1, memLimitKiB: 8192 } },
    });
    try {
      const path = join(dir, 'r');
      const file = join(dir, 'r.fvbackup');
      const passphrase = 'walnut glacier recycles tundra velvet';
      expect((await worker.dispatch('vault.create', { path, passphrase })).ok).toBe(true);
      expect((await worker.dispatch('interviews.create', { fields: { title: 'kept' } })).ok).toBe(true);
      expect((await worker.dispatch('backup.create', { path: file })).ok).toBe(true);
      const refused = await worker.dispatch('backup.restore', { file, path: join(dir, 'r-open'), passphrase });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(await worker.dispatch('vault.status', {})).toMatchObject({ ok: true, value: { state: 'unlocked' } });
      expect((await worker.dispatch('vault.lock', {})).ok).toBe(true);
      await worker.dispatch('vault.status', {});
      const beforeRestore = worker.threadId;
      const restored = await worker.dispatch('backup.restore', { file, path: join(dir, 'r-restored'), passphrase });
      expect(restored.ok).toBe(true);
      await worker.dispatch('vault.status', {});
      expect(worker.threadId).not.toBe(beforeRestore);
      expect((await worker.dispatch('vault.unlock', { path: join(dir, 'r-restored'), passphrase })).ok).toBe(true);
      const list = await worker.dispatch('interviews.list', {});
      expect(list.ok && (list.value as { title: string }[]).map((r) => r.title)).toEqual(['kept']);
    } finally {
      await worker.terminate();
    }
  });
});
