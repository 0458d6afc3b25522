import { createHash, randomFillSync } from 'node:crypto';
import { wordlist } from '@scure/bip39/wordlists/english.js';

/**
 * The recovery code of a travel package: 128 random bits written as 12 words of the BIP-39 English list, the
 * last word carrying a 4-bit check (the first bits of SHA-256 of the 16 bytes), exactly as BIP-39 encodes 128
 * bits (tested against @scure/bip39). Only the word list is imported: the package's hashing code would cost
 * the worker bundle more than this. The check catches most mistyped words before any decryption is tried.
 */
export const RECOVERY_CODE_WORDS = 12;
export const RECOVERY_ENTROPY_BYTES = 16;

const INDEX = new Map(wordlist.map((w, i) => [w, i] as const));

export function encodeRecoveryCode(entropy: Uint8Array): string {
  if (entropy.length !== RECOVERY_ENTROPY_BYTES) throw new Error('a recovery code holds 16 bytes');
  const check = createHash('sha256').update(entropy).digest()[0]! >>> 4;
  const words: string[] = [];
  // 132 bits: the 128 of the entropy, then the 4 of the check; 11 bits a word.
  const bit = (i: number) => (i < 128 ? (entropy[i >>> 3]! >>> (7 - (i & 7))) & 1 : (check >>> (131 - i)) & 1);
  for (let w = 0; w < RECOVERY_CODE_WORDS; w++) {
    let n = 0;
    for (let b = 0; b < 11; b++) n = (n << 1) | bit(w * 11 + b);
    words.push(wordlist[n]!);
  }
  return words.join(' ');
}

/** A fresh code from the system's CSPRNG (its bytes are wiped once written as words). */
export function newRecoveryCode(): string {
  const entropy = randomFillSync(new Uint8Array(RECOVERY_ENTROPY_BYTES));
  try {
    return encodeRecoveryCode(entropy);
  } finally {
    entropy.fill(0);
  }
}

/** Why a typed code is not a code (nothing was decrypted). */
export type RecoveryCodeProblem =
  | { readonly problem: 'count'; readonly words: number }
  | { readonly problem: 'unknown-word'; readonly position: number }
  | { readonly problem: 'check' };

/**
 * The 16 bytes of a code as the researcher types it: any case, any spaces, commas or line breaks between words;
 * a word may be cut to its first four letters (BIP-39 words differ there). The caller wipes the result.
 */
export function decodeRecoveryCode(text: string): Uint8Array | RecoveryCodeProblem {
  const typed = text
    .normalize('NFKD')
    .toLowerCase()
    .split(/[\s,;.\-–—]+/u)
    .filter(Boolean);
  if (typed.length !== RECOVERY_CODE_WORDS) return { problem: 'count', words: typed.length };
  const indexes: number[] = [];
  for (const [i, w] of typed.entries()) {
    let n = INDEX.get(w);
    if (n === undefined && w.length >= 4) {
      const matches = wordlist.flatMap((x, j) => (x.startsWith(w) ? [j] : []));
      if (matches.length === 1) n = matches[0];
    }
    if (n === undefined) return { problem: 'unknown-word', position: i + 1 };
    indexes.push(n);
  }
  const entropy = new Uint8Array(RECOVERY_ENTROPY_BYTES);
  let check = 0;
  for (let i = 0; i < 132; i++) {
    const b = (indexes[Math.floor(i / 11)]! >>> (10 - (i % 11))) & 1;
    if (i < 128) entropy[i >>> 3]! |= b << (7 - (i & 7));
    else check = (check << 1) | b;
  }
  if (createHash('sha256').update(entropy).digest()[0]! >>> 4 !== check) {
    entropy.fill(0);
    return { problem: 'check' };
  }
  return entropy;
}

export function isRecoveryEntropy(v: Uint8Array | RecoveryCodeProblem): v is Uint8Array {
  return v instanceof Uint8Array;
}
