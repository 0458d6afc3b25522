import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRouter } from '../../src/core/router';
import { VaultService } from '../../src/core/service';

const KDF = { opsLimit: 1, memLimitKiB: 8192 };
let dir: string;
let vault: string;
let svc: VaultService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fv-daily-'));
  vault = join(dir, 'v');
  svc = new VaultService({ kdf: KDF });
  await svc.create(vault, 'pass phrase');
});
afterEach(() => {
  vi.useRealTimers();
  svc.lock();
  rmSync(dir, { recursive: true, force: true });
});

async function reopen(): Promise<void> {
  svc.lock();
  svc = new VaultService({ kdf: KDF });
  await svc.unlock(vault, 'pass phrase');
}

describe('interview list: filters and sort', () => {
  it('filters by date range, country, place, incident type, tag, status and person; sorts', async () => {
    const w = svc.createPerson({ pseudonym: 'Gulya' });
    const other = svc.createPerson({});
    svc.createInterviews([
      { title: 'A', date: '2024-03-01', place: { country: 'Kyrgyzstan', city: 'Osh', district: 'Kara-Suu' }, incidentTypes: ['airport-detention'], tags: ['returnees'], status: 'reviewed' },
      { title: 'B', date: '2024-05-10', place: { country: 'Russia', city: 'Moscow', district: '' }, incidentTypes: ['withheld-pay'], tags: ['Construction'], people: [other.id] },
      { title: 'C', date: '', place: { country: 'kyrgyzstan', city: 'Bishkek', district: '' }, body: `Met ${w.code} at the bazaar.` },
    ]);
    const titles = (rows: readonly { title: string }[]) => rows.map((r) => r.title);
    for (const phase of ['live', 'after reopen']) {
      expect(titles(svc.listInterviews({ from: '2024-04-01' })), phase).toEqual(['B']);
      expect(titles(svc.listInterviews({ to: '2024-04-01' }))).toEqual(['A']);
      expect(titles(svc.listInterviews({ country: 'KYRGYZSTAN' }, { key: 'title', direction: 'asc' }))).toEqual(['A', 'C']);
      expect(titles(svc.listInterviews({ place: 'kara' }))).toEqual(['A']);
      expect(titles(svc.listInterviews({ incidentType: 'withheld-pay' }))).toEqual(['B']);
      expect(titles(svc.listInterviews({ tag: 'construction' }))).toEqual(['B']);
      expect(titles(svc.listInterviews({ status: 'reviewed' }))).toEqual(['A']);
      expect(titles(svc.listInterviews({ personId: w.id }))).toEqual(['C']);
      expect(titles(svc.listInterviews({ personId: other.id }))).toEqual(['B']);
      expect(titles(svc.listInterviews(undefined, { key: 'date', direction: 'desc' }))).toEqual(['B', 'A', 'C']);
      expect(titles(svc.listInterviews(undefined, { key: 'code', direction: 'asc' }))).toEqual(['A', 'B', 'C']);
      await reopen();
    }
  });
});

describe('mentions by code name', () => {
  it('links people whose code appears in notes or summary, both ways', async () => {
    const a = svc.createPerson({ pseudonym: 'Gulya' });
    const b = svc.createPerson({});
    const i = svc.createInterview({ title: 'Osh', body: 'Talked with @W-001 and W-002; not W-0999x.' });
    expect([...svc.listInterviews()[0]!.people].sort()).toEqual([a.id, b.id].sort());
    expect(svc.interviewsOf(a.id).map((r) => r.id)).toEqual([i.id]);
    const edited = svc.updateInterview(i.id, i.revision, { body: 'Only W-002 now.' });
    expect(svc.interviewsOf(a.id)).toEqual([]);
    expect(svc.interviewsOf(b.id).map((r) => r.id)).toEqual([i.id]);
    await reopen();
    expect(svc.interviewsOf(b.id).map((r) => r.id)).toEqual([i.id]);
    svc.deletePerson(b.id);
    expect(svc.listInterviews()[0]!.people).toEqual([]);
    expect(edited.body).toBe('Only W-002 now.');
  });
});

describe('kept versions', () => {
  it('keeps the text as each editing session left it, at most 20, and restores one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = new Date('2026-01-01T10:00:00Z').getTime();
    vi.setSystemTime(t0);
    let i = svc.createInterview({ title: 'v0', body: 'first text' });
    // A burst of autosaves two seconds apart keeps nothing: the text is still being written.
    for (let n = 1; n <= 5; n++) {
      vi.setSystemTime(t0 + n * 2000);
      i = svc.updateInterview(i.id, i.revision, { title: `v${n}`, body: `text ${n}` });
    }
    expect(svc.revisions(i.id)).toEqual([]);
    // Coming back after a pause keeps the text as the last session left it.
    vi.setSystemTime(t0 + 11 * 60_000);
    i = svc.updateInterview(i.id, i.revision, { title: 'v6' });
    expect(svc.revisions(i.id).map((r) => r.title)).toEqual(['v5']);
    vi.setSystemTime(t0 + 30 * 60_000);
    i = svc.updateInterview(i.id, i.revision, { title: 'v7', body: 'text 7' });
    expect(svc.revisions(i.id).map((r) => r.title)).toEqual(['v6', 'v5']);
    await reopen();
    const kept = svc.revisions(i.id);
    expect(kept.map((r) => r.title)).toEqual(['v6', 'v5']);
    expect(svc.revision(i.id, kept[1]!.revisionId).body).toBe('text 5');
    i = svc.getInterview(i.id);
    const restored = svc.restoreRevision(i.id, kept[1]!.revisionId, i.revision);
    expect(restored).toMatchObject({ title: 'v5', body: 'text 5', code: i.code });
    // The restore kept what it replaced, so it can be undone.
    expect(svc.revisions(i.id)[0]!.title).toBe('v7');
    expect(() => svc.restoreRevision(i.id, kept[1]!.revisionId, i.revision)).toThrow(/changed elsewhere/);
    for (let n = 0; n < 30; n++) {
      vi.setSystemTime(t0 + (40 + n * 15) * 60_000);
      const cur = svc.getInterview(i.id);
      svc.updateInterview(i.id, cur.revision, { title: `burst ${n}` });
    }
    expect(svc.revisions(i.id)).toHaveLength(20);
    expect(svc.search('burst').map((h) => h.id)).toEqual([i.id]);
  });

  it('deleting an interview removes its kept versions from the database', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
    const i = svc.createInterview({ title: 'to delete' });
    vi.setSystemTime(new Date('2026-01-01T10:15:00Z')); // a later session: the first text is kept
    svc.updateInterview(i.id, i.revision, { title: 'edited' });
    const before = svc.status();
    expect(before.state).toBe('unlocked');
    const count = () => (svc as unknown as { session: { store: { database: { prepare(q: string): { get(): { n: number } } } } } }).session.store.database.prepare('SELECT count(*) AS n FROM records WHERE kind = 5').get().n;
    expect(count()).toBe(1);
    svc.deleteInterview(i.id);
    expect(count()).toBe(0);
    await reopen();
    expect(svc.listInterviews()).toEqual([]);
  });
});

describe('taxonomy and settings', () => {
  it('seeds the default taxonomy from the field and keeps edits encrypted in the vault', async () => {
    const t = svc.taxonomy();
    expect(t.groups.map((g) => g.id)).toEqual(expect.arrayContaining(['violence-detention', 'borders-removal', 'labour', 'gender-based-violence', 'discrimination']));
    expect(t.groups.flatMap((g) => g.types.map((x) => x.id))).toContain('bride-kidnapping');
    const edited = { groups: [...t.groups, { id: 'custom', label: 'Custom group', types: [{ id: 'land-grab', label: 'Land grabbing' }] }] };
    svc.updateTaxonomy(edited);
    await reopen();
    expect(svc.taxonomy()).toEqual(edited);
    expect(svc.settings()).toEqual({ autoLockMinutes: 5, searchIncludesPeople: false, allowList: [], theme: 'system', language: 'system' });
    svc.updateSettings({ autoLockMinutes: 15, theme: 'dark', language: 'ru' });
    await reopen();
    expect(svc.settings()).toEqual({ autoLockMinutes: 15, searchIncludesPeople: false, allowList: [], theme: 'dark', language: 'ru' });
  });
});

describe('search through the router', () => {
  it('leaves register hits out unless asked or set, and applies filters', async () => {
    const dispatch = createRouter(svc);
    svc.createPerson({ family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' } });
    svc.createInterviews([
      { title: 'Osh', body: 'Султаналиева detained', status: 'reviewed' },
      { title: 'Moscow', body: 'Sultanalieva wages', status: 'draft' },
    ]);
    const codes = async (payload: object) => {
      const r = await dispatch('search.query', payload);
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { code: string }[]).map((h) => h.code).sort();
    };
    expect(await codes({ query: 'sultanalieva' })).toEqual(['INT-0001', 'INT-0002']);
    expect(await codes({ query: 'sultanalieva', kinds: ['person'] })).toEqual(['W-001']);
    expect(await codes({ query: 'Султаналиева', filter: { status: 'reviewed' } })).toEqual(['INT-0001']);
    await dispatch('settings.update', { settings: { searchIncludesPeople: true } });
    expect(await codes({ query: 'sultanalieva' })).toEqual(['INT-0001', 'INT-0002', 'W-001']);
    const bad = await dispatch('interviews.list', { filter: { status: 'lost' } });
    expect(bad.ok).toBe(false);
  });
});
