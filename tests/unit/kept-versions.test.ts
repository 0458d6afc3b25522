/**
 * "Earlier versions" must hold what the researcher wrote: the text as each editing session left it, a
 * checkpoint during long sessions, the text before a large deletion; never the empty record, never twice the
 * same text, at most MAX_VERSIONS. Issue 9 found only the empty first version after several sessions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BIG_DELETION_CHARS, CHECKPOINT_MS, keepReason, MAX_VERSIONS, SESSION_GAP_MS } from '../../src/core/domain/history';
import { VaultService } from '../../src/core/service';
import type { Interview } from '../../src/shared/domain';

const KDF = { opsLimit: 1, memLimitKiB: 8192 };
const PASS = 'kept versions passphrase';
const T0 = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;
let dir: string;
let vault: string;
let svc: VaultService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fv-kept-'));
  vault = join(dir, 'v');
  svc = new VaultService({ kdf: KDF });
  await svc.create(vault, PASS);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
  svc.lock();
  rmSync(dir, { recursive: true, force: true });
});

async function reopen(): Promise<void> {
  svc.lock();
  svc = new VaultService({ kdf: KDF });
  await svc.unlock(vault, PASS);
}

/** Types `words` one autosave every two seconds from `start`, as the editor does; returns the record. */
function session(i: Interview, start: number, words: readonly string[]): Interview {
  let cur = i;
  words.forEach((w, n) => {
    vi.setSystemTime(start + n * 2000);
    cur = svc.updateInterview(cur.id, cur.revision, { body: `${cur.body}${cur.body ? ' ' : ''}${w}` });
  });
  return cur;
}

const bodies = (id: string) => svc.revisions(id).map((r) => svc.revision(id, r.revisionId).body);

describe('kept versions follow what was written', () => {
  it('an interview started empty and written in three sessions keeps the end of each earlier session, not the empty start', async () => {
    let i = svc.createInterview({});
    i = session(i, T0 + 1000, ['Detained', 'at', 'the', 'airport']);
    expect(svc.revisions(i.id)).toEqual([]); // nothing but the empty start existed before: nothing to keep
    i = session(i, T0 + 2 * 60 * MIN, ['Held', 'for', 'two', 'days']);
    await reopen(); // the next day, after a lock
    i = svc.getInterview(i.id);
    i = session(i, T0 + 24 * 60 * MIN, ['Released', 'without', 'charge']);
    expect(bodies(i.id)).toEqual(['Detained at the airport Held for two days', 'Detained at the airport']);
    expect(bodies(i.id)).not.toContain('');
    expect(i.body).toBe('Detained at the airport Held for two days Released without charge');
    // the list says when each text was written, newest first
    expect(svc.revisions(i.id).map((r) => r.savedAt)).toEqual([new Date(T0 + 2 * 60 * MIN + 6000).toISOString(), new Date(T0 + 1000 + 6000).toISOString()]);
  });

  it('a long session without pauses keeps a checkpoint every half hour', () => {
    let i = svc.createInterview({ title: 'Long' });
    const words = Array.from({ length: 1000 }, (_, n) => `w${n}`); // 2000 s, about 33 minutes of typing
    i = session(i, T0 + 2000, words);
    const kept = svc.revisions(i.id);
    expect(kept).toHaveLength(1);
    // the checkpoint is the text as it stood half an hour in
    const checkpoint = svc.revision(i.id, kept[0]!.revisionId).body;
    expect(checkpoint.split(' ').length).toBe(Math.floor(CHECKPOINT_MS / 2000) - 1);
  });

  it('a large deletion keeps the text before it, a small one does not', () => {
    const long = 'A paragraph that took a while to write. '.repeat(20);
    let i = svc.createInterview({ title: 'Deletion', body: long });
    vi.setSystemTime(T0 + 2000);
    i = svc.updateInterview(i.id, i.revision, { body: long.slice(0, -10) });
    expect(svc.revisions(i.id)).toEqual([]);
    vi.setSystemTime(T0 + 4000);
    i = svc.updateInterview(i.id, i.revision, { body: 'Only this is left.' });
    expect(bodies(i.id)).toEqual([long.slice(0, -10)]);
  });

  it('a text identical to the newest kept version is not kept again', () => {
    let i = svc.createInterview({ title: 'Same', body: 'unchanged text' });
    vi.setSystemTime(T0 + SESSION_GAP_MS + MIN);
    i = svc.updateInterview(i.id, i.revision, { status: 'reviewed' });
    vi.setSystemTime(T0 + SESSION_GAP_MS + 2 * MIN);
    i = svc.updateInterview(i.id, i.revision, { status: 'draft' });
    expect(svc.revisions(i.id)).toHaveLength(1);
    // back to exactly the kept text after a pause: nothing new to keep
    vi.setSystemTime(T0 + 3 * SESSION_GAP_MS);
    i = svc.updateInterview(i.id, i.revision, { body: 'unchanged text!' });
    expect(svc.revisions(i.id)).toHaveLength(1);
  });

  it(`at most ${MAX_VERSIONS} versions are kept, the newest`, () => {
    let i = svc.createInterview({ title: 'Many', body: 'session 0' });
    for (let n = 1; n <= MAX_VERSIONS + 5; n++) {
      vi.setSystemTime(T0 + n * (SESSION_GAP_MS + MIN));
      i = svc.updateInterview(i.id, i.revision, { body: `session ${n}` });
    }
    const kept = bodies(i.id);
    expect(kept).toHaveLength(MAX_VERSIONS);
    expect(kept[0]).toBe(`session ${MAX_VERSIONS + 4}`);
    expect(kept.at(-1)).toBe('session 5');
  });

  it('the audit log still gets one entry per editing burst', () => {
    let i = svc.createInterview({ title: 'Audit' });
    const mark = svc.auditLog().length;
    i = session(i, T0 + 1000, ['one', 'two', 'three']);
    i = session(i, T0 + 60 * MIN, ['four']);
    expect(svc.auditLog().slice(mark).map((e) => [e.action, e.subject])).toEqual([
      ['interview edited', i.code],
      ['interview edited', i.code],
    ]);
  });
});

describe('keepReason', () => {
  const at = (ms: number) => new Date(T0 + ms).toISOString();
  const text = { title: 't', body: 'x'.repeat(1000), summary: '', createdAt: at(0), updatedAt: at(0) };
  it('says why, or null', () => {
    expect(keepReason(text, text, undefined, new Date(T0 + 2000))).toBeNull();
    expect(keepReason(text, text, undefined, new Date(T0 + SESSION_GAP_MS))).toBe('session');
    expect(keepReason({ ...text, updatedAt: at(CHECKPOINT_MS - 1000) }, text, undefined, new Date(T0 + CHECKPOINT_MS))).toBe('checkpoint');
    expect(keepReason({ ...text, updatedAt: at(CHECKPOINT_MS - 1000) }, text, at(CHECKPOINT_MS - 5000), new Date(T0 + CHECKPOINT_MS))).toBeNull();
    expect(keepReason(text, { body: 'x'.repeat(1000 - BIG_DELETION_CHARS), summary: '' }, undefined, new Date(T0 + 2000))).toBe('deletion');
    // 200 characters out of 10,000 is editing, not a large deletion
    const big = { ...text, body: 'x'.repeat(10_000) };
    expect(keepReason(big, { body: 'x'.repeat(9_800), summary: '' }, undefined, new Date(T0 + 2000))).toBeNull();
    expect(keepReason({ ...text, title: ' ', body: '', summary: '' }, text, undefined, new Date(T0 + SESSION_GAP_MS))).toBeNull();
  });
});
