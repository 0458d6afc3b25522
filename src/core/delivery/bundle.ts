import { openLarge, sealLarge } from '../crypto/aead';
import { pad, unpad } from '../crypto/padding';
import { wipe, type Sodium } from '../crypto/sodium';
import { concat } from './bytes';
import type { PublicCard } from './card';
import type { DeliveryIdentity } from './identity';

/**
 * A sealed bundle: one file that carries a redacted brief to chosen colleagues over any channel (a USB stick,
 * mail, a messenger). Only the recipients can open it; each recipient can tell who signed it; nobody else learns
 * who sent it or to whom (the recipients are anonymous stanzas; the sender's keys are inside the ciphertext).
 * SECURITY.md ("Sealed delivery") gives the format byte for byte, with test vectors.
 *
 * outer  = "FVB1" | version 0x01 | bundle id (16) | n (1, 1..16) | n stanzas (80 each) | payload box
 * stanza = crypto_box_seal(file key (32), recipient's receiving key)
 * payload box = XChaCha20-Poly1305-IETF(file key, pad(inner), AD = every outer byte before it): nonce | ct | tag
 * inner  = "FVBI" | sender signing key (32) | sender receiving key (32) | n (1) | n recipients' receiving keys
 *          (32 each, in stanza order) | signature (64) | content
 * signature = Ed25519(sender, "FV-BUNDLE-SIGNED-1" | bundle id | sender receiving key | n | recipients' keys |
 *             BLAKE2b-256(content)): a recipient cannot pass the sender's signature on to someone else as if sent
 *             to them, because the signed list of recipients would not name them.
 * content = u32 meta length | meta (UTF-8 JSON) | file bytes
 */

export const BUNDLE_MAGIC = 'FVB1';
const INNER_MAGIC = 'FVBI';
const VERSION = 1;
const ID_BYTES = 16;
const KEY_BYTES = 32;
const STANZA_BYTES = 80; // crypto_box_SEALBYTES (48) + 32
const SIGNATURE_BYTES = 64;
const BOX_OVERHEAD = 24 + 16;
export const MAX_RECIPIENTS = 16;
const HEADER_BYTES = 4 + 1 + ID_BYTES + 1;
const SIGNED_CONTEXT = new TextEncoder().encode('FV-BUNDLE-SIGNED-1');

/** What a bundle says about its file (shown before the brief is filed in Received). */
export interface BundleMeta {
  readonly kind: 'brief';
  readonly format: 'md' | 'txt' | 'docx' | 'pdf';
  /** The file name the sender chose (checked for identities when the brief was written). */
  readonly name: string;
  readonly title: string;
  readonly interviews: number;
}

export interface BundleContent {
  readonly meta: BundleMeta;
  readonly file: Uint8Array;
}

export interface OpenedBundle {
  readonly bundleId: string;
  readonly sender: PublicCard;
  readonly content: BundleContent;
}

/**
 * Why a bundle did not open. not-a-bundle: some other file; newer-version: made by a newer Fieldvault; damaged:
 * cut short or altered (the seal or the signature fails); not-for-you: sealed to other people, or passed on by a
 * recipient under a signature that does not name this vault.
 */
export type BundleProblem = 'not-a-bundle' | 'newer-version' | 'damaged' | 'not-for-you';

const ascii = (s: string) => new TextEncoder().encode(s);

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}

function signedMessage(sodium: Sodium, bundleId: Uint8Array, senderBox: Uint8Array, recipients: readonly Uint8Array[], content: Uint8Array): Uint8Array {
  return concat(SIGNED_CONTEXT, bundleId, senderBox, Uint8Array.of(recipients.length), ...recipients, sodium.crypto_generichash(32, content, null));
}

function encodeContent(content: BundleContent): Uint8Array {
  const meta = new TextEncoder().encode(JSON.stringify(content.meta));
  return concat(u32(meta.length), meta, content.file);
}

function decodeContent(bytes: Uint8Array): BundleContent | null {
  if (bytes.length < 4) return null;
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  if (4 + length > bytes.length) return null;
  let meta: unknown;
  try {
    meta = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, 4 + length)));
  } catch {
    return null;
  }
  if (!isBundleMeta(meta)) return null;
  return { meta, file: bytes.slice(4 + length) };
}

/** Whether a decoded value is a bundle's meta as this version writes it (also checked when a received record is read). */
export function isBundleMeta(v: unknown): v is BundleMeta {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return (
    m.kind === 'brief' &&
    (m.format === 'md' || m.format === 'txt' || m.format === 'docx' || m.format === 'pdf') &&
    typeof m.name === 'string' &&
    m.name.length <= 255 &&
    typeof m.title === 'string' &&
    m.title.length <= 1000 &&
    Number.isSafeInteger(m.interviews) &&
    (m.interviews as number) >= 0
  );
}

/** Seals `content` to the recipients' cards, signed by `sender`. Recipients: 1..16, each once. */
export function sealBundle(sodium: Sodium, sender: DeliveryIdentity, recipients: readonly PublicCard[], content: BundleContent): Uint8Array {
  if (recipients.length < 1 || recipients.length > MAX_RECIPIENTS) throw new RangeError(`A bundle is sealed to 1 to ${MAX_RECIPIENTS} colleagues.`);
  const keys = recipients.map((r) => r.boxPublicKey);
  const bundleId = sodium.randombytes_buf(ID_BYTES);
  const fileKey = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
  try {
    const body = encodeContent(content);
    const signature = sodium.crypto_sign_detached(signedMessage(sodium, bundleId, sender.boxPublicKey, keys, body), sender.signSecretKey);
    const inner = concat(ascii(INNER_MAGIC), sender.signPublicKey, sender.boxPublicKey, Uint8Array.of(keys.length), ...keys, signature, body);
    const head = concat(ascii(BUNDLE_MAGIC), Uint8Array.of(VERSION), bundleId, Uint8Array.of(keys.length), ...keys.map((k) => sodium.crypto_box_seal(fileKey, k)));
    const padded = pad(inner);
    const box = sealLarge(sodium, fileKey, padded, head);
    wipe(padded, inner, body);
    return concat(head, box);
  } finally {
    wipe(fileKey);
  }
}

/** Opens a bundle sealed to `me`; says why not otherwise. Never throws on bad input. */
export function openBundle(sodium: Sodium, me: DeliveryIdentity, bytes: Uint8Array): OpenedBundle | { readonly problem: BundleProblem } {
  if (bytes.length < 5 || new TextDecoder().decode(bytes.subarray(0, 4)) !== BUNDLE_MAGIC) return { problem: 'not-a-bundle' };
  if (bytes[4] !== VERSION) return { problem: bytes[4]! > VERSION ? 'newer-version' : 'not-a-bundle' };
  if (bytes.length < HEADER_BYTES) return { problem: 'damaged' };
  const n = bytes[HEADER_BYTES - 1]!;
  const headEnd = HEADER_BYTES + n * STANZA_BYTES;
  if (n < 1 || n > MAX_RECIPIENTS || bytes.length < headEnd + BOX_OVERHEAD) return { problem: 'damaged' };
  const head = bytes.subarray(0, headEnd);
  let fileKey: Uint8Array | null = null;
  let slot = -1;
  for (let i = 0; i < n && !fileKey; i++) {
    try {
      const k = sodium.crypto_box_seal_open(head.subarray(HEADER_BYTES + i * STANZA_BYTES, HEADER_BYTES + (i + 1) * STANZA_BYTES), me.boxPublicKey, me.boxSecretKey);
      if (k.length === KEY_BYTES) {
        fileKey = k;
        slot = i;
      }
    } catch {
      /* not this stanza */
    }
  }
  if (!fileKey) return { problem: 'not-for-you' };
  let padded: Uint8Array | null = null;
  try {
    padded = openLarge(sodium, fileKey, bytes.subarray(headEnd), head);
    const unpadded = padded ? unpad(padded) : null;
    if (!unpadded) return { problem: 'damaged' };
    // A plain copy: OpenSSL's output is a Buffer, whose slice() is a view of what is wiped below.
    const inner = new Uint8Array(unpadded);
    const fixed = 4 + KEY_BYTES * 2 + 1;
    if (inner.length < fixed || new TextDecoder().decode(inner.subarray(0, 4)) !== INNER_MAGIC) return { problem: 'damaged' };
    const senderSign = inner.slice(4, 4 + KEY_BYTES);
    const senderBox = inner.slice(4 + KEY_BYTES, 4 + KEY_BYTES * 2);
    if (inner[fixed - 1] !== n || inner.length < fixed + n * KEY_BYTES + SIGNATURE_BYTES) return { problem: 'damaged' };
    const keys = Array.from({ length: n }, (_, i) => inner.slice(fixed + i * KEY_BYTES, fixed + (i + 1) * KEY_BYTES));
    const sigAt = fixed + n * KEY_BYTES;
    const signature = inner.subarray(sigAt, sigAt + SIGNATURE_BYTES);
    const body = inner.subarray(sigAt + SIGNATURE_BYTES);
    const bundleId = bytes.subarray(5, 5 + ID_BYTES);
    if (!sodium.crypto_sign_verify_detached(signature, signedMessage(sodium, bundleId, senderBox, keys, body), senderSign)) return { problem: 'damaged' };
    // The sender signed a list of recipients: this vault must be on it, at the stanza it opened.
    if (!sodium.memcmp(keys[slot]!, me.boxPublicKey)) return { problem: 'not-for-you' };
    const content = decodeContent(body);
    if (!content) return { problem: 'damaged' };
    return { bundleId: Buffer.from(bundleId).toString('hex'), sender: { boxPublicKey: senderBox, signPublicKey: senderSign }, content };
  } catch {
    return { problem: 'damaged' };
  } finally {
    wipe(fileKey, padded);
  }
}
