import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { VaultError } from '../errors';
import { migrate, migrations } from './migrations';

/**
 * The database may hold exactly the objects Fieldvault's migrations create, nothing else. A trigger, view,
 * index or table planted in the file runs with the vault's own writes (a trigger can copy a witness's
 * ciphertext aside before secure delete wipes it), so it is found before anything is written.
 */
interface SchemaObject {
  readonly type: string;
  readonly name: string;
  readonly tbl_name: string;
  readonly sql: string | null;
}

const LIST = 'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name';
const expected = new Map<number, readonly SchemaObject[]>();

/** The objects a vault at `version` holds: the migrations themselves, run on an empty in-memory database. */
export function expectedSchema(version: number): readonly SchemaObject[] {
  let list = expected.get(version);
  if (!list) {
    const mem = new Database(':memory:');
    try {
      mem.pragma('temp_store = MEMORY'); // the migrations' scratch tables never touch the disk
      migrate(mem, migrations.filter((m) => m.version <= version));
      list = mem.prepare(LIST).all() as SchemaObject[];
    } finally {
      mem.close();
    }
    expected.set(version, list);
  }
  return list;
}

export interface SchemaCheck {
  /** Objects that are not Fieldvault's: they can be removed. */
  readonly foreign: readonly SchemaObject[];
  /** Fieldvault's own objects that are missing or whose definition was changed: the structure was altered. */
  readonly altered: readonly string[];
}

export function checkSchema(db: Db, version: number): SchemaCheck {
  const want = expectedSchema(version);
  const have = db.prepare(LIST).all() as SchemaObject[];
  const key = (o: SchemaObject) => `${o.type}\u0000${o.name}`;
  const wantByKey = new Map(want.map((o) => [key(o), o]));
  const haveKeys = new Set(have.map(key));
  const foreign: SchemaObject[] = [];
  const altered: string[] = [];
  for (const o of have) {
    const w = wantByKey.get(key(o));
    if (!w) foreign.push(o);
    else if (w.sql !== o.sql || w.tbl_name !== o.tbl_name) altered.push(`${o.type} ${describeName(o.name)}`);
  }
  for (const o of want) if (!haveKeys.has(key(o))) altered.push(`${o.type} ${describeName(o.name)} (missing)`);
  return { foreign, altered };
}

/** Refuses a database whose own objects (tables, indexes) are missing or were redefined: restore from a backup. */
export function assertOwnObjectsIntact(schema: SchemaCheck): void {
  if (schema.altered.length === 0) return;
  throw new VaultError(
    'tampered',
    `The structure of this vault's database was altered outside Fieldvault (${schema.altered.slice(0, 3).join(', ')}). Restore the vault folder from a backup. Nothing was changed.`,
  );
}

/** Names come from whoever altered the file: shown bounded and without control characters. */
function describeName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return `"${clean.length > 40 ? `${clean.slice(0, 40)}…` : clean}"`;
}

export function describeForeign(foreign: readonly SchemaObject[]): string {
  const shown = foreign.slice(0, 5).map((o) => `${o.type} ${describeName(o.name)}`);
  return `${shown.join(', ')}${foreign.length > 5 ? ` and ${foreign.length - 5} more` : ''}`;
}

/**
 * Drops every foreign object (triggers and views first, so none of them fires while tables go) and rebuilds
 * the file, so what a planted table copied aside is not left in free pages.
 */
export function removeForeign(db: Db, foreign: readonly SchemaObject[]): void {
  const order = ['trigger', 'view', 'index', 'table'];
  // Indexes SQLite made for a foreign table's own constraints (no SQL of their own) go with their table.
  const sorted = foreign.filter((o) => !(o.type === 'index' && o.sql === null)).sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  db.transaction(() => {
    for (const o of sorted) {
      const type = order.includes(o.type) ? o.type.toUpperCase() : null;
      if (!type) throw new VaultError('tampered', `The vault database holds an object of an unknown type (${o.type}); it cannot be removed safely.`);
      db.exec(`DROP ${type} IF EXISTS ${quote(o.name)}`);
    }
  })();
  db.exec('VACUUM');
}
