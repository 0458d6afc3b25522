/**
 * A vault on read-only media (a write-protected USB stick): it opens for reading, search and export, refuses every
 * change with 'read-only', and writes nothing to its folder — checked by hashing every file before and after, on
 * a real read-only mount (tmpfs remounted ro, detected without any hint) and with the test seam that makes any
 * disk count as read-only (tests run as root, who can write every file on a writable disk).
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultError } from '../../src/core/errors';
import type { VaultService } from '../../src/core/service';
import { mediumIsWritable, UNFINISHED_WAL_ON_READ_ONLY } from '../../src/core/vault/database';
import { SCHEMA_VERSION } from '../../src/core/vault/migrations';
import { READ_ONLY_REFUSAL, UPGRADE_ON_READ_ONLY } from '../../src/core/vault/store';
import type { Interview, Person } from '../../src/shared/domain';
import { cheapService, errorCode, probeMount, removeDir, tempDir } from '../fixtures/vault-helpers';

const PASS = 'read-only media test passphrase';
const cannotMount = probeMount();
if (cannotMount) console.warn(`read-only mount tests skipped: ${cannotMount}`);

let root = '';
let vault = '';
let person: Person;
let interview: Interview;
const mounts: string[] = [];

/** Every file under `dir` (recursively) -> sha256 of its bytes; also catches files added or removed. */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p, `${prefix}${name}/`);
      else out[`${prefix}${name}`] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

async function makeVault(at: string): Promise<void> {
  const svc = cheapService();
  await svc.create(at, PASS);
  person = svc.createPerson({
    pseudonym: 'Gulya',
    given: { latin: 'Aigul', cyrillic: 'Айгуль' },
    family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' },
    consent: { givenOn: '2026-01-10', method: 'oral', allowsQuote: true, allowsName: false, allowsAudio: false, shareWith: [], withdrawnOn: '' },
  });
  interview = svc.createInterview({ title: 'Night search in Osh', summary: 'Айгуль Султаналиева told us about the night search of the yard.', tags: ['detention'] });
  svc.lock();
}

/** Unlocks, reads, searches, exports to `exportDir`, tries writes, locks: what a researcher does with the stick. */
async function useReadOnly(svc: VaultService, exportDir: string): Promise<{ readonly refusals: Record<string, string>; readonly messages: Set<string> }> {
  const report = await svc.unlock(vault, PASS);
  expect(report.readOnly).toBe(true);
  expect(report.interviews).toBe(1);
  expect(svc.status()).toMatchObject({ state: 'unlocked', report: { readOnly: true } });
  await svc.verify();
  expect(svc.getInterview(interview.id).summary).toContain('night search');
  expect(svc.search('search', 10).map((h) => h.id)).toContain(interview.id);
  expect(svc.getPerson(person.id).pseudonym).toBe('Gulya');
  // Export to a writable place: written, and the result says it is not in the audit log.
  const result = svc.exportWrite(interview.id, 'summary', 'pseudonym', 'md', { keep: [], redact: [] }, join(exportDir, 'INT-0001-summary'));
  expect(result.notAudited).toBe(true);
  expect(readFileSync(result.path, 'utf8')).toContain('Gulya');
  expect(readFileSync(result.path, 'utf8')).not.toContain('Султаналиева');
  const messages = new Set<string>();
  const refused = async (fn: () => unknown): Promise<string> => {
    try {
      await fn();
    } catch (err) {
      if (err instanceof VaultError) {
        messages.add(err.message);
        return err.code;
      }
      throw err;
    }
    return 'no-error';
  };
  const refusals: Record<string, string> = {
    createInterview: await refused(() => svc.createInterview({ title: 'New' })),
    updateInterview: await refused(() => svc.updateInterview(interview.id, interview.revision, { title: 'Changed' })),
    deleteInterview: await refused(() => svc.deleteInterview(interview.id)),
    createPerson: await refused(() => svc.createPerson({ pseudonym: 'X' })),
    updatePerson: await refused(() => svc.updatePerson(person.id, person.revision, { pseudonym: 'Y' })),
    updateSettings: await refused(() => svc.updateSettings({ autoLockMinutes: 30 })),
    updateTaxonomy: await refused(() => svc.updateTaxonomy(svc.taxonomy())),
    changePassphrase: await refused(() => svc.changePassphrase(PASS, 'another long passphrase 2026')),
    createBackup: await refused(() => svc.createBackup(join(exportDir, 'vault.fvbackup'))),
  };
  svc.lock();
  return { refusals, messages };
}

const allReadOnly = (refusals: Record<string, string>) => Object.fromEntries(Object.keys(refusals).map((k) => [k, 'read-only']));

beforeEach(() => {
  root = tempDir('fv-readonly-');
  vault = join(root, 'vault');
});
afterEach(() => {
  for (const m of mounts.splice(0)) {
    try {
      execFileSync('umount', [m], { stdio: 'pipe' });
    } catch {
      /* already gone */
    }
  }
  removeDir(root);
});

describe('a vault opened as on a read-only disk (test seam: the disk here is writable)', () => {
  it('reads, searches and exports; refuses every change with read-only; every file in the folder is byte-identical afterwards', async () => {
    await makeVault(vault);
    const before = hashes(vault);
    const exportDir = join(root, 'exports');
    mkdirSync(exportDir);
    const { refusals, messages } = await useReadOnly(cheapService({ readOnlyMedium: true }), exportDir);
    expect(refusals).toEqual(allReadOnly(refusals));
    expect([...messages]).toEqual([READ_ONLY_REFUSAL]);
    // No -wal, no -shm, no audit entry, no search cache: the same files with the same bytes.
    expect(hashes(vault)).toEqual(before);
    expect(readdirSync(exportDir)).toEqual(['INT-0001-summary.md']);
    // Unlocked normally afterwards: the export (and the read-only session) left no trace in the audit log.
    const svc = cheapService();
    const report = await svc.unlock(vault, PASS);
    expect(report.readOnly).toBeUndefined();
    expect(report.sealIntact).toBe(true);
    expect(report.auditChainIntact).toBe(true);
    const actions = svc.auditLog().map((e) => e.action);
    expect(actions.filter((a) => a === 'exported')).toEqual([]);
    expect(actions.filter((a) => a === 'vault unlocked')).toHaveLength(1); // this unlock only
    // …and a writable vault's export is audited as always, with no notAudited flag.
    await svc.verify();
    const written = svc.exportWrite(interview.id, 'summary', 'pseudonym', 'md', { keep: [], redact: [] }, join(exportDir, 'INT-0001-again'));
    expect(written.notAudited).toBeUndefined();
    expect(svc.auditLog().map((e) => e.action)).toContain('exported');
    svc.lock();
  });

  it('a vault whose last changes are still in its WAL is refused, not shown as it was before them', async () => {
    const svc = cheapService();
    await svc.create(vault, PASS);
    const made = svc.createInterview({ title: 'Saved so far' });
    // a note's save stays in the WAL until the next checkpoint (the new interview's code counter was checkpointed)
    svc.updateInterview(made.id, made.revision, { title: 'Saved only in the WAL so far' });
    // A copy taken while the vault is open (the stick pulled out): the WAL holds committed changes.
    const copy = join(root, 'copy');
    cpSync(vault, copy, { recursive: true });
    svc.lock();
    expect(statSync(join(copy, 'fieldvault.db-wal')).size).toBeGreaterThan(0);
    const before = hashes(copy);
    let error: unknown = null;
    try {
      await cheapService({ readOnlyMedium: true }).unlock(copy, PASS);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('read-only');
    expect((error as VaultError).message).toBe(UNFINISHED_WAL_ON_READ_ONLY);
    expect(hashes(copy)).toEqual(before);
  });

  it('a vault that needs an upgrade is refused with a clear message, and nothing is changed', async () => {
    await makeVault(vault);
    // An older schema number stands for an older vault (the refusal comes before anything else is read).
    const db = new Database(join(vault, 'fieldvault.db'));
    db.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = hashes(vault);
    let error: unknown = null;
    try {
      await cheapService({ readOnlyMedium: true }).unlock(vault, PASS);
    } catch (err) {
      error = err;
    }
    expect((error as VaultError).code).toBe('read-only');
    expect((error as VaultError).message).toBe(UPGRADE_ON_READ_ONLY);
    expect(hashes(vault)).toEqual(before);
  });

  it('a wrong passphrase is still a wrong passphrase', async () => {
    await makeVault(vault);
    expect(await errorCode(() => cheapService({ readOnlyMedium: true }).unlock(vault, 'not the passphrase at all'))).toBe('wrong-passphrase');
  });
});

describe.skipIf(cannotMount !== null)('a vault on a real read-only disk (tmpfs remounted read-only)', () => {
  it('is detected without any hint, opens read-only, and its files are byte-identical after unlock, search, export and lock', async () => {
    mkdirSync(vault);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', vault], { stdio: 'pipe' });
    mounts.push(vault);
    await makeVault(vault);
    const before = hashes(vault);
    execFileSync('mount', ['-o', 'remount,ro', vault], { stdio: 'pipe' });
    expect(mediumIsWritable(join(vault, 'fieldvault.db'))).toBe(false);
    const exportDir = join(root, 'exports');
    mkdirSync(exportDir);
    const { refusals, messages } = await useReadOnly(cheapService(), exportDir);
    expect(refusals).toEqual(allReadOnly(refusals));
    expect([...messages]).toEqual([READ_ONLY_REFUSAL]);
    expect(hashes(vault)).toEqual(before);
    expect(existsSync(join(vault, 'fieldvault.db-shm'))).toBe(false);
    // Writable again: the vault opens normally, intact.
    execFileSync('mount', ['-o', 'remount,rw', vault], { stdio: 'pipe' });
    expect(mediumIsWritable(join(vault, 'fieldvault.db'))).toBe(true);
    const svc = cheapService();
    const report = await svc.unlock(vault, PASS);
    expect(report).toMatchObject({ sealIntact: true, auditChainIntact: true, interviews: 1 });
    expect(report.readOnly).toBeUndefined();
    svc.lock();
  });
});
