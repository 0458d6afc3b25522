/** VaultService: records, revisions, codes, links, the locked state, key hygiene and the single-opener lock. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VaultService } from '../../src/core/service';
import type { RecordStore } from '../../src/core/vault/store';
import { cheapService, childArgs, errorCode, errorCodeSync, PROJECT_ROOT, removeDir, tempDir } from '../fixtures/vault-helpers';

const PASS = 'service test passphrase';
let dir = '';
let vault = '';
let svc: VaultService;

beforeEach(async () => {
  dir = tempDir();
  vault = join(dir, 'vault');
  svc = cheapService();
  await svc.create(vault, PASS);
});
afterEach(() => {
  svc.lock();
  removeDir(dir);
});

async function reopen(): Promise<VaultService> {
  svc.lock();
  svc = cheapService();
  await svc.unlock(vault, PASS);
  return svc;
}

describe('interviews', () => {
  it('create, read, update (revision increments), delete; all of it persists across lock/unlock', async () => {
    const a = svc.createInterview({ title: 'Checkpoint', date: '2024-03-01', place: { country: 'KG', city: 'Osh', district: '' }, tags: ['detention'] });
    expect(a).toMatchObject({ code: 'INT-0001', revision: 1, title: 'Checkpoint', status: 'draft', format: 'in-person', body: '' });
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    const a2 = svc.updateInterview(a.id, 1, { body: 'What happened', status: 'reviewed' });
    expect(a2).toMatchObject({ revision: 2, title: 'Checkpoint', body: 'What happened', status: 'reviewed', code: 'INT-0001' });
    const b = svc.createInterview({ title: 'Market' });
    expect(svc.listInterviews().map((r) => r.code)).toEqual(['INT-0002', 'INT-0001']);
    expect(svc.listInterviews()[0]).not.toHaveProperty('body');

    await reopen();
    expect(svc.getInterview(a.id)).toMatchObject({ revision: 2, body: 'What happened', tags: ['detention'], place: { city: 'Osh' } });
    svc.deleteInterview(b.id);
    expect(await errorCode(() => svc.getInterview(b.id))).toBe('not-found');
    await reopen();
    expect(svc.listInterviews().map((r) => r.id)).toEqual([a.id]);
    expect(await errorCode(() => svc.deleteInterview(b.id))).toBe('not-found');
    expect(await errorCode(() => svc.updateInterview(b.id, 1, { title: 'x' }))).toBe('not-found');
  });

  it('a stale revision is a conflict and changes nothing', async () => {
    const a = svc.createInterview({ title: 'v1' });
    svc.updateInterview(a.id, 1, { title: 'v2' });
    expect(errorCodeSync(() => svc.updateInterview(a.id, 1, { title: 'stale edit' }))).toBe('conflict');
    expect(errorCodeSync(() => svc.updateInterview(a.id, 3, { title: 'future edit' }))).toBe('conflict');
    expect(svc.getInterview(a.id)).toMatchObject({ title: 'v2', revision: 2 });
    await reopen();
    expect(svc.getInterview(a.id)).toMatchObject({ title: 'v2', revision: 2 });
  });

  it('codes increment and are never reused after delete, even across lock/unlock', async () => {
    const a = svc.createInterview({ title: 'one' });
    const b = svc.createInterview({ title: 'two' });
    expect([a.code, b.code]).toEqual(['INT-0001', 'INT-0002']);
    svc.deleteInterview(b.id);
    expect(svc.createInterview({ title: 'three' }).code).toBe('INT-0003');
    svc.deleteInterview(a.id);
    await reopen();
    expect(svc.createInterview({ title: 'four' }).code).toBe('INT-0004');
    const bulk = svc.createInterviews([{ title: 'five' }, { title: 'six' }]);
    expect(bulk.map((i) => i.code)).toEqual(['INT-0005', 'INT-0006']);
    for (const i of svc.listInterviews()) svc.deleteInterview(i.id);
    await reopen();
    expect(svc.listInterviews()).toEqual([]);
    expect(svc.createInterview({ title: 'seven' }).code).toBe('INT-0007');
  });
});

describe('people', () => {
  it('create, update with revisions and conflicts, delete; codes W-001.. never reused', async () => {
    const p = svc.createPerson({ pseudonym: 'Witness', given: { latin: 'Aigul', cyrillic: 'Айгуль' } });
    expect(p).toMatchObject({ code: 'W-001', revision: 1, role: 'witness', consent: { allowsName: false } });
    const q = svc.createPerson({ pseudonym: 'Second' });
    expect(q.code).toBe('W-002');
    const p2 = svc.updatePerson(p.id, 1, { riskNotes: 'moved' });
    expect(p2).toMatchObject({ revision: 2, riskNotes: 'moved', given: { cyrillic: 'Айгуль' } });
    expect(errorCodeSync(() => svc.updatePerson(p.id, 1, { riskNotes: 'stale' }))).toBe('conflict');
    svc.deletePerson(q.id);
    expect(errorCodeSync(() => svc.getPerson(q.id))).toBe('not-found');
    await reopen();
    expect(svc.listPeople().map((x) => x.id)).toEqual([p.id]);
    expect(svc.getPerson(p.id).riskNotes).toBe('moved');
    expect(svc.createPerson({}).code).toBe('W-003');
    expect(svc.createPeople([{}, {}]).map((x) => x.code)).toEqual(['W-004', 'W-005']);
  });

  it('deletePerson unlinks the person from every interview (in the same save), other links stay', async () => {
    const p = svc.createPerson({ pseudonym: 'P' });
    const q = svc.createPerson({ pseudonym: 'Q' });
    const i1 = svc.createInterview({ title: 'i1', people: [p.id, q.id] });
    const i2 = svc.createInterview({ title: 'i2', people: [p.id] });
    const i3 = svc.createInterview({ title: 'i3', people: [q.id] });
    svc.deletePerson(p.id);
    expect(svc.getInterview(i1.id)).toMatchObject({ people: [q.id], revision: 2 });
    expect(svc.getInterview(i2.id)).toMatchObject({ people: [], revision: 2 });
    expect(svc.getInterview(i3.id)).toMatchObject({ people: [q.id], revision: 1 });
    await reopen();
    expect(svc.getInterview(i1.id).people).toEqual([q.id]);
    expect(svc.getInterview(i2.id).people).toEqual([]);
    // The unlinked interviews can be edited with their new revision (memory and disk agree).
    expect(svc.updateInterview(i2.id, 2, { title: 'i2 edited' }).revision).toBe(3);
    const report = await reopen().then((s) => s.status());
    expect(report).toMatchObject({ state: 'unlocked', report: { damaged: [], sealIntact: true, auditChainIntact: true } });
  });
});

describe('audit', () => {
  it('records creations and deletions by code, never by name or title', async () => {
    const p = svc.createPerson({ pseudonym: 'Secret Pseudonym', given: { latin: 'Gulnara', cyrillic: '' } });
    const i = svc.createInterview({ title: 'Secret Title' });
    svc.deletePerson(p.id);
    svc.deleteInterview(i.id);
    const log = svc.auditLog();
    expect(log.map((e) => [e.action, e.subject])).toEqual([
      ['vault created', ''],
      ['person added', 'W-001'],
      ['interview created', 'INT-0001'],
      ['person deleted', 'W-001'],
      ['interview deleted', 'INT-0001'],
    ]);
    expect(JSON.stringify(log)).not.toMatch(/Secret|Gulnara/);
  });
});

describe('the locked service', () => {
  it('refuses every operation with locked (before any unlock and after lock)', async () => {
    const fresh = cheapService();
    const id = '0'.repeat(32);
    const calls: [string, (s: VaultService) => unknown][] = [
      ['listInterviews', (s) => s.listInterviews()],
      ['getInterview', (s) => s.getInterview(id)],
      ['createInterview', (s) => s.createInterview({ title: 'x' })],
      ['createInterviews', (s) => s.createInterviews([{ title: 'x' }])],
      ['updateInterview', (s) => s.updateInterview(id, 1, { title: 'x' })],
      ['deleteInterview', (s) => s.deleteInterview(id)],
      ['listPeople', (s) => s.listPeople()],
      ['getPerson', (s) => s.getPerson(id)],
      ['createPerson', (s) => s.createPerson({})],
      ['createPeople', (s) => s.createPeople([{}])],
      ['updatePerson', (s) => s.updatePerson(id, 1, {})],
      ['deletePerson', (s) => s.deletePerson(id)],
      ['search', (s) => s.search('x')],
      ['auditLog', (s) => s.auditLog()],
      ['changePassphrase', (s) => s.changePassphrase(PASS, 'other')],
    ];
    const real = svc.createInterview({ title: 'exists' });
    svc.lock();
    for (const [name, call] of calls) {
      expect(await errorCode(() => call(fresh)), `${name} before unlock`).toBe('locked');
      expect(await errorCode(() => call(svc)), `${name} after lock`).toBe('locked');
    }
    expect(await errorCode(() => svc.getInterview(real.id))).toBe('locked');
    expect(svc.status()).toEqual({ state: 'locked' });
    svc.lock(); // locking twice is harmless
  });

  it('create/unlock while unlocked is already-unlocked', async () => {
    expect(await errorCode(() => svc.unlock(vault, PASS))).toBe('already-unlocked');
    expect(await errorCode(() => svc.create(join(dir, 'other'), PASS))).toBe('already-unlocked');
  });

  it('create refuses a folder that is not empty or already holds a vault', async () => {
    svc.lock();
    expect(await errorCode(() => cheapService().create(vault, PASS))).toBe('vault-exists');
  });

  it('lock zeroes the master key, every subkey and the seal accumulator', async () => {
    svc.createInterview({ title: 'something' });
    const store = (svc as unknown as { session: { store: RecordStore } }).session.store;
    const internals = store as unknown as { masterKey: Uint8Array; keys: Record<string, Uint8Array>; accumulator: Uint8Array };
    const buffers = [internals.masterKey, ...Object.values(internals.keys), internals.accumulator];
    expect(Object.keys(internals.keys).sort()).toEqual(['audit', 'records', 'rows', 'seal', 'search']);
    for (const b of buffers) {
      expect(b.length).toBe(32);
      expect(b.some((x) => x !== 0)).toBe(true);
    }
    svc.lock();
    for (const b of buffers) expect(b.every((x) => x === 0)).toBe(true);
    expect(store.isClosed).toBe(true);
    expect((svc as unknown as { session: unknown }).session).toBeNull();
  });
});

describe('one opener at a time', () => {
  it('a second unlock of the same vault in this process is vault-busy; after lock it opens', async () => {
    const second = cheapService();
    expect(await errorCode(() => second.unlock(vault, PASS))).toBe('vault-busy');
    expect(second.status().state).toBe('locked');
    // The first session was not disturbed.
    expect(svc.createInterview({ title: 'still writable' }).code).toBe('INT-0001');
    svc.lock();
    await second.unlock(vault, PASS);
    expect(second.listInterviews()).toHaveLength(1);
    second.lock();
  });

  it('another process trying to open the vault gets vault-busy', async () => {
    const { cmd, args } = childArgs('try-unlock.ts', [vault, PASS]);
    const busy = spawnSync(cmd, args, { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(JSON.parse(busy.stdout.trim())).toEqual({ ok: false, code: 'vault-busy' });
    svc.createInterview({ title: 'after the other process tried' });
    svc.lock();
    const free = spawnSync(cmd, args, { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(JSON.parse(free.stdout.trim())).toEqual({ ok: true, interviews: 1 });
  });
});
