import { wipe, type Sodium } from '../crypto/sodium';
import type { PublicCard } from './card';

/**
 * A vault's keys for sealed delivery: one X25519 pair to receive bundles (crypto_box_seal) and one Ed25519 pair
 * to sign the bundles it sends. The secret halves live only in Uint8Arrays, inside the vault's encrypted records,
 * and are wiped with the session.
 */
export interface DeliveryIdentity extends PublicCard {
  readonly boxSecretKey: Uint8Array;
  readonly signSecretKey: Uint8Array;
}

export function createIdentity(sodium: Sodium): DeliveryIdentity {
  const box = sodium.crypto_box_keypair();
  const sign = sodium.crypto_sign_keypair();
  return { boxPublicKey: box.publicKey, boxSecretKey: box.privateKey, signPublicKey: sign.publicKey, signSecretKey: sign.privateKey };
}

export function publicCard(identity: DeliveryIdentity): PublicCard {
  return { boxPublicKey: identity.boxPublicKey, signPublicKey: identity.signPublicKey };
}

export function wipeIdentity(identity: DeliveryIdentity | null): void {
  if (identity) wipe(identity.boxSecretKey, identity.signSecretKey);
}

/**
 * The identity as its vault record (kind 8) stores it: the four keys in base64, inside the record's encryption
 * like everything else. The record's plaintext passes through a string (every record is JSON); the keys are
 * held as Uint8Arrays from the moment they are read back (identityFromRecord) until the session is locked.
 */
export interface IdentityRecord {
  readonly boxPublicKey: string;
  readonly boxSecretKey: string;
  readonly signPublicKey: string;
  readonly signSecretKey: string;
  readonly createdAt: string;
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function identityRecord(identity: DeliveryIdentity, now = new Date()): IdentityRecord {
  return {
    boxPublicKey: b64(identity.boxPublicKey),
    boxSecretKey: b64(identity.boxSecretKey),
    signPublicKey: b64(identity.signPublicKey),
    signSecretKey: b64(identity.signSecretKey),
    createdAt: now.toISOString(),
  };
}

/** The keys of an identity record, or null when it is not one (wrong lengths or a key pair that does not match). */
export function identityFromRecord(sodium: Sodium, data: unknown): DeliveryIdentity | null {
  if (typeof data !== 'object' || data === null) return null;
  const r = data as Record<string, unknown>;
  const key = (name: string, length: number): Uint8Array | null => {
    const v = r[name];
    if (typeof v !== 'string') return null;
    const buf = Buffer.from(v, 'base64');
    const out = new Uint8Array(buf);
    buf.fill(0);
    if (out.length === length) return out;
    wipe(out);
    return null;
  };
  const boxPublicKey = key('boxPublicKey', 32);
  const boxSecretKey = key('boxSecretKey', 32);
  const signPublicKey = key('signPublicKey', 32);
  const signSecretKey = key('signSecretKey', 64);
  if (!boxPublicKey || !boxSecretKey || !signPublicKey || !signSecretKey) {
    wipe(boxSecretKey, signSecretKey);
    return null;
  }
  const identity = { boxPublicKey, boxSecretKey, signPublicKey, signSecretKey };
  // The public halves must be the secret halves' (an Ed25519 secret key ends with its public key).
  const derivedBox = sodium.crypto_scalarmult_base(boxSecretKey);
  const matches = sodium.memcmp(derivedBox, boxPublicKey) && sodium.memcmp(signSecretKey.subarray(32), signPublicKey);
  wipe(derivedBox);
  if (!matches) {
    wipeIdentity(identity);
    return null;
  }
  return identity;
}
