/** The vault worker thread: the router's dispatch across postMessage, in order, with errors as values. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVaultWorker, type VaultWorker } from '../../src/core/worker/client';
import { CHEAP_KDF, removeDir, tempDir } from '../fixtures/vault-helpers';

let dir = '';
let worker: VaultWorker;

beforeAll(() => {
  dir = tempDir();
  worker = startVaultWorker({
    entry: new URL('../../src/core/worker/host.ts', import.meta.url),
    execArgv: ['--import', 'tsx'],
    options: { kdf: CHEAP_KDF },
  });
});
afterAll(async () => {
  await worker.terminate();
  removeDir(dir);
});

describe('vault worker', () => {
  it('round-trips create / write / lock / unlock / read', async () => {
    const path = join(dir, 'vault');
    const created = await worker.dispatch('vault.create', { path, passphrase: 'worker passphrase' });
    expect(created).toMatchObject({ ok: true, value: { interviews: 0, people: 0, damaged: [], sealIntact: true } });
    const status = await worker.dispatch('vault.status', {});
    expect(status).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    const made = await worker.dispatch('interviews.create', { fields: { title: 'From the worker', tags: ['w'] } });
    expect(made).toMatchObject({ ok: true, value: { code: 'INT-0001', title: 'From the worker', revision: 1 } });
    expect(await worker.dispatch('vault.lock', {})).toEqual({ ok: true, value: null });
    expect(await worker.dispatch('vault.status', {})).toEqual({ ok: true, value: { state: 'locked' } });
    const wrong = await worker.dispatch('vault.unlock', { path, passphrase: 'nope' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    const unlocked = await worker.dispatch('vault.unlock', { path, passphrase: 'worker passphrase' });
    expect(unlocked).toMatchObject({ ok: true, value: { interviews: 1, sealIntact: true, auditChainIntact: true } });
    const list = await worker.dispatch('interviews.list', {});
    expect(list).toMatchObject({ ok: true, value: [{ code: 'INT-0001', title: 'From the worker' }] });
    expect(await worker.dispatch('vault.lock', {})).toEqual({ ok: true, value: null });
  });

  it('the vault created in the worker used the cheap KDF it was given (header ops 1, 8 MiB)', async () => {
    const { readFileSync } = await import('node:fs');
    const header = readFileSync(join(dir, 'vault', 'fieldvault.header'));
    expect(header.readUInt32BE(32)).toBe(1);
    expect(header.readUInt32BE(36)).toBe(8192);
  });

  it('errors come back as values across the thread; requests are answered in order', async () => {
    expect(await worker.dispatch('no.such.op', {})).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    expect(await worker.dispatch('interviews.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await worker.dispatch('interviews.get', { id: 42 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const path = join(dir, 'vault');
    const results = await Promise.all([
      worker.dispatch('vault.unlock', { path, passphrase: 'worker passphrase' }),
      worker.dispatch('interviews.create', { fields: { title: 'second' } }),
      worker.dispatch('interviews.list', {}),
      worker.dispatch('vault.lock', {}),
      worker.dispatch('interviews.list', {}),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'ok', 'ok', 'ok', 'locked']);
    expect((results[2] as { value: unknown[] }).value).toHaveLength(2);
  });

  it('a payload that cannot be cloned is an error value, not a throw', async () => {
    const r = await worker.dispatch('vault.status', { fn: () => 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
