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
export const RecordKind = { interview: 1, person: 2, audit: 3, counters: 4, history: 5, taxonomy: 6, settings: 7 } as const;
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

/** Associated data of a record: prefix | vault id | kind | record id | revision (8, big-endian). */
export function recordAd(format: RecordFormat, vaultId: Uint8Array, kind: number, id: string, revision: number): Uint8Array {
  const prefix = REC_AD[format];
  const ad = new Uint8Array(prefix.length + VAULT_ID_BYTES + KIND_BYTES[format] + 16 + 8);
  const view = new DataView(ad.buffer);
  let o = 0;
  ad.set(prefix, o);
  o += prefix.length;
  ad.set(vaultId, o);
  o += VAULT_ID_BYTES;
  if (format === 1) ad[o] = kind;
  else view.setUint32(o, kind);
  o += KIND_BYTES[format];
  ad.set(idBytes(id), o);
  o += 16;
  view.setBigUint64(o, BigInt(revision));
  return ad;
}

/** One row's share of the seal accumulator: a keyed BLAKE2b-256 of its id, kind and revision. */
export function rowHash(sodium: Sodium, format: RecordFormat, keys: VaultKeys, id: string, kind: number, revision: number): Uint8Array {
  if (format === 1) {
    const msg = new Uint8Array(16 + 1 + 8);
    msg.set(idBytes(id), 0);
    msg[16] = kind;
    new DataView(msg.buffer).setBigUint64(17, BigInt(revision));
    return sodium.crypto_generichash(32, msg, keys.seal);
  }
  return sodium.crypto_generichash(32, rowMessage(idBytes(id), kind, revision), keys.rows);
}

/** What a format-2 row hash covers: 'FV-ROW2\0' | id (16) | kind (4) | revision (8), hashed with the rows key. */
export function rowMessage(id: Uint8Array, kind: number, revision: number): Uint8Array {
  const msg = new Uint8Array(ROW_PREFIX2.length + 16 + 4 + 8);
  const view = new DataView(msg.buffer);
  msg.set(ROW_PREFIX2, 0);
  msg.set(id, ROW_PREFIX2.length);
  view.setUint32(ROW_PREFIX2.length + 16, kind);
  view.setBigUint64(ROW_PREFIX2.length + 20, BigInt(revision));
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

const SEAL_BYTES = { 1: 8 + 32 + 8 + 32 + 1, 2: 8 + 32 + 8 + 32 + 1 + 4 * KNOWN_KINDS.length } as const;

export function encodeSealContent(format: RecordFormat, c: SealContent): Uint8Array {
  const plain = new Uint8Array(SEAL_BYTES[format]);
  const view = new DataView(plain.buffer);
  view.setBigUint64(0, BigInt(c.count));
  plain.set(c.accumulator, 8);
  view.setBigUint64(40, BigInt(c.auditSeq));
  plain.set(c.auditHash, 48);
  plain[80] = c.flags;
  if (format === 2) KNOWN_KINDS.forEach((_, i) => view.setUint32(81 + 4 * i, c.kindCounts[i] ?? 0));
  return plain;
}

export function decodeSealContent(format: RecordFormat, plain: Uint8Array): SealContent | null {
  if (plain.length !== SEAL_BYTES[format]) return null;
  const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
  return {
    count: Number(view.getBigUint64(0)),
    accumulator: plain.slice(8, 40),
    auditSeq: Number(view.getBigUint64(40)),
    auditHash: plain.slice(48, 80),
    flags: plain[80]!,
    kindCounts: format === 2 ? KNOWN_KINDS.map((_, i) => view.getUint32(81 + 4 * i)) : [],
  };
}
