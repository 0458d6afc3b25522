import type { Sodium } from './sodium';

export const NONCE_BYTES = 24; // XChaCha20: random nonces are safe at this size
export const TAG_BYTES = 16;

/** XChaCha20-Poly1305-IETF with a fresh random nonce; output = nonce | ciphertext | tag. */
export function seal(sodium: Sodium, key: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Uint8Array {
  const nonce = sodium.randombytes_buf(NONCE_BYTES);
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
  const out = new Uint8Array(NONCE_BYTES + ct.length);
  out.set(nonce, 0);
  out.set(ct, NONCE_BYTES);
  return out;
}

/** Returns null when authentication fails (wrong key, tampered bytes, wrong associated data). */
export function open(sodium: Sodium, key: Uint8Array, box: Uint8Array, ad: Uint8Array): Uint8Array | null {
  if (box.length < NONCE_BYTES + TAG_BYTES) return null;
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      box.subarray(NONCE_BYTES),
      ad,
      box.subarray(0, NONCE_BYTES),
      key,
    );
  } catch {
    return null;
  }
}
