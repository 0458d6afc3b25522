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
  /**
   * zxcvbn's score: 0 too guessable ... 4 very unguessable, from guessesLog10; at most 2 for a passphrase made
   * only of names, dates and years, which the policy refuses whatever its estimate (see policy.ts).
   */
  readonly score: PassphraseScore;
  /** log10 of the estimated number of guesses an attacker needs (rounded to one decimal). */
  readonly guessesLog10: number;
  /** Shorter than MIN_PASSPHRASE_CHARS. */
  readonly tooShort: boolean;
  /** Long enough and score >= MIN_PASSPHRASE_SCORE: a vault may be created or re-keyed with it. */
  readonly acceptable: boolean;
  /** What makes it guessable, as a key the interface translates (PASSPHRASE_FEEDBACK_EN has the English), or null. */
  readonly warning: PassphraseFeedbackKey | null;
  /** What to do about it, as keys (empty when it is acceptable and nothing is worth saying). */
  readonly suggestions: readonly PassphraseFeedbackKey[];
}

/**
 * The meter's feedback as stable keys: zxcvbn's own warnings and suggestions (its translation keys, prefixed)
 * and the policy's. The core returns keys, never sentences, so each interface shows them in its language; the
 * English here serves the command line and the core's refusal message.
 */
export const PASSPHRASE_FEEDBACK_EN = {
  'warning.straightRow': 'Straight rows of keys on your keyboard are easy to guess.',
  'warning.keyPattern': 'Short keyboard patterns are easy to guess.',
  'warning.simpleRepeat': 'Repeated characters like "aaa" are easy to guess.',
  'warning.extendedRepeat': 'Repeated character patterns like "abcabcabc" are easy to guess.',
  'warning.sequences': 'Common character sequences like "abc" are easy to guess.',
  'warning.recentYears': 'Recent years are easy to guess.',
  'warning.dates': 'Dates are easy to guess.',
  'warning.topTen': 'This is a heavily used password.',
  'warning.topHundred': 'This is a frequently used password.',
  'warning.common': 'This is a commonly used password.',
  'warning.similarToCommon': 'This is similar to a commonly used password.',
  'warning.wordByItself': 'Single words are easy to guess.',
  'warning.namesByThemselves': 'Single names or surnames are easy to guess.',
  'warning.commonNames': 'Common names and surnames are easy to guess.',
  'warning.userInputs': 'The app’s name and the vault’s folder name are among the first guesses.',
  'warning.pwned': 'This passphrase is known from data breaches.',
  'warning.tooShort': `Too short: use at least ${MIN_PASSPHRASE_CHARS} characters.`,
  'warning.russianWords': 'Common Russian words and names are easy to guess, also in Latin letters or typed with the wrong keyboard layout.',
  'warning.weak': 'This would be among an attacker’s early guesses.',
  'warning.repeatedWord': 'Repeating a word adds almost nothing: repeats are among the first guesses.',
  'warning.nameAndYear': 'A name with a year or a date is among the first guesses: names and birthdays are easy to find out.',
  'suggestion.l33t': "Avoid predictable letter substitutions like '@' for 'a'.",
  'suggestion.reverseWords': 'Avoid reversed spellings of common words.',
  'suggestion.allUppercase': 'Capitalize some, but not all letters.',
  'suggestion.capitalization': 'Capitalize more than the first letter.',
  'suggestion.dates': 'Avoid dates and years that are associated with you.',
  'suggestion.recentYears': 'Avoid recent years.',
  'suggestion.associatedYears': 'Avoid years that are associated with you.',
  'suggestion.sequences': 'Avoid common character sequences.',
  'suggestion.repeated': 'Avoid repeated words and characters.',
  'suggestion.longerKeyboardPattern': 'Use longer keyboard patterns and change typing direction multiple times.',
  'suggestion.anotherWord': 'Add another word or two that are less common.',
  'suggestion.useWords': 'Use four or more unrelated words, or a long sentence only you would think of.',
  'suggestion.noNeed': 'Symbols, digits and capitals are not needed: length and unrelated words make it strong.',
  'suggestion.pwned': 'Do not reuse a passphrase from anywhere else.',
  'suggestion.length': `Use at least ${MIN_PASSPHRASE_CHARS} characters.`,
} as const;

export type PassphraseFeedbackKey = keyof typeof PASSPHRASE_FEEDBACK_EN;

export function isPassphraseFeedbackKey(key: string): key is PassphraseFeedbackKey {
  return Object.prototype.hasOwnProperty.call(PASSPHRASE_FEEDBACK_EN, key);
}
