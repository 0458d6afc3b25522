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
