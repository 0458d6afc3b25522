/** Passphrase change: re-wraps the master key, is atomic, and a crash on either side of the rename loses nothing. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeHeader, staleHeaderTemps } from '../../src/core/vault/header';
import { vaultPaths } from '../../src/core/vault/layout';
import { cheapService, childArgs, errorCode, PROJECT_ROOT, removeDir, tempDir } from '../fixtures/vault-helpers';

const OLD = 'old passphrase: correct horse';
const NEW = 'new passphrase: battery staple';
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});

async function seededVault(): Promise<{ vault: string; interviewIds: string[]; personIds: string[] }> {
  const dir = tempDir();
  dirs.push(dir);
  const vault = join(dir, 'vault');
  const svc = cheapService();
  await svc.create(vault, OLD);
  const interviewIds = [svc.createInterview({ title: 'Alpha', body: 'first body' }).id, svc.createInterview({ title: 'Beta' }).id];
  const personIds = [svc.createPerson({ pseudonym: 'Gamma', riskNotes: 'notes' }).id];
  svc.lock();
  return { vault, interviewIds, personIds };
}

/** Tries both passphrases; returns which worked and checks the data of the one that did. */
async function whichWorks(vault: string, interviewIds: string[], personIds: string[]): Promise<string[]> {
  const working: string[] = [];
  for (const pass of [OLD, NEW]) {
    const svc = cheapService();
    try {
      const report = await svc.unlock(vault, pass);
      working.push(pass);
      expect(report).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true });
      expect(svc.listInterviews().map((i) => i.id).sort()).toEqual([...interviewIds].sort());
      expect(svc.listPeople().map((p) => p.id)).toEqual(personIds);
      expect(svc.getInterview(interviewIds[0]!).body).toBe('first body');
      svc.lock();
    } catch (err) {
      expect((err as { code?: string }).code).toBe('wrong-passphrase');
    }
  }
  return working;
}

function runChild(vault: string, mode: string) {
  const { cmd, args } = childArgs('passphrase-child.ts', [vault, OLD, NEW, mode]);
  return spawnSync(cmd, args, { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('changePassphrase', () => {
  it('old passphrase stops working, new one works, data and vault id unchanged, salt renewed', async () => {
    const { vault, interviewIds, personIds } = await seededVault();
    const before = decodeHeader(new Uint8Array(readFileSync(vaultPaths(vault).header)));
    const svc = cheapService();
    await svc.unlock(vault, OLD);
    await svc.changePassphrase(OLD, NEW);
    // The session goes on after the change.
    svc.createInterview({ title: 'Written after the change' });
    expect(svc.auditLog().some((e) => e.action === 'passphrase changed')).toBe(true);
    svc.lock();
    const after = decodeHeader(new Uint8Array(readFileSync(vaultPaths(vault).header)));
    expect(Buffer.from(after.vaultId).equals(Buffer.from(before.vaultId))).toBe(true);
    expect(Buffer.from(after.salt).equals(Buffer.from(before.salt))).toBe(false);
    expect(Buffer.from(after.wrappedKey).equals(Buffer.from(before.wrappedKey))).toBe(false);
    expect(staleHeaderTemps(vaultPaths(vault).header)).toEqual([]);

    expect(await errorCode(() => cheapService().unlock(vault, OLD))).toBe('wrong-passphrase');
    const again = cheapService();
    const report = await again.unlock(vault, NEW);
    expect(report).toMatchObject({ interviews: 3, people: 1, damaged: [], sealIntact: true, auditChainIntact: true });
    expect(again.listInterviews().map((i) => i.id)).toEqual(expect.arrayContaining(interviewIds));
    expect(again.listPeople().map((p) => p.id)).toEqual(personIds);
    again.lock();
  });

  it('a wrong current passphrase is refused and changes nothing', async () => {
    const { vault } = await seededVault();
    const header = readFileSync(vaultPaths(vault).header);
    const svc = cheapService();
    await svc.unlock(vault, OLD);
    expect(await errorCode(() => svc.changePassphrase('not it', NEW))).toBe('wrong-passphrase');
    svc.lock();
    expect(readFileSync(vaultPaths(vault).header).equals(header)).toBe(true);
    expect(await errorCode(() => cheapService().unlock(vault, NEW))).toBe('wrong-passphrase');
  });

  it('changing twice and back works; NFC and NFD spellings of a passphrase are the same passphrase', async () => {
    const { vault, interviewIds, personIds } = await seededVault();
    const svc = cheapService();
    await svc.unlock(vault, OLD);
    await svc.changePassphrase(OLD, 'Ayg\u00fcl'); // NFC ü
    await svc.changePassphrase('Aygu\u0308l', OLD); // NFD ü: same passphrase after normalisation
    svc.lock();
    expect(await whichWorks(vault, interviewIds, personIds)).toEqual([OLD]);
  });

  it('locked service refuses changePassphrase with locked', async () => {
    expect(await errorCode(() => cheapService().changePassphrase(OLD, NEW))).toBe('locked');
  });
});

describe('changePassphrase crash safety (child process killed with SIGKILL)', () => {
  it('killed after the header temp file was written but before the rename: the OLD passphrase opens, the temp file is cleaned', async () => {
    const { vault, interviewIds, personIds } = await seededVault();
    const header = readFileSync(vaultPaths(vault).header);
    const r = runChild(vault, 'before-rename');
    expect(r.stdout).toContain('UNLOCKED');
    expect(r.stdout).not.toContain('CHANGED');
    expect(r.signal).toBe('SIGKILL');
    const temps = staleHeaderTemps(vaultPaths(vault).header);
    expect(temps).toHaveLength(1); // the crash really happened in the window between write and rename
    const tmp = temps[0]!;
    expect(tmp).toMatch(/[\\/]\.fieldvault\.header\.[0-9a-f]{16}\.tmp$/);
    expect(readFileSync(tmp)).toHaveLength(128);
    expect(readFileSync(vaultPaths(vault).header).equals(header)).toBe(true);

    const svc = cheapService();
    await svc.unlock(vault, OLD);
    expect(existsSync(tmp)).toBe(false);
    svc.lock();
    expect(await whichWorks(vault, interviewIds, personIds)).toEqual([OLD]);
  });

  it('killed right after the rename, before lock: the NEW passphrase opens and everything is there', async () => {
    const { vault, interviewIds, personIds } = await seededVault();
    const r = runChild(vault, 'after-rename');
    expect(r.stdout).toContain('CHANGED');
    expect(r.stdout).not.toMatch(/^LOCKED$/m);
    expect(r.signal).toBe('SIGKILL');
    expect(staleHeaderTemps(vaultPaths(vault).header)).toEqual([]);
    expect(await whichWorks(vault, interviewIds, personIds)).toEqual([NEW]);
    const svc = cheapService();
    await svc.unlock(vault, NEW);
    expect(svc.auditLog().map((e) => e.action)).toContain('passphrase changed');
    svc.lock();
  });

  it('a child that completes normally switches to the NEW passphrase', async () => {
    const { vault, interviewIds, personIds } = await seededVault();
    const r = runChild(vault, 'normal');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^LOCKED$/m);
    expect(await whichWorks(vault, interviewIds, personIds)).toEqual([NEW]);
  });
});
