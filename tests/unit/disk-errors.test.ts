/**
 * Full and read-only disks, for real: a 1 MiB tmpfs and a read-only bind mount (needs root / CAP_SYS_ADMIN;
 * skipped with a printed reason where mount is not permitted). Errors must come back as disk-full / read-only
 * values and nothing saved before may be lost.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeIoError, VaultError } from '../../src/core/errors';
import { commonError } from '../../src/renderer/errors';
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

  it.skipIf(cannotMount !== null)('an export to a read-only folder blames the destination, not the vault (which is writable)', async () => {
    const src = join(root, 'dest-rw');
    const ro = join(root, 'dest-ro');
    mkdirSync(src);
    mkdirSync(ro);
    mount(['--bind', src], ro);
    execFileSync('mount', ['-o', 'remount,bind,ro', ro], { stdio: 'pipe' });
    const svc = cheapService();
    await svc.create(join(root, 'export-vault'), PASS);
    const i = svc.createInterview({ title: 'to export', summary: 'A summary.' });
    let message = '';
    try {
      svc.exportWrite(i.id, 'summary', 'redacted', 'md', { keep: [], redact: [] }, join(ro, 'INT-0001.md'));
    } catch (err) {
      expect((err as { code?: string }).code).toBe('read-only');
      message = (err as Error).message;
    }
    expect(message).toMatch(/^The place chosen for the file is on a read-only disk or folder, so writing the export did not finish/);
    expect(message).not.toMatch(/vault/i);
    svc.lock();
  });
});

describe('describeIoError says what was done to which place', () => {
  const e = (code: string) => Object.assign(new Error(code), { code });
  it('the vault, a destination the user chose, a file being read', () => {
    expect(describeIoError(e('EROFS'), 'saving').message).toMatch(/^The vault is on a read-only disk/);
    expect(describeIoError(e('EROFS'), 'writing the export', 'destination').message).toMatch(/^The place chosen for the file is on a read-only disk or folder, so writing the export did not finish/);
    expect(describeIoError(e('EACCES'), 'reading the bundle', 'source').message).toBe('Fieldvault is not allowed to read the file: reading the bundle failed.');
    expect(describeIoError(e('EACCES'), 'writing the export', 'destination').message).toMatch(/^Fieldvault is not allowed to write to the place chosen for the file: writing the export failed/);
    expect(describeIoError(e('EACCES'), 'opening the vault').message).toMatch(/not allowed to use the vault's folder or files: opening the vault failed/);
    expect(describeIoError(e('ENOSPC'), 'writing the export', 'destination')).toMatchObject({ code: 'disk-full', message: expect.stringMatching(/place chosen for the file is full/) });
    expect(describeIoError(e('EIO'), 'reading the bundle', 'source').message).toBe('Reading the bundle failed at the file being read (EIO).');
    for (const place of ['vault', 'destination', 'source'] as const) {
      for (const code of ['EROFS', 'EACCES', 'ENOSPC', 'EIO']) expect(describeIoError(e(code), 'x', place).message).not.toMatch(/\n/);
    }
  });

  it('the app shows the destination or reading messages for them, in both languages (src/renderer/errors.ts)', () => {
    const en = JSON.parse(readFileSync(join(__dirname, '../../src/renderer/i18n/messages/en.json'), 'utf8')) as Record<string, string>;
    const t = (key: string) => en[key] ?? key;
    const as = (err: VaultError) => commonError(err.toValue(), t);
    expect(as(describeIoError(e('EROFS'), 'writing the export', 'destination'))).toBe(en['errors.readOnlyDestination']);
    expect(as(describeIoError(e('EROFS'), 'saving'))).toBe(en['errors.readOnly']);
    expect(as(describeIoError(e('ENOSPC'), 'writing the export', 'destination'))).toBe(en['errors.diskFullDestination']);
    expect(as(describeIoError(e('EACCES'), 'reading the bundle', 'source'))).toBe(en['errors.permissionRead']);
  });
});
