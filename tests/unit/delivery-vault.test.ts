/**
 * Sealed delivery inside the vault (issue 11): the vault's card, colleagues, a brief sealed to colleagues and the
 * read-only Received area, between real vaults: A seals to B, B opens it; C (not a recipient) cannot; bad bundles
 * change nothing; a sender B holds no card for is shown as unknown.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/core/router';
import type { VaultService } from '../../src/core/service';
import type { BriefRequest } from '../../src/shared/brief';
import { BUNDLE_REFUSALS, type Colleague } from '../../src/shared/delivery';
import { cheapService, errorCode, removeDir, tempDir } from '../fixtures/vault-helpers';

const PASS = 'delivery test passphrase';
/** A sentence of A's interview that reaches the brief: it must never be on B's disk in plaintext. */
const SENTENCE = 'The officers kept the travellers at the river checkpoint until dawn';

let dir: string;
const vaults: Record<'a' | 'b' | 'c', { path: string; svc: VaultService }> = {} as never;
let files = 0;
const outName = (ext = 'fvb') => join(dir, `bundle-${String.fromCharCode(97 + (files++ % 26))}.${ext}`);

const request = (over: Partial<BriefRequest> = {}): BriefRequest => ({
  title: 'River checkpoint, spring',
  method: '',
  selection: { filter: {} },
  content: 'summary',
  personMode: 'redacted',
  language: 'en',
  ...over,
});

async function open(name: 'a' | 'b' | 'c'): Promise<VaultService> {
  const v = vaults[name];
  v.svc = cheapService();
  await v.svc.unlock(v.path, PASS);
  await v.svc.verify();
  return v.svc;
}

beforeAll(async () => {
  dir = tempDir('fv-delivery-');
  for (const name of ['a', 'b', 'c'] as const) {
    const path = join(dir, `vault-${name}`);
    const svc = cheapService();
    await svc.create(path, PASS);
    await svc.verify();
    vaults[name] = { path, svc };
  }
  const a = vaults.a.svc;
  a.createInterview({ title: 'Checkpoint by the river', date: '2026-04-02', summary: `${SENTENCE}. Their phones were taken.` });
  // C's vault has an interview too, to seal something to B from a sender B does not know.
  vaults.c.svc.createInterview({ title: 'Market raid', date: '2026-05-01', summary: 'Traders were fined without any receipt.' });
}, 60_000);

afterAll(() => {
  for (const v of Object.values(vaults)) if (v.svc.status().state === 'unlocked') v.svc.lock();
  removeDir(dir);
});

describe('the vault card', () => {
  it('every new vault has its own card and eight fingerprint words, the same at every unlock', async () => {
    const a = await vaults.a.svc.deliveryCard();
    const b = await vaults.b.svc.deliveryCard();
    expect(a.card).toMatch(/^fvcard1\.[A-Za-z0-9_-]{92}$/);
    expect(a.fingerprint).toHaveLength(8);
    expect(a.card).not.toBe(b.card);
    vaults.c.svc.lock();
    const c1 = await open('c');
    const c = await c1.deliveryCard();
    c1.lock();
    const c2 = await open('c');
    expect((await c2.deliveryCard()).card).toBe(c.card);
  });
});

describe('colleagues', () => {
  it('adds a card under a label, with its fingerprint, and refuses a malformed, own or duplicate card and a duplicate label', async () => {
    const a = vaults.a.svc;
    const b = await vaults.b.svc.deliveryCard();
    const c = await vaults.c.svc.deliveryCard();
    // Wrapped by a mail program: spaces and line breaks are ignored.
    const added = await a.addColleague(`${b.card.slice(0, 30)}\n  ${b.card.slice(30)}`, '  Bakyt ');
    expect(added).toMatchObject({ label: 'Bakyt', card: b.card, fingerprint: b.fingerprint });
    expect(await errorCode(() => a.addColleague('hello', 'Someone'))).toBe('invalid-request');
    const typo = `${c.card.slice(0, 20)}${c.card[20] === 'A' ? 'B' : 'A'}${c.card.slice(21)}`;
    await expect(a.addColleague(typo, 'Typo')).rejects.toThrow(/mistyped/);
    await expect(a.addColleague((await a.deliveryCard()).card, 'Me')).rejects.toThrow(/own card/);
    await expect(a.addColleague(b.card, 'Bakyt again')).rejects.toThrow(/already in your colleagues, as "Bakyt"/);
    await expect(a.addColleague(c.card, 'bakyt')).rejects.toThrow(/already called "Bakyt"/);
    await expect(a.addColleague(c.card, 'two\nlines')).rejects.toThrow(/line breaks/);
    await expect(a.addColleague(c.card, 'x'.repeat(101))).rejects.toThrow(/at most 100/);
    await expect(a.addColleague(c.card, '   ')).rejects.toThrow(/Give the colleague a name/);
    expect((await a.listColleagues()).map((x) => x.label)).toEqual(['Bakyt']);
    expect(a.auditLog().some((e) => e.action === 'colleague added' && e.subject === 'Bakyt')).toBe(true);
  });

  it('renames and removes, refusing a label another colleague has; survives lock and unlock (from the search cache)', async () => {
    const a = vaults.a.svc;
    const c = await vaults.c.svc.deliveryCard();
    const cora = await a.addColleague(c.card, 'Cora');
    const [bakyt] = (await a.listColleagues()).filter((x) => x.label === 'Bakyt') as [Colleague];
    await expect(a.renameColleague(cora.id, 'BAKYT')).rejects.toThrow(/already called/);
    expect(await a.renameColleague(cora.id, 'Cora N.')).toMatchObject({ id: cora.id, label: 'Cora N.', fingerprint: c.fingerprint });
    a.lock();
    const again = await open('a');
    expect((await again.listColleagues()).map((x) => x.label)).toEqual(['Bakyt', 'Cora N.']);
    expect(again.removeColleague(cora.id)).toBeNull();
    expect(await errorCode(() => again.removeColleague(cora.id))).toBe('not-found');
    expect((await again.listColleagues()).map((x) => x.id)).toEqual([bakyt.id]);
  });
});

describe('a brief sealed from A to B', () => {
  let bundlePath: string;
  let receivedId: string;
  let innerName: string;

  it('A seals a brief to B: one .fvb file, audited with the colleague’s label; a non-.fvb name is refused', async () => {
    const a = vaults.a.svc;
    // B knows A under a label of B's own.
    await vaults.b.svc.addColleague((await a.deliveryCard()).card, 'Aida');
    const bakyt = (await a.listColleagues()).find((x) => x.label === 'Bakyt')!;
    const bad = join(dir, 'brief-x.md');
    await expect(a.briefSeal({ request: request(), format: 'md', decisions: {}, path: bad, recipients: [bakyt.id] })).rejects.toThrow(/\.fvb/);
    expect(existsSync(bad)).toBe(false);
    expect(await errorCode(() => a.briefSeal({ request: request(), format: 'md', decisions: {}, path: outName(), recipients: ['0'.repeat(32)] }))).toBe('not-found');
    bundlePath = outName();
    const result = await a.briefSeal({ request: request(), format: 'md', decisions: {}, path: bundlePath, recipients: [bakyt.id] });
    innerName = `${basename(bundlePath, '.fvb')}.md`;
    expect(result).toMatchObject({ path: bundlePath, interviews: 1, recipients: ['Bakyt'], inner: { format: 'md', name: innerName } });
    const bytes = readFileSync(bundlePath);
    expect(bytes.subarray(0, 4).toString()).toBe('FVB1');
    // Sealed: the brief's text is not in the file.
    expect(bytes.includes(Buffer.from('river checkpoint'))).toBe(false);
    const entry = a.auditLog().find((e) => e.action === 'brief sealed')!;
    expect(entry.detail).toMatch(/^to Bakyt; md;/);
  });

  it('B opens it: filed in Received from the known sender, readable, and encrypted on disk', async () => {
    const b = vaults.b.svc;
    const opened = await b.openReceived(bundlePath);
    receivedId = opened.id;
    expect(opened.sender).toMatchObject({ kind: 'known', label: 'Aida', fingerprint: (await vaults.a.svc.deliveryCard()).fingerprint });
    expect(opened.meta).toEqual({ format: 'md', name: innerName, title: 'River checkpoint, spring', interviews: 1 });
    const got = await b.getReceived(receivedId);
    expect(got.text).toContain(SENTENCE);
    expect((await b.listReceived()).map((r) => r.id)).toEqual([receivedId]);
    // Colleagues' material stays out of B's own interviews, register and search.
    expect(b.listInterviews()).toEqual([]);
    expect(b.listPeople()).toEqual([]);
    expect(b.search('checkpoint', 50, ['interview', 'person'])).toEqual([]);
    b.lock();
    // No plaintext sentence anywhere in B's vault folder (database, WAL, cache, header).
    const needle = Buffer.from('river checkpoint until dawn');
    for (const f of readdirSync(vaults.b.path)) expect(readFileSync(join(vaults.b.path, f)).includes(needle), f).toBe(false);
    const again = await open('b');
    expect((await again.listReceived()).map((r) => r.sender.kind)).toEqual(['known']);
  });

  it('opening the same bundle again is refused as a replay and changes nothing', async () => {
    const b = vaults.b.svc;
    const audit = b.auditLog().length;
    await expect(b.openReceived(bundlePath)).rejects.toThrow(BUNDLE_REFUSALS.replay);
    expect(await errorCode(() => b.openReceived(bundlePath))).toBe('conflict');
    expect((await b.listReceived()).length).toBe(1);
    expect(b.auditLog().length).toBe(audit);
  });

  it('C, who is not a recipient, cannot open it', async () => {
    const c = vaults.c.svc;
    await expect(c.openReceived(bundlePath)).rejects.toThrow(BUNDLE_REFUSALS['not-for-you']);
    expect(await c.listReceived()).toEqual([]);
  });

  it('a truncated or bit-flipped bundle is damaged; another file is not a bundle; nothing is filed', async () => {
    const b = vaults.b.svc;
    const bytes = readFileSync(bundlePath);
    const cut = outName();
    writeFileSync(cut, bytes.subarray(0, bytes.length - 10));
    const flipped = outName();
    const f = Buffer.from(bytes);
    f[f.length - 100]! ^= 0x01;
    writeFileSync(flipped, f);
    const other = outName('txt');
    writeFileSync(other, 'just a note');
    await expect(b.openReceived(cut)).rejects.toThrow(BUNDLE_REFUSALS.damaged);
    await expect(b.openReceived(flipped)).rejects.toThrow(BUNDLE_REFUSALS.damaged);
    await expect(b.openReceived(other)).rejects.toThrow(BUNDLE_REFUSALS['not-a-bundle']);
    expect(await errorCode(() => b.openReceived(join(dir, 'no-such-file.fvb')))).toBe('not-found');
    expect((await b.listReceived()).length).toBe(1);
  });

  it('saves the original file, read-only otherwise, and removes it', async () => {
    const b = vaults.b.svc;
    const target = join(dir, 'saved-brief');
    const saved = b.saveReceived(receivedId, target);
    expect(saved.path).toBe(`${target}.md`);
    expect(readFileSync(saved.path, 'utf8')).toContain(SENTENCE);
    expect(b.removeReceived(receivedId)).toBeNull();
    expect(await b.listReceived()).toEqual([]);
    expect(await errorCode(() => b.getReceived(receivedId))).toBe('not-found');
  });
});

describe('a sender B holds no card for', () => {
  it('is opened but shown as unknown, by fingerprint only; known once B adds the card', async () => {
    const c = vaults.c.svc;
    const b = vaults.b.svc;
    const bakyt = await c.addColleague((await b.deliveryCard()).card, 'Bakyt');
    const path = outName();
    await c.briefSeal({ request: request({ title: 'Market raid' }), format: 'docx', decisions: {}, path, recipients: [bakyt.id] });
    const opened = await b.openReceived(path);
    const cFingerprint = (await c.deliveryCard()).fingerprint;
    expect(opened.sender).toEqual({ kind: 'unknown', fingerprint: cFingerprint });
    const got = await b.getReceived(opened.id);
    expect(got.meta.format).toBe('docx');
    expect(got.text).toContain('Traders were fined without any receipt');
    // B's other colleague (A, as "Aida") is not taken for the sender.
    expect((await b.listColleagues()).map((x) => x.label)).toEqual(['Aida']);
    const cora = await b.addColleague((await c.deliveryCard()).card, 'Cora');
    expect((await b.listReceived()).find((r) => r.id === opened.id)!.sender).toEqual({ kind: 'known', colleagueId: cora.id, label: 'Cora', fingerprint: cFingerprint });
  });
});

describe('the router', () => {
  it('returns refusals as error values and keys never cross', async () => {
    const dispatch = createRouter(vaults.b.svc);
    const card = await dispatch('delivery.card', {});
    expect(card.ok && Object.keys(card.value as object).sort()).toEqual(['card', 'fingerprint']);
    const notFound = await dispatch('received.open', { path: join(dir, 'missing.fvb') });
    expect(notFound).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const bad = await dispatch('colleagues.add', { card: 'x', label: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const many = await dispatch('brief.seal', { request: request(), format: 'md', decisions: {}, path: outName(), recipients: Array.from({ length: 17 }, () => '0'.repeat(32)) });
    expect(many).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('at lock', () => {
  it('the delivery keys held by the session are zeroed', async () => {
    const svc = vaults.a.svc;
    await svc.deliveryCard();
    const session = (svc as unknown as { session: { delivery: { identity: { boxSecretKey: Uint8Array; signSecretKey: Uint8Array } } } }).session;
    const { boxSecretKey, signSecretKey } = session.delivery.identity;
    expect(boxSecretKey.some((x) => x !== 0)).toBe(true);
    svc.lock();
    expect(boxSecretKey.every((x) => x === 0)).toBe(true);
    expect(signSecretKey.every((x) => x === 0)).toBe(true);
  });
});
