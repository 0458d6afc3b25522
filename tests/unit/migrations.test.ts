/** Each schema migration on its own, plus migrate()'s bookkeeping. */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { vaultPaths } from '../../src/core/vault/layout';
import { cheapService, errorCode, removeDir, tempDir } from '../fixtures/vault-helpers';
import { currentSchemaVersion, migrate, migrations, SCHEMA_VERSION, type Migration } from '../../src/core/vault/migrations';

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

/** Versions that have their own describe block below; a new migration must add one. */
const TESTED = [1, 2, 3];
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
    m(1).up(db);
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
    m(1).up(db);
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
    m(1).up(db);
    m(2).up(db);
    expect(tables(db)).toEqual(['records', 'seal']);
    expect(columns(db, 'seal')).toEqual([
      { name: 'slot', type: 'INTEGER', notnull: 0, pk: 1 },
      { name: 'box', type: 'BLOB', notnull: 1, pk: 0 },
    ]);
  });

  it('allows exactly one seal row (slot 1)', () => {
    const db = memoryDb();
    m(2).up(db);
    db.prepare('INSERT INTO seal (slot, box) VALUES (1, ?)').run(Buffer.from([1]));
    expect(() => db.prepare('INSERT INTO seal (slot, box) VALUES (2, ?)').run(Buffer.from([1]))).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO seal (slot, box) VALUES (1, ?)').run(Buffer.from([2]))).toThrow(/UNIQUE|PRIMARY/);
  });
});

describe('migration 3: encrypted search cache', () => {
  it('adds cache(slot INTEGER pk = 1, box BLOB NOT NULL) and nothing else', () => {
    const db = memoryDb();
    m(1).up(db);
    m(2).up(db);
    m(3).up(db);
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
    db.prepare('INSERT INTO records (id, kind, revision, box) VALUES (?, 1, 1, ?)').run(Buffer.alloc(16, 9), Buffer.from('x'));
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
    db.prepare('INSERT INTO records (id, kind, revision, box) VALUES (?, 1, 1, ?)').run(Buffer.alloc(16, 7), Buffer.from('x'));
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(ALL_TABLES);
    expect(db.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 1 });
  });

  it('from version 2 applies only migration 3', () => {
    const db = memoryDb();
    migrate(db, migrations.slice(0, 2));
    expect(tables(db)).toEqual(['records', 'seal']);
    expect(migrate(db)).toBe(3);
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
  it('a schema-2 vault is migrated only after the right passphrase, and its records survive', async () => {
    const dir = tempDir();
    try {
      const vault = join(dir, 'v');
      const svc = cheapService();
      await svc.create(vault, 'migration passphrase');
      svc.createInterview({ title: 'kept across the migration' });
      svc.lock();
      const raw = new Database(vaultPaths(vault).database);
      raw.exec('DROP TABLE cache');
      raw.pragma('user_version = 2');
      raw.close();
      expect(await errorCode(() => cheapService().unlock(vault, 'wrong'))).toBe('wrong-passphrase');
      const check = new Database(vaultPaths(vault).database, { readonly: true });
      expect(check.pragma('user_version', { simple: true })).toBe(2);
      check.close();
      const again = cheapService();
      const report = await again.unlock(vault, 'migration passphrase');
      expect(report).toMatchObject({ interviews: 1, damaged: [], sealIntact: true });
      expect(again.listInterviews()[0]!.title).toBe('kept across the migration');
      again.lock();
      const after = new Database(vaultPaths(vault).database, { readonly: true });
      expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(tables(after)).toEqual(ALL_TABLES);
      after.close();
    } finally {
      removeDir(dir);
    }
  });
});
