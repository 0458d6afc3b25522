/**
 * Canary test: what a seized laptop shows. Every field of every record carries a unique canary; afterwards no
 * canary (UTF-8 or UTF-16LE, as typed, lowercased, or search-folded) may appear in the vault folder, in files
 * created in the temp folder during the test, or in any log file of the project. Checked while the vault is
 * still open (WAL not checkpointed) and after lock.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldWord } from '../../src/core/search/fold';
import type { VaultService } from '../../src/core/service';
import { vaultPaths } from '../../src/core/vault/layout';
import { changedFiles, fileSnapshot, walk } from '../fixtures/disk-scan';
import { cheapService, PROJECT_ROOT, removeDir, tempDir } from '../fixtures/vault-helpers';

const CYRILLIC = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯабвгдежзиклмнопрстуфхцчшщэюя';
const canaries: string[] = [];
function latin(label: string): string {
  const c = `${label}Cnry${randomBytes(6).toString('hex').toUpperCase()}`;
  canaries.push(c);
  return c;
}
function cyr(): string {
  let c = 'Жч';
  for (let i = 0; i < 10; i++) c += CYRILLIC[randomInt(CYRILLIC.length)];
  canaries.push(c);
  return c;
}
function fixed(c: string): string {
  canaries.push(c);
  return c;
}

const PASS = latin('Pass');
const NEXT_PASS = latin('NextPass');
const DATE = fixed('2031-07-14');

/** Every encoding of every canary a forensic search would try. */
function needles(): { label: string; bytes: Buffer }[] {
  const out: { label: string; bytes: Buffer }[] = [];
  for (const c of canaries) {
    const forms = new Set([c, c.toLowerCase(), c.toUpperCase(), ...c.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4).map(foldWord)]);
    for (const f of forms) {
      out.push({ label: `${c} as "${f}" utf8`, bytes: Buffer.from(f, 'utf8') });
      out.push({ label: `${c} as "${f}" utf16le`, bytes: Buffer.from(f, 'utf16le') });
    }
  }
  return out;
}

function scanFiles(files: readonly string[]): string[] {
  const hits: string[] = [];
  const list = needles();
  for (const file of files) {
    let buf: Buffer;
    try {
      buf = readFileSync(file);
    } catch {
      continue; // removed meanwhile (another test's temp file)
    }
    for (const n of list) if (buf.includes(n.bytes)) hits.push(`${file}: ${n.label}`);
  }
  return hits;
}

const tmpSnapshot = () => fileSnapshot([tmpdir()], 6);
const changedSince = (before: Map<string, string>) => changedFiles(before, [tmpdir()], 6);

function projectLogs(): string[] {
  const skip = (p: string) => /[\\/](node_modules|\.git)$/.test(p);
  return walk(PROJECT_ROOT, 8, skip).filter((f) => f.endsWith('.log'));
}

let dir = '';
let vault = '';
let svc: VaultService;
let before = new Map<string, string>();

beforeAll(async () => {
  before = tmpSnapshot();
  dir = tempDir('fv-forensic-');
  vault = join(dir, 'vault');
  svc = cheapService();
  await svc.create(vault, PASS);
  const people = [];
  for (let k = 0; k < 3; k++) {
    people.push(
      svc.createPerson({
        pseudonym: latin('Pseudonym'),
        given: { latin: latin('Given'), cyrillic: cyr() },
        family: { latin: latin('Family'), cyrillic: cyr() },
        patronymic: { latin: latin('Patronymic'), cyrillic: cyr() },
        otherSpellings: [latin('Spelling'), cyr()],
        contacts: [
          { kind: 'phone', value: fixed(`+996 ${randomInt(100, 999)} ${randomInt(100000, 999999)}`) },
          { kind: 'email', value: `${latin('Mail')}@example.org` },
          { kind: 'telegram', value: `@${latin('Tg')}` },
        ],
        birthDate: k === 0 ? DATE : '',
        age: fixed(`${randomInt(20, 80)} years ${latin('Age')}`),
        gender: latin('Gender'),
        nationality: latin('Nationality'),
        ethnicity: cyr(),
        location: `${latin('Village')} ${cyr()}`,
        role: 'witness',
        consent: {
          givenOn: DATE,
          method: 'oral',
          allowsQuote: true,
          allowsName: false,
          allowsAudio: false,
          shareWith: [latin('PartnerOrg')],
          withdrawnOn: '',
        },
        riskNotes: `${latin('Risk')} ${cyr()} lives near ${latin('Landmark')}`,
      }),
    );
  }
  const interviews = [];
  for (let k = 0; k < 3; k++) {
    interviews.push(
      svc.createInterview({
        title: `${latin('Title')} ${cyr()}`,
        date: DATE,
        place: { country: latin('Country'), city: cyr(), district: latin('District') },
        languages: [latin('Lang')],
        interviewer: latin('Interviewer'),
        format: 'remote',
        incidentTypes: [latin('Incident')],
        tags: [latin('Tag'), cyr()],
        body: `# ${latin('Heading')}\n\n${latin('Body')} ${cyr()} ${'filler text '.repeat(200)} ${latin('BodyEnd')}`,
        summary: `${latin('Summary')} ${cyr()}`,
        status: 'draft',
        people: people.map((p) => p.id),
      }),
    );
  }
  // Edits (old versions must not linger in plaintext either) and deletes.
  svc.updateInterview(interviews[0]!.id, 1, { title: `${latin('EditedTitle')} ${cyr()}`, body: `${latin('EditedBody')} ${cyr()}` });
  svc.updatePerson(people[0]!.id, 1, { riskNotes: `${latin('EditedRisk')} ${cyr()}` });
  svc.deleteInterview(interviews[1]!.id);
  svc.deletePerson(people[1]!.id);
  // The last save is a note's: it stays in the WAL until the next checkpoint (a change to the register is
  // checkpointed at once), so the scan below sees a WAL holding saves.
  svc.updateInterview(interviews[2]!.id, svc.getInterview(interviews[2]!.id).revision, { body: `${latin('LastBody')} ${cyr()}` });
  // Searching must not spill query or result text to disk either.
  expect(svc.search(foldWord(canaries[3]!)).length).toBeGreaterThan(0);
});

afterAll(() => {
  svc.lock();
  removeDir(dir);
});

describe('forensic canaries', () => {
  it('the scanner finds a planted canary in both encodings (positive control)', () => {
    const probe = join(dir, 'probe.bin');
    writeFileSync(probe, Buffer.concat([randomBytes(100), Buffer.from(canaries[5]!, 'utf16le'), randomBytes(100)]));
    expect(scanFiles([probe]).some((h) => h.includes('utf16le'))).toBe(true);
    writeFileSync(probe, Buffer.concat([randomBytes(100), Buffer.from(canaries.at(-1)!.toLowerCase(), 'utf8')]));
    expect(scanFiles([probe]).length).toBeGreaterThan(0);
    removeDir(probe);
  });

  it('while unlocked, right after saves (WAL not checkpointed): no canary in the vault, temp files or logs', () => {
    const p = vaultPaths(vault);
    expect(existsSync(`${p.database}-wal`)).toBe(true);
    expect(statSync(`${p.database}-wal`).size).toBeGreaterThan(0);
    const files = [...new Set([...walk(p.dir, 2, () => false), ...changedSince(before), ...projectLogs()])];
    expect(files).toContain(p.database);
    expect(files).toContain(p.header);
    expect(scanFiles(files)).toEqual([]);
  });

  it('after a passphrase change and lock: no canary (nor either passphrase) anywhere', async () => {
    await svc.changePassphrase(PASS, NEXT_PASS);
    svc.createInterview({ title: latin('AfterChange') });
    svc.lock();
    const p = vaultPaths(vault);
    const files = [...new Set([...walk(p.dir, 2, () => false), ...changedSince(before), ...projectLogs()])];
    expect(files).toContain(p.database);
    expect(scanFiles(files)).toEqual([]);
    // And the vault really does hold the data (the scan did not pass because nothing was written).
    svc = cheapService();
    const report = await svc.unlock(vault, NEXT_PASS);
    expect(report).toMatchObject({ interviews: 3, people: 2, damaged: [], sealIntact: true });
    expect(svc.listInterviews().some((i) => i.title.startsWith('EditedTitle'))).toBe(true);
    const files2 = [...new Set([...walk(p.dir, 2, () => false), ...changedSince(before)])];
    expect(scanFiles(files2)).toEqual([]);
  });

  it('the database holds only the expected tables and columns: opaque ids, kinds, revisions, ciphertext', () => {
    svc.lock();
    const db = new Database(vaultPaths(vault).database, { readonly: true });
    try {
      const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all() as { type: string; name: string }[];
      const expected: Record<string, string[]> = {
        records: ['id', 'kind', 'revision', 'box'],
        seal: ['slot', 'box'],
        cache: ['slot', 'box'], // the encrypted search cache, where the schema has it
      };
      expect(objects.every((o) => o.type === 'table')).toBe(true);
      const names = objects.map((o) => o.name);
      expect(names).toEqual(expect.arrayContaining(['records', 'seal']));
      for (const name of names) {
        expect(Object.keys(expected)).toContain(name);
        const cols = (db.pragma(`table_info(${name})`) as { name: string }[]).map((c) => c.name);
        expect(cols, name).toEqual(expected[name]);
      }
      const kinds = (db.prepare('SELECT DISTINCT kind FROM records').all() as { kind: number }[]).map((r) => r.kind).sort();
      expect(kinds.every((k) => Number.isInteger(k) && k >= 1 && k <= 16)).toBe(true);
      // Every box is nonce | ciphertext | tag of a padded record: at least 24 + 256 + 16 bytes.
      const sizes = db.prepare('SELECT length(box) AS n FROM records').all() as { n: number }[];
      expect(sizes.every((s) => s.n >= 24 + 256 + 16)).toBe(true);
    } finally {
      db.close();
    }
    expect(existsSync(`${vaultPaths(vault).database}-wal`) ? statSync(`${vaultPaths(vault).database}-wal`).size : 0).toBe(0);
  });
});
