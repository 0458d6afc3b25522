/**
 * Source of `warmUpArgon2(sodium)` for the key-derivation workers (plain CommonJS, given as source).
 *
 * V8 first runs WebAssembly with its baseline compiler and swaps in optimised code only when a function is
 * next called. Argon2id (one lane) calls its inner loop a dozen times per derivation, so a cold derivation
 * runs mostly baseline code: measured here, 256 MiB / 3 passes took about 0.89 s cold against 0.75 s after a
 * 1 MiB derivation (about 4 ms) had run first. The warm-up derives from constants: nothing secret is involved.
 */
export const ARGON2_WARM_UP_SOURCE = `
function warmUpArgon2(sodium) {
  const out = sodium.crypto_pwhash(16, new Uint8Array(1), new Uint8Array(16), 1, 1024 * 1024, sodium.crypto_pwhash_ALG_ARGON2ID13);
  out.fill(0);
}
`;
