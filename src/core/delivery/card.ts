import { wordlist } from '@scure/bip39/wordlists/english.js';
import type { Sodium } from '../crypto/sodium';
import { concat } from './bytes';

/**
 * A vault's public card: what a colleague pastes into their Fieldvault to send it sealed briefs and to know
 * briefs from it. It carries the vault's receiving key (X25519) and signing key (Ed25519), nothing else: no name,
 * no label (each colleague labels a card themselves).
 *
 *   text  = "fvcard1." base64url-without-padding(bytes)
 *   bytes = 0x01 | receiving public key (32) | signing public key (32) | check (4)
 *   check = the first 4 bytes of BLAKE2b-128("FV-CARD-CHECK-1" | 0x01 | both keys)  (catches a mistyped card)
 *
 * Its fingerprint, read aloud to compare by phone: 8 words of the BIP-39 English list (11 bits each) from the
 * first 88 bits of BLAKE2b-256("FV-FINGERPRINT-1" | both keys). A different card with the same words would
 * take about 2^88 key generations to find.
 */

export interface PublicCard {
  readonly boxPublicKey: Uint8Array;
  readonly signPublicKey: Uint8Array;
}

export const CARD_PREFIX = 'fvcard1.';
const CARD_VERSION = 1;
const KEY_BYTES = 32;
const CHECK_BYTES = 4;
const CARD_BYTES = 1 + KEY_BYTES * 2 + CHECK_BYTES;
const CHECK_CONTEXT = new TextEncoder().encode('FV-CARD-CHECK-1');
const FINGERPRINT_CONTEXT = new TextEncoder().encode('FV-FINGERPRINT-1');
export const FINGERPRINT_WORDS = 8;

function check(sodium: Sodium, body: Uint8Array): Uint8Array {
  return sodium.crypto_generichash(16, concat(CHECK_CONTEXT, body), null).subarray(0, CHECK_BYTES);
}

export function encodeCard(sodium: Sodium, card: PublicCard): string {
  const body = concat(Uint8Array.of(CARD_VERSION), card.boxPublicKey, card.signPublicKey);
  return CARD_PREFIX + Buffer.from(concat(body, check(sodium, body))).toString('base64url');
}

export type CardProblem = 'not-a-card' | 'mistyped' | 'newer-version';

/**
 * The card in a pasted text, or why it is not one. Spaces and line breaks anywhere are ignored (cards get
 * wrapped by mail programs and chat apps).
 */
export function decodeCard(sodium: Sodium, text: string): PublicCard | { readonly problem: CardProblem } {
  const compact = text.replace(/\s+/g, '');
  // A later format says so in its prefix (fvcard2. …); inside fvcard1. anything that does not check out is a
  // copying mistake, whatever its first byte happens to be.
  const version = /^fvcard(\d{1,3})\./i.exec(compact);
  if (version && Number(version[1]) > CARD_VERSION) return { problem: 'newer-version' };
  if (!compact.toLowerCase().startsWith(CARD_PREFIX)) return { problem: 'not-a-card' };
  const encoded = compact.slice(CARD_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return { problem: 'mistyped' };
  const bytes = new Uint8Array(Buffer.from(encoded, 'base64url'));
  const body = bytes.subarray(0, CARD_BYTES - CHECK_BYTES);
  if (bytes.length === CARD_BYTES && bytes[0] === CARD_VERSION && sodium.memcmp(check(sodium, body), bytes.subarray(CARD_BYTES - CHECK_BYTES))) {
    return { boxPublicKey: bytes.slice(1, 1 + KEY_BYTES), signPublicKey: bytes.slice(1 + KEY_BYTES, 1 + KEY_BYTES * 2) };
  }
  return { problem: 'mistyped' };
}

export function isCard(v: PublicCard | { readonly problem: CardProblem }): v is PublicCard {
  return 'boxPublicKey' in v;
}

/** The card's fingerprint as words, to read to each other over the phone. */
export function fingerprintWords(sodium: Sodium, card: PublicCard): readonly string[] {
  const hash = sodium.crypto_generichash(32, concat(FINGERPRINT_CONTEXT, card.boxPublicKey, card.signPublicKey), null);
  const words: string[] = [];
  let acc = 0;
  let bits = 0;
  let i = 0;
  while (words.length < FINGERPRINT_WORDS) {
    acc = (acc << 8) | hash[i++]!;
    bits += 8;
    if (bits >= 11) {
      bits -= 11;
      words.push(wordlist[(acc >>> bits) & 0x7ff]!);
      acc &= (1 << bits) - 1;
    }
  }
  return words;
}

/** Whether two cards are the same vault's (both keys equal, in constant time). */
export function sameCard(sodium: Sodium, a: PublicCard, b: PublicCard): boolean {
  return sodium.memcmp(a.boxPublicKey, b.boxPublicKey) && sodium.memcmp(a.signPublicKey, b.signPublicKey);
}
