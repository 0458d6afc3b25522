/**
 * Travel mode (issue 12): the register (and tagged interviews) leave the vault for a package that only a recovery
 * code opens, and nothing of them stays in the vault's files; travel.end brings them back exactly.
 */
import Database from 'better-sqlite3';
import { entropyToMnemonic, mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { closeSync, cpSync, existsSync, ftruncateSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readTravelPackageFile } from '../../src/core/vault/travel-package';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Interview, Person } from '../../src/shared/domain';
import { vaultPaths } from '../../src/core/vault/layout';
import { BIG_DELETION_CHARS } from '../../src/core/domain/history';
import { decodeRecoveryCode, encodeRecoveryCode, isRecoveryEntropy } from '../../src/core/vault/recovery-code';
import { loadSodium } from '../../src/core/crypto/sodium';
import { encodeTravelPackage, openPayload, parseTravelPackage, unwrapAsColleague, unwrapWithCode } from '../../src/core/vault/travel-package';
import { walk } from '../fixtures/disk-scan';
import { cheapService, errorCode, removeDir, tempDir } from '../fixtures/vault-helpers';
import type { VaultService } from '../../src/core/service';

const PASS = 'travel test passphrase, long enough';
const scratch: string[] = [];
afterAll(() => {
  for (const d of scratch) removeDir(d);
});

const PEOPLE = [
  { given: { latin: 'Aigul', cyrillic: 'Айгуль' }, family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' }, contacts: [{ kind: 'phone' as const, value: '+996 555 123 456' }, { kind: 'email' as const, value: 'aigul.s@example.kg' }] },
  { given: { latin: 'Bakytbek', cyrillic: 'Бакытбек' }, family: { latin: 'Osmonaliev', cyrillic: 'Осмоналиев' }, contacts: [{ kind: 'phone' as const, value: '+996 700 987 654' }, { kind: 'email' as const, value: 'bakyt.o@example.kg' }] },
  { given: { latin: 'Zarina', cyrillic: 'Зарина' }, family: { latin: 'Kholova', cyrillic: 'Холова' }, contacts: [{ kind: 'email' as const, value: 'zarina.kh@example.tj' }], riskNotes: 'Moved to Khujand after the raid' },
];
/** Everything of the people that must not stay on the laptop. */
const SECRETS = PEOPLE.flatMap((p) => [p.given.latin, p.given.cyrillic, p.family.latin, p.family.cyrillic, ...p.contacts.map((c) => c.value), ...('riskNotes' in p && p.riskNotes ? [p.riskNotes] : [])]);
const TAGGED_SECRET = 'The convoy left the Dostuk crossing at dawn';

interface Fixture {
  readonly dir: string;
  readonly vault: string;
  readonly people: Person[];
  readonly tagged: Interview;
  readonly plain: Interview;
}

/** A vault with three people, an interview tagged "border" (edited twice: kept versions) and one without the tag. */
async function fixture(svc: VaultService): Promise<Fixture> {
  const dir = tempDir('fv-travel-');
  scratch.push(dir);
  const vault = join(dir, 'vault');
  await svc.create(vault, PASS);
  const people = svc.createPeople(PEOPLE);
  let tagged = svc.createInterview({ title: 'Crossing', tags: ['Border'], body: `${TAGGED_SECRET}. Aigul Sultanalieva saw it. ${'Long account. '.repeat(BIG_DELETION_CHARS / 10)}`, people: [people[0]!.id] });
  // A large deletion keeps the text before it: the interview has a kept version (a history record).
  tagged = svc.updateInterview(tagged.id, tagged.revision, { body: `${TAGGED_SECRET}. Shortened.`, summary: 'Kept versions exist.' });
  const plain = svc.createInterview({ title: 'Market prices', tags: ['economy'], body: `Prices rose; ${people[1]!.code} confirmed.`, people: [people[1]!.id] });
  return { dir, vault, people, tagged, plain };
}

function rows(vault: string): Map<string, { kind: number; revision: number; box: Buffer }> {
  const db = new Database(vaultPaths(vault).database, { readonly: true });
  try {
    const all = db.prepare('SELECT id, kind, revision, box FROM records').all() as { id: Buffer; kind: number; revision: number; box: Buffer }[];
    return new Map(all.map((r) => [r.id.toString('hex'), { kind: r.kind, revision: r.revision, box: r.box }]));
  } finally {
    db.close();
  }
}

/** Where in the vault folder's files any of the needles occurs (raw bytes). */
function findIn(dir: string, needles: readonly { readonly what: string; readonly bytes: Buffer }[]): string[] {
  const found: string[] = [];
  for (const file of walk(dir, 3)) {
    const data = readFileSync(file);
    for (const n of needles) if (data.indexOf(n.bytes) >= 0) found.push(`${n.what} in ${file}`);
  }
  return found;
}

function needlesFor(ids: readonly string[], boxes: readonly Buffer[]): { what: string; bytes: Buffer }[] {
  const out: { what: string; bytes: Buffer }[] = [];
  for (const s of [...SECRETS, TAGGED_SECRET]) {
    out.push({ what: `"${s}" (UTF-8)`, bytes: Buffer.from(s, 'utf8') }, { what: `"${s}" (UTF-16LE)`, bytes: Buffer.from(s, 'utf16le') });
  }
  for (const id of ids) out.push({ what: `id ${id} (hex)`, bytes: Buffer.from(id, 'ascii') }, { what: `id ${id} (bytes)`, bytes: Buffer.from(id, 'hex') });
  boxes.forEach((box, b) => {
    for (let o = 0; o + 32 <= box.length; o += 32) out.push({ what: `old ciphertext of row ${b} at ${o}`, bytes: box.subarray(o, o + 32) });
  });
  return out;
}

describe('recovery code', () => {
  it('is BIP-39 for 128 bits (same words as @scure/bip39), and reads back in any case and spacing', () => {
    for (let n = 0; n < 50; n++) {
      const entropy = new Uint8Array(16).map(() => Math.floor(Math.random() * 256));
      const code = encodeRecoveryCode(entropy);
      expect(code).toBe(entropyToMnemonic(entropy, wordlist));
      expect(code.split(' ')).toHaveLength(12);
      const messy = `  ${code.toUpperCase().split(' ').slice(0, 6).join('\n')}\n\n${code.split(' ').slice(6).join('   ')} `;
      const back = decodeRecoveryCode(messy);
      expect(isRecoveryEntropy(back) && Buffer.from(back).equals(Buffer.from(entropy))).toBe(true);
      expect(Buffer.from(mnemonicToEntropy(code, wordlist)).equals(Buffer.from(entropy))).toBe(true);
    }
  });

  it('catches a mistyped word by its check, an unknown word and a missing word', () => {
    const code = encodeRecoveryCode(new Uint8Array(16).fill(7)).split(' ');
    const swapped = [...code];
    // Another list word in the last place: the 4-bit check fails for 15 of 16 replacements; pick one that does.
    const last = wordlist.find((w) => w !== code[11] && !isRecoveryEntropy(decodeRecoveryCode([...code.slice(0, 11), w].join(' '))))!;
    swapped[11] = last;
    expect(decodeRecoveryCode(swapped.join(' '))).toEqual({ problem: 'check' });
    expect(decodeRecoveryCode([...code.slice(0, 4), 'xylophone', ...code.slice(5)].join(' '))).toEqual({ problem: 'unknown-word', position: 5 });
    expect(decodeRecoveryCode(code.slice(1).join(' '))).toEqual({ problem: 'count', words: 11 });
  });

  it('takes a word by its first four letters (BIP-39 words differ there)', () => {
    const entropy = new Uint8Array(16).fill(42);
    const code = encodeRecoveryCode(entropy);
    const short = code.split(' ').map((w) => w.slice(0, 4)).join(',');
    const back = decodeRecoveryCode(short);
    expect(isRecoveryEntropy(back) && Buffer.from(back).equals(Buffer.from(entropy))).toBe(true);
  });
});

describe('travel package format', () => {
  it('opens with the code or a chosen colleague\'s key, and a flipped bit anywhere is caught', async () => {
    const sodium = await loadSodium();
    const colleague = sodium.crypto_box_keypair();
    const stranger = sodium.crypto_box_keypair();
    const rowsIn = [{ id: 'ab'.repeat(16), kind: 2 as const, revision: 3, box: new Uint8Array(200).fill(5) }];
    const entropy = sodium.randombytes_buf(16);
    const packageKey = sodium.randombytes_buf(32);
    const bytes = encodeTravelPackage(sodium, { vaultId: new Uint8Array(16).fill(1), packageId: new Uint8Array(16).fill(2), createdAt: 1_700_000_000_000, entropy, packageKey: packageKey.slice(), recipients: [colleague.publicKey], rows: rowsIn });
    const parsed = parseTravelPackage(bytes);
    expect(parsed).toMatchObject({ recipients: 1, createdAt: 1_700_000_000_000 });
    const byCode = unwrapWithCode(sodium, parsed, entropy)!;
    expect(Buffer.from(byCode).equals(Buffer.from(packageKey))).toBe(true);
    const byColleague = unwrapAsColleague(sodium, parsed, colleague.publicKey, colleague.privateKey)!;
    expect(Buffer.from(byColleague).equals(Buffer.from(packageKey))).toBe(true);
    expect(unwrapAsColleague(sodium, parsed, stranger.publicKey, stranger.privateKey)).toBeNull();
    expect(unwrapWithCode(sodium, parsed, sodium.randombytes_buf(16))).toBeNull();
    expect(openPayload(sodium, parsed, byCode)).toEqual(rowsIn);
    for (const at of [0, 9, 20, 40, 60, 140, 300, bytes.length - 40, bytes.length - 1]) {
      const bad = Buffer.from(bytes);
      bad[at]! ^= 1;
      expect(() => parseTravelPackage(bad), `byte ${at}`).toThrow(/damaged|not a Fieldvault travel package|newer Fieldvault/);
    }
  });
});

describe('travel with a code written down first (travel.newCode)', () => {
  it('uses the given code, and refuses an invalid one before anything is written', { timeout: 60_000 }, async () => {
    const svc = cheapService();
    const f = await fixture(svc);
    const { recoveryCode } = svc.travelNewCode();
    expect(recoveryCode.split(' ')).toHaveLength(12);
    const bad = recoveryCode.split(' ').slice(1).join(' ');
    await expect(svc.travelStart(join(f.dir, 'bad.fvtravel'), [], [], bad)).rejects.toThrow(/not a valid code/);
    expect(existsSync(join(f.dir, 'bad.fvtravel'))).toBe(false);
    expect(svc.travelStatus()).toEqual({ state: 'home' });
    const started = await svc.travelStart(join(f.dir, 'given.fvtravel'), [], [], recoveryCode.toUpperCase());
    expect(started.recoveryCode).toBe(recoveryCode);
    await svc.travelEnd(join(f.dir, 'given.fvtravel'), recoveryCode);
    expect(svc.listPeople()).toHaveLength(3);
    svc.lock();
  });
});

describe('travel sealed to a colleague', () => {
  it('records the colleague\'s label and writes their stanza', { timeout: 60_000 }, async () => {
    const a = cheapService();
    const f = await fixture(a);
    const b = cheapService();
    const dirB = tempDir('fv-travel-b-');
    scratch.push(dirB);
    await b.create(join(dirB, 'vault'), PASS);
    const card = (await b.deliveryCard()).card;
    b.lock();
    const colleague = await a.addColleague(card, 'Bakyt in Bishkek');
    const started = await a.travelStart(join(f.dir, 's.fvtravel'), [], [colleague.id]);
    expect(started.sealedTo).toEqual(['Bakyt in Bishkek']);
    expect(a.travelStatus()).toMatchObject({ state: 'away', sealedTo: ['Bakyt in Bishkek'] });
    expect(parseTravelPackage(readFileSync(join(f.dir, 's.fvtravel'))).recipients).toBe(1);
    expect(await errorCode(() => a.travelEnd(join(f.dir, 's.fvtravel'), started.recoveryCode))).toBe('no-error');
    a.lock();
  });

  it('lets that colleague write the package again under a new code (the researcher lost theirs), reading nothing of it', { timeout: 90_000 }, async () => {
    const a = cheapService();
    const f = await fixture(a);
    const before = a.listPeople();
    const b = cheapService();
    const dirB = tempDir('fv-travel-b-');
    scratch.push(dirB);
    const vaultB = join(dirB, 'vault');
    await b.create(vaultB, PASS);
    const colleague = await a.addColleague((await b.deliveryCard()).card, 'Bakyt in Bishkek');
    const original = join(f.dir, 'lost-code.fvtravel');
    const started = await a.travelStart(original, ['border'], [colleague.id]);

    // The colleague's vault: the package's rows stay encrypted for A's vault; B's register stays empty.
    const reissued = join(dirB, 'new.fvtravel');
    const again = await b.travelReissue(original, reissued);
    expect(again.moved).toEqual(started.moved);
    expect(again.recoveryCode).not.toBe(started.recoveryCode);
    expect(b.listPeople()).toEqual([]);
    for (const secret of SECRETS) expect(readFileSync(reissued).includes(Buffer.from(secret)), secret).toBe(false);
    // Refused: a package not sealed to the vault asking, the asking vault's own package, an existing target.
    const c = cheapService();
    const dirC = tempDir('fv-travel-c-');
    scratch.push(dirC);
    await c.create(join(dirC, 'vault'), PASS);
    expect(await errorCode(() => c.travelReissue(original, join(dirC, 'x.fvtravel')))).toBe('invalid-request');
    expect(existsSync(join(dirC, 'x.fvtravel'))).toBe(false);
    c.lock();
    expect(await errorCode(() => b.travelReissue(original, reissued))).toBe('conflict');
    b.lock();

    // The old code does not open the new package; the new code brings everything back in A's vault.
    expect(await errorCode(() => a.travelEnd(reissued, started.recoveryCode))).toBe('invalid-request');
    expect(a.travelStatus().state).toBe('away');
    await a.travelEnd(reissued, again.recoveryCode);
    expect(a.travelStatus().state).toBe('home');
    expect(a.listPeople()).toEqual(before);
    expect(a.getInterview(f.tagged.id)).toEqual(f.tagged);
    // A's own package cannot be "reissued" by A: its code or a backup is the way.
    expect(await errorCode(() => a.travelReissue(original, join(f.dir, 'mine.fvtravel')))).toBe('invalid-request');
    a.lock();
  });
});

describe('travel start and end', () => {
  it('leaves nothing of the moved people in the vault folder, and brings them back exactly with edits made while away', { timeout: 60_000 }, async () => {
    const svc = cheapService();
    const f = await fixture(svc);
    const before = new Map(f.people.map((p) => [p.id, svc.getPerson(p.id)]));
    const taggedBefore = svc.getInterview(f.tagged.id);
    const versionsBefore = svc.revisions(f.tagged.id);
    expect(versionsBefore.length).toBeGreaterThan(0);
    svc.lock();
    const rowsBefore = rows(f.vault);
    cpSync(f.vault, join(f.dir, 'copy-before'), { recursive: true });
    await svc.unlock(f.vault, PASS);
    await svc.verify();

    const pkg = join(f.dir, 'away.fvtravel');
    const started = await svc.travelStart(pkg, ['border'], []);
    expect(started.moved).toEqual({ people: 3, interviews: 1, records: 5 });
    expect(started.recoveryCode.split(' ')).toHaveLength(12);
    expect(started.package).toBe(pkg);
    const status = svc.travelStatus();
    expect(status).toMatchObject({ state: 'away', since: started.startedAt, moved: started.moved, includeTags: ['border'], sealedTo: [] });
    expect(status.state === 'away' && [...status.awayCodes].sort()).toEqual(f.people.map((p) => p.code).sort());
    expect(svc.listPeople()).toEqual([]);
    expect(svc.listInterviews().map((i) => i.id)).toEqual([f.plain.id]);
    expect(svc.search('Sultanalieva')).toEqual([]);
    expect((await svc.verify())).toMatchObject({ damaged: [], sealIntact: true, missing: [], sealDifferences: [] });

    // The rows that left: every person, the tagged interview and its kept versions, nothing else.
    svc.lock();
    const rowsAway = rows(f.vault);
    const gone = [...rowsBefore.keys()].filter((id) => !rowsAway.has(id));
    expect(gone.sort()).toEqual([...f.people.map((p) => p.id), f.tagged.id, ...[...rowsBefore].filter(([id, r]) => r.kind === 5 && !rowsAway.has(id)).map(([id]) => id)].sort());
    expect(gone.map((id) => rowsBefore.get(id)!.kind).filter((k) => k === 5)).toHaveLength(1);
    expect(rowsAway.has(f.plain.id)).toBe(true);
    const needles = needlesFor(gone, gone.map((id) => rowsBefore.get(id)!.box));
    expect(findIn(f.vault, needles)).toEqual([]);
    // The needles are real: the same scan finds the ids and the old ciphertext in a copy taken before travel.
    const foundBefore = findIn(join(f.dir, 'copy-before'), needles);
    expect(foundBefore.some((x) => x.startsWith('old ciphertext'))).toBe(true);
    expect(foundBefore.some((x) => x.startsWith(`id ${f.people[0]!.id} (bytes)`))).toBe(true);
    // The package does not carry the vault's ciphertext as it was either (it is sealed again).
    expect(findIn(f.dir, needles).filter((x) => !x.includes('copy-before'))).toEqual([]);

    // While away: a new person, an edit to an interview that links an away person.
    await svc.unlock(f.vault, PASS);
    expect(await svc.verify()).toMatchObject({ damaged: [], sealIntact: true, missing: [], sealDifferences: [], people: 0 });
    expect(findIn(f.vault, needles)).toEqual([]);
    const newcomer = svc.createPerson({ given: { latin: 'Nurlan', cyrillic: 'Нурлан' } });
    expect(f.people.map((p) => p.code)).not.toContain(newcomer.code);
    const plainNow = svc.getInterview(f.plain.id);
    expect(plainNow.people).toEqual([f.people[1]!.id]);
    const edited = svc.updateInterview(f.plain.id, plainNow.revision, { summary: 'Edited while away.' });
    svc.lock();

    await svc.unlock(f.vault, PASS);
    await svc.verify();
    const ended = await svc.travelEnd(pkg, `\n${started.recoveryCode.toUpperCase().replace(/ /g, '  ')}\n`);
    expect(ended).toMatchObject({ returned: started.moved, startedAt: started.startedAt });
    expect(ended.conflicts).toBeUndefined();
    expect(svc.travelStatus()).toEqual({ state: 'home' });
    for (const [id, p] of before) expect(svc.getPerson(id)).toEqual(p);
    expect(svc.getPerson(newcomer.id)).toEqual(newcomer);
    expect(svc.getInterview(f.tagged.id)).toEqual(taggedBefore);
    expect(svc.revisions(f.tagged.id)).toEqual(versionsBefore);
    expect(svc.getInterview(f.plain.id)).toEqual(edited);
    expect(svc.search('Sultanalieva').map((h) => h.id)).toContain(f.people[0]!.id);
    svc.lock();
    // Whole at the next unlock too, with the rows exactly as they were stored.
    await svc.unlock(f.vault, PASS);
    expect(await svc.verify()).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true, missing: [], sealDifferences: [], people: 4 });
    const actions = svc.auditLog().map((e) => e.action);
    expect(actions).toContain('travel started');
    expect(actions).toContain('travel ended');
    // Audit entries count, never name.
    for (const e of svc.auditLog().filter((x) => x.action.startsWith('travel'))) for (const s of SECRETS) expect(`${e.subject} ${e.detail}`).not.toContain(s);
    svc.lock();
    const rowsBack = rows(f.vault);
    for (const id of gone) expect(rowsBack.get(id)).toEqual(rowsBefore.get(id));
  });

  it('refuses exports, briefs and re-encryption while away, and keeps a passphrase change possible', { timeout: 60_000 }, async () => {
    const svc = cheapService();
    const f = await fixture(svc);
    await svc.travelStart(join(f.dir, 'p.fvtravel'), [], []);
    const away = /identity register is away/;
    expect(() => svc.exportReview(f.plain.id, 'notes', 'redacted')).toThrow(away);
    expect(() => svc.exportForms(f.plain.id, 'notes', 'x')).toThrow(away);
    expect(() => svc.exportWrite(f.plain.id, 'notes', 'redacted', 'md', { keep: [], redact: [] }, join(f.dir, 'x.md'))).toThrow(away);
    expect(() => svc.briefReview({ filter: {} } as never)).toThrow(away);
    expect(() => svc.briefForms({ filter: {} } as never, 'x')).toThrow(away);
    await expect(svc.briefWrite({} as never)).rejects.toThrow(away);
    await expect(svc.briefSeal({} as never)).rejects.toThrow(away);
    expect(await errorCode(() => svc.exportReview(f.plain.id, 'notes', 'redacted'))).toBe('invalid-request');
    await expect(svc.rekey(PASS, `${PASS} and more`)).rejects.toThrow(/Re-encrypting under a new key now would make the travel package impossible/);
    expect(existsSync(join(f.dir, 'x.md'))).toBe(false);
    await svc.changePassphrase(PASS, `${PASS} changed`);
    svc.lock();
    await svc.unlock(f.vault, `${PASS} changed`);
    expect(svc.travelStatus().state).toBe('away');
    svc.lock();
  });
});

describe('travel refusals: a clear message and nothing changed', () => {
  async function awayVault() {
    const svc = cheapService();
    const f = await fixture(svc);
    const pkg = join(f.dir, 'p.fvtravel');
    const started = await svc.travelStart(pkg, ['border'], []);
    return { svc, f, pkg, started };
  }

  async function unchanged(svc: VaultService, attempt: () => Promise<unknown>, message: RegExp): Promise<void> {
    const status = svc.travelStatus();
    const people = svc.listPeople();
    const interviews = svc.listInterviews();
    const audit = svc.auditLog().length;
    await expect(attempt()).rejects.toThrow(message);
    expect(svc.travelStatus()).toEqual(status);
    expect(svc.listPeople()).toEqual(people);
    expect(svc.listInterviews()).toEqual(interviews);
    expect(svc.auditLog().length).toBe(audit);
  }

  it('a mistyped word, a valid code of another package, a damaged or cut package, another vault, another journey', { timeout: 60_000 }, async () => {
    const { svc, f, pkg, started } = await awayVault();
    const words = started.recoveryCode.split(' ');
    const mistyped = [...words];
    mistyped[3] = wordlist.find((w) => w !== words[3] && !isRecoveryEntropy(decodeRecoveryCode([...words.slice(0, 3), w, ...words.slice(4)].join(' '))))!;
    await unchanged(svc, () => svc.travelEnd(pkg, mistyped.join(' ')), /not a valid recovery code: a word is mistyped/);
    await unchanged(svc, () => svc.travelEnd(pkg, words.slice(0, 11).join(' ')), /not a valid recovery code: a recovery code has 12 words/);
    const other = encodeRecoveryCode(new Uint8Array(16).fill(9));
    await unchanged(svc, () => svc.travelEnd(pkg, other), /valid, but it does not open this package/);

    const bytes = readFileSync(pkg);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0x10;
    writeFileSync(join(f.dir, 'flipped.fvtravel'), flipped);
    await unchanged(svc, () => svc.travelEnd(join(f.dir, 'flipped.fvtravel'), started.recoveryCode), /travel package is damaged/);
    writeFileSync(join(f.dir, 'cut.fvtravel'), bytes.subarray(0, bytes.length - 1000));
    await unchanged(svc, () => svc.travelEnd(join(f.dir, 'cut.fvtravel'), started.recoveryCode), /travel package is damaged/);
    const magic = Buffer.from(bytes);
    magic[0] = 0x58;
    writeFileSync(join(f.dir, 'magic.fvtravel'), magic);
    await unchanged(svc, () => svc.travelEnd(join(f.dir, 'magic.fvtravel'), started.recoveryCode), /not a Fieldvault travel package/);
    await unchanged(svc, () => svc.travelEnd(vaultPaths(f.vault).database, started.recoveryCode), /not a Fieldvault travel package \(it is an SQLite database/);
    await unchanged(svc, () => svc.travelEnd(join(f.dir, 'nothing-here.fvtravel'), started.recoveryCode), /no travel package at that location/);
    await unchanged(svc, () => svc.travelStart(join(f.dir, 'second.fvtravel'), [], []), /already away/);
    expect(existsSync(join(f.dir, 'second.fvtravel'))).toBe(false);

    // Another vault's package, and this vault's package from an earlier journey.
    const otherSvc = cheapService();
    const g = await fixture(otherSvc);
    const foreign = await otherSvc.travelStart(join(g.dir, 'g.fvtravel'), [], []);
    otherSvc.lock();
    await unchanged(svc, () => svc.travelEnd(join(g.dir, 'g.fvtravel'), foreign.recoveryCode), /belongs to another vault/);
    const saved = readFileSync(pkg);
    await svc.travelEnd(pkg, started.recoveryCode);
    const second = await svc.travelStart(join(f.dir, 'second.fvtravel'), [], []);
    writeFileSync(join(f.dir, 'earlier.fvtravel'), saved);
    await unchanged(svc, () => svc.travelEnd(join(f.dir, 'earlier.fvtravel'), started.recoveryCode), /from another journey of this vault/);
    await svc.travelEnd(join(f.dir, 'second.fvtravel'), second.recoveryCode);
    expect(svc.listPeople()).toHaveLength(3);
    await unchanged(svc, () => svc.travelEnd(join(f.dir, 'second.fvtravel'), second.recoveryCode), /at home: there is no journey to end/);
    svc.lock();
  });

  it('refuses a package path inside the vault folder, an existing file, and a vault with damage', { timeout: 60_000 }, async () => {
    const svc = cheapService();
    const f = await fixture(svc);
    await unchanged(svc, () => svc.travelStart(join(f.vault, 'p.fvtravel'), [], []), /cannot go inside the vault folder/);
    writeFileSync(join(f.dir, 'exists.fvtravel'), 'x');
    await unchanged(svc, () => svc.travelStart(join(f.dir, 'exists.fvtravel'), [], []), /already exists/);
    expect(readdirSync(f.vault).some((n) => n.endsWith('.fvtravel'))).toBe(false);
    svc.lock();
    // A person's row damaged outside Fieldvault: nothing may leave until it is dealt with.
    const db = new Database(vaultPaths(f.vault).database);
    db.prepare('UPDATE records SET box = zeroblob(length(box)) WHERE id = ?').run(Buffer.from(f.people[2]!.id, 'hex'));
    db.close();
    await svc.unlock(f.vault, PASS);
    await svc.verify();
    expect(await errorCode(() => svc.travelStart(join(f.dir, 'd.fvtravel'), [], []))).toBe('integrity');
    expect(existsSync(join(f.dir, 'd.fvtravel'))).toBe(false);
    svc.lock();
  });
});

describe('readTravelPackageFile: a wrong file is refused from its first bytes, before its size is allocated', () => {
  it('a sparse 8 GB file that is not a package: "not a travel package", at once', () => {
    const d = mkdtempSync(join(tmpdir(), 'fv-travel-big-'));
    try {
      const big = join(d, 'video.fvtravel');
      const fd = openSync(big, 'w');
      ftruncateSync(fd, 8 * 1024 ** 3);
      closeSync(fd);
      // Read whole, it would be 8 GB in memory: refused from its first bytes instead.
      expect(() => readTravelPackageFile(big)).toThrow(/not a Fieldvault travel package/);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
