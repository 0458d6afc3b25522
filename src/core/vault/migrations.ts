import type { Database } from 'better-sqlite3';

/**
 * Numbered schema migrations; PRAGMA user_version records the last one applied. Each runs in its own
 * transaction and has its own test. The schema holds opaque ids, kinds, revisions and ciphertext only.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly up: (db: Database) => void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'encrypted records',
    up: (db) => {
      db.exec(`CREATE TABLE records (
        id BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
        kind INTEGER NOT NULL,
        revision INTEGER NOT NULL CHECK (revision >= 1),
        box BLOB NOT NULL
      ) WITHOUT ROWID`);
    },
  },
  {
    version: 2,
    description: 'integrity seal over the set of records',
    up: (db) => {
      db.exec(`CREATE TABLE seal (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        box BLOB NOT NULL
      )`);
    },
  },
  {
    version: 3,
    description: 'encrypted search cache (index and record heads, for a fast unlock)',
    up: (db) => {
      db.exec(`CREATE TABLE cache (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        box BLOB NOT NULL
      )`);
    },
  },
];

export const SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

export function currentSchemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database, list: readonly Migration[] = migrations): number {
  let version = currentSchemaVersion(db);
  for (const m of list) {
    if (m.version <= version) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    version = m.version;
  }
  return version;
}
