import type { Sodium } from '../crypto/sodium';
import { VAULT_ID_BYTES } from './header';
import type { VaultKeys } from './keys';

/**
 * How rows are bound to their ciphertext and to the seal. Format 1 (schema 1..3) wrote the kind as one byte,
 * so kind + 256 authenticated as kind; it also used the seal key both for BLAKE2b and for the AEAD. Format 2
 * (schema 4 on) writes every column the core reads at full width and has one subkey per use. Only the
 * upgrade reads format 1.
 */
export type RecordFormat = 1 | 2;

/** Schema version 4 is the first whose rows are written in format 2. */
export const FORMAT2_SCHEMA = 4;
export const recordFormatOf = (schemaVersion: number): RecordFormat => (schemaVersion >= FORMAT2_SCHEMA ? 2 : 1);

/** Record kinds as stored in the `kind` column (the only per-row metadata besides id and revision). */
export const RecordKind = {
  interview: 1,
  person: 2,
  audit: 3,
  counters: 4,
  history: 5,
  taxonomy: 6,
  settings: 7,
  /** The vault's own keys for sealed delivery (one record; schema 5 on). */
  deliveryIdentity: 8,
  /** A colleague's public card and the label this vault gives it (one record each). */
  colleague: 9,
  /** A brief received in a sealed bundle, read-only (one record each). */
  received: 10,
  /** Travel mode: what left the vault and since when, while the register is away (one record; schema 6 on). */
  travel: 11,
} as const;
export type RecordKind = (typeof RecordKind)[keyof typeof RecordKind];
export const KNOWN_KINDS: readonly RecordKind[] = Object.values(RecordKind);
export const isKnownKind = (kind: number): kind is RecordKind => (KNOWN_KINDS as readonly number[]).includes(kind);

/** Revisions are JavaScript numbers: anything above this cannot be told apart from its neighbour. */
export const MAX_REVISION = Number.MAX_SAFE_INTEGER;

const ascii = (s: string) => new TextEncoder().encode(s);
const REC_AD = { 1: ascii('FV-REC1\0'), 2: ascii('FV-REC2\0') } as const;
const SEAL_AD = { 1: ascii('FV-SEAL1'), 2: ascii('FV-SEAL2') } as const;
const ROW_PREFIX2 = ascii('FV-ROW2\0');
const KIND_BYTES = { 1: 1, 2: 4 } as const;

const idBytes = (id: string): Buffer => Buffer.from(id, 'hex');

/** Writes a revision as 8 bytes, big-endian: without a BigInt for the safe integers revisions are. */
function writeRevision(view: DataView, at: number, revision: number): void {
  if (Number.isSafeInteger(revision) && revision >= 0) {
    view.setUint32(at, Math.floor(revision / 2 ** 32));
    view.setUint32(at + 4, revision >>> 0);
  } else {
    view.setBigUint64(at, BigInt(revision)); // as before for anything else (a row never gets here: ROW_FITS)
  }
}

/** Length of a record's associated data in a format. */
export const recordAdBytes = (format: RecordFormat): number => REC_AD[format].length + VAULT_ID_BYTES + KIND_BYTES[format] + 16 + 8;

/**
 * Writes a record's associated data at `at` of `out` (`view` is a DataView of `out`'s buffer, so that a caller
 * packing thousands of rows makes none per row): prefix | vault id | kind | record id | revision (8, big-endian).
 */
export function writeRecordAd(out: Uint8Array, view: DataView, at: number, format: RecordFormat, vaultId: Uint8Array, kind: number, id: Uint8Array, revision: number): void {
  const prefix = REC_AD[format];
  let o = at;
  out.set(prefix, o);
  o += prefix.length;
  out.set(vaultId, o);
  o += VAULT_ID_BYTES;
  if (format === 1) out[o] = kind;
  else view.setUint32(out.byteOffset + o, kind);
  o += KIND_BYTES[format];
  out.set(id, o);
  writeRevision(view, out.byteOffset + o + 16, revision);
}

/** Associated data of a record: prefix | vault id | kind | record id | revision (8, big-endian). */
export function recordAd(format: RecordFormat, vaultId: Uint8Array, kind: number, id: string, revision: number): Uint8Array {
  const ad = new Uint8Array(recordAdBytes(format));
  writeRecordAd(ad, new DataView(ad.buffer), 0, format, vaultId, kind, idBytes(id), revision);
  return ad;
}

/** One row's share of the seal accumulator: a keyed BLAKE2b-256 of its id, kind and revision. */
export function rowHash(sodium: Sodium, format: RecordFormat, keys: VaultKeys, id: string, kind: number, revision: number): Uint8Array {
  if (format === 1) {
    const msg = new Uint8Array(16 + 1 + 8);
    msg.set(idBytes(id), 0);
    msg[16] = kind;
    writeRevision(new DataView(msg.buffer), 17, revision);
    return sodium.crypto_generichash(32, msg, keys.seal);
  }
  return sodium.crypto_generichash(32, rowMessage(idBytes(id), kind, revision), keys.rows);
}

export const ROW_MESSAGE_BYTES = ROW_PREFIX2.length + 16 + 4 + 8;

/** Writes what a format-2 row hash covers at `at` of `out` (`view`: a DataView of `out`'s buffer). */
export function writeRowMessage(out: Uint8Array, view: DataView, at: number, id: Uint8Array, kind: number, revision: number): void {
  out.set(ROW_PREFIX2, at);
  out.set(id, at + ROW_PREFIX2.length);
  view.setUint32(out.byteOffset + at + ROW_PREFIX2.length + 16, kind);
  writeRevision(view, out.byteOffset + at + ROW_PREFIX2.length + 20, revision);
}

/** What a format-2 row hash covers: 'FV-ROW2\0' | id (16) | kind (4) | revision (8), hashed with the rows key. */
export function rowMessage(id: Uint8Array, kind: number, revision: number): Uint8Array {
  const msg = new Uint8Array(ROW_MESSAGE_BYTES);
  writeRowMessage(msg, new DataView(msg.buffer), 0, id, kind, revision);
  return msg;
}

export function sealAd(format: RecordFormat, vaultId: Uint8Array): Uint8Array {
  const prefix = SEAL_AD[format];
  const ad = new Uint8Array(prefix.length + VAULT_ID_BYTES);
  ad.set(prefix, 0);
  ad.set(vaultId, prefix.length);
  return ad;
}

/** The seal's plaintext. Format 2 adds the number of rows of each known kind, so a report can say what is missing. */
export interface SealContent {
  readonly count: number;
  readonly accumulator: Uint8Array;
  readonly auditSeq: number;
  readonly auditHash: Uint8Array;
  readonly flags: number;
  /** Rows per kind, indexed by kind - 1 (format 2 only; empty for format 1). */
  readonly kindCounts: readonly number[];
}

/**
 * How a seal is laid out: its record format (associated data, row hashes) and how many kinds it counts. The
 * count of kinds follows the schema, not the code: a schema-4 seal counts the 7 kinds of its day (109 bytes), a
 * schema-5 seal 10 (121 bytes), a schema-6 seal 11 (125 bytes), so an old seal is still checked as what it was, and a seal of one layout never
 * decodes as the other (the lengths differ).
 */
export interface SealLayout {
  readonly format: RecordFormat;
  /** Kinds counted: 1..kinds, in order (0 for format 1). */
  readonly kinds: number;
}

/** Schema version 5 adds the delivery kinds (8..10) to the seal's counts. */
export const DELIVERY_SCHEMA = 5;
/** Schema version 6 adds the travel kind (11). */
export const TRAVEL_SCHEMA = 6;

export function sealLayoutOf(schemaVersion: number): SealLayout {
  const format = recordFormatOf(schemaVersion);
  // Each layout's count is fixed by its schema (not KNOWN_KINDS.length): an old seal keeps its length.
  return { format, kinds: format === 1 ? 0 : schemaVersion >= TRAVEL_SCHEMA ? 11 : schemaVersion >= DELIVERY_SCHEMA ? 10 : 7 };
}

const sealBytes = (layout: SealLayout): number => 8 + 32 + 8 + 32 + 1 + (layout.format === 2 ? 4 * layout.kinds : 0);

export function encodeSealContent(layout: SealLayout, c: SealContent): Uint8Array {
  const plain = new Uint8Array(sealBytes(layout));
  const view = new DataView(plain.buffer);
  view.setBigUint64(0, BigInt(c.count));
  plain.set(c.accumulator, 8);
  view.setBigUint64(40, BigInt(c.auditSeq));
  plain.set(c.auditHash, 48);
  plain[80] = c.flags;
  if (layout.format === 2) for (let i = 0; i < layout.kinds; i++) view.setUint32(81 + 4 * i, c.kindCounts[i] ?? 0);
  return plain;
}

export function decodeSealContent(layout: SealLayout, plain: Uint8Array): SealContent | null {
  if (plain.length !== sealBytes(layout)) return null;
  const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
  return {
    count: Number(view.getBigUint64(0)),
    accumulator: plain.slice(8, 40),
    auditSeq: Number(view.getBigUint64(40)),
    auditHash: plain.slice(48, 80),
    flags: plain[80]!,
    kindCounts: layout.format === 2 ? Array.from({ length: layout.kinds }, (_, i) => view.getUint32(81 + 4 * i)) : [],
  };
}
