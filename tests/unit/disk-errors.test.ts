/**
 * Full and read-only disks, for real: a 1 MiB tmpfs and a read-only bind mount (needs root / CAP_SYS_ADMIN;
 * skipped with a printed reason where mount is not permitted). Errors must come back as disk-full / read-only
 * values and nothing saved before may be lost.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/core/router';
import { cheapService, errorCode, errorCodeSync, fillDisk, probeMount, removeDir, tempDir } from '../fixtures/vault-helpers';

const cannotMount = probeMount();
if (cannotMount) console.warn(`disk-errors tests skipped: ${cannotMount}`);

const PASS = 'disk error passphrase';
const mounts: string[] = [];
let root = '';

function mount(args: string[], target: string): void {
  execFileSync('mount', [...args, target], { stdio: 'pipe' });
  mounts.push(target);
}

beforeAll(() => {
  root = tempDir('fv-disk-');
});
afterAll(() => {
  for (const m of mounts.reverse()) {
    try {
      execFileSync('umount', [m], { stdio: 'pipe' });
    } catch {
      /* already gone */
    }
  }
  removeDir(root);
});

describe('disk errors', () => {
  it.skipIf(cannotMount !== null)('a full disk: saves fail with disk-full, memory and disk keep what was saved, lock still locks', async () => {
    const m = join(root, 'full');
    mkdirSync(m);
    mount(['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs'], m);
    const vault = join(m, 'vault');
    const svc = cheapService();
    await svc.create(vault, PASS);
    const saved = [0, 1, 2, 3, 4].map((n) => svc.createInterview({ title: `saved before ${n}`, body: `body ${n}` }));
    const filler = fillDisk(m);

    expect(errorCodeSync(() => svc.createInterview({ title: 'too big', body: 'x'.repeat(300_000) }))).toBe('disk-full');
    expect(errorCodeSync(() => svc.createInterview({ title: 'small' }))).toBe('disk-full');
    expect(errorCodeSync(() => svc.updateInterview(saved[0]!.id, 1, { body: 'y'.repeat(300_000) }))).toBe('disk-full');
    const dispatch = createRouter(svc);
    const viaRouter = await dispatch('interviews.create', { fields: { title: 'through the router', body: 'z'.repeat(300_000) } });
    expect(viaRouter).toMatchObject({ ok: false, error: { code: 'disk-full' } });
    // The failed saves changed nothing in memory ...
    expect(svc.listInterviews().map((i) => i.title).sort()).toEqual(saved.map((i) => i.title).sort());
    expect(svc.getInterview(saved[0]!.id)).toMatchObject({ revision: 1, body: 'body 0' });
    // ... and lock still locks (the checkpoint may fail; the WAL keeps the data).
    expect(() => svc.lock()).not.toThrow();
    expect(svc.status()).toEqual({ state: 'locked' });

    // While the disk is still full the vault still opens for reading (its own audit entry is best effort),
    // and saving says disk-full.
    const reader = cheapService();
    const readerDispatch = createRouter(reader);
    const unlocked = await readerDispatch('vault.unlock', { path: vault, passphrase: PASS });
    expect(unlocked, JSON.stringify(unlocked)).toMatchObject({ ok: true });
    expect(reader.listInterviews().map((i) => i.title).sort()).toEqual(saved.map((i) => i.title).sort());
    expect(await readerDispatch('interviews.create', { fields: { title: 'still full' } })).toMatchObject({ ok: false, error: { code: 'disk-full' } });
    reader.lock();

    rmSync(filler);
    const again = cheapService();
    await again.unlock(vault, PASS);
    const report = await again.verify();
    expect(report).toMatchObject({ interviews: 5, damaged: [], sealIntact: true, auditChainIntact: true });
    expect(again.listInterviews().map((i) => i.title).sort()).toEqual(saved.map((i) => i.title).sort());
    expect(again.getInterview(saved[0]!.id).body).toBe('body 0');
    expect(again.createInterview({ title: 'after freeing space' }).code).toBe('INT-0006');
    again.lock();
  });

  it.skipIf(cannotMount !== null)('a read-only disk: the vault opens read-only, every save is refused (a value, not a crash); the data opens again once writable', async () => {
    const src = join(root, 'rw');
    const ro = join(root, 'ro');
    mkdirSync(src);
    mkdirSync(ro);
    const svc = cheapService();
    await svc.create(join(src, 'vault'), PASS);
    const i = svc.createInterview({ title: 'written before the disk went read-only', body: 'kept' });
    svc.lock();
    mount(['--bind', src], ro);
    execFileSync('mount', ['-o', 'remount,bind,ro', ro], { stdio: 'pipe' });

    // Read-only media open for reading (tests/unit/read-only-media.test.ts has the rest); a save is refused.
    const reader = cheapService();
    expect(await reader.unlock(join(ro, 'vault'), PASS)).toMatchObject({ readOnly: true, interviews: 1 });
    expect(reader.getInterview(i.id).body).toBe('kept');
    expect(await errorCode(() => reader.createInterview({ title: 'new' }))).toBe('read-only');
    reader.lock();
    const router = createRouter(cheapService());
    expect(await router('vault.unlock', { path: join(ro, 'vault'), passphrase: PASS })).toMatchObject({ ok: true, value: { readOnly: true } });
    expect(await router('interviews.create', { fields: { title: 'new' } })).toMatchObject({ ok: false, error: { code: 'read-only' } });
    await router('vault.lock', {});

    execFileSync('umount', [ro], { stdio: 'pipe' });
    mounts.pop();
    const again = cheapService();
    await again.unlock(join(src, 'vault'), PASS);
    expect(await again.verify()).toMatchObject({ interviews: 1, damaged: [], sealIntact: true });
    expect(again.getInterview(i.id).body).toBe('kept');
    again.lock();
  });
});
