import { existsSync, mkdirSync, rmSync, rmdirSync } from 'node:fs';
import type { Database as Db, Statement } from 'better-sqlite3';
import type { DamagedRecord, KdfParams } from '../../shared/domain';
import { NONCE_BYTES, open, openLarge, seal, sealLarge } from '../crypto/aead';
import { checkKdfParams, DEFAULT_KDF, SALT_BYTES } from '../crypto/kdf';
import { deriveKekIsolated } from '../crypto/kdf-isolated';
import { UnlockWorker, type StagedRows } from '../crypto/unlock-worker';
import { pad, padText, unpad } from '../crypto/padding';
import { loadSodium, wipe, type Sodium } from '../crypto/sodium';
import { describeIoError, VaultError } from '../errors';
import { closeDatabase, mediumIsWritable, openDatabase, openDatabaseReadOnly } from './database';
import {
  decodeHeader,
  discardStaleHeaderTemps,
  encodeHeader,
  encodeHeaderAd,
  FORMAT_VERSION,
  readHeaderFile,
  VAULT_ID_BYTES,
  writeHeaderAtomic,
  type HeaderWriteHooks,
  type VaultHeader,
} from './header';
import {
  decodeSealContent,
  encodeSealContent,
  isKnownKind,
  KNOWN_KINDS,
  recordAd as formatAd,
  RecordKind,
  recordFormatOf,
  rowHash,
  sealAd,
  sealLayoutOf,
  type RecordFormat,
  type SealLayout,
} from './format';
import { createIdentity, identityRecord, wipeIdentity } from '../delivery/identity';
import { deriveSubkeys, wipeKeys, type VaultKeys } from './keys';
import { locateExistingVault, prepareNewVault, type VaultPaths } from './layout';
import { compactAfterRekey, discardPendingHeader, pendingHeaderPath, promotePendingHeader, readPendingHeader } from './rekey';
import { currentSchemaVersion, migrate, SCHEMA_VERSION, type KeyedUpgrade } from './migrations';
import { assertOwnObjectsIntact, checkSchema, describeForeign, removeForeign } from './schema';
import type { PreparedUnlock } from './prepared-unlock';
import { readAllRows, ROW_FITS, type RowsReadAhead } from './read-ahead';
import { assertVaultFilesInPlace } from './vault-files';

export { RecordKind } from './format';

export interface StoredRecord {
  readonly id: string;
  readonly kind: RecordKind;
  readonly revision: number;
  readonly data: unknown;
}

export type WriteOp =
  | { readonly type: 'put'; readonly kind: RecordKind; readonly id: string; readonly data: unknown }
  | { readonly type: 'delete'; readonly id: string };

/** A row as the database stores it: what a travel package carries and travel.end puts back. */
export interface VerbatimRow {
  readonly id: string;
  readonly kind: RecordKind;
  readonly revision: number;
  readonly box: Uint8Array;
}

export interface LoadResult {
  readonly records: readonly StoredRecord[];
  readonly damaged: readonly DamagedRecord[];
  readonly sealIntact: boolean;
}

/** Integrity warnings that stay raised in the seal until the researcher has dealt with them. */
export const IntegrityFlag = { sealMismatch: 1, auditChainBroken: 2, schemaTampered: 4 } as const;

/** The newest audit entry, kept in the seal so that removing or damaging the chain's tail is detected. */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string; // hex, 32 bytes
}

export interface UnlockOptions {
  /** Remove database objects Fieldvault did not create (reported by a 'tampered' error) and open. */
  readonly removeForeignObjects?: boolean;
  /**
   * For a caller that verifies the whole vault before doing anything (the command line): every row is read
   * into memory while a worker thread derives the key, and the same worker then authenticates every record
   * while this thread loads the session (see takeVerification). Vaults above READ_AHEAD_LIMIT_BYTES of
   * ciphertext, and vaults being upgraded, are verified in batches as usual.
   */
  readonly readAhead?: boolean;
  /** A key derivation already started (prepareUnlock); implies readAhead. */
  readonly prepared?: PreparedUnlock;
  /**
   * Open for reading only, as on a read-only disk, whatever the disk says. Otherwise a read-only disk is detected
   * (mediumIsWritable, then a failed normal open). Tests need this: they run as root, who can write any file.
   */
  readonly readOnlyMedium?: boolean;
}

/** Every write to a vault opened from a read-only disk is refused with this ('read-only'). */
export const READ_ONLY_REFUSAL =
  'This vault is open read-only: it is on a disk that cannot be written (a write-protected USB stick, a disk mounted read-only), so nothing can be saved in it. Reading, search and export work; to make changes, make the disk writable and unlock the vault again.';

/**
 * What a re-encryption that committed could not finish at once (RecordStore.rekey); the next unlock with the new
 * passphrase finishes it. 'header-pending': the new header could not be renamed into place yet;
 * 'compaction-pending': the vault file could not be compacted (so the header was left pending too).
 */
export type RekeyNote = 'header-pending' | 'compaction-pending';

/** A vault needing an upgrade cannot be opened read-only: the upgrade rewrites the database. */
export const UPGRADE_ON_READ_ONLY =
  'This vault was made by an older Fieldvault and must be upgraded before it opens, which writes to its database; its disk is read-only. Make the disk writable (for a USB stick, its lock switch) and unlock the vault once. Nothing was changed.';

/** A kind whose sealed row count differs from what the database holds now. */
export interface KindDifference {
  readonly kind: RecordKind;
  readonly sealed: number;
  readonly present: number;
}

export function newRecordId(sodium: Sodium): string {
  return sodium.to_hex(sodium.randombytes_buf(16));
}

const idBytes = (id: string): Buffer => Buffer.from(id, 'hex');
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.compare(a, b) === 0;

/** Associated data of a record in the current format: vault id | kind (4) | record id | revision (8). */
export function recordAd(vaultId: Uint8Array, kind: number, id: string, revision: number): Uint8Array {
  return formatAd(2, vaultId, kind, id, revision);
}

const DAMAGED_AUTH = 'authentication failed: the record was altered, damaged or moved from another row';
const DAMAGED_KIND = 'a record of a kind Fieldvault does not know: its row was altered';
const DAMAGED_ROW = 'a row Fieldvault cannot account for (its columns are not what Fieldvault writes)';

/** Boxes longer than this are opened through OpenSSL rather than libsodium's WebAssembly (decryptRow). */
const OPEN_WITH_OPENSSL_ABOVE = 4096;

interface RowState {
  readonly kind: number;
  readonly revision: number;
}

/** What one pass over the rows found: the row table, its accumulator and the rows that cannot be accounted for. */
interface RowScan {
  readonly rows: Map<string, RowState>;
  readonly accumulator: Uint8Array;
  readonly unaccounted: DamagedRecord[];
}

/**
 * The encrypted record store: every row is XChaCha20-Poly1305(records key, padded JSON, AD = recordAd).
 * A keyed seal (XOR of BLAKE2b(rows key, id|kind|revision) over all rows, the row count and the count of each
 * kind) is rewritten in the same transaction as each write, so a row removed, rolled back to an older
 * revision or re-inserted after deletion is detected at unlock.
 */
export class RecordStore {
  private rows = new Map<string, RowState>();
  private accumulator: Uint8Array = new Uint8Array(32);
  private kindCounts: number[] = KNOWN_KINDS.map(() => 0);
  private sealedKindCounts: readonly number[] = [];
  private anchor: AuditAnchor = { seq: 0, hash: '0'.repeat(64) };
  private flags = 0;
  /** Flags raised while opening (before the seal was read); folded in by the first scan. */
  private openingFlags = 0;
  /** Rows whose columns are not Fieldvault's: synthetic id -> the raw id value, so they can be removed. */
  private readonly strayRows = new Map<string, unknown>();
  /** Rows read at open (UnlockOptions.readAhead), used by the first scan and then dropped. */
  private readAhead: RowsReadAhead | null = null;
  /** The worker's seal accumulator over the rows read ahead, once awaited (scanReady). */
  private aheadAccumulator: Promise<Uint8Array> | null = null;
  private aheadAcc: Uint8Array | null = null;
  /** The search cache's box read ahead at open, for the first readCache (undefined: read it then). */
  private aheadCache: Uint8Array | null | undefined = undefined;
  /** The worker's authentication of every row read ahead; taken once by the session. */
  private aheadVerification: Promise<DamagedRecord[]> | null = null;
  private unlockWorker: UnlockWorker | null = null;
  private closed = false;
  private readonly format: RecordFormat = 2;
  /** The layout the seal is written in: the current schema's, or an older one's while an upgrade checks it. */
  private sealLayout: SealLayout = sealLayoutOf(SCHEMA_VERSION);
  /**
   * What the seal said before an upgrade rewrote it (null when there was none): whether it matched, and its
   * counts of kinds. The first scan reports these, so an upgrade never hides what the old seal found.
   */
  private beforeUpgrade: { readonly intact: boolean; readonly kindCounts: readonly number[] } | null = null;
  private readonly stmts: {
    readonly upsert: Statement;
    readonly remove: Statement;
    readonly putSeal: Statement;
    readonly getSeal: Statement;
    readonly readOne: Statement;
    readonly firstBatch: Statement;
    readonly nextBatch: Statement;
    readonly getCache: Statement;
    readonly putCache: Statement;
    readonly dropCache: Statement;
  };

  private constructor(
    private readonly sodium: Sodium,
    private readonly db: Db,
    readonly paths: VaultPaths,
    private header: VaultHeader,
    private masterKey: Uint8Array,
    private keys: VaultKeys,
  ) {
    // Prepared once each (a statement per call costs native memory the garbage collector does not see), and
    // only when first used: a vault at schema 1 or 2 has no seal or cache table until upgrade() has run.
    this.stmts = lazyStatements({
      upsert: () =>
        db.prepare(
          'INSERT INTO records (id, kind, revision, box) VALUES (?, ?, ?, ?) ' +
            'ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, revision = excluded.revision, box = excluded.box',
        ),
      remove: () => db.prepare('DELETE FROM records WHERE id = ?'),
      putSeal: () => db.prepare('INSERT INTO seal (slot, box) VALUES (1, ?) ON CONFLICT(slot) DO UPDATE SET box = excluded.box'),
      getSeal: () => db.prepare('SELECT box FROM seal WHERE slot = 1'),
      readOne: () => db.prepare('SELECT kind, revision, box FROM records WHERE id = ?'),
      firstBatch: () => db.prepare("SELECT id, kind, revision, box FROM records WHERE typeof(id) = 'blob' ORDER BY id LIMIT ?").raw(true),
      nextBatch: () => db.prepare('SELECT id, kind, revision, box FROM records WHERE id > ? ORDER BY id LIMIT ?').raw(true),
      getCache: () => db.prepare('SELECT box FROM cache WHERE slot = 1'),
      putCache: () => db.prepare('INSERT INTO cache (slot, box) VALUES (1, ?) ON CONFLICT(slot) DO UPDATE SET box = excluded.box'),
      dropCache: () => db.prepare('DELETE FROM cache'),
    });
  }

  get vaultId(): Uint8Array {
    return this.header.vaultId;
  }

  /**
   * Keyed BLAKE2b-256 under the vault's current audit key (AuditLog's hasher). The key array is never handed
   * out: a re-encryption replaces and zeroes keys, and a holder of the old array would hash with zeros.
   */
  readonly auditHash = (message: Uint8Array): Uint8Array => {
    this.assertOpen();
    return this.sodium.crypto_generichash(32, message, this.keys.audit);
  };

  static async create(path: string, passphrase: Uint8Array, kdf: KdfParams = DEFAULT_KDF): Promise<RecordStore> {
    checkKdfParams(kdf);
    const sodium = await loadSodium();
    const paths = prepareNewVault(path);
    const folderExisted = existsSync(paths.dir);
    try {
      mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw describeIoError(err, 'creating the vault folder');
    }
    const vaultId = sodium.randombytes_buf(VAULT_ID_BYTES);
    const salt = sodium.randombytes_buf(SALT_BYTES);
    const masterKey = sodium.randombytes_buf(32);
    const partial = { version: FORMAT_VERSION, vaultId, kdf, salt };
    const kek = await deriveKekIsolated(passphrase, salt, kdf);
    const wrappedKey = seal(sodium, kek, masterKey, encodeHeaderAd(partial));
    wipe(kek);
    const header: VaultHeader = { ...partial, wrappedKey };
    let db: Db | null = null;
    let store: RecordStore | null = null;
    try {
      db = openDatabase(paths.database, { create: true });
      migrate(db);
      store = new RecordStore(sodium, db, paths, header, masterKey, deriveSubkeys(sodium, masterKey));
      // The seal exists from the first instant: a vault without one has been emptied, never "new".
      store.writeSeal();
      store.addDeliveryIdentity();
      // The header is written last: a folder without one is an unfinished vault, never a half-keyed one.
      writeHeaderAtomic(paths.header, encodeHeader(header));
    } catch (err) {
      if (store) store.close();
      else {
        db?.close();
        wipe(masterKey);
      }
      rmSync(paths.database, { force: true });
      rmSync(`${paths.database}-wal`, { force: true });
      // Leave no empty half-made vault folder behind (only one this call created).
      if (!folderExisted) {
        try {
          rmdirSync(paths.dir);
        } catch {
          /* not empty or already gone: leave it */
        }
      }
      throw describeIoError(err, 'creating the vault');
    }
    return store;
  }

  static async open(path: string, passphrase: Uint8Array, options: UnlockOptions = {}): Promise<RecordStore> {
    const given = options.prepared;
    const givenPassphrase = given !== undefined && sameBytes(given.passphrase, passphrase);
    given?.passphrase.fill(0);
    let sodium: Sodium, paths: VaultPaths, headerBytes: Uint8Array, header: VaultHeader, db!: Db;
    let readOnly: boolean;
    try {
      sodium = await loadSodium();
      paths = locateExistingVault(path);
      assertVaultFilesInPlace(paths);
      headerBytes = readHeaderFile(paths.header);
      header = decodeHeader(headerBytes);
      readOnly = options.readOnlyMedium === true || !mediumIsWritable(paths.database);
      if (!readOnly) {
        try {
          db = openDatabase(paths.database, { create: false });
        } catch (err) {
          // EROFS, EACCES or SQLITE_READONLY from the normal open: the disk refuses writes after all.
          if (!(err instanceof VaultError) || (err.code !== 'read-only' && err.code !== 'permission-denied')) throw err;
          readOnly = true;
        }
      }
      if (readOnly) db = openDatabaseReadOnly(paths.database);
    } catch (err) {
      given?.worker.close();
      if (given) discardDerivation(given.derivation);
      throw err;
    }
    // Only now, holding the vault's lock: header temp files left by a passphrase change that was cut off are
    // discarded (the old header is still whole). Before the lock they could be another process's live change.
    // (A read-only disk keeps them: they are harmless, and nothing may be written there.)
    if (!readOnly) {
      discardStaleHeaderTemps(paths.header);
      discardStaleHeaderTemps(pendingHeaderPath(paths));
    }
    let masterKey: Uint8Array | null = null;
    let keys: VaultKeys | null = null;
    // A derivation started early counts only for this exact header (read now, under the lock) and passphrase.
    const prepared = given && givenPassphrase && sameBytes(given.headerBytes, headerBytes) ? given : null;
    if (given && !prepared) {
      given.worker.close();
      discardDerivation(given.derivation);
    }
    let first: Promise<Uint8Array> | null = null;
    const worker = prepared?.worker ?? (options.readAhead || given ? new UnlockWorker() : null);
    try {
      const version = currentSchemaVersion(db);
      let derive = (h: VaultHeader): Promise<Uint8Array> => deriveKekIsolated(passphrase, h.salt, h.kdf);
      let ahead: RowsReadAhead | null = null;
      let staged: StagedRows | null = null;
      // Fieldvault's own tables must be exactly as its migrations made them before any of them is read: a view
      // put in a table's place could make the first read run for ever, or answer rows that are not in the file.
      const ownObjects = () => {
        if (version >= 1) assertOwnObjectsIntact(checkSchema(db, version));
      };
      if (worker) {
        // Argon2id starts in the worker now; meanwhile this thread reads the rows (ciphertext only).
        const main = header;
        first = prepared?.derivation ?? worker.derive(passphrase, main.salt, main.kdf);
        first.catch(() => undefined); // awaited below; a read error thrown first must not leave it unhandled
        ownObjects();
        // Not for a vault being upgraded: the upgrade writes rows the read-ahead would not have seen.
        if (version === SCHEMA_VERSION) {
          worker.startVerifier();
          ahead = readAllRows(db, main.vaultId, undefined, (bytes) => worker.streamBoxes(bytes));
        }
        // Handed over now, while this thread only waits for the key: the worker starts on them once it is there.
        if (ahead) staged = stageRows(worker, ahead);
        if (!staged) ahead = null;
        const early = first;
        derive = (h) => (h === main ? early : worker.derive(passphrase, h.salt, h.kdf));
      } else {
        ownObjects();
      }
      if (readOnly && version < SCHEMA_VERSION) throw new VaultError('read-only', UPGRADE_ON_READ_ONLY);
      const unlocked = await unlockKey(sodium, db, paths, header, passphrase, version, derive, readOnly);
      masterKey = unlocked.masterKey;
      header = unlocked.header;
      keys = deriveSubkeys(sodium, masterKey);
      // Before anything is written: nothing but Fieldvault's objects (a planted trigger would run with our own
      // writes). Its own objects were checked before the first read.
      const schema = checkSchema(db, version);
      assertOwnObjectsIntact(schema);
      let openingFlags = 0;
      if (schema.foreign.length > 0) {
        // Removing them writes: on a read-only disk the researcher hears that first.
        if (readOnly && options.removeForeignObjects) {
          throw new VaultError('read-only', `This vault's database holds objects Fieldvault did not create, and they can only be removed on a writable disk. Make the disk writable and unlock again. Nothing was changed.`);
        }
        if (!options.removeForeignObjects) {
          throw new VaultError(
            'tampered',
            `This vault's database holds ${schema.foreign.length} object${schema.foreign.length === 1 ? '' : 's'} Fieldvault did not create (${describeForeign(schema.foreign)}). Someone may have altered the vault to copy data aside. Nothing was changed; remove ${schema.foreign.length === 1 ? 'it' : 'them'} to open the vault.`,
          );
        }
        removeForeign(db, schema.foreign);
        openingFlags |= IntegrityFlag.schemaTampered;
      }
      const store = new RecordStore(sodium, db, paths, header, masterKey, keys);
      if (readOnly) store.medium = 'read-only';
      store.openingFlags = openingFlags;
      store.upgrade(version);
      // A re-encryption that committed and was cut off before its end (a crash, or a compaction or rename that
      // failed): its compaction is run now, since it may never have, then its header is put in place. What
      // fails stays pending (tried again at lock, and by the next open).
      if (unlocked.pending && !readOnly) {
        store.headerPending = true;
        store.rekeyCompletedAtOpen = { finished: store.finishPendingRekey() };
      }
      if (worker && ahead && staged) store.verifyReadAhead(worker, ahead, staged);
      else worker?.close();
      return store;
    } catch (err) {
      worker?.close();
      // A key derived early and not used (the open failed first) is zeroed whenever it arrives; one that was
      // used has been zeroed already.
      if (first) discardDerivation(first);
      wipe(masterKey);
      if (keys) wipeKeys(keys);
      db.close();
      throw describeIoError(err, 'unlocking the vault');
    }
  }

  /**
   * Brings an older schema up to date. The record format upgrade (schema 4) first checks the format-1 seal,
   * so a mismatch found before the upgrade is not erased by the new seal, then re-encrypts every row that
   * authenticates in the migration's own transaction; rows that do not are carried over and stay damaged. The
   * delivery upgrade (schema 5) likewise checks the schema-4 seal in its own layout before writing the new one.
   */
  private upgrade(version: number): void {
    if (version >= SCHEMA_VERSION) return;
    let oldIntact = true;
    if (version < 2) {
      // Schema 1 had no seal, so nothing proves its rows are all there. It is also what a newer vault rewritten
      // by someone to drop rows (and the seal that would tell) looks like: a schema-1 database holding rows is
      // never taken as intact. The researcher sees it as a seal mismatch and accepts the vault once checked.
      const any = this.db.prepare('SELECT 1 FROM records LIMIT 1').get();
      if (any !== undefined) {
        oldIntact = false;
        this.beforeUpgrade = { intact: false, kindCounts: [] };
      }
    } else {
      // The seal as it was written: in its schema's layout (format 1, or format 2 counting 7 kinds).
      const old = sealLayoutOf(version);
      const scan = this.scan(old.format);
      this.sealLayout = old;
      oldIntact = this.checkSeal(old, scan.accumulator, scan.rows.size);
      this.beforeUpgrade = { intact: oldIntact, kindCounts: this.sealedKindCounts };
    }
    const keyed: KeyedUpgrade = {
      dropped: 0,
      toFormat2: (db) => this.reencryptAll(db, 1, this.keys),
      toSchema5: () => this.addDeliveryKinds(),
      toSchema6: () => this.addTravelKind(),
    };
    // The flags the new seal carries: what the old seal said, what it failed to say, rows that could not move.
    const carried = () => this.flags | (oldIntact && keyed.dropped === 0 ? 0 : IntegrityFlag.sealMismatch);
    this.flagsForUpgrade = carried;
    try {
      migrate(this.db, undefined, keyed);
    } finally {
      this.flagsForUpgrade = null;
      this.sealLayout = sealLayoutOf(SCHEMA_VERSION);
    }
    if (this.beforeUpgrade && this.beforeUpgrade.intact && keyed.dropped === 0) this.beforeUpgrade = null;
  }

  /**
   * Migration 5, in its transaction: the rows as they are now (their seal was checked before), the vault's
   * delivery identity added, and the seal written in the schema-5 layout, carrying what the old seal said.
   */
  private addDeliveryKinds(): void {
    const scan = this.scan(2);
    this.rows = scan.rows;
    this.accumulator = scan.accumulator;
    this.recountKinds();
    if (this.flagsForUpgrade) this.flags = this.flagsForUpgrade();
    this.sealLayout = sealLayoutOf(5);
    if ([...this.rows.values()].some((r) => r.kind === RecordKind.deliveryIdentity)) this.writeSeal();
    else this.addDeliveryIdentity();
  }

  /** Migration 6, in its transaction: the rows as they are now, sealed in the schema-6 layout (11 kinds). */
  private addTravelKind(): void {
    const scan = this.scan(2);
    this.rows = scan.rows;
    this.accumulator = scan.accumulator;
    this.recountKinds();
    if (this.flagsForUpgrade) this.flags = this.flagsForUpgrade();
    this.sealLayout = sealLayoutOf(6);
    this.writeSeal();
  }

  /** Creates the vault's keys for sealed delivery and stores them (a new vault, or migration 5). */
  private addDeliveryIdentity(): void {
    const identity = createIdentity(this.sodium);
    try {
      this.write([{ type: 'put', kind: RecordKind.deliveryIdentity, id: this.newId(), data: identityRecord(identity) }]);
    } finally {
      wipeIdentity(identity);
    }
  }

  private flagsForUpgrade: (() => number) | null = null;

  /**
   * Re-encrypts every row that authenticates under `from` (format and keys) with the current format and keys,
   * keeping ids and revisions, then writes the seal over the result. In the caller's transaction.
   */
  private reencryptAll(db: Db, fromFormat: RecordFormat, fromKeys: VaultKeys): void {
    const update = db.prepare('UPDATE records SET box = ? WHERE id = ?');
    const first = db.prepare('SELECT id, kind, revision, box FROM records ORDER BY id LIMIT 500').raw(true);
    const next = db.prepare('SELECT id, kind, revision, box FROM records WHERE id > ? ORDER BY id LIMIT 500').raw(true);
    for (let after: Buffer | null = null; ; ) {
      const batch = (after ? next.all(after) : first.all()) as [Buffer, number, number, Buffer][];
      if (batch.length === 0) break;
      for (const [idBuf, kind, revision, box] of batch) {
        if (!isKnownKind(kind)) continue;
        const id = idBuf.toString('hex');
        const plain = open(this.sodium, fromKeys.records, box, formatAd(fromFormat, this.header.vaultId, kind, id, revision));
        if (!plain) continue;
        update.run(seal(this.sodium, this.keys.records, plain, recordAd(this.header.vaultId, kind, id, revision)), idBuf);
        wipe(plain);
      }
      after = batch[batch.length - 1]![0];
    }
    const scan = this.scan(2);
    this.rows = scan.rows;
    this.accumulator = scan.accumulator;
    this.recountKinds();
    if (this.flagsForUpgrade) this.flags = this.flagsForUpgrade();
    this.sealLayout = sealLayoutOf(4);
    db.prepare('INSERT INTO seal (slot, box) VALUES (1, ?) ON CONFLICT(slot) DO UPDATE SET box = excluded.box').run(
      this.encodeSeal(this.rows.size, this.accumulator, this.anchor, this.kindCounts),
    );
  }

  private assertOpen(): void {
    if (this.closed) throw new VaultError('locked', 'The vault is locked.');
  }

  /** Opened from a read-only disk (or as if): the database is a read-only copy in memory, nothing is written. */
  private medium: 'writable' | 'read-only' = 'writable';

  get readOnly(): boolean {
    return this.medium === 'read-only';
  }

  private assertWritable(): void {
    this.assertOpen();
    if (this.readOnly) throw new VaultError('read-only', READ_ONLY_REFUSAL);
  }

  private xorInto(acc: Uint8Array, h: Uint8Array): void {
    for (let i = 0; i < 32; i++) acc[i]! ^= h[i]!;
  }

  private encodeSeal(count: number, acc: Uint8Array, anchor: AuditAnchor, kindCounts: readonly number[]): Uint8Array {
    const plain = encodeSealContent(this.sealLayout, {
      count,
      accumulator: acc,
      auditSeq: anchor.seq,
      auditHash: Buffer.from(anchor.hash, 'hex'),
      flags: this.flags,
      kindCounts,
    });
    return seal(this.sodium, this.keys.seal, plain, sealAd(this.format, this.header.vaultId));
  }

  private writeSeal(): void {
    this.stmts.putSeal.run(this.encodeSeal(this.rows.size, this.accumulator, this.anchor, this.kindCounts));
  }

  private recountKinds(): void {
    const counts = KNOWN_KINDS.map(() => 0);
    for (const row of this.rows.values()) if (isKnownKind(row.kind)) counts[row.kind - 1]!++;
    this.kindCounts = counts;
  }

  /**
   * Reads ids, kinds and revisions (no ciphertext). Rows whose columns are not what Fieldvault writes are
   * reported and left out of the accumulator (so the seal cannot match either); rows of unknown kinds are
   * kept in it and reported as damaged.
   */
  private scan(format: RecordFormat): RowScan {
    let rows = new Map<string, RowState>();
    const acc = new Uint8Array(32);
    const unaccounted: DamagedRecord[] = [];
    this.strayRows.clear();
    const ahead = format === this.format ? this.readAhead : null;
    // The worker hashed exactly these rows: its accumulator stands for the per-row hashes below.
    const hashed = ahead ? this.aheadAcc : null;
    this.readAhead = null;
    this.aheadAcc = null;
    const stray = (rawId: unknown) => {
      const id = `stray-${this.strayRows.size + 1}`;
      this.strayRows.set(id, rawId);
      unaccounted.push({ id, reason: DAMAGED_ROW });
    };
    if (ahead) {
      // Worked out while the key was derived (read-ahead.ts): the same rows, verdicts and order as below.
      rows = ahead.scan.rows;
      if (!hashed) for (const [id, row] of rows) this.xorInto(acc, rowHash(this.sodium, format, this.keys, id, row.kind, row.revision));
      for (const u of ahead.scan.unaccounted) {
        if ('id' in u) unaccounted.push({ id: u.id, reason: DAMAGED_KIND });
        else stray(u.rawId);
      }
    } else {
      const iter = this.db.prepare(`SELECT id, kind, revision, ${ROW_FITS} AS fits FROM records`).raw(true).iterate() as IterableIterator<[unknown, unknown, unknown, number]>;
      for (const [rawId, kind, revision, fits] of iter) {
        if (!fits || !Buffer.isBuffer(rawId) || typeof kind !== 'number' || typeof revision !== 'number') {
          stray(rawId);
          continue;
        }
        const id = rawId.toString('hex');
        rows.set(id, { kind, revision });
        if (!hashed) this.xorInto(acc, rowHash(this.sodium, format, this.keys, id, kind, revision));
        if (!isKnownKind(kind)) unaccounted.push({ id, reason: DAMAGED_KIND });
      }
    }
    if (hashed) acc.set(hashed);
    return { rows, accumulator: acc, unaccounted };
  }

  private checkSeal(layout: SealLayout, acc: Uint8Array, count: number): boolean {
    const row = this.stmts.getSeal.get() as { box: unknown } | undefined;
    // A missing seal is never a new vault: creation writes one before the header exists.
    if (!row || !(row.box instanceof Uint8Array)) return false;
    const plain = open(this.sodium, this.keys.seal, row.box, sealAd(layout.format, this.header.vaultId));
    const content = plain ? decodeSealContent(layout, plain) : null;
    wipe(plain);
    if (!content) return false;
    this.anchor = { seq: content.auditSeq, hash: Buffer.from(content.auditHash).toString('hex') };
    this.flags = content.flags;
    this.sealedKindCounts = content.kindCounts;
    return content.count === count && this.sodium.memcmp(content.accumulator, acc);
  }

  /** Integrity warnings raised earlier and not yet dealt with (IntegrityFlag bits). */
  get integrityFlags(): number {
    return this.flags;
  }

  /** Sets the warnings the next write seals in. */
  setIntegrityFlags(flags: number): void {
    this.flags = flags;
  }

  /** The newest audit entry as recorded by the seal at the last write. */
  get auditAnchor(): AuditAnchor {
    return this.anchor;
  }

  /** Kinds whose row count differs from the one the seal recorded at the last write (what is missing or extra). */
  kindDifferences(): readonly KindDifference[] {
    if (this.sealedKindCounts.length === 0) return [];
    const present = KNOWN_KINDS.map(() => 0);
    for (const row of this.rows.values()) if (isKnownKind(row.kind)) present[row.kind - 1]!++;
    // An older seal (read before an upgrade) counted fewer kinds: only those are compared.
    return KNOWN_KINDS.slice(0, this.sealedKindCounts.length).flatMap((kind, i) =>
      this.sealedKindCounts[i] === present[i] ? [] : [{ kind, sealed: this.sealedKindCounts[i]!, present: present[i]! }],
    );
  }

  revisionOf(id: string): number {
    return this.rows.get(id)?.revision ?? 0;
  }

  has(id: string): boolean {
    return this.rows.has(id);
  }

  newId(): string {
    return newRecordId(this.sodium);
  }

  /**
   * Applies writes in one transaction (records and seal together); returns the new revision of each put.
   * `verbatim`: rows put back exactly as they were stored (travel.end), each authenticated by the caller with
   * openVerbatim and none of them present now; they keep their revision and ciphertext.
   */
  write(ops: readonly WriteOp[], anchor: AuditAnchor = this.anchor, verbatim: readonly VerbatimRow[] = []): Map<string, number> {
    this.assertWritable();
    const revisions = new Map<string, number>();
    // Only the rows this write touches are copied: the cost of a save must not grow with the vault.
    const pending = new Map<string, RowState | null>();
    const current = (id: string) => (pending.has(id) ? pending.get(id)! : (this.rows.get(id) ?? null));
    let size = this.rows.size;
    const acc = this.accumulator.slice();
    const counts = this.kindCounts.slice();
    const prepared: { op: WriteOp; box?: Uint8Array; revision?: number }[] = [];
    let copyAtOnce = verbatim.length > 0;
    for (const row of verbatim) {
      if (current(row.id) || !isKnownKind(row.kind)) throw new VaultError('conflict', 'A record being put back is already in the vault. Nothing was changed.');
      size++;
      this.xorInto(acc, rowHash(this.sodium, this.format, this.keys, row.id, row.kind, row.revision));
      counts[row.kind - 1]!++;
      pending.set(row.id, { kind: row.kind, revision: row.revision });
      revisions.set(row.id, row.revision);
      prepared.push({ op: { type: 'put', kind: row.kind, id: row.id, data: null }, box: row.box, revision: row.revision });
    }
    for (const op of ops) {
      const prev = current(op.id);
      if (copiedAtOnce(op.type === 'delete' ? prev?.kind : op.kind)) copyAtOnce = true;
      if (prev) {
        this.xorInto(acc, rowHash(this.sodium, this.format, this.keys, op.id, prev.kind, prev.revision));
        if (isKnownKind(prev.kind)) counts[prev.kind - 1]!--;
      }
      if (op.type === 'delete') {
        if (prev) size--;
        pending.set(op.id, null);
        prepared.push({ op });
        continue;
      }
      if (!prev) size++;
      const revision = (prev?.revision ?? 0) + 1;
      const plain = padText(JSON.stringify(op.data));
      const box = seal(this.sodium, this.keys.records, plain, recordAd(this.header.vaultId, op.kind, op.id, revision));
      wipe(plain);
      this.xorInto(acc, rowHash(this.sodium, this.format, this.keys, op.id, op.kind, revision));
      counts[op.kind - 1]!++;
      pending.set(op.id, { kind: op.kind, revision });
      revisions.set(op.id, revision);
      prepared.push({ op, box, revision });
    }
    const sealBox = this.encodeSeal(size, acc, anchor, counts);
    try {
      this.db.transaction(() => {
        for (const p of prepared) {
          if (p.op.type === 'delete') this.stmts.remove.run(idBytes(p.op.id));
          else this.stmts.upsert.run(idBytes(p.op.id), p.op.kind, p.revision, p.box);
        }
        this.stmts.putSeal.run(sealBox);
      })();
    } catch (err) {
      acc.fill(0);
      throw describeIoError(err, 'saving');
    }
    if (copyAtOnce) this.copyWalNow();
    // Only after the commit succeeded does memory move on; a failed write leaves both as they were.
    for (const [id, row] of pending) {
      if (row) this.rows.set(id, row);
      else this.rows.delete(id);
    }
    // the replaced accumulator is zeroed, so no copy of it outlives the write (lock zeroes the current one)
    this.accumulator.fill(0);
    this.accumulator = acc;
    this.kindCounts = counts;
    this.anchor = anchor;
    return revisions;
  }

  /**
   * Copies the WAL's commits into the main file now. After a crash, whoever holds the files could cut or delete
   * the WAL and so take back every commit since the last checkpoint; for the register, the settings (the
   * never-redact list) and the other small records that decide what an export shows, that is at most the commit
   * in progress. A failure is not the write's: the commit is safe in the WAL and the next checkpoint copies it.
   */
  private copyWalNow(): void {
    try {
      // TRUNCATE rather than PASSIVE: the log is then empty on disk too (nothing of earlier commits stays in it),
      // and the next save takes new space as any save does (on a full disk it fails as any save does).
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      /* a full or failing disk: SQLite copies it at the next checkpoint or at close */
    }
  }

  /** The ids of the rows of one kind (no decryption). */
  idsOfKind(kind: RecordKind): string[] {
    const ids: string[] = [];
    for (const [id, row] of this.rows) if (row.kind === kind) ids.push(id);
    return ids;
  }

  /** Rows exactly as stored (ciphertext, kind, revision), for travel.start; a missing row is an error. */
  readVerbatim(ids: readonly string[]): VerbatimRow[] {
    this.assertOpen();
    return ids.map((id) => {
      const row = this.stmts.readOne.get(idBytes(id)) as { kind: number; revision: number; box: unknown } | undefined;
      if (!row) throw new VaultError('not-found', 'A record to be moved is no longer in the vault. Nothing was changed.');
      return { id, kind: row.kind as RecordKind, revision: row.revision, box: new Uint8Array(asBox(row.box)) };
    });
  }

  /** Authenticates and decrypts a row as stored (from a travel package) with this vault's keys; null if it does not open. */
  openVerbatim(row: VerbatimRow): StoredRecord | null {
    this.assertOpen();
    const r = this.decryptRow(row.id, row.kind, row.revision, row.box);
    return 'damaged' in r ? null : { id: row.id, kind: row.kind, revision: row.revision, data: r.data };
  }

  /**
   * Rebuilds the database file and empties the WAL (travel.start), so that no page holding a removed row survives
   * in the file or its log. Unlike compactAfterRekey this throws: the caller records whether it was done.
   */
  compact(): void {
    this.assertOpen();
    try {
      this.db.exec('VACUUM');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (err) {
      throw describeIoError(err, 'clearing the removed records from the vault file');
    }
  }

  /** Checkpoints the WAL into the database file and truncates it. */
  checkpoint(): void {
    this.assertOpen();
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (err) {
      throw describeIoError(err, 'clearing the vault\'s log');
    }
  }

  /**
   * Removes a row that cannot be read (after the researcher has seen which it is), in one transaction with
   * the new seal. Stray rows are removed by their raw id.
   */
  removeDamaged(id: string): void {
    this.assertWritable();
    if (this.strayRows.has(id)) {
      const raw = this.strayRows.get(id);
      try {
        this.db.transaction(() => {
          this.db.prepare('DELETE FROM records WHERE id IS ?').run(raw as Buffer);
          this.writeSeal();
        })();
      } catch (err) {
        throw describeIoError(err, 'removing the damaged record');
      }
      this.strayRows.delete(id);
      return;
    }
    if (!this.rows.has(id)) throw new VaultError('not-found', 'That record is no longer in the vault.');
    this.write([{ type: 'delete', id }]);
  }

  /**
   * Reads only ids, kinds and revisions (no ciphertext) to rebuild the row table and check the seal.
   * Cheap: this is what lets unlock skip decrypting every record.
   */
  scanRows(): {
    readonly rows: ReadonlyMap<string, { kind: number; revision: number }>;
    readonly sealIntact: boolean;
    readonly unaccounted: readonly DamagedRecord[];
    /** Warnings raised while opening (foreign schema objects removed), not yet sealed in. */
    readonly raisedAtOpen: number;
  } {
    this.assertOpen();
    const scan = this.scan(this.format);
    this.rows = scan.rows;
    this.accumulator = scan.accumulator;
    this.recountKinds();
    let sealIntact = this.checkSeal(this.sealLayout, scan.accumulator, scan.rows.size) && scan.unaccounted.every((d) => !this.strayRows.has(d.id));
    // The seal an upgrade just wrote matches by construction; what the old one said is what counts, once.
    const before = this.beforeUpgrade;
    this.beforeUpgrade = null;
    if (before) {
      sealIntact = false;
      if (before.kindCounts.length > 0) this.sealedKindCounts = before.kindCounts;
    }
    const raisedAtOpen = this.openingFlags;
    this.openingFlags = 0;
    return { rows: this.rows, sealIntact, unaccounted: scan.unaccounted, raisedAtOpen };
  }

  private decryptRow(id: string, kind: number, revision: number, box: Uint8Array): { data: unknown } | { damaged: string } {
    if (!isKnownKind(kind)) return { damaged: DAMAGED_KIND };
    // Notes are opened through OpenSSL (byte-identical, tested): several times faster than WebAssembly on a
    // long note, and libsodium's heap does not grow by the longest one. Small records stay with libsodium.
    const ad = recordAd(this.header.vaultId, kind, id, revision);
    const plain = box.length > OPEN_WITH_OPENSSL_ABOVE ? openLarge(this.sodium, this.keys.records, box, ad) : open(this.sodium, this.keys.records, box, ad);
    const unpadded = plain ? unpad(plain) : null;
    if (!unpadded) return { damaged: DAMAGED_AUTH };
    try {
      return { data: JSON.parse(Buffer.from(unpadded.buffer, unpadded.byteOffset, unpadded.byteLength).toString('utf8')) };
    } catch {
      return { damaged: 'the decrypted record is not valid JSON' };
    } finally {
      wipe(plain);
    }
  }

  /** Decrypts every row (tests and tools); damaged rows are reported by id and the rest open. */
  loadAll(): LoadResult {
    this.assertOpen();
    const { sealIntact, unaccounted, raisedAtOpen } = this.scanRows();
    this.flags |= raisedAtOpen;
    const records: StoredRecord[] = [];
    const damaged: DamagedRecord[] = [...unaccounted];
    const seen = new Set(damaged.map((d) => d.id));
    for (let after: string | null = null; ; ) {
      const batch = this.readBatch(after, 500);
      records.push(...batch.records);
      for (const d of batch.damaged) if (!seen.has(d.id)) damaged.push(d);
      if (batch.lastId === null) break;
      after = batch.lastId;
    }
    return { records, damaged, sealIntact };
  }

  /** Decrypts one record on demand. */
  read(id: string): StoredRecord {
    this.assertOpen();
    const row = this.stmts.readOne.get(idBytes(id)) as { kind: number; revision: number; box: unknown } | undefined;
    if (!row) throw new VaultError('not-found', 'That record does not exist (it may have been deleted).');
    const r = this.decryptRow(id, row.kind, row.revision, asBox(row.box));
    if ('damaged' in r) throw new VaultError('damaged-vault', `A record of this vault is damaged and cannot be read (${r.damaged}).`);
    return { id, kind: row.kind as RecordKind, revision: row.revision, data: r.data };
  }

  /**
   * Decrypts records in id order, a batch at a time, after the given id (null: from the start). Used by the
   * background verification and by a full rebuild when there is no usable search cache.
   */
  readBatch(afterId: string | null, limit: number): { records: StoredRecord[]; damaged: DamagedRecord[]; lastId: string | null } {
    const { rows, lastId } = this.fetchBatch(afterId, limit);
    const records: StoredRecord[] = [];
    const damaged: DamagedRecord[] = [];
    for (const { id, kind, revision, box } of rows) {
      const r = this.decryptRow(id, kind, revision, box);
      if ('damaged' in r) damaged.push({ id, reason: r.damaged });
      else records.push({ id, kind: kind as RecordKind, revision, data: r.data });
    }
    return { records, damaged, lastId };
  }

  /**
   * Authenticates records in id order, a batch at a time, without parsing them: what the background check
   * needs (a record that authenticates was written by Fieldvault with this key; only its absence is news).
   */
  verifyBatch(afterId: string | null, limit: number): { damaged: DamagedRecord[]; lastId: string | null } {
    const { rows, lastId } = this.fetchBatch(afterId, limit);
    const damaged: DamagedRecord[] = [];
    for (const { id, kind, revision, box } of rows) {
      if (!isKnownKind(kind)) {
        damaged.push({ id, reason: DAMAGED_KIND });
        continue;
      }
      // The same construction through OpenSSL: byte-identical to libsodium's (tested), faster than WebAssembly
      // over a whole vault, and it does not grow libsodium's heap by the largest record.
      // A valid tag proves the whole plaintext, padding included, is what Fieldvault wrote with this key.
      const plain = openLarge(this.sodium, this.keys.records, box, recordAd(this.header.vaultId, kind, id, revision));
      if (!plain) damaged.push({ id, reason: DAMAGED_AUTH });
      wipe(plain);
    }
    return { damaged, lastId };
  }

  /** Hands the rows read at open to the worker; their verdicts arrive while the session loads. */
  private verifyReadAhead(worker: UnlockWorker, ahead: RowsReadAhead, staged: StagedRows): void {
    this.readAhead = ahead;
    this.aheadCache = ahead.cacheBox;
    this.unlockWorker = worker;
    // The worker takes these in order: the row hashes first (the scan wants them soonest), then the records.
    this.aheadAccumulator = worker.accumulate(this.keys.rows, staged);
    this.aheadAccumulator.catch(() => undefined); // awaited by scanReady; the scan hashes the rows itself otherwise
    const unknown = ahead.unknownKinds.map((id) => ({ id, reason: DAMAGED_KIND }));
    this.aheadVerification = worker
      .authenticate(this.keys.records, staged)
      .then((failed) => [...unknown, ...Array.from(failed, (i) => ({ id: ahead.ids[i]!, reason: DAMAGED_AUTH }))])
      .finally(() => {
        worker.close();
        if (this.unlockWorker === worker) this.unlockWorker = null;
      });
    this.aheadVerification.catch(() => undefined); // taken and awaited by the session; never unhandled
  }

  /**
   * Waits for the worker's row hashes of the rows read ahead, so the next scanRows need not compute them
   * (meanwhile this thread can read the search cache). Without a read-ahead, or if the worker failed, the scan
   * computes them as usual.
   */
  async scanReady(): Promise<void> {
    const pending = this.aheadAccumulator;
    this.aheadAccumulator = null;
    if (!pending) return;
    try {
      this.aheadAcc = await pending;
    } catch {
      this.aheadAcc = null;
    }
  }

  /**
   * The records read ahead at open that do not authenticate (UnlockOptions.readAhead), or null when the rows
   * were not read ahead. Taken once. It rejects if the worker died (out of memory): verify in batches then.
   */
  takeVerification(): Promise<DamagedRecord[]> | null {
    const v = this.aheadVerification;
    this.aheadVerification = null;
    return v;
  }

  /**
   * One batch of rows in id order after `afterId`, with the id of the last row read (null at the end). Rows
   * whose columns are not Fieldvault's were reported by the scan and are left out here.
   */
  private fetchBatch(afterId: string | null, limit: number): { rows: { id: string; kind: number; revision: number; box: Uint8Array }[]; lastId: string | null } {
    this.assertOpen();
    const raw = (afterId === null ? this.stmts.firstBatch.all(limit) : this.stmts.nextBatch.all(idBytes(afterId), limit)) as [unknown, unknown, unknown, unknown][];
    const rows: { id: string; kind: number; revision: number; box: Uint8Array }[] = [];
    let lastId: string | null = null;
    for (const [idBuf, kind, revision, box] of raw) {
      if (!Buffer.isBuffer(idBuf)) continue;
      const id = idBuf.toString('hex');
      lastId = id;
      if (idBuf.length !== 16 || typeof kind !== 'number' || typeof revision !== 'number') continue;
      // A box that is not a blob (the schema's NOT NULL bypassed) is this record damaged, never a row to skip.
      rows.push({ id, kind, revision, box: asBox(box) });
    }
    return { rows, lastId };
  }

  /**
   * What each part of the cache is bound to: the vault, its place among the parts and how many there are, and
   * for every part after the first, the first part's nonce. That nonce is random for each cache written, so a part
   * from another cache (an older register spliced in beside the current row list) does not authenticate.
   */
  private cacheAd(part: number, parts: number, firstNonce: Uint8Array | null): Uint8Array {
    const prefix = new TextEncoder().encode('FV-CACHE');
    const ad = new Uint8Array(prefix.length + VAULT_ID_BYTES + 2 + (firstNonce?.length ?? 0));
    ad.set(prefix, 0);
    ad.set(this.header.vaultId, prefix.length);
    ad[prefix.length + VAULT_ID_BYTES] = part;
    ad[prefix.length + VAULT_ID_BYTES + 1] = parts;
    if (firstNonce) ad.set(firstNonce, prefix.length + VAULT_ID_BYTES + 2);
    return ad;
  }

  /**
   * The encrypted search cache: its first part decrypted now, the others (`later`) decrypted when asked, each
   * null if it does not authenticate. Null when there is none or the first part does not authenticate.
   */
  readCache(): { readonly first: Uint8Array; readonly later: readonly (() => Uint8Array | null)[] } | null {
    this.assertOpen();
    // Read ahead at open (nothing writes before the session reads it), or now.
    const ahead = this.aheadCache;
    this.aheadCache = undefined;
    const row = ahead !== undefined ? ahead : (this.stmts.getCache.get() as { box: unknown } | undefined)?.box;
    if (!(row instanceof Uint8Array)) return null;
    const boxes = splitCacheRow(row);
    if (!boxes) return null;
    const firstNonce = boxes[0]!.slice(0, NONCE_BYTES);
    const openPart = (i: number): Uint8Array | null => {
      if (this.closed) return null;
      const plain = openLarge(this.sodium, this.keys.search, boxes[i]!, this.cacheAd(i, boxes.length, i === 0 ? null : firstNonce));
      return plain ? unpad(plain) : null;
    };
    const first = openPart(0);
    if (!first) return null;
    // The later parts' ciphertext is copied so that the row (mostly the first part) can be let go.
    for (let i = 1; i < boxes.length; i++) boxes[i] = new Uint8Array(boxes[i]!);
    return { first, later: boxes.slice(1).map((_, i) => () => openPart(i + 1)) };
  }

  /** Seals each part on its own (at most 255): `u32 length | box` per part, in order, in the one cache row. */
  writeCache(parts: readonly Uint8Array[]): void {
    this.assertWritable();
    if (parts.length === 0 || parts.length > 255) throw new VaultError('internal', 'A search cache has 1 to 255 parts.');
    const boxes: Uint8Array[] = [];
    for (const [i, bytes] of parts.entries()) {
      const padded = pad(bytes);
      try {
        boxes.push(sealLarge(this.sodium, this.keys.search, padded, this.cacheAd(i, parts.length, i === 0 ? null : boxes[0]!.subarray(0, NONCE_BYTES))));
      } finally {
        wipe(padded);
      }
    }
    const row = new Uint8Array(boxes.reduce((n, b) => n + 4 + b.length, 0));
    const view = new DataView(row.buffer);
    let o = 0;
    for (const b of boxes) {
      view.setUint32(o, b.length);
      row.set(b, o + 4);
      o += 4 + b.length;
    }
    try {
      this.stmts.putCache.run(row);
    } catch (err) {
      throw describeIoError(err, 'saving the search cache');
    }
  }

  dropCache(): void {
    this.assertWritable();
    this.stmts.dropCache.run();
  }

  rowState(id: string): { kind: number; revision: number } | undefined {
    return this.rows.get(id);
  }

  /** Re-wraps the same master key under a new passphrase; the header is replaced atomically. */
  async changePassphrase(current: Uint8Array, next: Uint8Array, hooks: HeaderWriteHooks = {}, kdf?: KdfParams): Promise<void> {
    this.assertWritable();
    await this.checkCurrentPassphrase(current);
    const partial = { version: FORMAT_VERSION, vaultId: this.header.vaultId, kdf: kdf ?? this.header.kdf, salt: this.sodium.randombytes_buf(SALT_BYTES) };
    const kek = await deriveKekIsolated(next, partial.salt, partial.kdf);
    this.assertOpen();
    const wrappedKey = seal(this.sodium, kek, this.masterKey, encodeHeaderAd(partial));
    wipe(kek);
    const header: VaultHeader = { ...partial, wrappedKey };
    writeHeaderAtomic(this.paths.header, encodeHeader(header), hooks);
    this.header = header;
  }

  /**
   * Re-encrypts everything under a fresh master key wrapped by a new passphrase, so that a passphrase or key
   * disclosed later opens no ciphertext that survived anywhere from before. Crash-safe in three steps:
   *   1. the new header goes to `fieldvault.header.next` (atomically, fsynced);
   *   2. one SQLite transaction re-encrypts every row under the new keys, with the audit chain re-hashed by
   *      `rechain` (its hashes are keyed from the master key), writes the new seal and drops the search cache;
   *   3. the old keys are zeroed, the database is vacuumed and the WAL truncated, then `header.next` is renamed
   *      over the header. Nothing after the commit throws: what fails is left pending and reported in a note.
   * A crash before 2 commits leaves the old vault (open() discards header.next); after it, open() finds that
   * only header.next's key opens the database and redoes step 3. Refused while any record is damaged:
   * what cannot be decrypted cannot be re-encrypted.
   */
  async rekey(
    current: Uint8Array,
    next: Uint8Array,
    rechain: (entries: readonly StoredRecord[], hash: (message: Uint8Array) => Uint8Array) => { readonly data: ReadonlyMap<string, unknown>; readonly anchor: AuditAnchor },
    kdf?: KdfParams,
  ): Promise<{ readonly notes: readonly RekeyNote[] }> {
    this.assertWritable();
    await this.checkCurrentPassphrase(current);
    const masterKey = this.sodium.randombytes_buf(32);
    const keys = deriveSubkeys(this.sodium, masterKey);
    let committed = false;
    try {
      const partial = { version: FORMAT_VERSION, vaultId: this.header.vaultId, kdf: kdf ?? this.header.kdf, salt: this.sodium.randombytes_buf(SALT_BYTES) };
      const kek = await deriveKekIsolated(next, partial.salt, partial.kdf);
      this.assertOpen();
      const header: VaultHeader = { ...partial, wrappedKey: seal(this.sodium, kek, masterKey, encodeHeaderAd(partial)) };
      wipe(kek);
      const nextPath = pendingHeaderPath(this.paths);
      writeHeaderAtomic(nextPath, encodeHeader(header));
      try {
        this.db.transaction(() => {
          const audit: StoredRecord[] = [];
          this.forEachRow((id, kind, revision, box) => {
            if (kind !== RecordKind.audit) return;
            const r = this.decryptRow(id, kind, revision, box);
            if ('damaged' in r) throw new VaultError('integrity', 'A damaged record cannot be re-encrypted: remove or restore it first. Nothing was changed.');
            audit.push({ id, kind, revision, data: r.data });
          });
          const chain = rechain(audit, (message) => this.sodium.crypto_generichash(32, message, keys.audit));
          const update = this.db.prepare('UPDATE records SET box = ? WHERE id = ?');
          const acc = new Uint8Array(32);
          this.forEachRow((id, kind, revision, box) => {
            const r = this.decryptRow(id, kind, revision, box);
            if ('damaged' in r) throw new VaultError('integrity', 'A damaged record cannot be re-encrypted: remove or restore it first. Nothing was changed.');
            const plain = padText(JSON.stringify(chain.data.has(id) ? chain.data.get(id) : r.data));
            update.run(seal(this.sodium, keys.records, plain, recordAd(this.header.vaultId, kind, id, revision)), idBytes(id));
            wipe(plain);
            this.xorInto(acc, rowHash(this.sodium, this.format, keys, id, kind, revision));
          });
          const sealPlain = encodeSealContent(this.sealLayout, {
            count: this.rows.size,
            accumulator: acc,
            auditSeq: chain.anchor.seq,
            auditHash: Buffer.from(chain.anchor.hash, 'hex'),
            flags: this.flags,
            kindCounts: this.kindCounts,
          });
          this.stmts.putSeal.run(seal(this.sodium, keys.seal, sealPlain, sealAd(this.format, this.header.vaultId)));
          this.stmts.dropCache.run();
          this.accumulator = acc;
          this.anchor = chain.anchor;
        })();
      } catch (err) {
        rmSync(nextPath, { force: true });
        throw describeIoError(err, 're-encrypting the vault');
      }
      committed = true;
      // From here the database belongs to the new key; memory follows before anything else can fail.
      wipe(this.masterKey);
      wipeKeys(this.keys);
      this.masterKey = masterKey;
      this.keys = keys;
      this.header = header;
    } catch (err) {
      if (!committed) {
        wipe(masterKey);
        wipeKeys(keys);
      }
      throw describeIoError(err, 're-encrypting the vault');
    }
    // Committed: the re-encryption has happened, so nothing after this point is reported as its failure. What
    // cannot be finished now is finished by the next open (which promotes a pending header), and said in a note.
    // Compaction comes before the rename: while the header is pending, an open that finds it knows the
    // re-encryption's last steps may not have run, and runs them (a crash here, or a compaction that failed).
    const notes: RekeyNote[] = [];
    if (compactAfterRekey(this.db)) {
      this.headerPending = true;
      notes.push('compaction-pending');
    } else if (!this.promotePending()) notes.push('header-pending');
    return { notes };
  }

  /**
   * Set when a re-encryption committed and either its compaction or the rename of the pending header failed:
   * `fieldvault.header` still wraps the old key and `fieldvault.header.next` the current one. Retried before
   * the next passphrase change and at lock (compaction first); an open that finds it completes both.
   */
  private headerPending = false;

  /**
   * The re-encryption this open found committed but unfinished (null: none). `finished`: the file has been
   * compacted and the header put in place; false: one of them failed again and stays pending.
   */
  rekeyCompletedAtOpen: { readonly finished: boolean } | null = null;

  /** A re-encryption left pending: compact, then put the header in place; true once both are done. */
  private finishPendingRekey(): boolean {
    return compactAfterRekey(this.db) === null && this.promotePending();
  }

  /** Renames the pending header over the header; false (and headerPending set) if the rename failed. */
  private promotePending(): boolean {
    try {
      promotePendingHeader(this.paths);
      this.headerPending = false;
    } catch {
      this.headerPending = true;
    }
    return !this.headerPending;
  }

  /** Every row in id order, a batch at a time (the callback may write other rows' boxes, not read them). */
  private forEachRow(fn: (id: string, kind: number, revision: number, box: Uint8Array) => void): void {
    for (let after: string | null = null; ; ) {
      const { rows, lastId } = this.fetchBatch(after, 200);
      for (const r of rows) fn(r.id, r.kind, r.revision, r.box);
      if (lastId === null) return;
      after = lastId;
    }
  }

  private async checkCurrentPassphrase(current: Uint8Array): Promise<void> {
    // A header left pending by a re-encryption is put in place first: it is the one the current key is wrapped in.
    if (this.headerPending && !this.finishPendingRekey()) {
      throw new VaultError(
        'vault-busy',
        'The re-encryption could not be finished yet (compacting the vault file or putting its new header in place failed), so the passphrase cannot be changed again now. Lock the vault and unlock it with the new passphrase, then try again. Nothing was changed.',
      );
    }
    const onDisk = decodeHeader(readHeaderFile(this.paths.header));
    const oldKek = await deriveKekIsolated(current, onDisk.salt, onDisk.kdf);
    const check = open(this.sodium, oldKek, onDisk.wrappedKey, encodeHeaderAd(onDisk));
    wipe(oldKek);
    const right = check !== null && this.sodium.memcmp(check, this.masterKey);
    wipe(check);
    if (!right) throw new VaultError('wrong-passphrase', 'The current passphrase is not correct.');
    this.assertOpen();
  }

  /** Checkpoints and closes the database and zeroes every key. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unlockWorker?.close();
    this.readAhead = null;
    this.aheadCache = undefined;
    this.aheadAcc?.fill(0);
    // A re-encryption not finished: one more try (else the next open does it).
    if (this.headerPending) this.finishPendingRekey();
    try {
      // A read-only copy in memory has nothing to checkpoint.
      if (this.readOnly) this.db.close();
      else closeDatabase(this.db);
    } finally {
      wipe(this.masterKey);
      wipeKeys(this.keys);
      this.rows.clear();
      this.accumulator.fill(0);
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** For tests, the bench and backups (SQLite's online backup copies from this connection): the raw database handle. */
  get database(): Db {
    return this.db;
  }

  /**
   * A read-only view of another copy of this vault (a backup just written), under copies of this vault's keys,
   * so that the copy can be checked the way unlock checks a vault (scanRows, verifyBatch) while this one goes on
   * working. `header` must be this vault's header byte for byte. The view owns `db`; close() wipes its key copies.
   */
  openCopy(db: Db, header: Uint8Array): RecordStore {
    this.assertOpen();
    if (!sameBytes(header, encodeHeader(this.header))) {
      throw new VaultError('conflict', "The vault's header changed while the backup was made (was the passphrase changed?). Nothing was kept; back up again.");
    }
    const masterKey = this.masterKey.slice();
    return new RecordStore(this.sodium, db, this.paths, this.header, masterKey, deriveSubkeys(this.sodium, masterKey));
  }
}

/**
 * Unwraps the master key and proves it is this database's, before anything is written. A header copied from
 * another vault with the same passphrase would otherwise re-seal this database under foreign keys. With a
 * re-encryption cut off by a crash, the pending header decides: if its key opens the database the
 * re-encryption committed and it becomes the header; otherwise it never took effect and is discarded.
 */
async function unlockKey(
  sodium: Sodium,
  db: Db,
  paths: VaultPaths,
  header: VaultHeader,
  passphrase: Uint8Array,
  version: number,
  derive: (header: VaultHeader) => Promise<Uint8Array>,
  readOnly = false,
): Promise<{ masterKey: Uint8Array; header: VaultHeader; pending: boolean }> {
  const format = recordFormatOf(version);
  const tryHeader = async (h: VaultHeader): Promise<{ key: Uint8Array | null; belongs: boolean }> => {
    const kek = await derive(h);
    const key = open(sodium, kek, h.wrappedKey, encodeHeaderAd(h));
    wipe(kek);
    if (!key) return { key: null, belongs: false };
    const keys = deriveSubkeys(sodium, key);
    const belongs = headerBelongs(sodium, db, h.vaultId, keys, format);
    wipeKeys(keys);
    return { key, belongs };
  };
  const pending = readPendingHeader(paths);
  const main = await tryHeader(header);
  // On a read-only disk the pending header is neither discarded nor promoted: it is only read.
  if (main.key && main.belongs) {
    if (pending && !readOnly) discardPendingHeader(paths);
    return { masterKey: main.key, header, pending: false };
  }
  wipe(main.key);
  if (pending && pending.vaultId.every((b, i) => b === header.vaultId[i])) {
    const next = await tryHeader(pending);
    if (next.key && next.belongs) {
      // Put in place by open(), after the compaction the re-encryption may not have finished.
      return { masterKey: next.key, header: pending, pending: true };
    }
    wipe(next.key);
    if (next.key) {
      throw new VaultError('wrong-passphrase', 'The change to this passphrase was interrupted before it finished: the vault still opens with the previous passphrase.');
    }
    if (main.key) throw new VaultError('wrong-passphrase', 'This vault was re-encrypted under a new passphrase: unlock it with the new one.');
  }
  if (!main.key) throw new VaultError('wrong-passphrase', 'Wrong passphrase, or the vault header was altered.');
  throw new VaultError(
    'damaged-vault',
    'This vault header does not belong to its database (it may have been copied from another vault). Nothing was changed.',
  );
}

/**
 * Whether the unwrapped master key is this database's: the seal authenticates, or (the seal itself damaged)
 * at least one of a few records does.
 */
function headerBelongs(sodium: Sodium, db: Db, vaultId: Uint8Array, keys: VaultKeys, format: RecordFormat): boolean {
  let sealRow: { box: unknown } | undefined;
  try {
    sealRow = db.prepare('SELECT box FROM seal WHERE slot = 1').get() as { box: unknown } | undefined;
  } catch {
    sealRow = undefined; // a schema from before the seal existed
  }
  if (sealRow?.box instanceof Uint8Array) {
    const plain = open(sodium, keys.seal, sealRow.box, sealAd(format, vaultId));
    if (plain) {
      wipe(plain);
      return true;
    }
  }
  const sample = db.prepare('SELECT id, kind, revision, box FROM records LIMIT 8').raw(true).all() as [unknown, unknown, unknown, unknown][];
  // Neither seal nor rows: the emptied database belongs to no one in particular; the missing seal is reported.
  if (sample.length === 0) return true;
  return sample.some(([id, kind, revision, box]) => {
    if (!Buffer.isBuffer(id) || typeof kind !== 'number' || typeof revision !== 'number' || !(box instanceof Uint8Array)) return false;
    const plain = open(sodium, keys.records, box, formatAd(format, vaultId, kind, id.toString('hex'), revision));
    wipe(plain);
    return plain !== null;
  });
}

/** Zeroes a key derivation's result whenever it arrives: for a derivation that nobody will use. */
function discardDerivation(derivation: Promise<Uint8Array>): void {
  derivation.then(
    (kek) => kek.fill(0),
    () => undefined,
  );
}

/** Statements prepared on first use, each once (see the RecordStore constructor). */
function lazyStatements<T extends Record<string, () => Statement>>(defs: T): { readonly [K in keyof T]: Statement } {
  const out = {} as { [K in keyof T]: Statement };
  for (const key of Object.keys(defs) as (keyof T)[]) {
    let stmt: Statement | null = null;
    Object.defineProperty(out, key, { get: () => (stmt ??= defs[key]!()), enumerable: true });
  }
  return out;
}

/** The rows' bytes moved to the worker, or null if it has already stopped (verification then reads in batches). */
function stageRows(worker: UnlockWorker, ahead: RowsReadAhead): StagedRows | null {
  try {
    return worker.stage(ahead.packed, ahead.rowMessages, ahead.streamed ?? undefined);
  } catch {
    return null;
  }
}

/** The boxes of a cache row (`u32 length | box` per part), or null if the lengths do not add up to the row. */
function splitCacheRow(row: Uint8Array): Uint8Array[] | null {
  const view = new DataView(row.buffer, row.byteOffset, row.byteLength);
  const boxes: Uint8Array[] = [];
  for (let o = 0; o < row.length; ) {
    if (o + 4 > row.length || boxes.length === 255) return null;
    const n = view.getUint32(o);
    if (n > row.length - o - 4) return null;
    boxes.push(row.subarray(o + 4, o + 4 + n));
    o += 4 + n;
  }
  return boxes.length > 0 ? boxes : null;
}

/** A row's box as stored, or an empty one (which never authenticates) when the column holds something else. */
function asBox(box: unknown): Uint8Array {
  return box instanceof Uint8Array ? box : new Uint8Array(0);
}

/**
 * Kinds whose commits are copied into the main file at once (RecordStore.copyWalNow): all but the frequent
 * autosaves of notes and their history, and the audit entries written with them. Rolling those back can only
 * show an older note; rolling back the register, consent or the never-redact list could let a name out.
 */
function copiedAtOnce(kind: number | undefined): boolean {
  return kind !== undefined && kind !== RecordKind.interview && kind !== RecordKind.history && kind !== RecordKind.audit;
}
