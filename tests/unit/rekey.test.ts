/**
 * "Change passphrase and re-encrypt everything": a fresh master key, every record re-encrypted, the audit chain
 * re-keyed, the file vacuumed and the WAL truncated; crash-safe at every step.
 */
import fs, { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportRefusal } from '../../src/shared/domain';
import { vaultPaths } from '../../src/core/vault/layout';
import { REKEY_NOTES } from '../../src/core/vault-service/keys';
import { cheapService, copyVault, errorCode, removeDir, tempDir } from '../fixtures/vault-helpers';

const OLD = 'rekey test old passphrase';
const NEW = 'rekey test brand new passphrase';
const scratch: string[] = [];
let base = '';
let baseDir = '';

beforeAll(async () => {
  baseDir = tempDir();
  base = join(baseDir, 'vault');
  const svc = cheapService();
  await svc.create(base, OLD);
  svc.createPeople([{ given: { latin: 'Zarina', cyrillic: 'Зарина' }, family: { latin: 'Kholova', cyrillic: 'Холова' } }]);
  const i = svc.createInterview({ title: 'Detention', body: 'long notes '.repeat(200) });
  svc.updateInterview(i.id, i.revision, { body: 'edited notes '.repeat(200) });
  svc.createInterview({ title: 'Second' });
  svc.lock();
});

afterAll(() => {
  removeDir(baseDir);
  for (const d of scratch) removeDir(d);
});

function copy(): string {
  const c = copyVault(base);
  scratch.push(join(c, '..'));
  return c;
}

function boxes(vault: string): Map<string, Buffer> {
  const db = new Database(vaultPaths(vault).database, { readonly: true });
  try {
    return new Map((db.prepare('SELECT id, box FROM records').all() as { id: Buffer; box: Buffer }[]).map((r) => [r.id.toString('hex'), r.box]));
  } finally {
    db.close();
  }
}

async function rekeyed(vault: string): Promise<void> {
  const svc = cheapService();
  await svc.unlock(vault, OLD);
  await svc.rekey(OLD, NEW);
  svc.lock();
}

describe('re-encrypting everything under a fresh master key', () => {
  it('opens with the new passphrase only; every record, the audit chain and the seal are whole', async () => {
    const vault = copy();
    const svc = cheapService();
    await svc.unlock(vault, OLD);
    const before = { interviews: svc.listInterviews(), people: svc.listPeople(), audit: svc.auditLog().length };
    await svc.rekey(OLD, NEW);
    expect(svc.auditLog().at(-1)?.action).toBe('vault re-encrypted under a new key');
    svc.lock();
    expect(await errorCode(() => cheapService().unlock(vault, OLD))).toBe('wrong-passphrase');
    const again = cheapService();
    await again.unlock(vault, NEW);
    const report = await again.verify();
    expect(report).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true });
    expect(again.listInterviews()).toEqual(before.interviews);
    expect(again.listPeople()).toEqual(before.people);
    // re-encrypted, locked, unlocked
    expect(again.auditLog().length).toBe(before.audit + 3);
    const detention = again.listInterviews().find((i) => i.title === 'Detention')!;
    expect(again.getInterview(detention.id).body).toContain('edited notes');
    again.lock();
  });

  it('no old ciphertext survives in the database file or the WAL, and the old header no longer opens anything', async () => {
    const vault = copy();
    const paths = vaultPaths(vault);
    const oldHeader = readFileSync(paths.header);
    const oldBoxes = boxes(vault);
    await rekeyed(vault);
    expect(existsSync(`${paths.database}-wal`)).toBe(false);
    const file = readFileSync(paths.database);
    for (const [id, box] of oldBoxes) {
      // Nonce and tag of every old box are gone from the file (vacuumed, not left in free pages).
      expect(file.includes(box.subarray(0, 24)), `nonce of ${id}`).toBe(false);
      expect(file.includes(box.subarray(box.length - 16)), `tag of ${id}`).toBe(false);
    }
    // A copy of the old header taken before (a passphrase disclosed later) opens nothing now.
    writeFileSync(paths.header, oldHeader);
    expect(await errorCode(() => cheapService().unlock(vault, OLD))).toBe('damaged-vault');
  });

  it('is refused with a wrong current passphrase, and changes nothing', async () => {
    const vault = copy();
    const before = boxes(vault);
    const svc = cheapService();
    await svc.unlock(vault, OLD);
    expect(await errorCode(() => svc.rekey('not the passphrase at all', NEW))).toBe('wrong-passphrase');
    svc.lock();
    const after = boxes(vault);
    // Unlock and lock add audit entries; every record that was there keeps its exact ciphertext.
    for (const [id, box] of before) expect(after.get(id)?.equals(box), id).toBe(true);
    const again = cheapService();
    await again.unlock(vault, OLD);
    expect(await again.verify()).toMatchObject({ damaged: [], sealIntact: true });
    again.lock();
  });

  it('is refused while a record is damaged (it could not be re-encrypted), and changes nothing', async () => {
    const vault = copy();
    const db = new Database(vaultPaths(vault).database);
    const row = db.prepare('SELECT id, box FROM records LIMIT 1').get() as { id: Buffer; box: Buffer };
    row.box[30]! ^= 1;
    db.prepare('UPDATE records SET box = ? WHERE id = ?').run(row.box, row.id);
    db.close();
    const svc = cheapService();
    await svc.unlock(vault, OLD);
    expect(await errorCode(() => svc.rekey(OLD, NEW))).toBe('integrity');
    svc.lock();
    expect(await cheapService().unlock(vault, OLD).then(() => 'opened')).toBe('opened');
  });
});

/** Makes every rename of a path ending in `suffix` fail with EBUSY (as an antivirus holding the file does on Windows) until the returned function is called. */
function failRenames(suffix: string): () => void {
  const real = fs.renameSync;
  fs.renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
    if (String(from).endsWith(suffix)) throw Object.assign(new Error('EBUSY: resource busy or locked, rename'), { code: 'EBUSY' });
    return real(from, to);
  }) as typeof fs.renameSync;
  syncBuiltinESMExports();
  return () => {
    fs.renameSync = real;
    syncBuiltinESMExports();
  };
}

describe('a re-encryption whose header cannot be renamed into place after it committed', () => {
  it('is reported as done with a note; the session keeps a whole audit chain; the next unlock completes it', async () => {
    const vault = copy();
    const paths = vaultPaths(vault);
    const oldBoxes = boxes(vault);
    const svc = cheapService();
    await svc.unlock(vault, OLD);
    await svc.verify();
    const restore = failRenames('fieldvault.header.next');
    try {
      const outcome = await svc.rekey(OLD, NEW);
      expect(outcome.notes).toEqual([REKEY_NOTES['header-pending'].text]);
      expect(svc.auditLog().at(-1)).toMatchObject({ action: 'vault re-encrypted under a new key', detail: 'new header put in place at the next unlock' });
      // The session goes on working: these entries are chained under the new audit key, not a zeroed one.
      const i = svc.listInterviews()[0]!;
      svc.updateInterview(i.id, svc.getInterview(i.id).revision, { title: 'after the re-encryption' });
      expect(existsSync(`${paths.header}.next`)).toBe(true);
      svc.lock(); // its retry of the rename fails too
      expect(existsSync(`${paths.header}.next`)).toBe(true);
    } finally {
      restore();
    }
    expect(await errorCode(() => cheapService().unlock(vault, OLD))).toBe('wrong-passphrase');
    const again = cheapService();
    await again.unlock(vault, NEW);
    expect(existsSync(`${paths.header}.next`)).toBe(false);
    const report = await again.verify();
    expect(report).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true });
    expect(exportRefusal(report)).toBeNull();
    expect(again.listInterviews().some((i) => i.title === 'after the re-encryption')).toBe(true);
    again.lock();
    // Compaction ran although the rename failed: no old box survives in the file, and there is no WAL.
    expect(existsSync(`${paths.database}-wal`)).toBe(false);
    const file = readFileSync(paths.database);
    for (const [id, box] of oldBoxes) {
      expect(file.includes(box.subarray(0, 24)), `nonce of ${id}`).toBe(false);
      expect(file.includes(box.subarray(box.length - 16)), `tag of ${id}`).toBe(false);
    }
  });

  it('a rename that fails only once is completed at lock', async () => {
    const vault = copy();
    const paths = vaultPaths(vault);
    const svc = cheapService();
    await svc.unlock(vault, OLD);
    await svc.verify();
    const restore = failRenames('fieldvault.header.next');
    let outcome;
    try {
      outcome = await svc.rekey(OLD, NEW);
    } finally {
      restore();
    }
    expect(outcome.notes).toEqual([REKEY_NOTES['header-pending'].text]);
    svc.lock();
    expect(existsSync(`${paths.header}.next`)).toBe(false);
    const again = cheapService();
    await again.unlock(vault, NEW);
    expect(await again.verify()).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true });
    again.lock();
  });
});

describe('a re-encryption whose compaction fails after it committed', () => {
  it('is reported as done with a note, leaves its header pending, and the next unlock compacts and completes it', async () => {
    const vault = copy();
    const paths = vaultPaths(vault);
    const oldBoxes = boxes(vault);
    const svc = cheapService();
    await svc.unlock(vault, OLD);
    await svc.verify();
    const real = Database.prototype.exec;
    const vacuum = vi.spyOn(Database.prototype, 'exec').mockImplementation(function (this: Database.Database, sql: string) {
      if (sql === 'VACUUM') throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return real.call(this, sql);
    });
    try {
      const outcome = await svc.rekey(OLD, NEW);
      expect(outcome.notes).toEqual([REKEY_NOTES['compaction-pending'].text]);
      expect(svc.auditLog().at(-1)).toMatchObject({ action: 'vault re-encrypted under a new key', detail: 'vault file compacted at the next unlock' });
      svc.lock(); // its retry fails too
    } finally {
      vacuum.mockRestore();
    }
    // Left pending on purpose, so that the next open knows to compact.
    expect(existsSync(`${paths.header}.next`)).toBe(true);
    expect(await errorCode(() => cheapService().unlock(vault, OLD))).toBe('wrong-passphrase');
    const again = cheapService();
    await again.unlock(vault, NEW);
    expect(existsSync(`${paths.header}.next`)).toBe(false);
    expect(again.auditLog().at(-1)).toMatchObject({ action: 'vault re-encryption completed', detail: '' });
    expect(await again.verify()).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true });
    again.lock();
    const file = readFileSync(paths.database);
    for (const [id, box] of oldBoxes) {
      expect(file.includes(box.subarray(0, 24)), `nonce of ${id}`).toBe(false);
      expect(file.includes(box.subarray(box.length - 16)), `tag of ${id}`).toBe(false);
    }
  });
});

describe('a re-encryption cut off by a crash', () => {
  it('before the records were committed: the old passphrase opens the old vault and the pending header is dropped', async () => {
    const vault = copy();
    const done = copy();
    await rekeyed(done);
    // The state after step 1: the new header is waiting beside the untouched vault.
    copyFileSync(vaultPaths(done).header, `${vaultPaths(vault).header}.next`);
    const err = await cheapService().unlock(vault, NEW).then(
      () => null,
      (e: { code: string; message: string }) => e,
    );
    expect(err).toMatchObject({ code: 'wrong-passphrase' });
    expect(err?.message).toMatch(/interrupted.*previous passphrase/);
    const svc = cheapService();
    await svc.unlock(vault, OLD);
    expect(await svc.verify()).toMatchObject({ damaged: [], sealIntact: true });
    svc.lock();
    expect(existsSync(`${vaultPaths(vault).header}.next`)).toBe(false);
  });

  it('after the records were committed: the new passphrase opens the re-encrypted vault and the header is completed', async () => {
    const vault = copy();
    const oldHeader = readFileSync(vaultPaths(vault).header);
    await rekeyed(vault);
    const paths = vaultPaths(vault);
    // The state after step 2: the database is re-encrypted, the old header still in place, the new one pending.
    copyFileSync(paths.header, `${paths.header}.next`);
    writeFileSync(paths.header, oldHeader);
    const err = await cheapService().unlock(vault, OLD).then(
      () => null,
      (e: { code: string; message: string }) => e,
    );
    expect(err).toMatchObject({ code: 'wrong-passphrase' });
    expect(err?.message).toMatch(/re-encrypted under a new passphrase/);
    const svc = cheapService();
    await svc.unlock(vault, NEW);
    // Its compaction may never have run: this open ran it, and says so.
    expect(svc.auditLog().at(-1)).toMatchObject({ action: 'vault re-encryption completed', detail: '' });
    expect(await svc.verify()).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true });
    svc.lock();
    expect(existsSync(`${paths.header}.next`)).toBe(false);
    expect(readFileSync(paths.header).equals(oldHeader)).toBe(false);
    expect(await cheapService().unlock(vault, NEW).then(() => 'opened')).toBe('opened');
  });
});

describe('a re-encryption killed with SIGKILL at random moments', () => {
  it('always leaves exactly one passphrase that opens the whole vault, every record intact', async () => {
    const { spawn } = await import('node:child_process');
    const { childArgs } = await import('../fixtures/vault-helpers');
    const dir = tempDir('fv-rekey-kill-');
    scratch.push(dir);
    const seed = join(dir, 'seed');
    const svc = cheapService();
    await svc.create(seed, OLD);
    svc.createPeople([{ given: { latin: 'Zarina', cyrillic: 'Зарина' }, family: { latin: 'Kholova', cyrillic: 'Холова' } }]);
    const bodies = new Map(svc.createInterviews(Array.from({ length: 400 }, (_, n) => ({ title: `Interview ${n}`, body: `notes ${n} `.repeat(300) }))).map((i) => [i.id, i.body]));
    svc.lock();
    const run = (vault: string, killAfterMs: number | null) => {
      const { cmd, args } = childArgs('rekey-child.ts', [vault, OLD, NEW]);
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      let unlockedAt = 0;
      return new Promise<{ out: string; ms: number }>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('UNLOCKED') && unlockedAt === 0) {
            unlockedAt = performance.now();
            if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
          }
        });
        child.on('exit', () => resolve({ out, ms: performance.now() - unlockedAt }));
      });
    };
    // How long one re-encryption takes on this machine now (a busy machine is slower): the kills are spread
    // from right away to after it would have finished, so that some are cut short and others complete.
    const whole = copyVault(seed);
    scratch.push(join(whole, '..'));
    const duration = (await run(whole, null)).ms;
    const outcomes = { old: 0, new: 0 };
    for (let round = 0; round < 10; round++) {
      const vault = copyVault(seed);
      scratch.push(join(vault, '..'));
      const { out } = await run(vault, (round / 7) * duration);
      const opened: string[] = [];
      for (const pass of [OLD, NEW]) {
        const s = cheapService();
        try {
          await s.unlock(vault, pass);
        } catch (err) {
          expect((err as { code?: string }).code, `round ${round}`).toBe('wrong-passphrase');
          continue;
        }
        opened.push(pass);
        const report = await s.verify();
        expect(report, `round ${round}`).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true, interviews: 400, people: 1 });
        for (const i of s.listInterviews().slice(0, 25)) expect(s.getInterview(i.id).body).toBe(bodies.get(i.id));
        s.lock();
      }
      expect(opened, `round ${round}: ${out.trim().split('\n').join(', ')}`).toHaveLength(1);
      outcomes[opened[0] === OLD ? 'old' : 'new']++;
    }
    // The loop must really have cut some re-encryptions short and let others finish.
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.new).toBeGreaterThan(0);
  }, 180_000);
});
