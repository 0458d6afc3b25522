import type { Database } from 'better-sqlite3';
import { VaultError } from '../errors';

/**
 * Numbered schema migrations; PRAGMA user_version records the last one applied. Each runs in its own
 * transaction and has its own test. The schema holds opaque ids, kinds, revisions and ciphertext only.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly up: (db: Database, keyed: KeyedUpgrade | null) => void;
}

/**
 * What a migration that changes the record format needs from the unlocked store: it re-encrypts the rows in
 * the migration's own transaction. Null where there are no keys (the schema alone, e.g. the expected-schema
 * reference); such a migration then refuses to run over rows it cannot re-encrypt.
 */
export interface KeyedUpgrade {
  /** Rows that were dropped because no column of theirs could be accounted for (set by the migration). */
  dropped: number;
  readonly toFormat2: (db: Database) => void;
  /** Schema 5: adds the vault's delivery identity and writes the seal in the schema-5 layout (10 kinds). */
  readonly toSchema5: (db: Database) => void;
  /** Schema 6: writes the seal in the schema-6 layout (11 kinds: travel records become known). */
  readonly toSchema6: (db: Database) => void;
}

/** Every column at full width and the type SQLite stores, not just its affinity (STRICT). */
const RECORDS_V2 = `CREATE TABLE records (
        id BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
        kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 4294967295),
        revision INTEGER NOT NULL CHECK (revision BETWEEN 1 AND 9007199254740991),
        box BLOB NOT NULL CHECK (length(box) >= 40)
      ) STRICT, WITHOUT ROWID`;
const SEAL_V2 = 'CREATE TABLE seal (slot INTEGER PRIMARY KEY CHECK (slot = 1), box BLOB NOT NULL) STRICT';
const CACHE_V2 = 'CREATE TABLE cache (slot INTEGER PRIMARY KEY CHECK (slot = 1), box BLOB NOT NULL) STRICT';
const FITS_V2 = `typeof(id) = 'blob' AND length(id) = 16 AND typeof(kind) = 'integer' AND kind BETWEEN 1 AND 4294967295
  AND typeof(revision) = 'integer' AND revision BETWEEN 1 AND 9007199254740991 AND typeof(box) = 'blob' AND length(box) >= 40`;

/**
 * Replaces a table by a new definition, keeping the rows `select` picks. The new table is created under its
 * own name with the exact SQL given (no ALTER TABLE RENAME, which rewrites the stored SQL in a way that can
 * differ between SQLite versions, and the schema check compares that text).
 */
function rebuild(db: Database, name: string, create: string, select: string): void {
  db.exec(`CREATE TEMP TABLE rebuild_rows AS ${select}`);
  db.exec(`DROP TABLE ${name}`);
  db.exec(create);
  db.exec(`INSERT INTO ${name} SELECT * FROM temp.rebuild_rows`);
  db.exec('DROP TABLE temp.rebuild_rows');
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
  {
    version: 4,
    description: 'record format 2: STRICT tables with full-width constraints; rows re-encrypted with the kind at full width and one subkey per use',
    up: (db, keyed) => {
      const rows = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
      if (rows > 0 && !keyed) throw new VaultError('internal', 'The record format upgrade needs the unlocked vault.');
      const fit = (db.prepare(`SELECT count(*) AS n FROM records WHERE ${FITS_V2}`).get() as { n: number }).n;
      rebuild(db, 'records', RECORDS_V2, `SELECT id, kind, revision, box FROM records WHERE ${FITS_V2}`);
      // The seal is rewritten by the keyed upgrade (format 2); the cache is kept (same format).
      rebuild(db, 'seal', SEAL_V2, 'SELECT slot, box FROM seal WHERE 0');
      rebuild(db, 'cache', CACHE_V2, "SELECT slot, box FROM cache WHERE slot = 1 AND typeof(box) = 'blob'");
      if (keyed) {
        keyed.dropped = rows - fit;
        keyed.toFormat2(db);
      }
    },
  },
  {
    version: 5,
    description: 'sealed delivery: the vault gets its delivery identity (record kind 8); colleagues (9) and received briefs (10) become known kinds; the seal counts 10 kinds',
    up: (db, keyed) => {
      // No table changes: the new kinds are rows like any other. What changes is the seal's layout and the
      // identity record, both written by the unlocked store (a new vault gets its identity at create).
      const rows = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
      if (rows > 0 && !keyed) throw new VaultError('internal', 'The delivery upgrade needs the unlocked vault.');
      keyed?.toSchema5(db);
    },
  },
  {
    version: 6,
    description: 'travel mode: the travel record (kind 11) becomes a known kind; the seal counts 11 kinds',
    up: (db, keyed) => {
      // No table changes, as for migration 5: only the seal's layout, rewritten by the unlocked store.
      const rows = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
      if (rows > 0 && !keyed) throw new VaultError('internal', 'The travel mode upgrade needs the unlocked vault.');
      keyed?.toSchema6(db);
    },
  },
];

export const SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

export function currentSchemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database, list: readonly Migration[] = migrations, keyed: KeyedUpgrade | null = null): number {
  let version = currentSchemaVersion(db);
  for (const m of list) {
    if (m.version <= version) continue;
    db.transaction(() => {
      m.up(db, keyed);
      db.pragma(`user_version = ${m.version}`);
    })();
    version = m.version;
  }
  return version;
}
