/**
 * The passphrase policy's contract, shared by the core (which decides), the CLI and the renderer (which show
 * the verdict). The estimate itself runs only in the core: src/core/passphrase/policy.ts.
 */

/** A new passphrase needs at least this many characters (Unicode code points, after NFC normalisation)... */
export const MIN_PASSPHRASE_CHARS = 12;
/** ...and at least this zxcvbn score (0..4; 3 means at least 10^8 estimated guesses). */
export const MIN_PASSPHRASE_SCORE = 3;

export type PassphraseScore = 0 | 1 | 2 | 3 | 4;

/** Words for the scores, for meters and messages. */
export const PASSPHRASE_SCORE_LABELS: readonly ['Very weak', 'Weak', 'Fair', 'Good', 'Strong'] = ['Very weak', 'Weak', 'Fair', 'Good', 'Strong'];

/** The policy's verdict on one passphrase. Never contains the passphrase or any part of it. */
export interface PassphraseAssessment {
  /** zxcvbn's score: 0 too guessable ... 4 very unguessable. */
  readonly score: PassphraseScore;
  /** log10 of the estimated number of guesses an attacker needs (rounded to one decimal). */
  readonly guessesLog10: number;
  /** Shorter than MIN_PASSPHRASE_CHARS. */
  readonly tooShort: boolean;
  /** Long enough and score >= MIN_PASSPHRASE_SCORE: a vault may be created or re-keyed with it. */
  readonly acceptable: boolean;
  /** What makes it guessable, in one plain English sentence, or null. */
  readonly warning: string | null;
  /** What to do about it (empty when it is acceptable and nothing is worth saying). */
  readonly suggestions: readonly string[];
}
