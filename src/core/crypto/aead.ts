import { createCipheriv, createDecipheriv } from 'node:crypto';
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

/**
 * The same XChaCha20-Poly1305-IETF construction through Node's OpenSSL, for large blobs (the search cache):
 * subkey = HChaCha20(key, nonce[0..16)), then ChaCha20-Poly1305-IETF with nonce 0x00000000 | nonce[16..24).
 * Faster than WebAssembly on megabytes and it does not grow libsodium's heap. Output is byte-identical to
 * libsodium's (tested).
 */
export function sealLarge(sodium: Sodium, key: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Uint8Array {
  const nonce = sodium.randombytes_buf(NONCE_BYTES);
  const subkey = sodium.crypto_core_hchacha20(nonce.subarray(0, 16), key, null);
  try {
    const cipher = createCipheriv('chacha20-poly1305', subkey, ietfNonce(nonce), { authTagLength: TAG_BYTES });
    cipher.setAAD(ad, { plaintextLength: plaintext.length });
    const body = cipher.update(plaintext);
    cipher.final();
    const out = new Uint8Array(NONCE_BYTES + body.length + TAG_BYTES);
    out.set(nonce, 0);
    out.set(body, NONCE_BYTES);
    out.set(cipher.getAuthTag(), NONCE_BYTES + body.length);
    body.fill(0);
    return out;
  } finally {
    subkey.fill(0);
  }
}

export function openLarge(sodium: Sodium, key: Uint8Array, box: Uint8Array, ad: Uint8Array): Uint8Array | null {
  if (box.length < NONCE_BYTES + TAG_BYTES) return null;
  const nonce = box.subarray(0, NONCE_BYTES);
  const subkey = sodium.crypto_core_hchacha20(nonce.subarray(0, 16), key, null);
  try {
    const decipher = createDecipheriv('chacha20-poly1305', subkey, ietfNonce(nonce), { authTagLength: TAG_BYTES });
    decipher.setAAD(ad, { plaintextLength: box.length - NONCE_BYTES - TAG_BYTES });
    decipher.setAuthTag(box.subarray(box.length - TAG_BYTES));
    const plain = decipher.update(box.subarray(NONCE_BYTES, box.length - TAG_BYTES));
    try {
      decipher.final();
    } catch {
      plain.fill(0);
      return null;
    }
    return plain;
  } finally {
    subkey.fill(0);
  }
}

function ietfNonce(nonce: Uint8Array): Uint8Array {
  const iv = new Uint8Array(12);
  iv.set(nonce.subarray(16, 24), 4);
  return iv;
}
