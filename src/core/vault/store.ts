import { existsSync, mkdirSync, rmSync, rmdirSync } from 'node:fs';
import type { Database as Db, Statement } from 'better-sqlite3';
import type { DamagedRecord, KdfParams } from '../../shared/domain';
import { open, openLarge, seal, sealLarge } from '../crypto/aead';
import { DEFAULT_KDF, SALT_BYTES } from '../crypto/kdf';
import { deriveKekIsolated } from '../crypto/kdf-isolated';
import { pad, unpad } from '../crypto/padding';
import { loadSodium, wipe, type Sodium } from '../crypto/sodium';
import { describeIoError, VaultError } from '../errors';
import { closeDatabase, openDatabase } from './database';
import {
  decodeHeader,
  encodeHeader,
  encodeHeaderAd,
  FORMAT_VERSION,
  readHeaderFile,
  VAULT_ID_BYTES,
  writeHeaderAtomic,
  type HeaderWriteHooks,
  type VaultHeader,
} from './header';
import { deriveSubkeys, wipeKeys, type VaultKeys } from './keys';
import { locateExistingVault, prepareNewVault, type VaultPaths } from './layout';
import { migrate } from './migrations';

/** Record kinds as stored in the `kind` column (the only per-row metadata besides id and revision). */
export const RecordKind = { interview: 1, person: 2, audit: 3, counters: 4, history: 5, taxonomy: 6, settings: 7 } as const;
export type RecordKind = (typeof RecordKind)[keyof typeof RecordKind];

export interface StoredRecord {
  readonly id: string;
  readonly kind: RecordKind;
  readonly revision: number;
  readonly data: unknown;
}

export type WriteOp =
  | { readonly type: 'put'; readonly kind: RecordKind; readonly id: string; readonly data: unknown }
  | { readonly type: 'delete'; readonly id: string };

export interface LoadResult {
  readonly records: readonly StoredRecord[];
  readonly damaged: readonly DamagedRecord[];
  readonly sealIntact: boolean;
}

const REC_AD_PREFIX = new TextEncoder().encode('FV-REC1\0');
const SEAL_AD_PREFIX = new TextEncoder().encode('FV-SEAL1');
const SEAL_BYTES = 8 + 32 + 8 + 32 + 1;

/** Integrity warnings that stay raised in the seal until the researcher acknowledges them. */
export const IntegrityFlag = { sealMismatch: 1, auditChainBroken: 2 } as const;

/** The newest audit entry, kept in the seal so that removing or damaging the chain's tail is detected. */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string; // hex, 32 bytes
}

export function newRecordId(sodium: Sodium): string {
  return sodium.to_hex(sodium.randombytes_buf(16));
}

const idBytes = (id: string): Buffer => Buffer.from(id, 'hex');

/** Associated data of a record: vault id | kind | record id | revision. Binds a ciphertext to its row. */
export function recordAd(vaultId: Uint8Array, kind: number, id: string, revision: number): Uint8Array {
  const ad = new Uint8Array(REC_AD_PREFIX.length + VAULT_ID_BYTES + 1 + 16 + 8);
  const view = new DataView(ad.buffer);
  let o = 0;
  ad.set(REC_AD_PREFIX, o);
  o += REC_AD_PREFIX.length;
  ad.set(vaultId, o);
  o += VAULT_ID_BYTES;
  ad[o++] = kind;
  ad.set(idBytes(id), o);
  o += 16;
  view.setBigUint64(o, BigInt(revision));
  return ad;
}

interface RowState {
  readonly kind: RecordKind;
  readonly revision: number;
}

/**
 * The encrypted record store: every row is XChaCha20-Poly1305(records key, padded JSON, AD = recordAd).
 * A keyed seal (XOR of BLAKE2b(seal key, id|kind|revision) over all rows, plus the row count) is rewritten in
 * the same transaction as each write, so a row removed, rolled back to an older revision or re-inserted after
 * deletion is detected at unlock.
 */
export class RecordStore {
  private readonly rows = new Map<string, RowState>();
  private accumulator = new Uint8Array(32);
  private anchor: AuditAnchor = { seq: 0, hash: '0'.repeat(64) };
  private flags = 0;
  private closed = false;
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
    private readonly masterKey: Uint8Array,
    private readonly keys: VaultKeys,
  ) {
    this.stmts = {
      upsert: db.prepare(
        'INSERT INTO records (id, kind, revision, box) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, revision = excluded.revision, box = excluded.box',
      ),
      remove: db.prepare('DELETE FROM records WHERE id = ?'),
      putSeal: db.prepare('INSERT INTO seal (slot, box) VALUES (1, ?) ON CONFLICT(slot) DO UPDATE SET box = excluded.box'),
      getSeal: db.prepare('SELECT box FROM seal WHERE slot = 1'),
      // Prepared once: a statement per call costs native memory that the garbage collector does not see.
      readOne: db.prepare('SELECT kind, revision, box FROM records WHERE id = ?'),
      firstBatch: db.prepare('SELECT id, kind, revision, box FROM records ORDER BY id LIMIT ?').raw(true),
      nextBatch: db.prepare('SELECT id, kind, revision, box FROM records WHERE id > ? ORDER BY id LIMIT ?').raw(true),
      getCache: db.prepare('SELECT box FROM cache WHERE slot = 1'),
      putCache: db.prepare('INSERT INTO cache (slot, box) VALUES (1, ?) ON CONFLICT(slot) DO UPDATE SET box = excluded.box'),
      dropCache: db.prepare('DELETE FROM cache'),
    };
  }

  get vaultId(): Uint8Array {
    return this.header.vaultId;
  }

  get auditKey(): Uint8Array {
    return this.keys.audit;
  }

  static async create(path: string, passphrase: Uint8Array, kdf: KdfParams = DEFAULT_KDF): Promise<RecordStore> {
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
    try {
      db = openDatabase(paths.database, { create: true });
      migrate(db);
      // The header is written last: a folder without one is an unfinished vault, never a half-keyed one.
      writeHeaderAtomic(paths.header, encodeHeader(header));
    } catch (err) {
      if (db) db.close();
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
      wipe(masterKey);
      throw describeIoError(err, 'creating the vault');
    }
    const store = new RecordStore(sodium, db, paths, header, masterKey, deriveSubkeys(sodium, masterKey));
    store.writeSeal();
    return store;
  }

  static async open(path: string, passphrase: Uint8Array): Promise<RecordStore> {
    const sodium = await loadSodium();
    const paths = locateExistingVault(path);
    const header = decodeHeader(readHeaderFile(paths.header));
    const db = openDatabase(paths.database, { create: false });
    // Only now, holding the vault's lock: a header.tmp left by a passphrase change that was cut off is
    // discarded (the old header is still whole). Before the lock it could be another process's live change.
    rmSync(`${paths.header}.tmp`, { force: true });
    let masterKey: Uint8Array | null = null;
    try {
      const kek = await deriveKekIsolated(passphrase, header.salt, header.kdf);
      masterKey = open(sodium, kek, header.wrappedKey, encodeHeaderAd(header));
      wipe(kek);
      if (!masterKey) {
        throw new VaultError('wrong-passphrase', 'Wrong passphrase, or the vault header was altered.');
      }
      // Before anything is written: a header copied from another vault (same passphrase) would otherwise
      // re-seal this database under foreign keys.
      const keys = deriveSubkeys(sodium, masterKey);
      const belongs = headerBelongs(sodium, db, header.vaultId, keys);
      wipeKeys(keys);
      if (!belongs) {
        throw new VaultError(
          'damaged-vault',
          'This vault header does not belong to its database (it may have been copied from another vault). Nothing was changed.',
        );
      }
      migrate(db);
    } catch (err) {
      wipe(masterKey);
      db.close();
      throw describeIoError(err, 'unlocking the vault');
    }
    return new RecordStore(sodium, db, paths, header, masterKey, deriveSubkeys(sodium, masterKey));
  }

  private assertOpen(): void {
    if (this.closed) throw new VaultError('locked', 'The vault is locked.');
  }

  private rowHash(id: string, kind: number, revision: number): Uint8Array {
    const msg = new Uint8Array(16 + 1 + 8);
    msg.set(idBytes(id), 0);
    msg[16] = kind;
    new DataView(msg.buffer).setBigUint64(17, BigInt(revision));
    return this.sodium.crypto_generichash(32, msg, this.keys.seal);
  }

  private xorInto(acc: Uint8Array, h: Uint8Array): void {
    for (let i = 0; i < 32; i++) acc[i]! ^= h[i]!;
  }

  private sealAd(): Uint8Array {
    const ad = new Uint8Array(SEAL_AD_PREFIX.length + VAULT_ID_BYTES);
    ad.set(SEAL_AD_PREFIX, 0);
    ad.set(this.header.vaultId, SEAL_AD_PREFIX.length);
    return ad;
  }

  private encodeSeal(count: number, acc: Uint8Array, anchor: AuditAnchor): Uint8Array {
    const plain = new Uint8Array(SEAL_BYTES);
    const view = new DataView(plain.buffer);
    view.setBigUint64(0, BigInt(count));
    plain.set(acc, 8);
    view.setBigUint64(40, BigInt(anchor.seq));
    plain.set(Buffer.from(anchor.hash, 'hex'), 48);
    plain[80] = this.flags;
    return seal(this.sodium, this.keys.seal, plain, this.sealAd());
  }

  private writeSeal(): void {
    this.stmts.putSeal.run(this.encodeSeal(this.rows.size, this.accumulator, this.anchor));
  }

  /**
   * Decrypts every row. A row that fails authentication is reported by id and left out; the rest opens.
   * Rebuilds the in-memory row table and checks it against the seal.
   */
  loadAll(): LoadResult {
    this.assertOpen();
    const records: StoredRecord[] = [];
    const damaged: DamagedRecord[] = [];
    this.rows.clear();
    const acc = new Uint8Array(32);
    const iter = this.db.prepare('SELECT id, kind, revision, box FROM records').raw(true).iterate() as IterableIterator<
      [Buffer, number, number, Buffer]
    >;
    for (const [idBuf, kind, revision, box] of iter) {
      const id = idBuf.toString('hex');
      this.rows.set(id, { kind: kind as RecordKind, revision });
      this.xorInto(acc, this.rowHash(id, kind, revision));
      const plain = open(this.sodium, this.keys.records, box, recordAd(this.header.vaultId, kind, id, revision));
      const unpadded = plain ? unpad(plain) : null;
      if (!unpadded) {
        damaged.push({ id, reason: 'authentication failed: the record was altered, damaged or moved from another row' });
        continue;
      }
      try {
        records.push({ id, kind: kind as RecordKind, revision, data: JSON.parse(Buffer.from(unpadded).toString('utf8')) });
      } catch {
        damaged.push({ id, reason: 'the decrypted record is not valid JSON' });
      }
      wipe(plain);
    }
    this.accumulator = acc;
    return { records, damaged, sealIntact: this.checkSeal(acc) };
  }

  private checkSeal(acc: Uint8Array): boolean {
    const row = this.stmts.getSeal.get() as { box: Buffer } | undefined;
    if (!row) return this.rows.size === 0;
    const plain = open(this.sodium, this.keys.seal, row.box, this.sealAd());
    if (!plain || plain.length !== SEAL_BYTES) return false;
    const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
    this.anchor = { seq: Number(view.getBigUint64(40)), hash: Buffer.from(plain.subarray(48, 80)).toString('hex') };
    this.flags = plain[80]!;
    const count = Number(view.getBigUint64(0));
    return count === this.rows.size && this.sodium.memcmp(plain.subarray(8, 40), acc);
  }

  /** Integrity warnings raised earlier and not yet acknowledged (IntegrityFlag bits). */
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

  revisionOf(id: string): number {
    return this.rows.get(id)?.revision ?? 0;
  }

  has(id: string): boolean {
    return this.rows.has(id);
  }

  newId(): string {
    return newRecordId(this.sodium);
  }

  /** Applies writes in one transaction (records and seal together); returns the new revision of each put. */
  write(ops: readonly WriteOp[], anchor: AuditAnchor = this.anchor): Map<string, number> {
    this.assertOpen();
    const revisions = new Map<string, number>();
    // Only the rows this write touches are copied: the cost of a save must not grow with the vault.
    const pending = new Map<string, RowState | null>();
    const current = (id: string) => (pending.has(id) ? pending.get(id)! : (this.rows.get(id) ?? null));
    let size = this.rows.size;
    const acc = this.accumulator.slice();
    const prepared: { op: WriteOp; box?: Uint8Array; revision?: number }[] = [];
    for (const op of ops) {
      const prev = current(op.id);
      if (prev) this.xorInto(acc, this.rowHash(op.id, prev.kind, prev.revision));
      if (op.type === 'delete') {
        if (prev) size--;
        pending.set(op.id, null);
        prepared.push({ op });
        continue;
      }
      if (!prev) size++;
      const revision = (prev?.revision ?? 0) + 1;
      const plain = pad(Buffer.from(JSON.stringify(op.data), 'utf8'));
      const box = seal(this.sodium, this.keys.records, plain, recordAd(this.header.vaultId, op.kind, op.id, revision));
      wipe(plain);
      this.xorInto(acc, this.rowHash(op.id, op.kind, revision));
      pending.set(op.id, { kind: op.kind, revision });
      revisions.set(op.id, revision);
      prepared.push({ op, box, revision });
    }
    const sealBox = this.encodeSeal(size, acc, anchor);
    try {
      this.db.transaction(() => {
        for (const p of prepared) {
          if (p.op.type === 'delete') this.stmts.remove.run(idBytes(p.op.id));
          else this.stmts.upsert.run(idBytes(p.op.id), p.op.kind, p.revision, p.box);
        }
        this.stmts.putSeal.run(sealBox);
      })();
    } catch (err) {
      throw describeIoError(err, 'saving');
    }
    // Only after the commit succeeded does memory move on; a failed write leaves both as they were.
    for (const [id, row] of pending) {
      if (row) this.rows.set(id, row);
      else this.rows.delete(id);
    }
    this.accumulator = acc;
    this.anchor = anchor;
    return revisions;
  }

  /**
   * Reads only ids, kinds and revisions (no ciphertext) to rebuild the row table and check the seal.
   * Cheap: this is what lets unlock skip decrypting every record.
   */
  scanRows(): { readonly rows: ReadonlyMap<string, { kind: RecordKind; revision: number }>; readonly sealIntact: boolean } {
    this.assertOpen();
    this.rows.clear();
    const acc = new Uint8Array(32);
    const iter = this.db.prepare('SELECT id, kind, revision FROM records').raw(true).iterate() as IterableIterator<[Buffer, number, number]>;
    for (const [idBuf, kind, revision] of iter) {
      const id = idBuf.toString('hex');
      this.rows.set(id, { kind: kind as RecordKind, revision });
      this.xorInto(acc, this.rowHash(id, kind, revision));
    }
    this.accumulator = acc;
    return { rows: this.rows, sealIntact: this.checkSeal(acc) };
  }

  private decryptRow(id: string, kind: number, revision: number, box: Uint8Array): { data: unknown } | { damaged: string } {
    const plain = open(this.sodium, this.keys.records, box, recordAd(this.header.vaultId, kind, id, revision));
    const unpadded = plain ? unpad(plain) : null;
    if (!unpadded) return { damaged: 'authentication failed: the record was altered, damaged or moved from another row' };
    try {
      return { data: JSON.parse(Buffer.from(unpadded.buffer, unpadded.byteOffset, unpadded.byteLength).toString('utf8')) };
    } catch {
      return { damaged: 'the decrypted record is not valid JSON' };
    } finally {
      wipe(plain);
    }
  }

  /** Decrypts one record on demand. */
  read(id: string): StoredRecord {
    this.assertOpen();
    const row = this.stmts.readOne.get(idBytes(id)) as
      | { kind: number; revision: number; box: Buffer }
      | undefined;
    if (!row) throw new VaultError('not-found', 'That record does not exist (it may have been deleted).');
    const r = this.decryptRow(id, row.kind, row.revision, row.box);
    if ('damaged' in r) throw new VaultError('damaged-vault', `Record ${id} is damaged and cannot be read (${r.damaged}).`);
    return { id, kind: row.kind as RecordKind, revision: row.revision, data: r.data };
  }

  /**
   * Decrypts records in id order, a batch at a time, after the given id (null: from the start). Used by the
   * background verification and by a full rebuild when there is no usable search cache.
   */
  readBatch(afterId: string | null, limit: number): { records: StoredRecord[]; damaged: DamagedRecord[]; lastId: string | null } {
    this.assertOpen();
    const rows = (
      afterId === null
        ? this.stmts.firstBatch.all(limit)
        : this.stmts.nextBatch.all(idBytes(afterId), limit)
    ) as [Buffer, number, number, Buffer][];
    const records: StoredRecord[] = [];
    const damaged: DamagedRecord[] = [];
    let lastId: string | null = null;
    for (const [idBuf, kind, revision, box] of rows) {
      const id = idBuf.toString('hex');
      lastId = id;
      const r = this.decryptRow(id, kind, revision, box);
      if ('damaged' in r) damaged.push({ id, reason: r.damaged });
      else records.push({ id, kind: kind as RecordKind, revision, data: r.data });
    }
    return { records, damaged, lastId };
  }

  private cacheAd(): Uint8Array {
    const prefix = new TextEncoder().encode('FV-CACHE');
    const ad = new Uint8Array(prefix.length + VAULT_ID_BYTES);
    ad.set(prefix, 0);
    ad.set(this.header.vaultId, prefix.length);
    return ad;
  }

  /** The encrypted search cache, or null when there is none or it does not authenticate. */
  readCache(): Uint8Array | null {
    this.assertOpen();
    const row = this.stmts.getCache.get() as { box: Buffer } | undefined;
    if (!row) return null;
    const plain = openLarge(this.sodium, this.keys.search, row.box, this.cacheAd());
    return plain ? unpad(plain) : null;
  }

  writeCache(bytes: Uint8Array): void {
    this.assertOpen();
    const padded = pad(bytes);
    const box = sealLarge(this.sodium, this.keys.search, padded, this.cacheAd());
    wipe(padded);
    try {
      this.stmts.putCache.run(box);
    } catch (err) {
      throw describeIoError(err, 'saving the search cache');
    }
  }

  dropCache(): void {
    this.assertOpen();
    this.stmts.dropCache.run();
  }

  rowState(id: string): { kind: RecordKind; revision: number } | undefined {
    return this.rows.get(id);
  }

  /** Re-wraps the same master key under a new passphrase; the header is replaced atomically. */
  async changePassphrase(current: Uint8Array, next: Uint8Array, hooks: HeaderWriteHooks = {}, kdf?: KdfParams): Promise<void> {
    this.assertOpen();
    const onDisk = decodeHeader(readHeaderFile(this.paths.header));
    const oldKek = await deriveKekIsolated(current, onDisk.salt, onDisk.kdf);
    const check = open(this.sodium, oldKek, onDisk.wrappedKey, encodeHeaderAd(onDisk));
    wipe(oldKek);
    if (!check || !this.sodium.memcmp(check, this.masterKey)) {
      wipe(check);
      throw new VaultError('wrong-passphrase', 'The current passphrase is not correct.');
    }
    wipe(check);
    const partial = { version: FORMAT_VERSION, vaultId: onDisk.vaultId, kdf: kdf ?? onDisk.kdf, salt: this.sodium.randombytes_buf(SALT_BYTES) };
    const kek = await deriveKekIsolated(next, partial.salt, partial.kdf);
    this.assertOpen();
    const wrappedKey = seal(this.sodium, kek, this.masterKey, encodeHeaderAd(partial));
    wipe(kek);
    const header: VaultHeader = { ...partial, wrappedKey };
    writeHeaderAtomic(this.paths.header, encodeHeader(header), hooks);
    this.header = header;
  }

  /** Checkpoints and closes the database and zeroes every key. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeDatabase(this.db);
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

  /** For tests and the bench: the raw database handle. */
  get database(): Db {
    return this.db;
  }
}

/**
 * Whether the unwrapped master key is this database's: the seal authenticates, or (the seal itself damaged)
 * at least one of a few records does. An empty database belongs to any header.
 */
function headerBelongs(sodium: Sodium, db: Db, vaultId: Uint8Array, keys: VaultKeys): boolean {
  const sealAd = new Uint8Array(SEAL_AD_PREFIX.length + VAULT_ID_BYTES);
  sealAd.set(SEAL_AD_PREFIX, 0);
  sealAd.set(vaultId, SEAL_AD_PREFIX.length);
  let sealRow: { box: Buffer } | undefined;
  let sample: [Buffer, number, number, Buffer][];
  try {
    sealRow = db.prepare('SELECT box FROM seal WHERE slot = 1').get() as { box: Buffer } | undefined;
  } catch {
    sealRow = undefined; // a schema from before the seal existed
  }
  if (sealRow && open(sodium, keys.seal, sealRow.box, sealAd)) return true;
  try {
    sample = db.prepare('SELECT id, kind, revision, box FROM records LIMIT 8').raw(true).all() as [Buffer, number, number, Buffer][];
  } catch {
    return !sealRow;
  }
  if (sample.length === 0) return !sealRow;
  return sample.some(([id, kind, revision, box]) => {
    const plain = open(sodium, keys.records, box, recordAd(vaultId, kind, id.toString('hex'), revision));
    plain?.fill(0);
    return plain !== null;
  });
}
