/**
 * The audit log records every change — person edits (by field group, consent withdrawal as its own action),
 * settings (by name, allow-list entries counted), interview edits (once per editing burst) and locks — in the
 * same transaction as the change, and never a value: no name, phone number or allow-list string.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { personChange, settingsChange } from '../../src/core/domain/audit-changes';
import { BURST_MS } from '../../src/core/domain/history';
import { VaultError } from '../../src/core/errors';
import type { VaultService } from '../../src/core/service';
import { createRouter } from '../../src/core/router';
import { defaultVaultSettings, emptyPersonFields, type AuditEntry, type Person } from '../../src/shared/domain';
import { cheapService, removeDir, tempDir } from '../fixtures/vault-helpers';

const PASS = 'audit changes passphrase';
const consent = { givenOn: '2026-03-01', method: 'oral', allowsQuote: true, allowsName: false, allowsAudio: false, shareWith: [], withdrawnOn: '' } as const;
/** Values that must never reach the log. */
const VALUES = ['Gulnara', 'Гульнара', 'Tashieva', 'Witness Seven', '+996 555 123 456', '555', 'Radio Azattyk', 'Mayor Asanov', 'Red Crescent', 'Secret Title', 'fled at night'];

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
  vi.useRealTimers();
  svc.lock();
  removeDir(dir);
});

function since(log: readonly AuditEntry[], seq: number): [string, string, string][] {
  return log.filter((e) => e.seq > seq).map((e) => [e.action, e.subject, e.detail]);
}

function expectNoValues(log: readonly AuditEntry[]): void {
  for (const e of log) {
    for (const v of VALUES) {
      expect(e.action).not.toContain(v);
      expect(e.subject).not.toContain(v);
      expect(e.detail).not.toContain(v);
    }
  }
}

async function reopen(): Promise<AuditEntry[]> {
  svc.lock();
  svc = cheapService();
  await svc.unlock(vault, PASS);
  return [...svc.auditLog()];
}

describe('person edits', () => {
  it('names the field groups that changed, never the values; consent withdrawal is its own action', async () => {
    const p = svc.createPerson({ pseudonym: 'Witness Seven', consent });
    const mark = svc.auditLog().length;
    const p2 = svc.updatePerson(p.id, p.revision, {
      given: { latin: 'Gulnara', cyrillic: 'Гульнара' },
      family: { latin: 'Tashieva', cyrillic: '' },
      contacts: [{ kind: 'phone', value: '+996 555 123 456' }],
    });
    const p3 = svc.updatePerson(p2.id, p2.revision, { consent: { ...consent, shareWith: ['Red Crescent'] }, riskNotes: 'fled at night' });
    const p4 = svc.updatePerson(p3.id, p3.revision, { consent: { ...p3.consent, withdrawnOn: '2026-04-02' } });
    const p5 = svc.updatePerson(p4.id, p4.revision, { consent: { ...p4.consent, withdrawnOn: '' }, location: 'Osh' });
    // a save that changes nothing writes no entry
    svc.updatePerson(p5.id, p5.revision, {});
    expect(since(svc.auditLog(), mark)).toEqual([
      ['person updated', 'W-001', 'names, contacts'],
      ['person updated', 'W-001', 'consent, risk notes'],
      ['consent withdrawn', 'W-001', ''],
      ['consent withdrawal undone', 'W-001', 'details'],
    ]);
    const log = await reopen();
    expect(log.some((e) => e.action === 'consent withdrawn')).toBe(true);
    expect(svc.status()).toMatchObject({ report: { auditChainIntact: true } });
    expectNoValues(log);
  });

  it('autosave while typing: one entry for a run of the same change, a new one for another change', () => {
    let p = svc.createPerson({ pseudonym: 'W' });
    const mark = svc.auditLog().length;
    for (const pseudonym of ['Wi', 'Wit', 'Witness', 'Witness Seven']) p = svc.updatePerson(p.id, p.revision, { pseudonym });
    p = svc.updatePerson(p.id, p.revision, { role: 'victim' });
    svc.updatePerson(p.id, p.revision, { pseudonym: 'Witness Eight' });
    expect(since(svc.auditLog(), mark)).toEqual([
      ['person updated', 'W-001', 'pseudonym'],
      ['person updated', 'W-001', 'role'],
      ['person updated', 'W-001', 'pseudonym'],
    ]);
  });

  it('personChange describes groups only', () => {
    const base = { ...emptyPersonFields, id: 'x', revision: 1, code: 'W-009', createdAt: '', updatedAt: '' } as Person;
    expect(personChange(base, { ...base })).toBeNull();
    expect(personChange(base, { ...base, pseudonym: 'Witness Seven', role: 'official' })).toEqual({ action: 'person updated', detail: 'pseudonym, role' });
  });
});

describe('settings', () => {
  it('names the settings that changed and counts allow-list entries, never storing them', async () => {
    const mark = svc.auditLog().length;
    svc.updateSettings({ autoLockMinutes: 10 });
    svc.updateSettings({ allowList: ['Mayor Asanov', 'Radio Azattyk'] });
    svc.updateSettings({ allowList: ['Radio Azattyk'], searchIncludesPeople: true });
    svc.updateSettings({ autoLockMinutes: 10 }); // no change: no entry
    expect(since(svc.auditLog(), mark)).toEqual([
      ['settings changed', '', 'auto-lock'],
      ['settings changed', '', 'allow-list: 2 added'],
      ['settings changed', '', 'search includes people; allow-list: 1 removed'],
    ]);
    expectNoValues(await reopen());
  });

  it('settingsChange: nothing changed is null; theme is named', () => {
    expect(settingsChange(defaultVaultSettings, { ...defaultVaultSettings })).toBeNull();
    expect(settingsChange(defaultVaultSettings, { ...defaultVaultSettings, theme: 'dark' })).toBe('theme');
  });

  it('the taxonomy change is recorded', () => {
    const mark = svc.auditLog().length;
    svc.updateTaxonomy(svc.taxonomy());
    expect(since(svc.auditLog(), mark)).toEqual([['taxonomy changed', '', '']]);
  });
});

describe('interview edits', () => {
  it('one entry per editing burst, not one per autosave', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.parse('2026-05-01T10:00:00Z');
    vi.setSystemTime(t0);
    let i = svc.createInterview({ title: 'Secret Title' });
    const mark = svc.auditLog().length;
    for (let n = 1; n <= 5; n++) {
      vi.setSystemTime(t0 + n * 2000);
      i = svc.updateInterview(i.id, i.revision, { body: `draft ${n}` });
    }
    expect(since(svc.auditLog(), mark)).toEqual([['interview edited', 'INT-0001', '']]);
    vi.setSystemTime(t0 + BURST_MS + 60_000);
    i = svc.updateInterview(i.id, i.revision, { body: 'later' });
    svc.updateInterview(i.id, i.revision, { body: 'later still' });
    expect(since(svc.auditLog(), mark)).toEqual([
      ['interview edited', 'INT-0001', ''],
      ['interview edited', 'INT-0001', ''],
    ]);
    vi.useRealTimers();
    expectNoValues(await reopen());
    expect(svc.status()).toMatchObject({ report: { auditChainIntact: true } });
  });
});

describe('locking', () => {
  it('records the lock with its reason when the caller gives one', async () => {
    const dispatch = createRouter(svc);
    expect(await dispatch('vault.lock', { reason: 'idle' })).toMatchObject({ ok: true });
    await svc.unlock(vault, PASS);
    svc.lock('user');
    await svc.unlock(vault, PASS);
    svc.lock();
    const log = await reopen();
    expect(log.filter((e) => e.action === 'vault locked').map((e) => e.detail)).toEqual(['after inactivity', 'by the user', '']);
    expect(svc.status()).toMatchObject({ report: { auditChainIntact: true } });
  });

  it('a lock whose audit entry cannot be written (full disk) still locks', async () => {
    svc.createInterview({ title: 'kept' });
    const session = (svc as unknown as { session: { store: { write: () => never } } }).session;
    session.store.write = () => {
      throw new VaultError('disk-full', 'The disk is full.');
    };
    expect(() => svc.lock('user')).not.toThrow();
    expect(svc.status().state).toBe('locked');
    const log = await reopen();
    expect(svc.listInterviews().map((r) => r.title)).toEqual(['kept']);
    expect(log[log.length - 1]!.action).toBe('vault unlocked');
    expect(svc.status()).toMatchObject({ report: { auditChainIntact: true } });
  });
});
