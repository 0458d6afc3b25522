import { constants as bufferConstants } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open, openLarge, seal, sealLarge } from '../crypto/aead';
import { pad, unpad } from '../crypto/padding';
import { wipe, type Sodium } from '../crypto/sodium';
import { VaultError } from '../errors';
import { isKnownKind, type RecordKind } from './format';
import { VAULT_ID_BYTES } from './header';
import { RECOVERY_ENTROPY_BYTES } from './recovery-code';
import type { VerbatimRow } from './store';

/**
 * The travel package (".fvtravel"): the rows that left the vault at travel.start, exactly as the vault stored
 * them (still encrypted under the vault's keys), sealed again under a random package key. All integers big-endian.
 *    0   8  magic "FVTRAVEL"
 *    8   2  format version (1)
 *   10   1  n: colleague stanzas (0..16)
 *   11   5  reserved, zero
 *   16  16  vault id
 *   32  16  package id (random)
 *   48   8  created at, milliseconds since 1970-01-01 UTC
 *   56  72  code stanza: XChaCha20-Poly1305(code key, package key, AD = bytes 0..56): nonce | ct | tag
 *  128  80n colleague stanzas: crypto_box_seal(package key, colleague's X25519 card key)
 *    …      payload box: XChaCha20-Poly1305(package key, pad(payload), AD = every byte before it)
 *  end  32  SHA-256 of every byte before it (damage in transit, told apart from a wrong code; not the protection)
 * code key = BLAKE2b-256(key = the code's 16 bytes, "FV-TRAVEL-CODE-1" | package id | vault id). The code
 * carries 128 random bits, so no slow key derivation is needed.
 * payload = "FVTP" | u32 rows | per row: id (16) | kind (4) | revision (8) | u32 box length | box
 */
export const TRAVEL_MAGIC = Buffer.from('FVTRAVEL', 'ascii');
export const TRAVEL_VERSION = 1;
export const TRAVEL_HEADER_BYTES = 56;
const CODE_STANZA_BYTES = 24 + 32 + 16;
const COLLEAGUE_STANZA_BYTES = 48 + 32;
export const MAX_TRAVEL_RECIPIENTS = 16;
const CHECKSUM_BYTES = 32;
const PACKAGE_ID_BYTES = 16;
const CODE_CONTEXT = new TextEncoder().encode('FV-TRAVEL-CODE-1');
const PAYLOAD_MAGIC = Buffer.from('FVTP', 'ascii');
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const OTHER_MAGICS: readonly [Buffer, string][] = [
  [SQLITE_MAGIC, "it is an SQLite database, such as a vault's own database file"],
  [Buffer.from('FIELDVLT', 'ascii'), "it is a vault's header file"],
  [Buffer.from('FVBACKUP', 'ascii'), 'it is a Fieldvault backup: restore it with "Restore" instead'],
  [Buffer.from('FVB1', 'ascii'), 'it is a sealed brief'],
];

export interface TravelPackageHeader {
  readonly vaultId: Uint8Array;
  readonly packageId: Uint8Array;
  readonly createdAt: number;
  readonly recipients: number;
}

/** A package whose layout and checksum hold (nothing decrypted yet). */
export interface ParsedTravelPackage extends TravelPackageHeader {
  readonly bytes: Uint8Array;
}

function codeKey(sodium: Sodium, entropy: Uint8Array, packageId: Uint8Array, vaultId: Uint8Array): Uint8Array {
  const msg = new Uint8Array(CODE_CONTEXT.length + PACKAGE_ID_BYTES + VAULT_ID_BYTES);
  msg.set(CODE_CONTEXT, 0);
  msg.set(packageId, CODE_CONTEXT.length);
  msg.set(vaultId, CODE_CONTEXT.length + PACKAGE_ID_BYTES);
  return sodium.crypto_generichash(32, msg, entropy);
}

function encodePayload(rows: readonly VerbatimRow[]): Uint8Array {
  const size = 8 + rows.reduce((n, r) => n + 32 + r.box.length, 0);
  const out = Buffer.alloc(size);
  PAYLOAD_MAGIC.copy(out, 0);
  out.writeUInt32BE(rows.length, 4);
  let o = 8;
  for (const r of rows) {
    out.write(r.id, o, 16, 'hex');
    out.writeUInt32BE(r.kind, o + 16);
    out.writeBigUInt64BE(BigInt(r.revision), o + 20);
    out.writeUInt32BE(r.box.length, o + 28);
    out.set(r.box, o + 32);
    o += 32 + r.box.length;
  }
  return out;
}

function decodePayload(plain: Uint8Array): VerbatimRow[] | null {
  const b = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
  if (b.length < 8 || !b.subarray(0, 4).equals(PAYLOAD_MAGIC)) return null;
  const count = b.readUInt32BE(4);
  const rows: VerbatimRow[] = [];
  let o = 8;
  for (let i = 0; i < count; i++) {
    if (o + 32 > b.length) return null;
    const kind = b.readUInt32BE(o + 16);
    const revision = Number(b.readBigUInt64BE(o + 20));
    const length = b.readUInt32BE(o + 28);
    if (!isKnownKind(kind) || !Number.isSafeInteger(revision) || revision < 1 || o + 32 + length > b.length) return null;
    rows.push({ id: b.toString('hex', o, o + 16), kind: kind as RecordKind, revision, box: new Uint8Array(b.subarray(o + 32, o + 32 + length)) });
    o += 32 + length;
  }
  return o === b.length ? rows : null;
}

export interface TravelPackageInput {
  readonly vaultId: Uint8Array;
  readonly packageId: Uint8Array;
  readonly createdAt: number;
  /** The recovery code's 16 bytes. */
  readonly entropy: Uint8Array;
  readonly packageKey: Uint8Array;
  /** Colleagues' X25519 keys (their cards' receiving keys). */
  readonly recipients: readonly Uint8Array[];
  readonly rows: readonly VerbatimRow[];
}

export function encodeTravelPackage(sodium: Sodium, p: TravelPackageInput): Uint8Array {
  if (p.entropy.length !== RECOVERY_ENTROPY_BYTES || p.packageKey.length !== 32 || p.packageId.length !== PACKAGE_ID_BYTES) throw new Error('bad travel package keys');
  if (p.recipients.length > MAX_TRAVEL_RECIPIENTS) throw new VaultError('invalid-request', `A travel package can be sealed to at most ${MAX_TRAVEL_RECIPIENTS} colleagues.`);
  const header = Buffer.alloc(TRAVEL_HEADER_BYTES);
  TRAVEL_MAGIC.copy(header, 0);
  header.writeUInt16BE(TRAVEL_VERSION, 8);
  header[10] = p.recipients.length;
  header.set(p.vaultId, 16);
  header.set(p.packageId, 32);
  header.writeBigUInt64BE(BigInt(p.createdAt), 48);
  const key = codeKey(sodium, p.entropy, p.packageId, p.vaultId);
  const codeStanza = seal(sodium, key, p.packageKey, header);
  wipe(key);
  const stanzas = p.recipients.map((pk) => sodium.crypto_box_seal(p.packageKey, pk));
  const before = Buffer.concat([header, codeStanza, ...stanzas]);
  const payload = encodePayload(p.rows);
  const padded = pad(payload);
  payload.fill(0);
  const box = sealLarge(sodium, p.packageKey, padded, before);
  const body = Buffer.concat([before, box]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** The largest file read as a package (a Buffer's limit; far above a register with its interviews). */
const MAX_TRAVEL_PACKAGE_BYTES = Math.min(bufferConstants.MAX_LENGTH, 4 * 1024 ** 3);

const notAPackage = (what: string) =>
  new VaultError('invalid-request', `That file is not a Fieldvault travel package (${what}). Choose the .fvtravel file that "travel start" wrote. Nothing was changed.`);
export const damagedPackage = (what: string) =>
  new VaultError('invalid-request', `This travel package is damaged (${what}), so it cannot bring anything back. Use another copy of the package. Nothing was changed.`);

/** Checks a package's layout and checksum (no key needed). Throws a clear VaultError otherwise. */
export function parseTravelPackage(bytes: Uint8Array): ParsedTravelPackage {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < TRAVEL_MAGIC.length || !b.subarray(0, TRAVEL_MAGIC.length).equals(TRAVEL_MAGIC)) {
    for (const [magic, what] of OTHER_MAGICS) if (b.subarray(0, magic.length).equals(magic)) throw notAPackage(what);
    throw notAPackage(b.length < TRAVEL_MAGIC.length ? 'it is too short' : 'it does not start as one');
  }
  if (b.length < TRAVEL_HEADER_BYTES) throw damagedPackage('it was cut short');
  const version = b.readUInt16BE(8);
  if (version > TRAVEL_VERSION) {
    throw new VaultError('newer-version', `This travel package was made by a newer Fieldvault (package format ${version}). Update Fieldvault to open it; nothing was changed.`);
  }
  const recipients = b[10]!;
  if (version < 1 || recipients > MAX_TRAVEL_RECIPIENTS || b.readUInt32BE(12) !== 0 || b[11] !== 0) throw damagedPackage('its first bytes are altered');
  const min = TRAVEL_HEADER_BYTES + CODE_STANZA_BYTES + recipients * COLLEAGUE_STANZA_BYTES + 40 + CHECKSUM_BYTES;
  if (b.length < min) throw damagedPackage('it was cut short');
  const body = b.subarray(0, b.length - CHECKSUM_BYTES);
  if (!createHash('sha256').update(body).digest().equals(b.subarray(b.length - CHECKSUM_BYTES))) {
    throw damagedPackage('its checksum does not match: bytes were changed or lost, or it was cut short');
  }
  return {
    bytes: body,
    vaultId: new Uint8Array(b.subarray(16, 32)),
    packageId: new Uint8Array(b.subarray(32, 48)),
    createdAt: Number(b.readBigUInt64BE(48)),
    recipients,
  };
}

const payloadStart = (p: ParsedTravelPackage) => TRAVEL_HEADER_BYTES + CODE_STANZA_BYTES + p.recipients * COLLEAGUE_STANZA_BYTES;

/** The package key the code unlocks, or null when this (well-formed) code is not this package's. The caller wipes it. */
export function unwrapWithCode(sodium: Sodium, p: ParsedTravelPackage, entropy: Uint8Array): Uint8Array | null {
  const key = codeKey(sodium, entropy, p.packageId, p.vaultId);
  try {
    return open(sodium, key, p.bytes.subarray(TRAVEL_HEADER_BYTES, TRAVEL_HEADER_BYTES + CODE_STANZA_BYTES), p.bytes.subarray(0, TRAVEL_HEADER_BYTES));
  } finally {
    wipe(key);
  }
}

/** The package key through a colleague's stanza (their vault's receiving keys), or null when none is theirs. */
export function unwrapAsColleague(sodium: Sodium, p: ParsedTravelPackage, publicKey: Uint8Array, secretKey: Uint8Array): Uint8Array | null {
  for (let i = 0; i < p.recipients; i++) {
    const at = TRAVEL_HEADER_BYTES + CODE_STANZA_BYTES + i * COLLEAGUE_STANZA_BYTES;
    try {
      return sodium.crypto_box_seal_open(p.bytes.subarray(at, at + COLLEAGUE_STANZA_BYTES), publicKey, secretKey);
    } catch {
      /* not this colleague's stanza */
    }
  }
  return null;
}

/** The rows inside, with the package key. Throws "damaged" when the payload does not authenticate or parse. */
export function openPayload(sodium: Sodium, p: ParsedTravelPackage, packageKey: Uint8Array): VerbatimRow[] {
  const start = payloadStart(p);
  const plain = openLarge(sodium, packageKey, p.bytes.subarray(start), p.bytes.subarray(0, start));
  if (!plain) throw damagedPackage('its contents do not authenticate');
  try {
    const rows = unpad(plain);
    const decoded = rows ? decodePayload(rows) : null;
    if (!decoded) throw damagedPackage('its contents are not laid out as a package');
    return decoded;
  } finally {
    plain.fill(0);
  }
}

/** Reads a package file whole (a register of thousands of people is a few megabytes) and checks its layout. */
export function readTravelPackageFile(path: string): ParsedTravelPackage {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw new VaultError('not-found', 'There is no travel package at that location. Nothing was changed.');
    if (code === 'EISDIR') throw notAPackage('it is a folder');
    if (code === 'EACCES' || code === 'EPERM') throw new VaultError('permission-denied', 'Fieldvault is not allowed to read that travel package. Nothing was changed.');
    throw new VaultError('internal', `Reading the travel package failed (${code ?? 'unexpected error'}). Nothing was changed.`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw notAPackage('it is not a regular file');
    // The first bytes decide before the whole file is read: a wrong file chosen (a 4 GB video) is refused without
    // allocating its size.
    const head = Buffer.alloc(Math.min(stat.size, TRAVEL_HEADER_BYTES));
    for (let done = 0; done < head.length; ) {
      const n = readSync(fd, head, done, head.length - done, done);
      if (n === 0) break;
      done += n;
    }
    if (head.length < TRAVEL_MAGIC.length || !head.subarray(0, TRAVEL_MAGIC.length).equals(TRAVEL_MAGIC)) parseTravelPackage(head);
    if (stat.size > MAX_TRAVEL_PACKAGE_BYTES) throw notAPackage('it is larger than any travel package Fieldvault can open');
    const buf = Buffer.alloc(stat.size);
    for (let done = 0; done < buf.length; ) {
      const n = readSync(fd, buf, done, buf.length - done, done);
      if (n === 0) throw damagedPackage('it was cut short');
      done += n;
    }
    return parseTravelPackage(buf);
  } catch (err) {
    if (err instanceof VaultError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'EIO') throw damagedPackage('the disk could not read it');
    throw new VaultError('internal', `Reading the travel package failed (${code ?? 'unexpected error'}). Nothing was changed.`);
  } finally {
    closeSync(fd);
  }
}
