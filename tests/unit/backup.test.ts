/**
 * Encrypted backups (src/core/vault-service/backup.ts, src/core/vault/backup-file.ts): a backup made while the
 * vault is being written restores to a vault that unlocks and verifies with every interview and person as they
 * were; damaged, cut-short and foreign files, non-empty targets and a wrong passphrase are refused leaving no
 * folder; a read-only or full destination leaves no partial file; the file holds no plaintext.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/core/router';
import type { VaultService } from '../../src/core/service';
import { BACKUP_IMAGE_OFFSET, BACKUP_OVERHEAD, readBackupFile, writeBackupFile } from '../../src/core/vault/backup-file';
import { BACKUP_INSIDE_VAULT } from '../../src/core/vault-service/backup';
import type { Interview, Person } from '../../src/shared/domain';
import { cheapService, errorCode, probeMount, removeDir, tempDir } from '../fixtures/vault-helpers';

const PASS = 'backup test passphrase 2026';
const WITNESS = { latin: 'Aigul Sultanalieva', cyrillic: 'Айгуль Султаналиева' };
const TITLE = 'Detention at the Dordoi bazaar';
const cannotMount = probeMount();
if (cannotMount) console.warn(`backup destination tests on real mounts skipped: ${cannotMount}`);

let root = '';
let svc: VaultService;
let vault = '';
let backup = '';
let duringBackup: Interview | null = null;
const mounts: string[] = [];

const sortById = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
const everything = (s: VaultService): { interviews: Interview[]; people: Person[] } => ({
  interviews: sortById(s.listInterviews().map((r) => s.getInterview(r.id))),
  people: sortById(s.listPeople()),
});

beforeAll(async () => {
  root = tempDir('fv-backup-');
  vault = join(root, 'vault');
  backup = join(root, 'out', 'vault.fvbackup');
  mkdirSync(join(root, 'out'));
  // A write arrives while the online backup is copying pages (one page per step here).
  svc = cheapService({
    backupHooks: {
      pagesPerStep: 1,
      betweenSteps: (step) => {
        if (step === 3 && duringBackup === null) duringBackup = svc.createInterview({ title: 'Written during the backup', body: 'arrived mid-copy' });
      },
    },
  });
  await svc.create(vault, PASS);
  const [p] = svc.createPeople([{ given: { latin: 'Aigul', cyrillic: 'Айгуль' }, family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' }, contacts: [{ kind: 'phone', value: '+996 555 123 456' }] }]);
  svc.createPeople([{ pseudonym: 'Second witness' }]);
  for (let i = 0; i < 40; i++) {
    svc.createInterview({ title: i === 0 ? TITLE : `Interview ${i}`, body: `${WITNESS.cyrillic} said ${'x'.repeat(i * 50)} (${i}).`, people: i < 3 ? [p!.id] : [] });
  }
});

afterAll(() => {
  svc.lock();
  for (const m of mounts.reverse()) {
    try {
      execFileSync('umount', [m], { stdio: 'pipe' });
    } catch {
      /* already gone */
    }
  }
  removeDir(root);
});

describe('backup and restore', () => {
  it('backs up while the vault is written, verifies, and restores to a vault that unlocks with everything equal', async () => {
    const result = await svc.createBackup(backup);
    expect(duringBackup, 'the write between two backup steps happened').not.toBeNull();
    expect(result.path).toBe(backup);
    expect(result.bytes).toBe(readFileSync(backup).length);
    expect(result.records).toBeGreaterThan(42);
    expect(Date.parse(result.verifiedAt)).toBeGreaterThanOrEqual(Date.parse(result.takenAt));
    // Only the backup itself is left in the destination folder: the temp copy and its journal are gone.
    expect(readdirSync(join(root, 'out'))).toEqual(['vault.fvbackup']);
    expect(svc.backupStatus()).toEqual({ lastBackupAt: result.takenAt, remindAfterDays: 7, due: false });
    expect(svc.auditLog().at(-1)).toMatchObject({ action: 'backup written' });
    const before = everything(svc);
    expect(before.interviews.some((i) => i.id === duringBackup!.id)).toBe(true);

    const target = join(root, 'restored', 'nested');
    const restored = await cheapService().restoreBackup(backup, target, PASS);
    expect(restored).toMatchObject({ path: target, takenAt: result.takenAt, interviews: 41, people: 2 });
    expect(restored.records).toBe(result.records);

    const again = cheapService();
    const report = await again.unlock(target, PASS);
    const final = await again.verify();
    expect(final).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true, verified: true });
    expect(report.interviews).toBe(41);
    expect(everything(again)).toEqual(before);
    // The rollback is in the restored vault's log, with the moment it rolls back to, and counts as its last backup.
    expect(again.auditLog().find((e) => e.action === 'vault restored from a backup')).toMatchObject({ detail: result.takenAt });
    expect(again.backupStatus().lastBackupAt).toBe(result.takenAt);
    again.lock();
  });

  it('holds no plaintext: no name, title, note or contact of the vault appears in the file', () => {
    const bytes = readFileSync(backup);
    for (const needle of [WITNESS.latin, WITNESS.cyrillic, 'Султаналиева', TITLE, 'arrived mid-copy', '555 123 456', 'Second witness']) {
      expect(bytes.includes(Buffer.from(needle, 'utf8')), needle).toBe(false);
      expect(bytes.includes(Buffer.from(needle, 'utf16le')), needle).toBe(false);
    }
  });

  it('refuses a damaged, cut-short or foreign file with a clear message and leaves no folder', async () => {
    const good = readFileSync(backup);
    const cases: [string, Buffer, string, RegExp][] = [];
    const flipped = Buffer.from(good);
    flipped[Math.floor(good.length / 2)]! ^= 0x04;
    cases.push(['bit flip in the middle', flipped, 'damaged-vault', /damaged.*checksum/]);
    cases.push(['truncated', good.subarray(0, good.length - 1000), 'damaged-vault', /cut short/]);
    cases.push(['cut inside the prefix', good.subarray(0, 20), 'damaged-vault', /cut short/]);
    const magic = Buffer.from(good);
    magic.write('FVBACKUQ', 0, 'ascii');
    cases.push(['wrong magic', magic, 'not-a-vault', /not a Fieldvault backup/]);
    cases.push(['an ordinary SQLite file', readFileSync(join(vault, 'fieldvault.db')), 'not-a-vault', /SQLite database/]);
    cases.push(['a vault header', readFileSync(join(vault, 'fieldvault.header')), 'not-a-vault', /header file/]);
    cases.push(['empty', Buffer.alloc(0), 'not-a-vault', /too short/]);
    for (const [name, bytes, code, message] of cases) {
      const file = join(root, `bad-${name.replace(/\W+/g, '-')}.fvbackup`);
      writeFileSync(file, bytes);
      const target = join(root, `restore-${name.replace(/\W+/g, '-')}`);
      const restorer = cheapService();
      let error: Error | null = null;
      try {
        await restorer.restoreBackup(file, target, PASS);
      } catch (err) {
        error = err as Error;
      }
      expect(error, name).not.toBeNull();
      expect(error!.message, name).toMatch(message);
      expect(await errorCode(() => restorer.restoreBackup(file, target, PASS)), name).toBe(code);
      expect(existsSync(target), name).toBe(false);
    }
  });

  it('a file whose checksum holds but whose record was altered fails verification with the passphrase; nothing is left', async () => {
    const image = join(root, 'image.db');
    const info = readBackupFile(backup, (chunk) => writeFileSync(image, chunk, { flag: 'a' }));
    const db = new Database(image);
    const row = db.prepare('SELECT id, box FROM records WHERE kind = 1 LIMIT 1').get() as { id: Buffer; box: Buffer };
    row.box[row.box.length - 5]! ^= 0x01;
    db.prepare('UPDATE records SET box = ? WHERE id = ?').run(row.box, row.id);
    db.close();
    const forged = join(root, 'forged.fvbackup');
    const fd = openSync(forged, 'w');
    writeBackupFile(fd, info.header, info.createdAt, image);
    closeSync(fd);
    expect(() => readBackupFile(forged)).not.toThrow();
    const target = join(root, 'restore-forged');
    expect(await errorCode(() => cheapService().restoreBackup(forged, target, PASS))).toBe('damaged-vault');
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a non-empty target and a wrong passphrase, leaving what was there', async () => {
    const full = join(root, 'not-empty');
    mkdirSync(full);
    writeFileSync(join(full, 'notes.txt'), 'keep me');
    expect(await errorCode(() => cheapService().restoreBackup(backup, full, PASS))).toBe('vault-exists');
    expect(readdirSync(full)).toEqual(['notes.txt']);
    expect(await errorCode(() => cheapService().restoreBackup(backup, vault, PASS))).toBe('vault-exists');

    const empty = join(root, 'empty-target');
    mkdirSync(empty);
    const wrong = cheapService();
    expect(await errorCode(() => wrong.restoreBackup(backup, empty, 'not the passphrase at all'))).toBe('wrong-passphrase');
    // An empty folder that was there stays, empty; one the restore created is removed.
    expect(readdirSync(empty)).toEqual([]);
    expect(await errorCode(() => wrong.restoreBackup(backup, join(root, 'new-target'), 'not the passphrase at all'))).toBe('wrong-passphrase');
    expect(existsSync(join(root, 'new-target'))).toBe(false);
  });

  it('replaces an earlier backup but never another file, a folder or a link', async () => {
    const other = join(root, 'out', 'thesis.docx');
    writeFileSync(other, 'not a backup');
    expect(await errorCode(() => svc.createBackup(other))).toBe('vault-exists');
    expect(readFileSync(other, 'utf8')).toBe('not a backup');
    expect(await errorCode(() => svc.createBackup(join(root, 'out')))).toBe('invalid-request');
    const second = await svc.createBackup(backup);
    expect(readBackupFile(backup).createdAt).toBe(Date.parse(second.takenAt));
    rmSync(other);
    expect(readdirSync(join(root, 'out'))).toEqual(['vault.fvbackup']);
  });

  it('refuses a destination inside the vault folder, by any spelling (a re-encryption would leave the old key\'s copy there)', async () => {
    const before = readdirSync(vault).sort();
    const alias = join(root, 'vault-alias');
    symlinkSync(vault, alias);
    for (const target of [join(vault, 'vault.fvbackup'), join(vault, 'sub', '..', 'in.fvbackup'), join(alias, 'via-link.fvbackup')]) {
      const r = await createRouter(svc)('backup.create', { path: target });
      expect(r, target).toMatchObject({ ok: false, error: { code: 'invalid-request', message: BACKUP_INSIDE_VAULT } });
    }
    expect(readdirSync(vault).sort()).toEqual(before);
    rmSync(alias);
  });

  it('the reminder: due after N days without a backup, never with 0, and lastBackupAt cannot be set from outside', async () => {
    const dispatch = createRouter(svc);
    const status = svc.backupStatus();
    expect(status.due).toBe(false);
    const { backupStatus } = await import('../../src/core/vault-service/backup');
    const session = (svc as unknown as { session: Parameters<typeof backupStatus>[0] }).session;
    const last = Date.parse(status.lastBackupAt!);
    expect(backupStatus(session, last + 6.9 * 86_400_000).due).toBe(false);
    expect(backupStatus(session, last + 7.1 * 86_400_000).due).toBe(true);
    expect(await dispatch('settings.update', { settings: { backupReminderDays: 2 } })).toMatchObject({ ok: true });
    expect(backupStatus(session, last + 2.1 * 86_400_000)).toMatchObject({ remindAfterDays: 2, due: true });
    expect(await dispatch('settings.update', { settings: { backupReminderDays: 0 } })).toMatchObject({ ok: true });
    expect(backupStatus(session, last + 1000 * 86_400_000).due).toBe(false);
    expect(svc.auditLog().at(-1)).toMatchObject({ action: 'settings changed', detail: 'backup reminder' });
    expect(await dispatch('settings.update', { settings: { lastBackupAt: '2000-01-01T00:00:00.000Z' } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch('settings.update', { settings: { backupReminderDays: 366 } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch('backup.status', {})).toMatchObject({ ok: true, value: { remindAfterDays: 0, due: false } });

    // A vault never backed up is due once it is older than the reminder's days.
    const fresh = cheapService();
    await fresh.create(join(root, 'fresh'), PASS);
    const freshSession = (fresh as unknown as { session: Parameters<typeof backupStatus>[0] }).session;
    expect(fresh.backupStatus()).toEqual({ lastBackupAt: null, remindAfterDays: 7, due: false });
    expect(backupStatus(freshSession, Date.now() + 8 * 86_400_000).due).toBe(true);
    fresh.lock();
  });

  it('through the router: create needs an unlocked vault, restore works while locked', async () => {
    const locked = createRouter(cheapService());
    expect(await locked('backup.create', { path: join(root, 'x.fvbackup') })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await locked('backup.status', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    const target = join(root, 'via-router');
    const r = await locked('backup.restore', { file: backup, path: target, passphrase: PASS });
    expect(r).toMatchObject({ ok: true, value: { path: target, interviews: 41 } });
    expect(await locked('backup.restore', { file: backup, path: target, passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'vault-exists' } });
  });

  it.skipIf(cannotMount !== null)('a read-only destination: a clear message and no partial file', async () => {
    const ro = join(root, 'ro');
    mkdirSync(ro);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,ro', 'tmpfs', ro], { stdio: 'pipe' });
    mounts.push(ro);
    let error: Error | null = null;
    try {
      await svc.createBackup(join(ro, 'vault.fvbackup'));
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).toMatch(/read-only.*no backup was written/);
    expect(await errorCode(() => svc.createBackup(join(ro, 'vault.fvbackup')))).toBe('read-only');
    expect(readdirSync(ro)).toEqual([]);
  });

  it.skipIf(cannotMount !== null)('a full destination: a clear message and no partial file', async () => {
    const small = join(root, 'small');
    mkdirSync(small);
    // Room for the start of the copy, not for all of it.
    const size = Math.floor(readFileSync(backup).length / 2);
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', small], { stdio: 'pipe' });
    mounts.push(small);
    let error: Error | null = null;
    try {
      await svc.createBackup(join(small, 'vault.fvbackup'));
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).toMatch(/not enough free space.*no backup was written/);
    expect(readdirSync(small)).toEqual([]);
    expect(BACKUP_OVERHEAD).toBe(BACKUP_IMAGE_OFFSET + 32);
  });
});
