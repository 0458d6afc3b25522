/** Each schema migration on its own, plus migrate()'s bookkeeping. */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { vaultPaths } from '../../src/core/vault/layout';
import { existsSync, rmSync } from 'node:fs';
import { cheapService, copyVault, errorCode, FIXTURES, removeDir, tempDir } from '../fixtures/vault-helpers';
import { loadSodium } from '../../src/core/crypto/sodium';
import { deriveKek, passphraseBytes } from '../../src/core/crypto/kdf';
import { open as aeadOpen, seal as aeadSeal } from '../../src/core/crypto/aead';
import { decodeHeader, encodeHeaderAd, readHeaderFile } from '../../src/core/vault/header';
import { deriveSubkeys } from '../../src/core/vault/keys';
import { decodeSealContent, encodeSealContent, rowHash, sealAd, sealLayoutOf } from '../../src/core/vault/format';
import { currentSchemaVersion, migrate, migrations, SCHEMA_VERSION, type KeyedUpgrade, type Migration } from '../../src/core/vault/migrations';

const open: Database.Database[] = [];
function memoryDb(): Database.Database {
  const db = new Database(':memory:');
  open.push(db);
  return db;
}
afterEach(() => {
  while (open.length) open.pop()!.close();
});

function columns(db: Database.Database, table: string) {
  return (db.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number; pk: number }[]).map((c) => ({
    name: c.name,
    type: c.type,
    notnull: c.notnull,
    pk: c.pk,
  }));
}

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

const m = (v: number): Migration => migrations.find((x) => x.version === v)!;

const PASS5 = 'schema four fixture passphrase';

/** The vault's keys, as a test can derive them from the header and the passphrase. */
async function vaultKeysOf(vault: string, passphrase: string) {
  const sodium = await loadSodium();
  const header = decodeHeader(readHeaderFile(vaultPaths(vault).header));
  const kek = deriveKek(sodium, passphraseBytes(passphrase), header.salt, header.kdf);
  const master = aeadOpen(sodium, kek, header.wrappedKey, encodeHeaderAd(header))!;
  return { sodium, vaultId: header.vaultId, keys: deriveSubkeys(sodium, master) };
}

/**
 * A vault as the Fieldvault of an older schema left it: made now with a person and an interview, the rows of the
 * kinds that schema did not know removed (and with them the search cache, which did not know them either), its
 * seal rewritten in that schema's layout over the rows left (count, accumulator and per-kind counts worked out
 * again), and user_version set back.
 */
async function vaultAtSchema(version: number, kindsItDidNotKnow: readonly number[] = []): Promise<{ vault: string; interviewId: string; personId: string }> {
  const dir = tempDir();
  const vault = join(dir, 'vault');
  const svc = cheapService();
  await svc.create(vault, PASS5);
  const person = svc.createPerson({ pseudonym: 'Witness', given: { latin: 'Aigul', cyrillic: 'Айгуль' } });
  const interview = svc.createInterview({ title: 'Detention at a checkpoint', body: 'Stopped at the checkpoint near Osh.' });
  svc.lock();
  const { sodium, vaultId, keys } = await vaultKeysOf(vault, PASS5);
  const db = new Database(vaultPaths(vault).database);
  const sealBox = (db.prepare('SELECT box FROM seal').get() as { box: Buffer }).box;
  const current = decodeSealContent(sealLayoutOf(SCHEMA_VERSION), aeadOpen(sodium, keys.seal, sealBox, sealAd(2, vaultId))!)!;
  for (const kind of kindsItDidNotKnow) db.prepare('DELETE FROM records WHERE kind = ?').run(kind);
  if (kindsItDidNotKnow.length > 0) db.prepare('DELETE FROM cache').run();
  const layout = sealLayoutOf(version);
  const rows = db.prepare('SELECT id, kind, revision FROM records').all() as { id: Buffer; kind: number; revision: number }[];
  const acc = new Uint8Array(32);
  const counts = new Array<number>(layout.kinds).fill(0);
  for (const r of rows) {
    const h = rowHash(sodium, 2, keys, r.id.toString('hex'), r.kind, r.revision);
    for (let i = 0; i < 32; i++) acc[i]! ^= h[i]!;
    expect(r.kind).toBeLessThanOrEqual(layout.kinds); // a kind that schema knew
    counts[r.kind - 1]!++;
  }
  const plain = encodeSealContent(layout, { ...current, count: rows.length, accumulator: acc, kindCounts: counts });
  expect(plain.length).toBe(81 + 4 * layout.kinds);
  db.prepare('UPDATE seal SET box = ?').run(aeadSeal(sodium, keys.seal, plain, sealAd(2, vaultId)));
  db.pragma(`user_version = ${version}`);
  db.close();
  return { vault, interviewId: interview.id, personId: person.id };
}

/** Schema 4: before sealed delivery (7 kinds; the delivery identity, kind 8, did not exist). */
const schema4Vault = () => vaultAtSchema(4, [8]);

/** Reads a schema-4 vault's seal as schema 4 lays it out, and whether it matches the rows. */
async function readSchema4Seal(vault: string): Promise<{ kinds: number; intact: boolean }> {
  const { sodium, vaultId, keys } = await vaultKeysOf(vault, PASS5);
  const db = new Database(vaultPaths(vault).database, { readonly: true });
  try {
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    const box = (db.prepare('SELECT box FROM seal').get() as { box: Buffer }).box;
    const content = decodeSealContent(sealLayoutOf(4), aeadOpen(sodium, keys.seal, box, sealAd(2, vaultId))!)!;
    // The same bytes do not decode as a schema-5 seal.
    expect(decodeSealContent(sealLayoutOf(5), aeadOpen(sodium, keys.seal, box, sealAd(2, vaultId))!)).toBeNull();
    const rows = db.prepare('SELECT id, kind, revision FROM records').all() as { id: Buffer; kind: number; revision: number }[];
    const acc = new Uint8Array(32);
    for (const r of rows) {
      const h = rowHash(sodium, 2, keys, r.id.toString('hex'), r.kind, r.revision);
      for (let i = 0; i < 32; i++) acc[i]! ^= h[i]!;
    }
    return { kinds: content.kindCounts.length, intact: content.count === rows.length && Buffer.compare(content.accumulator, acc) === 0 };
  } finally {
    db.close();
  }
}

/** Versions that have their own describe block below; a new migration must add one. */
const TESTED = [1, 2, 3, 4, 5, 6];
const ALL_TABLES = ['cache', 'records', 'seal'];

describe('the migration list', () => {
  it('is numbered 1..n without gaps, and SCHEMA_VERSION is the last', () => {
    expect(migrations.map((x) => x.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(migrations.length);
  });

  it('every migration has its own test in this file', () => {
    expect(migrations.map((x) => x.version)).toEqual(TESTED);
    for (const x of migrations) expect(x.description.length).toBeGreaterThan(0);
  });
});

describe('migration 1: encrypted records', () => {
  it('creates records(id BLOB pk, kind INTEGER, revision INTEGER, box BLOB), all NOT NULL, WITHOUT ROWID', () => {
    const db = memoryDb();
    m(1).up(db, null);
    expect(tables(db)).toEqual(['records']);
    expect(columns(db, 'records')).toEqual([
      { name: 'id', type: 'BLOB', notnull: 1, pk: 1 },
      { name: 'kind', type: 'INTEGER', notnull: 1, pk: 0 },
      { name: 'revision', type: 'INTEGER', notnull: 1, pk: 0 },
      { name: 'box', type: 'BLOB', notnull: 1, pk: 0 },
    ]);
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'records'").get() as { sql: string }).sql;
    expect(sql).toMatch(/WITHOUT ROWID/);
  });

  it('enforces 16-byte ids, revision >= 1 and unique ids', () => {
    const db = memoryDb();
    m(1).up(db, null);
    const ins = db.prepare('INSERT INTO records (id, kind, revision, box) VALUES (?, ?, ?, ?)');
    ins.run(Buffer.alloc(16, 1), 1, 1, Buffer.from([1]));
    expect(() => ins.run(Buffer.alloc(15, 2), 1, 1, Buffer.from([1]))).toThrow(/CHECK/);
    expect(() => ins.run(Buffer.alloc(16, 3), 1, 0, Buffer.from([1]))).toThrow(/CHECK/);
    expect(() => ins.run(Buffer.alloc(16, 1), 1, 2, Buffer.from([1]))).toThrow(/UNIQUE|PRIMARY/);
    expect(() => ins.run(Buffer.alloc(16, 4), 1, 1, null)).toThrow(/NOT NULL/);
  });
});

describe('migration 2: integrity seal', () => {
  it('adds seal(slot INTEGER pk = 1, box BLOB NOT NULL) next to records', () => {
    const db = memoryDb();
    m(1).up(db, null);
    m(2).up(db, null);
    expect(tables(db)).toEqual(['records', 'seal']);
    expect(columns(db, 'seal')).toEqual([
      { name: 'slot', type: 'INTEGER', notnull: 0, pk: 1 },
      { name: 'box', type: 'BLOB', notnull: 1, pk: 0 },
    ]);
  });

  it('allows exactly one seal row (slot 1)', () => {
    const db = memoryDb();
    m(2).up(db, null);
    db.prepare('INSERT INTO seal (slot, box) VALUES (1, ?)').run(Buffer.from([1]));
    expect(() => db.prepare('INSERT INTO seal (slot, box) VALUES (2, ?)').run(Buffer.from([1]))).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO seal (slot, box) VALUES (1, ?)').run(Buffer.from([2]))).toThrow(/UNIQUE|PRIMARY/);
  });
});

describe('migration 3: encrypted search cache', () => {
  it('adds cache(slot INTEGER pk = 1, box BLOB NOT NULL) and nothing else', () => {
    const db = memoryDb();
    m(1).up(db, null);
    m(2).up(db, null);
    m(3).up(db, null);
    expect(tables(db)).toEqual(ALL_TABLES);
    expect(columns(db, 'cache')).toEqual([
      { name: 'slot', type: 'INTEGER', notnull: 0, pk: 1 },
      { name: 'box', type: 'BLOB', notnull: 1, pk: 0 },
    ]);
    db.prepare('INSERT INTO cache (slot, box) VALUES (1, ?)').run(Buffer.from([1]));
    expect(() => db.prepare('INSERT INTO cache (slot, box) VALUES (2, ?)').run(Buffer.from([1]))).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO cache (slot, box) VALUES (1, NULL)').run()).toThrow(/NOT NULL|UNIQUE|PRIMARY/);
  });
});

describe('migration 4: record format 2', () => {
  const upTo3 = () => {
    const db = memoryDb();
    migrate(db, migrations.slice(0, 3));
    return db;
  };

  it('makes every table STRICT with full-width constraints', () => {
    const db = upTo3();
    m(4).up(db, null);
    expect(tables(db)).toEqual(ALL_TABLES);
    for (const t of ALL_TABLES) {
      const sql = (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(t) as { sql: string }).sql;
      expect(sql, t).toMatch(/STRICT/);
    }
    const ins = db.prepare('INSERT INTO records (id, kind, revision, box) VALUES (?, ?, ?, ?)');
    const box = Buffer.alloc(40, 1);
    ins.run(Buffer.alloc(16, 1), 2, 1, box);
    ins.run(Buffer.alloc(16, 2), 258, 1, box); // a full-width kind is stored as it is (and authenticated so)
    expect(() => ins.run('0123456789abcdef', 1, 1, box)).toThrow(/STRICT|cannot store|CHECK/);
    expect(() => ins.run(Buffer.alloc(16, 3), 0, 1, box)).toThrow(/CHECK/);
    expect(() => ins.run(Buffer.alloc(16, 4), 2 ** 32, 1, box)).toThrow(/CHECK/);
    expect(() => ins.run(Buffer.alloc(16, 5), 1.5, 1, box)).toThrow(/STRICT|cannot store|CHECK/);
    expect(() => ins.run(Buffer.alloc(16, 6), 1, 0, box)).toThrow(/CHECK/);
    expect(() => ins.run(Buffer.alloc(16, 7), 1, BigInt(2) ** BigInt(53), box)).toThrow(/CHECK/);
    expect(() => ins.run(Buffer.alloc(16, 8), 1, 1, Buffer.alloc(39))).toThrow(/CHECK/);
    expect(() => ins.run(Buffer.alloc(16, 9), 1, 1, 'text box of forty characters or more....')).toThrow(/STRICT|cannot store|CHECK/);
    expect(() => db.prepare('INSERT INTO seal (slot, box) VALUES (1, ?)').run('text')).toThrow(/STRICT|cannot store/);
  });

  it('carries over every row that fits, drops and counts those that do not, keeps the cache, and hands over to the keyed re-encryption', () => {
    const db = upTo3();
    const ins = db.prepare('INSERT INTO records (id, kind, revision, box) VALUES (?, ?, ?, ?)');
    ins.run(Buffer.alloc(16, 1), 1, 3, Buffer.alloc(40, 1));
    ins.run(Buffer.alloc(16, 2), 258, 1, Buffer.alloc(40, 2));
    ins.run('a text id of 16!', 1, 1, Buffer.alloc(40, 3));
    ins.run(Buffer.alloc(16, 4), 2, 1.5, Buffer.alloc(40, 4));
    db.prepare('INSERT INTO cache (slot, box) VALUES (1, ?)').run(Buffer.from('cache'));
    let called = 0;
    const keyed: KeyedUpgrade = { dropped: 0, toFormat2: () => void called++, toSchema5: () => undefined, toSchema6: () => undefined };
    db.transaction(() => m(4).up(db, keyed))();
    expect(called).toBe(1);
    expect(keyed.dropped).toBe(2);
    expect(db.prepare('SELECT hex(id) AS id, kind, revision FROM records ORDER BY id').all()).toEqual([
      { id: '01'.repeat(16), kind: 1, revision: 3 },
      { id: '02'.repeat(16), kind: 258, revision: 1 },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM cache').get()).toEqual({ n: 1 });
  });

  it('refuses to run over rows without the unlocked vault (they could not be re-encrypted)', () => {
    const db = upTo3();
    db.prepare('INSERT INTO records (id, kind, revision, box) VALUES (?, 1, 1, ?)').run(Buffer.alloc(16, 1), Buffer.alloc(40, 1));
    expect(() => migrate(db)).toThrow(/unlocked vault/);
    expect(currentSchemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 1 });
  });
});

describe('migration 5: sealed delivery', () => {
  it('changes no table, and refuses to run over rows without the unlocked vault', () => {
    const db = memoryDb();
    migrate(db, migrations.slice(0, 4));
    const before = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    let called = 0;
    db.transaction(() => m(5).up(db, { dropped: 0, toFormat2: () => undefined, toSchema5: () => void called++, toSchema6: () => undefined }))();
    expect(called).toBe(1);
    expect(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(before);
    const other = memoryDb();
    migrate(other, migrations.slice(0, 4));
    other.prepare('INSERT INTO records (id, kind, revision, box) VALUES (?, 1, 1, ?)').run(Buffer.alloc(16, 1), Buffer.alloc(40, 1));
    expect(() => migrate(other)).toThrow(/unlocked vault/);
    expect(currentSchemaVersion(other)).toBe(4);
  });

  it('a schema-4 vault with data is upgraded: its old seal checks, the identity is added, the new seal counts every kind', async () => {
    const { vault, interviewId } = await schema4Vault();
    try {
      expect(await readSchema4Seal(vault)).toMatchObject({ kinds: 7, intact: true });
      const svc = cheapService();
      await svc.unlock(vault, PASS5);
      expect(await svc.verify()).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true, sealDifferences: [], missing: [] });
      expect(svc.getInterview(interviewId).body).toContain('checkpoint');
      const card = await svc.deliveryCard();
      expect(card.card).toMatch(/^fvcard1\./);
      expect(card.fingerprint).toHaveLength(8);
      svc.lock();
      const db = new Database(vaultPaths(vault).database, { readonly: true });
      // Migration 6 follows in the same unlock.
      expect(db.pragma('user_version', { simple: true })).toBe(6);
      expect(db.prepare('SELECT count(*) AS n FROM records WHERE kind = 8').get()).toEqual({ n: 1 });
      db.close();
      // The same identity at the next unlock (created once, by the migration).
      const again = cheapService();
      await again.unlock(vault, PASS5);
      expect(await again.verify()).toMatchObject({ damaged: [], sealIntact: true });
      expect((await again.deliveryCard()).card).toBe(card.card);
      again.lock();
    } finally {
      removeDir(join(vault, '..'));
    }
  });

  it('a schema-4 vault whose seal does not verify is upgraded but reported, never silently re-sealed', async () => {
    const { vault, personId } = await schema4Vault();
    try {
      // A person's row deleted outside Fieldvault: the schema-4 seal no longer matches.
      const raw = new Database(vaultPaths(vault).database);
      raw.prepare('DELETE FROM records WHERE id = ?').run(Buffer.from(personId, 'hex'));
      raw.close();
      expect(await readSchema4Seal(vault)).toMatchObject({ kinds: 7, intact: false });
      const svc = cheapService();
      const report = await svc.unlock(vault, PASS5);
      expect(report.sealIntact).toBe(false);
      const verified = await svc.verify();
      expect(verified.sealIntact).toBe(false);
      // What the old seal counted (one person more than is there) is still reported after the upgrade.
      expect(verified.sealDifferences).toEqual([{ kind: 'person', sealed: 1, present: 0 }]);
      svc.lock();
      // The warning is sealed in: it repeats at the next unlock until the researcher accepts the vault.
      const again = cheapService();
      expect((await again.unlock(vault, PASS5)).sealIntact).toBe(false);
      again.lock();
    } finally {
      removeDir(join(vault, '..'));
    }
  });

  it('kinds 8..10 are known from schema 5; a row of kind 12 is still damage', async () => {
    const dir = tempDir();
    const vault = join(dir, 'vault');
    try {
      const svc = cheapService();
      await svc.create(vault, PASS5);
      svc.lock();
      const raw = new Database(vaultPaths(vault).database);
      const kinds = (raw.prepare('SELECT kind FROM records ORDER BY kind').all() as { kind: number }[]).map((r) => r.kind);
      expect(kinds).toContain(8);
      // The identity row's box copied under kind 12: of a kind Fieldvault does not know.
      const identity = raw.prepare('SELECT box FROM records WHERE kind = 8').get() as { box: Buffer };
      raw.prepare('INSERT INTO records (id, kind, revision, box) VALUES (?, 12, 1, ?)').run(Buffer.alloc(16, 0xab), identity.box);
      raw.close();
      const again = cheapService();
      await again.unlock(vault, PASS5);
      const report = await again.verify();
      expect(report.damaged.map((d) => d.reason)).toEqual(['a record of a kind Fieldvault does not know: its row was altered']);
      expect(report.sealIntact).toBe(false);
      again.lock();
    } finally {
      removeDir(dir);
    }
  });

  it('a vault rolled back to schema 4 with a schema-5 seal is damage, not a vault to upgrade quietly', async () => {
    const dir = tempDir();
    const vault = join(dir, 'vault');
    try {
      const svc = cheapService();
      await svc.create(vault, PASS5);
      svc.lock();
      const raw = new Database(vaultPaths(vault).database);
      raw.pragma('user_version = 4');
      raw.close();
      const again = cheapService();
      expect((await again.unlock(vault, PASS5)).sealIntact).toBe(false);
      again.lock();
    } finally {
      removeDir(dir);
    }
  });
});

/** Schema 5: before travel mode (10 kinds; nothing of kind 11 is made by a new vault). */
const schema5Vault = () => vaultAtSchema(5);

describe('migration 6: travel mode', () => {
  it('changes no table, and refuses to run over rows without the unlocked vault', () => {
    const db = memoryDb();
    migrate(db, migrations.slice(0, 5));
    const before = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    let called = 0;
    db.transaction(() => m(6).up(db, { dropped: 0, toFormat2: () => undefined, toSchema5: () => undefined, toSchema6: () => void called++ }))();
    expect(called).toBe(1);
    expect(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(before);
    const other = memoryDb();
    migrate(other, migrations.slice(0, 5));
    other.prepare('INSERT INTO records (id, kind, revision, box) VALUES (?, 1, 1, ?)').run(Buffer.alloc(16, 1), Buffer.alloc(40, 1));
    expect(() => migrate(other)).toThrow(/unlocked vault/);
    expect(currentSchemaVersion(other)).toBe(5);
  });

  it('a schema-5 vault is upgraded: its old seal checks, the new seal counts 11 kinds and travel works', async () => {
    const { vault } = await schema5Vault();
    try {
      const svc = cheapService();
      await svc.unlock(vault, PASS5);
      expect(await svc.verify()).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true, sealDifferences: [], missing: [], people: 1 });
      expect(svc.travelStatus()).toEqual({ state: 'home' });
      svc.lock();
      const { sodium, vaultId, keys } = await vaultKeysOf(vault, PASS5);
      const db = new Database(vaultPaths(vault).database, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(6);
      const box = (db.prepare('SELECT box FROM seal').get() as { box: Buffer }).box;
      db.close();
      const plain = aeadOpen(sodium, keys.seal, box, sealAd(2, vaultId))!;
      expect(decodeSealContent(sealLayoutOf(5), plain)).toBeNull();
      expect(decodeSealContent(sealLayoutOf(6), plain)!.kindCounts).toHaveLength(11);
    } finally {
      removeDir(join(vault, '..'));
    }
  });

  it('a schema-5 vault whose seal does not verify is upgraded but reported, never silently re-sealed', async () => {
    const { vault, personId } = await schema5Vault();
    try {
      const raw = new Database(vaultPaths(vault).database);
      raw.prepare('DELETE FROM records WHERE id = ?').run(Buffer.from(personId, 'hex'));
      raw.close();
      const svc = cheapService();
      expect((await svc.unlock(vault, PASS5)).sealIntact).toBe(false);
      const verified = await svc.verify();
      expect(verified.sealDifferences).toEqual([{ kind: 'person', sealed: 1, present: 0 }]);
      svc.lock();
      const again = cheapService();
      expect((await again.unlock(vault, PASS5)).sealIntact).toBe(false);
      again.lock();
    } finally {
      removeDir(join(vault, '..'));
    }
  });

  it('a vault rolled back to schema 5 with a schema-6 seal is damage, not a vault to upgrade quietly', async () => {
    const dir = tempDir();
    const vault = join(dir, 'vault');
    try {
      const svc = cheapService();
      await svc.create(vault, PASS5);
      svc.lock();
      const raw = new Database(vaultPaths(vault).database);
      raw.pragma('user_version = 5');
      raw.close();
      const again = cheapService();
      expect((await again.unlock(vault, PASS5)).sealIntact).toBe(false);
      again.lock();
    } finally {
      removeDir(dir);
    }
  });
});

describe('migrate()', () => {
  it('on an empty database applies every migration and sets user_version', () => {
    const db = memoryDb();
    expect(currentSchemaVersion(db)).toBe(0);
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(currentSchemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(ALL_TABLES);
  });

  it('is idempotent: running it again changes nothing and keeps the data', () => {
    const db = memoryDb();
    migrate(db);
    db.prepare('INSERT INTO records (id, kind, revision, box) VALUES (?, 1, 1, ?)').run(Buffer.alloc(16, 9), Buffer.alloc(40, 1));
    const schemaBefore = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schemaBefore);
    expect(db.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 1 });
  });

  it('from version 1 applies only the later migrations, keeping the data', () => {
    const db = memoryDb();
    migrate(db, migrations.slice(0, 1));
    expect(currentSchemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['records']);
    db.prepare('INSERT INTO records (id, kind, revision, box) VALUES (?, 1, 1, ?)').run(Buffer.alloc(16, 7), Buffer.alloc(40, 1));
    const keyed: KeyedUpgrade = { dropped: 0, toFormat2: () => undefined, toSchema5: () => undefined, toSchema6: () => undefined };
    expect(migrate(db, migrations, keyed)).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(ALL_TABLES);
    expect(db.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 1 });
  });

  it('from version 2 applies migrations 3, 4, 5 and 6', () => {
    const db = memoryDb();
    migrate(db, migrations.slice(0, 2));
    expect(tables(db)).toEqual(['records', 'seal']);
    expect(migrate(db)).toBe(6);
    expect(tables(db)).toEqual(ALL_TABLES);
  });

  it('runs each migration in a transaction: a failing migration leaves neither its changes nor its version', () => {
    const db = memoryDb();
    const failing: Migration = {
      version: SCHEMA_VERSION + 1,
      description: 'fails halfway',
      up: (d) => {
        d.exec('CREATE TABLE half (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...migrations, failing])).toThrow('boom');
    expect(currentSchemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(ALL_TABLES);
  });

  it('skips migrations at or below the current version (a database already at 99 is left alone)', () => {
    const db = memoryDb();
    db.pragma('user_version = 99');
    expect(migrate(db)).toBe(99);
    expect(tables(db)).toEqual([]);
  });
});

describe('migration of a real vault at unlock', () => {
  // Made by the Fieldvault of the commit before record format 2 (tests/fixtures/vaults, cheap KDF): two people,
  // two interviews (one edited once), and the same vault after the attack of issue 8 (a person's kind + 256,
  // the cache deleted), which format 1 could not detect.
  const PASS = 'format one fixture passphrase';
  const fixture = (name: string) => copyVault(join(FIXTURES, 'vaults', name));

  it('a format-1 vault is upgraded only after the right passphrase; its records survive, re-encrypted in format 2', async () => {
    const vault = fixture('format1');
    try {
      const before = new Database(vaultPaths(vault).database, { readonly: true });
      const oldBoxes = before.prepare('SELECT hex(id) AS id, hex(box) AS box FROM records').all() as { id: string; box: string }[];
      expect(before.pragma('user_version', { simple: true })).toBe(3);
      before.close();
      expect(await errorCode(() => cheapService().unlock(vault, 'wrong passphrase'))).toBe('wrong-passphrase');
      const check = new Database(vaultPaths(vault).database, { readonly: true });
      expect(check.pragma('user_version', { simple: true })).toBe(3);
      check.close();
      const svc = cheapService();
      const report = await svc.unlock(vault, PASS);
      expect(await svc.verify()).toMatchObject({ interviews: 2, people: 2, damaged: [], sealIntact: true, auditChainIntact: true, schemaIntact: true });
      expect(report.people).toBe(2);
      expect(svc.listPeople().map((p) => p.family.latin).sort()).toEqual(['Kholova', 'Zhumabekov']);
      const detention = svc.listInterviews().find((i) => i.title === 'Detention in Bishkek')!;
      expect(svc.getInterview(detention.id).body).toContain('second session');
      expect(svc.revisions(detention.id).length).toBeGreaterThan(0);
      svc.lock();
      const after = new Database(vaultPaths(vault).database, { readonly: true });
      expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(tables(after)).toEqual(ALL_TABLES);
      const newBoxes = new Map((after.prepare('SELECT hex(id) AS id, hex(box) AS box FROM records').all() as { id: string; box: string }[]).map((r) => [r.id, r.box]));
      after.close();
      // Every row that existed was re-encrypted (a new nonce and the new associated data).
      for (const r of oldBoxes) expect(newBoxes.get(r.id), r.id).not.toBe(r.box);
      const again = cheapService();
      expect(await again.unlock(vault, PASS).then(() => again.verify())).toMatchObject({ damaged: [], sealIntact: true });
      again.lock();
    } finally {
      removeDir(join(vault, '..'));
    }
  });

  /** The fixture as the Fieldvault of schema 1 or 2 would have left it: the later tables dropped, user_version set back. */
  function atSchema(vault: string, version: 1 | 2): void {
    const db = new Database(vaultPaths(vault).database);
    db.exec('DROP TABLE cache');
    if (version === 1) db.exec('DROP TABLE seal');
    db.pragma(`user_version = ${version}`);
    db.close();
  }

  it('a schema-2 vault opens and is upgraded: its format-1 seal checks, every record survives', async () => {
    const vault = fixture('format1');
    try {
      atSchema(vault, 2);
      const svc = cheapService();
      await svc.unlock(vault, PASS);
      expect(await svc.verify()).toMatchObject({ interviews: 2, people: 2, damaged: [], sealIntact: true, auditChainIntact: true, schemaIntact: true });
      svc.lock();
      const after = new Database(vaultPaths(vault).database, { readonly: true });
      expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      after.close();
    } finally {
      removeDir(join(vault, '..'));
    }
  });

  it('a schema-1 vault (no seal) opens and is upgraded, but is never taken as whole: a seal warning until accepted', async () => {
    const vault = fixture('format1');
    try {
      atSchema(vault, 1);
      const svc = cheapService();
      await svc.unlock(vault, PASS);
      const report = await svc.verify();
      // No seal: neither the set of rows nor the audit log's tail was anchored anywhere.
      expect(report).toMatchObject({ interviews: 2, people: 2, damaged: [], sealIntact: false, auditChainIntact: false });
      expect(svc.listPeople().map((p) => p.family.latin).sort()).toEqual(['Kholova', 'Zhumabekov']);
      svc.acknowledgeIntegrity();
      svc.lock();
      const again = cheapService();
      await again.unlock(vault, PASS);
      expect(await again.verify()).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true });
      again.lock();
    } finally {
      removeDir(join(vault, '..'));
    }
  });

  it('a vault rewritten as schema 1 to drop a person (old format-1 boxes put back, seal gone) is reported, exports refused', async () => {
    const oldCopy = fixture('format1');
    const vault = fixture('format1');
    try {
      const svc = cheapService();
      await svc.unlock(vault, PASS);
      await svc.verify();
      svc.createPeople([{ given: { latin: 'Gulnara', cyrillic: 'Гульнара' }, family: { latin: 'Sadykova', cyrillic: 'Садыкова' } }]);
      svc.lock();
      type Row = { id: Buffer; kind: number; revision: number; box: Buffer };
      const read = (v: string) => {
        const db = new Database(vaultPaths(v).database, { readonly: true });
        const rows = db.prepare('SELECT id, kind, revision, box FROM records').all() as Row[];
        db.close();
        return rows;
      };
      const before = new Map(read(oldCopy).map((r) => [r.id.toString('hex'), r]));
      const now = read(vault);
      // The attacker: schema 1, every row that did not change since the upgrade given its old format-1 box, the
      // new witness and the audit log left out.
      const path = vaultPaths(vault).database;
      rmSync(`${path}-wal`, { force: true });
      rmSync(path);
      const forged = new Database(path);
      migrate(forged, migrations.slice(0, 1));
      const insert = forged.prepare('INSERT INTO records VALUES (?, ?, ?, ?)');
      for (const r of now) {
        const old = before.get(r.id.toString('hex'));
        if (r.kind === 3 || (r.kind === 2 && !old)) continue;
        insert.run(r.id, r.kind, r.revision, old && old.revision === r.revision ? old.box : r.box);
      }
      forged.close();
      const after = cheapService();
      await after.unlock(vault, PASS);
      const report = await after.verify();
      expect(report.sealIntact).toBe(false);
      expect(after.listPeople().map((p) => p.family.latin)).not.toContain('Sadykova');
      const detention = after.listInterviews().find((i) => i.title === 'Detention in Bishkek')!;
      const out = join(vault, '..', 'export.md');
      expect(await errorCode(() => after.exportWrite(detention.id, 'notes', 'redacted', 'md', { keep: [], redact: [] }, out))).toBe('integrity');
      expect(existsSync(out)).toBe(false);
      after.lock();
    } finally {
      removeDir(join(vault, '..'));
      removeDir(join(oldCopy, '..'));
    }
  });

  it('the format-1 kind attack is found by the upgrade: the row is damaged and exports are refused', async () => {
    const vault = fixture('format1-kind-attack');
    try {
      const svc = cheapService();
      await svc.unlock(vault, PASS);
      const report = await svc.verify();
      expect(report.damaged).toHaveLength(1);
      expect(report.damaged[0]!.reason).toMatch(/kind/);
      expect(svc.listPeople().map((p) => p.family.latin)).toEqual(['Zhumabekov']);
      const detention = svc.listInterviews().find((i) => i.title === 'Detention in Bishkek')!;
      const out = join(vault, '..', 'export.md');
      expect(await errorCode(() => svc.exportWrite(detention.id, 'notes', 'redacted', 'md', { keep: [], redact: [] }, out))).toBe('integrity');
      expect(existsSync(out)).toBe(false);
      svc.lock();
    } finally {
      removeDir(join(vault, '..'));
    }
  });
});
