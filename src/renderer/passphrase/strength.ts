import { ALPHABET_ROWS, COMMON_PASSWORDS, DIGIT_ROW, KEYBOARD_ROWS } from './common';

/**
 * A small, honest passphrase strength estimator. It guesses how many bits an attacker who knows the usual
 * tricks (common passwords, words, years, keyboard walks, repeats, letter-for-digit swaps) would have to
 * search, and takes the most pessimistic of three models:
 *   1. characters: effective length x log2(size of the character classes used);
 *   2. tokens: words, numbers and symbols scored separately (a word costs ~2.3 bits a letter, a year 7 bits);
 *   3. the same tokens after undoing swaps like 0->o, 4->a, 3->e, @->a.
 * Thresholds assume a vault protected by Argon2id: Weak < 45 bits <= Fair < 60 <= Good < 75 <= Strong.
 */

export type StrengthLabel = 'Weak' | 'Fair' | 'Good' | 'Strong';
export type StrengthScore = 0 | 1 | 2 | 3;

export interface StrengthEstimate {
  readonly score: StrengthScore;
  readonly label: StrengthLabel;
  /** Estimated bits of guessing work, rounded. */
  readonly bits: number;
  /** What makes it easier to guess, in plain words. */
  readonly warnings: readonly string[];
  /** One sentence on what to do next. */
  readonly suggestion: string;
  /** True when the passphrase is long and strong enough to protect a vault. */
  readonly meetsMinimum: boolean;
}

export const MIN_LENGTH = 12;
export const MIN_SCORE: StrengthScore = 1;

/** Shown on a form when it is submitted with a passphrase below the minimum; the meter says why. */
export const WEAK_MESSAGE = `Not strong enough yet: it needs at least ${MIN_LENGTH} characters and a rating of Fair or better.`;

const LABELS: readonly StrengthLabel[] = ['Weak', 'Fair', 'Good', 'Strong'];
const WORD_BITS_PER_LETTER = 2.3;
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };
const VOWELS = new Set('aeiouyаеёиоуыэюяіөүә');

interface Flags {
  common: boolean;
  repeat: boolean;
  sequence: boolean;
  year: boolean;
  date: boolean;
}

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isAsciiLetter = (c: string): boolean => /[a-z]/i.test(c);

/** Ways b follows a: 'same' for a repeat, 'row:+1' / 'row:-1' for a step along a keyboard row or alphabet. */
function steps(a: string, b: string): Set<string> {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  const out = new Set<string>();
  if (la === lb) out.add('same');
  KEYBOARD_ROWS.forEach((row, index) => {
    const ia = row.indexOf(la);
    const ib = row.indexOf(lb);
    if (ia >= 0 && ib >= 0 && Math.abs(ia - ib) === 1) out.add(`${index}:${ib - ia}`);
  });
  return out;
}

/** Repeats and digit or alphabet runs count from 3 characters (aaa, 123, abc); keyboard walks from 4 (qwer). */
function isEasyStep(kind: string): boolean {
  return kind === 'same' || kind.startsWith(`${DIGIT_ROW}:`) || ALPHABET_ROWS.some((r) => kind.startsWith(`${r}:`));
}

/**
 * Weight of each character: 1 normally, 0.2 when it only continues a run of repeats (aaa) or a sequence
 * (abc, 987, qwer, йцук) begun by the characters before it.
 */
function charWeights(chars: readonly string[], flags: Flags): number[] {
  const weights = chars.map(() => 1);
  let start = 0;
  let kinds: Set<string> | null = null;
  const close = (end: number) => {
    if (!kinds) return;
    const list = [...kinds];
    const easy = list.some(isEasyStep);
    if (end - start < (easy ? 3 : 4)) return;
    for (let i = start + 2; i < end; i++) weights[i] = 0.2;
    if (list.includes('same')) flags.repeat = true;
    else flags.sequence = true;
  };
  for (let i = 1; i < chars.length; i++) {
    const s = steps(chars[i - 1]!, chars[i]!);
    const previous = kinds as Set<string> | null;
    const shared = previous ? new Set([...previous].filter((k) => s.has(k))) : null;
    if (shared && shared.size > 0) {
      kinds = shared;
      continue;
    }
    close(i);
    start = i - 1;
    kinds = s.size > 0 ? s : null;
    if (!kinds) start = i;
  }
  close(chars.length);
  return weights;
}

/** The shortest unit that, repeated, makes up the whole string (abcabc -> abc), or null. */
function repeatedUnit(s: string): { unit: string; times: number } | null {
  for (let n = 1; n <= s.length / 2; n++) {
    if (s.length % n !== 0) continue;
    const unit = s.slice(0, n);
    if (unit.repeat(s.length / n) === s) return { unit, times: s.length / n };
  }
  return null;
}

function poolSize(chars: readonly string[]): number {
  let lower = false;
  let upper = false;
  let digit = false;
  let symbol = false;
  let space = false;
  let otherLower = false;
  let otherUpper = false;
  let other = false;
  for (const c of chars) {
    if (/[a-z]/.test(c)) lower = true;
    else if (/[A-Z]/.test(c)) upper = true;
    else if (/[0-9]/.test(c)) digit = true;
    else if (c === ' ') space = true;
    else if (/[\x21-\x7e]/.test(c)) symbol = true;
    else if (/\p{Ll}/u.test(c)) otherLower = true;
    else if (/\p{Lu}/u.test(c)) otherUpper = true;
    else other = true;
  }
  return (
    (lower ? 26 : 0) +
    (upper ? 26 : 0) +
    (digit ? 10 : 0) +
    (symbol ? 33 : 0) +
    (space ? 1 : 0) +
    (otherLower ? 33 : 0) +
    (otherUpper ? 33 : 0) +
    (other ? 100 : 0)
  );
}

function characterModel(chars: readonly string[], flags: Flags): number {
  const whole = chars.join('');
  const rep = repeatedUnit(whole);
  if (rep && rep.unit.length < whole.length) {
    flags.repeat = true;
    return characterModel(Array.from(rep.unit), flags) + Math.log2(rep.times);
  }
  const weights = charWeights(chars, flags);
  const effective = weights.reduce((a, b) => a + b, 0);
  return effective * Math.log2(Math.max(2, poolSize(chars)));
}

function looksLikeWord(lower: string): boolean {
  const letters = Array.from(lower);
  if (letters.length < 3) return true;
  let vowels = 0;
  let run = 0;
  let longestRun = 0;
  for (const c of letters) {
    if (VOWELS.has(c)) {
      vowels++;
      run = 0;
    } else {
      run++;
      longestRun = Math.max(longestRun, run);
    }
  }
  const ratio = vowels / letters.length;
  return ratio >= 0.28 && ratio <= 0.7 && longestRun <= 3;
}

function caseBits(word: string): number {
  const lower = word.toLowerCase();
  const upper = word.toUpperCase();
  if (word === lower) return 0;
  if (word === upper) return 1;
  const first = word.slice(0, 1);
  if (first === first.toUpperCase() && word.slice(1) === lower.slice(1)) return 1;
  return Array.from(word).length; // random capitals: one bit a letter
}

function letterTokenBits(token: string, weights: readonly number[], flags: Flags): number {
  const lower = token.toLowerCase();
  const n = weights.reduce((a, b) => a + b, 0);
  if (COMMON_PASSWORDS.has(lower)) {
    flags.common = true;
    return 6 + caseBits(token);
  }
  const ascii = Array.from(lower).every(isAsciiLetter);
  const perLetter = looksLikeWord(lower) ? WORD_BITS_PER_LETTER : Math.log2(ascii ? 26 : 33);
  return n * perLetter + caseBits(token);
}

function digitTokenBits(token: string, weights: readonly number[], flags: Flags): number {
  if (/^(19|20)\d\d$/.test(token)) {
    flags.year = true;
    return 7;
  }
  if (/^(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])((19|20)?\d\d)$/.test(token) || /^(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(token)) {
    flags.date = true;
    return 15;
  }
  return weights.reduce((a, b) => a + b, 0) * Math.log2(10);
}

function tokenModel(chars: readonly string[], flags: Flags): number {
  const weights = charWeights(chars, flags);
  const text = chars.join('');
  const tokens = text.match(/\p{L}+|\p{N}+|\s+|[^\p{L}\p{N}\s]+/gu) ?? [];
  let offset = 0;
  let bits = 0;
  tokens.forEach((token, index) => {
    const length = Array.from(token).length;
    const w = weights.slice(offset, offset + length);
    offset += length;
    const first = token[0] ?? '';
    if (isLetter(first)) bits += letterTokenBits(token, w, flags);
    else if (/\p{N}/u.test(first)) bits += digitTokenBits(token, w, flags);
    else if (/\s/.test(first)) bits += token === ' ' ? 0.5 : 2;
    else if (length === 1 && (index === tokens.length - 1 || index === 0)) bits += 3; // a lone ! at an end
    else if (length === 1 && /^[-_.,]$/.test(token)) bits += 1; // a word separator
    else bits += w.reduce((a, b) => a + b, 0) * 5;
  });
  // the attacker also has to guess the shape (word, number, symbol...)
  return bits + Math.log2(tokens.length + 1);
}

/** Undoes letter-for-digit swaps next to letters (p4ssw0rd -> password); counts the swaps. */
function undoLeet(chars: readonly string[]): { chars: string[]; swaps: number } {
  let swaps = 0;
  const out = chars.map((c, i) => {
    const plain = LEET[c];
    if (!plain) return c;
    const prev = chars[i - 1];
    const next = chars[i + 1];
    if ((prev !== undefined && isLetter(prev)) || (next !== undefined && isLetter(next))) {
      swaps++;
      return plain;
    }
    return c;
  });
  return { chars: out, swaps };
}

/** True when the passphrase is a well-known one, give or take case, swaps, spaces and a number at the end. */
function isCommon(passphrase: string): boolean {
  const lower = passphrase.toLowerCase();
  const unleet = Array.from(lower)
    .map((c) => LEET[c] ?? c)
    .join('');
  const candidates = [lower, unleet].flatMap((s) => {
    const squeezed = s.replace(/[\s\-_.]+/g, '');
    const trimmed = squeezed.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '');
    return [s, squeezed, trimmed];
  });
  return candidates.some((c) => COMMON_PASSWORDS.has(c));
}

export function estimateStrength(passphrase: string): StrengthEstimate {
  const chars = Array.from(passphrase);
  if (chars.length === 0) {
    return { score: 0, label: 'Weak', bits: 0, warnings: [], suggestion: 'Use four or more unrelated words, or a long sentence only you would think of.', meetsMinimum: false };
  }
  const flags: Flags = { common: false, repeat: false, sequence: false, year: false, date: false };
  const leet = undoLeet(chars);
  let bits = Math.min(
    characterModel(chars, flags),
    tokenModel(chars, flags),
    tokenModel(leet.chars, { ...flags }) + leet.swaps,
  );
  if (isCommon(passphrase)) {
    flags.common = true;
    bits = Math.min(bits, 10);
  }

  let score: StrengthScore = bits < 45 ? 0 : bits < 60 ? 1 : bits < 75 ? 2 : 3;
  if (chars.length < 8) score = 0;

  const warnings: string[] = [];
  if (flags.common) warnings.push('Common passwords and place names are among the first guesses.');
  if (chars.length < MIN_LENGTH) warnings.push(`Use at least ${MIN_LENGTH} characters (now ${chars.length}).`);
  if (flags.repeat) warnings.push('Repeated characters or patterns (aaa, abcabc) add almost nothing.');
  if (flags.sequence) warnings.push('Sequences such as abc, 123 or qwerty are easy to guess.');
  if (flags.year || flags.date) warnings.push('Years and dates are among the first things tried.');

  const suggestion = [
    'Use four or more unrelated words, or a long sentence only you would think of.',
    'Add another unrelated word to make it much harder to guess.',
    'One more unrelated word would make it strong.',
    'Keep it somewhere safe away from this laptop: a lost passphrase cannot be recovered.',
  ][score]!;

  return {
    score,
    label: LABELS[score]!,
    bits: Math.round(bits),
    warnings,
    suggestion,
    meetsMinimum: chars.length >= MIN_LENGTH && score >= MIN_SCORE,
  };
}
