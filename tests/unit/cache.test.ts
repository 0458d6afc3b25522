import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from '../../src/core/catalog/snapshot';
import { openLarge, sealLarge } from '../../src/core/crypto/aead';
import { deriveKek } from '../../src/core/crypto/kdf';
import { deriveKekIsolated } from '../../src/core/crypto/kdf-isolated';
import { loadSodium } from '../../src/core/crypto/sodium';
import { foldWord } from '../../src/core/search/fold';
import { PackedTerms, SearchIndex } from '../../src/core/search/index';
import { VaultService } from '../../src/core/service';
import type { RecordStore } from '../../src/core/vault/store';

const KDF = { opsLimit: 1, memLimitKiB: 8192 };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fv-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Closes the database without the lock's cache write: what a crash or power cut leaves behind. */
function crash(service: VaultService): void {
  const session = (service as unknown as { session: { store: RecordStore } }).session;
  session.store.close();
  (service as unknown as { session: null }).session = null;
}

describe('large-blob XChaCha20-Poly1305 through OpenSSL', () => {
  it('is byte-compatible with libsodium both ways and rejects tampering', async () => {
    const sodium = await loadSodium();
    const key = sodium.randombytes_buf(32);
    const ad = new TextEncoder().encode('ad');
    for (const size of [0, 1, 63, 64, 65, 4096, 1_000_003]) {
      const msg = sodium.randombytes_buf(size);
      const box = sealLarge(sodium, key, msg, ad);
      const viaSodium = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, box.subarray(24), ad, box.subarray(0, 24), key);
      expect(Buffer.compare(Buffer.from(viaSodium), Buffer.from(msg))).toBe(0);
      const nonce = sodium.randombytes_buf(24);
      const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(msg, ad, null, nonce, key);
      const both = new Uint8Array(24 + ct.length);
      both.set(nonce);
      both.set(ct, 24);
      expect(Buffer.compare(Buffer.from(openLarge(sodium, key, both, ad)!), Buffer.from(msg))).toBe(0);
      both[both.length - 1]! ^= 1;
      expect(openLarge(sodium, key, both, ad)).toBeNull();
    }
    const box = sealLarge(sodium, key, new Uint8Array(10), ad);
    expect(openLarge(sodium, key, box, new TextEncoder().encode('other'))).toBeNull();
  });
});

describe('Argon2id in a disposable worker', () => {
  it('derives exactly what the in-process derivation does', async () => {
    const sodium = await loadSodium();
    const salt = sodium.randombytes_buf(16);
    const a = deriveKek(sodium, new TextEncoder().encode('пароль passphrase'), salt, KDF);
    const b = await deriveKekIsolated(new TextEncoder().encode('пароль passphrase'), salt, KDF);
    expect(Buffer.from(b).toString('hex')).toBe(Buffer.from(a).toString('hex'));
  });

  it('refuses out-of-bounds parameters before starting a worker', () => {
    expect(() => deriveKekIsolated(new Uint8Array(1), new Uint8Array(16), { opsLimit: 1, memLimitKiB: 1 })).toThrow(/memory/);
  });
});

describe('search index freeze and snapshot', () => {
  it('answers the same before and after freezing and a snapshot round trip', () => {
    const index = new SearchIndex();
    index.upsert({ kind: 'interview', id: 'a', code: 'INT-0001', title: 'Osh', text: 'Айгуль Султаналиева detained at the airport' });
    index.upsert({ kind: 'interview', id: 'b', code: 'INT-0002', title: 'Moscow', text: 'withheld wages, airport police' });
    index.upsert({ kind: 'person', id: 'c', code: 'W-001', title: 'W-001', text: 'Aigul Sultanalieva' });
    index.remove('b');
    index.upsert({ kind: 'interview', id: 'b', code: 'INT-0002', title: 'Moscow', text: 'withheld wages' });
    const queries = ['airport', 'sultanalieva', 'Султан', 'wages', 'int-0002', 'airport police', 'nothing'];
    const before = queries.map((q) => index.match(q).heads.map((h) => h.id));
    const frozen = index.freeze();
    expect(queries.map((q) => index.match(q).heads.map((h) => h.id))).toEqual(before);
    const decoded = decodeSnapshot(
      encodeSnapshot({ rows: [], interviews: [], people: [], audit: [], countersId: 'x', counters: { interview: 2, person: 1 }, histories: [], taxonomy: null, settings: null, index: frozen }).core,
      () => null,
    )!;
    const reloaded = SearchIndex.fromFrozen(decoded.index);
    expect(queries.map((q) => reloaded.match(q).heads.map((h) => h.id))).toEqual(before);
    expect(before[0]).toEqual(['a']);
    expect(before[1]!.sort()).toEqual(['a', 'c']);
    // Changed after loading, as unlock does with rows written since the cache: the ids are found from the
    // cache's columns (a head read already, one never read, one replaced), and an unknown id changes nothing.
    expect(reloaded.match('withheld').heads.map((h) => h.id)).toEqual(['b']);
    reloaded.remove('no-such-id');
    reloaded.remove('a');
    reloaded.remove('b');
    reloaded.upsert({ kind: 'interview', id: 'b', code: 'INT-0002', title: 'Moscow', text: 'passport taken' });
    expect(reloaded.match('airport').heads).toEqual([]);
    expect(reloaded.match('withheld').heads).toEqual([]);
    expect(reloaded.match('passport').heads.map((h) => h.id)).toEqual(['b']);
    expect(reloaded.match('sultanalieva').heads.map((h) => h.id)).toEqual(['c']);
    reloaded.remove('b');
    expect(reloaded.match('passport').heads).toEqual([]);
  });

  it('keeps postings of any size and terms of any script through freeze, the cache and back', () => {
    const index = new SearchIndex();
    // Document numbers up to 20,000 (differences past one and two varint bytes), a term in every document, one
    // in the first and the last only, and words in Cyrillic and digits.
    for (let n = 0; n < 20_000; n++) {
      const words = ['всюду', n % 3 === 0 ? 'третий' : '', n === 0 || n === 19_999 ? 'краях' : '', n === 12_345 ? 'единожды 996555123456' : ''];
      index.upsert({ kind: 'interview', id: `d${n}`, code: `INT-${n}`, title: 't', text: words.join(' ') });
    }
    const frozen = index.freeze();
    const decoded = decodeSnapshot(
      encodeSnapshot({ rows: [], interviews: [], people: [], audit: [], countersId: 'x', counters: { interview: 0, person: 0 }, histories: [], taxonomy: null, settings: null, index: frozen }).core,
      () => null,
    )!;
    expect(decoded.index.terms.length).toBe(frozen.terms.length);
    expect(Array.from({ length: decoded.index.terms.length }, (_, i) => decoded.index.terms.at(i))).toEqual(Array.from({ length: frozen.terms.length }, (_, i) => frozen.terms.at(i)));
    expect(decoded.index.terms.at(-1)).toBeUndefined();
    expect(decoded.index.terms.at(frozen.terms.length)).toBeUndefined();
    const reloaded = SearchIndex.fromFrozen(decoded.index);
    const ids = (q: string) => reloaded.match(q, { limit: 100_000 }).heads.map((h) => h.id).sort();
    expect(ids('всюду')).toHaveLength(20_000);
    expect(ids('третий')).toHaveLength(6_667);
    expect(ids('краях')).toEqual(['d0', 'd19999']);
    expect(ids('единожды')).toEqual(['d12345']);
    expect(ids('996555123456')).toEqual(['d12345']);
    // A byte per posting where documents are dense (not four); three for a gap of 19,999 (past 2^14).
    const bytesOf = (term: string) => {
      const t = Array.from({ length: frozen.terms.length }, (_, i) => frozen.terms.at(i)).indexOf(foldWord(term));
      return frozen.offsets[t + 1]! - frozen.offsets[t]!;
    };
    expect(bytesOf('всюду')).toBe(20_000);
    expect(bytesOf('краях')).toBe(1 + 3);
  });

  it('keeps the highest code of each kind, so unlock reads no codes, and never lowers it for a removed document', () => {
    const index = new SearchIndex();
    index.upsert({ kind: 'interview', id: 'a', code: 'INT-0031', title: 't', text: 'x' });
    index.upsert({ kind: 'interview', id: 'b', code: 'INT-0007', title: 't', text: 'x' });
    index.upsert({ kind: 'person', id: 'c', code: 'W-017', title: 'W-017', text: 'x' });
    const snapshot = (frozen: ReturnType<SearchIndex['freeze']>) =>
      encodeSnapshot({ rows: [], interviews: [], people: [], audit: [], countersId: 'x', counters: { interview: 0, person: 0 }, histories: [], taxonomy: null, settings: null, index: frozen }).core;
    const frozen = index.freeze();
    expect(frozen.highest).toEqual({ interview: 31, person: 17 });
    const reloaded = SearchIndex.fromFrozen(decodeSnapshot(snapshot(frozen), () => null)!.index);
    expect([reloaded.highestCode('interview'), reloaded.highestCode('person')]).toEqual([31, 17]);
    // Added since the cache: counted; removed since: still counted (a code is never handed out twice).
    reloaded.upsert({ kind: 'person', id: 'd', code: 'W-040', title: 'W-040', text: 'x' });
    reloaded.remove('a');
    expect([reloaded.highestCode('interview'), reloaded.highestCode('person')]).toEqual([31, 40]);
    // A cache written before the highest codes were kept: the documents are read instead.
    const { highest: _, ...older } = frozen;
    const fromOlder = SearchIndex.fromFrozen(decodeSnapshot(snapshot(older), () => null)!.index);
    expect([fromOlder.highestCode('interview'), fromOlder.highestCode('person')]).toEqual([31, 17]);
  });

  it('reads terms left joined only when they are exactly the number stated', () => {
    expect(PackedTerms.from('', 0)?.length).toBe(0);
    expect(PackedTerms.from('a', 1)?.at(0)).toBe('a');
    expect(PackedTerms.from('a\nb', 2)?.at(1)).toBe('b');
    expect(PackedTerms.from('a\nb', 1)).toBeNull();
    expect(PackedTerms.from('a\nb', 3)).toBeNull();
    expect(PackedTerms.from('a', 0)).toBeNull();
    expect(PackedTerms.from('\n', 2)?.at(1)).toBe('');
    // With their ends stored (what the cache keeps now): no scan, and ends that do not fit are refused.
    const packed = PackedTerms.fromEnds('abcde', Uint32Array.from([1, 1, 3, 5]))!;
    expect(Array.from({ length: packed.length }, (_, i) => packed.at(i))).toEqual(['a', '', 'bc', 'de']);
    expect(packed.at(4)).toBeUndefined();
    expect(PackedTerms.fromEnds('', new Uint32Array(0))?.length).toBe(0);
    expect(PackedTerms.fromEnds('abc', Uint32Array.from([2, 1, 3]))).toBeNull();
    expect(PackedTerms.fromEnds('abc', Uint32Array.from([1, 2]))).toBeNull();
    expect(PackedTerms.fromEnds('abc', Uint32Array.from([1, 4]))).toBeNull();
  });

  it('rejects a snapshot that is not one, an older (JSON) one, and damaged or cut fields, without throwing', () => {
    const none = () => null;
    expect(decodeSnapshot(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), none)).toBeNull();
    const index = new SearchIndex();
    index.upsert({ kind: 'interview', id: 'a', code: 'INT-0001', title: 'Ош', text: 'Айгуль detained' });
    const snapshot = { rows: [['a', 1, 3]] as const, interviews: [], people: [], audit: [], countersId: 'x', counters: { interview: 1, person: 0 }, histories: [], taxonomy: null, settings: null, index: index.freeze() };
    const good = encodeSnapshot(snapshot).core;
    const decoded = decodeSnapshot(good, none);
    expect(decoded?.rows.ids).toEqual(['a']);
    expect([...decoded!.rows.kinds]).toEqual([1]);
    expect([...decoded!.rows.revisions]).toEqual([3]);
    const docs = decoded!.index.docs;
    expect(Array.from({ length: docs.length }, (_, n) => docs.at(n))).toEqual([{ kind: 'interview', id: 'a', code: 'INT-0001', title: 'Ош' }]);
    expect(docs.at(1)).toBeUndefined();
    // The plaintext is wiped as soon as it is decoded (startSession): nothing decoded may still point into it.
    const wiped = good.slice();
    const kept = decodeSnapshot(wiped, none)!;
    wiped.fill(0);
    expect([kept.rows.ids, [...kept.rows.kinds], [...kept.rows.revisions]]).toEqual([['a'], [1], [3]]);
    expect(kept.index.docs.at(0)).toEqual({ kind: 'interview', id: 'a', code: 'INT-0001', title: 'Ош' });
    expect(kept.index.terms.at(0)).toBe(index.freeze().terms.at(0));
    const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
    // The same bytes under the JSON format's magic ("FVC3"), the one-box format's ("FVC5") and the row-by-row
    // format's ("FVC6"): not read, so rebuilt.
    for (const magic of [0x46564333, 0x46564335, 0x46564336]) {
      const older = good.slice();
      view(older).setUint32(0, magic);
      expect(decodeSnapshot(older, none)).toBeNull();
    }
    // Fields longer than the bytes, fields cut short, fields overwritten, the index's ints missing.
    const long = good.slice();
    view(long).setUint32(4, good.length);
    expect(decodeSnapshot(long, none)).toBeNull();
    const fieldsLength = view(good).getUint32(4);
    for (const at of [8, 9, 8 + Math.floor(fieldsLength / 2), 8 + fieldsLength - 1]) {
      const bad = good.slice();
      bad.fill(0xff, at, at + 4);
      expect(() => decodeSnapshot(bad, none)).not.toThrow();
    }
    const noFields = good.slice();
    noFields.fill(0, 8, 8 + fieldsLength);
    expect(decodeSnapshot(noFields, none)).toBeNull();
    expect(decodeSnapshot(good.subarray(0, good.length - 4), none)).toBeNull();
  });
});

describe('unlock through the search cache', () => {
  it('a cached unlock shows exactly what a full rebuild shows', async () => {
    const vault = join(dir, 'v');
    const s = new VaultService({ kdf: KDF });
    await s.create(vault, 'pass phrase');
    const p = s.createPerson({ family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' } });
    const made = s.createInterviews([{ title: 'Osh airport', body: 'Султаналиева held' }, { title: 'Moscow wages', body: 'withheld' }]);
    s.updateInterview(made[1]!.id, made[1]!.revision, { title: 'Moscow withheld wages', people: [p.id] });
    s.lock();
    const warm = new VaultService();
    const report = await warm.unlock(vault, 'pass phrase');
    expect(report.verified).toBe(false);
    expect((await warm.verify()).verified).toBe(true);
    const seen = { list: warm.listInterviews(), hits: warm.search('sultanalieva').map((h) => h.code), people: warm.listPeople() };
    // the register came from the cache (its part matched the row list), not from re-reading the records
    expect((warm as unknown as { session: { dirty: boolean } }).session.dirty).toBe(false);
    // Drop the cache: the next unlock must rebuild everything from the records.
    (warm as unknown as { session: { store: RecordStore } }).session.store.dropCache();
    crash(warm);
    const cold = new VaultService();
    expect((await cold.unlock(vault, 'pass phrase')).verified).toBe(true);
    expect(cold.listInterviews()).toEqual(seen.list);
    expect(cold.search('sultanalieva').map((h) => h.code)).toEqual(seen.hits);
    expect(cold.listPeople()).toEqual(seen.people);
    expect(seen.hits).toEqual(['INT-0001', 'W-001']);
    cold.lock();
  });

  it('changes saved after the cache was written (then a crash) are all there', async () => {
    const vault = join(dir, 'v');
    const s = new VaultService({ kdf: KDF });
    await s.create(vault, 'pass phrase');
    const [a, b] = s.createInterviews([{ title: 'first' }, { title: 'second' }]);
    s.lock(); // cache written here
    const t = new VaultService();
    await t.unlock(vault, 'pass phrase');
    t.updateInterview(a!.id, a!.revision, { title: 'first, edited', body: 'zhalalabad' });
    t.deleteInterview(b!.id);
    t.createInterview({ title: 'third' });
    crash(t); // no cache write
    const u = new VaultService();
    const report = await u.unlock(vault, 'pass phrase');
    expect(report.interviews).toBe(2);
    expect(u.listInterviews().map((r) => r.title).sort()).toEqual(['first, edited', 'third']);
    expect(u.search('zhalalabad').map((h) => h.id)).toEqual([a!.id]);
    expect(u.search('second')).toEqual([]);
    expect(report.sealIntact).toBe(true);
    expect(report.auditChainIntact).toBe(true);
    u.lock();
  });
});
