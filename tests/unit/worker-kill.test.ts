import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startVaultWorker } from '../../src/core/worker/client';

const dir = mkdtempSync(join(tmpdir(), 'fv-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vault worker ended at once (suspend, end of session)', () => {
  it('drops the keys with the thread, fails what was in flight, and comes back locked with nothing lost', async () => {
    const worker = startVaultWorker({
      entry: new URL('../../src/core/worker/host.ts', import.meta.url),
      execArgv: ['--import', 'tsx'],
      options: { kdf: { opsLimit: 1, memLimitKiB: 8192 } },
    });
    try {
      const path = join(dir, 'v');
      const passphrase = 'kill switch pass phrase';
      expect((await worker.dispatch('vault.create', { path, passphrase })).ok).toBe(true);
      expect((await worker.dispatch('interviews.create', { fields: { title: 'saved before the lid closed' } })).ok).toBe(true);
      const exits: number[] = [];
      worker.onExit(() => exits.push(1));
      const first = worker.threadId;

      const inFlight = worker.dispatch('interviews.list', {});
      const killed = worker.kill();
      expect(worker.threadId).not.toBe(first); // the fresh worker is in place before kill() resolves
      await killed;
      // Whether it had reached the old thread (failed there) or went on to the fresh one (locked): no data.
      const answer = await inFlight;
      expect(answer.ok).toBe(false);
      expect(!answer.ok && ['internal', 'locked'].includes(answer.error.code)).toBe(true);

      expect(await worker.dispatch('vault.status', {})).toEqual({ ok: true, value: { state: 'locked' } });
      expect((await worker.dispatch('interviews.list', {})).ok).toBe(false);
      expect(exits).toEqual([]); // ended on purpose: not a crash

      // The vault was left by a thread that died mid-session: it opens again, with what was saved.
      expect((await worker.dispatch('vault.unlock', { path, passphrase })).ok).toBe(true);
      const list = await worker.dispatch('interviews.list', {});
      expect(list.ok && (list.value as { title: string }[]).map((r) => r.title)).toEqual(['saved before the lid closed']);
    } finally {
      await worker.terminate();
    }
    // After terminate() a kill is a no-op.
    await expect(worker.kill()).resolves.toBeUndefined();
  }, 60_000);
});
