import { createRequire } from 'node:module';
import type { MatchExtended, TranslationKeys, ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import {
  isPassphraseFeedbackKey,
  MIN_PASSPHRASE_CHARS,
  MIN_PASSPHRASE_SCORE,
  PASSPHRASE_FEEDBACK_EN,
  type PassphraseAssessment,
  type PassphraseFeedbackKey,
  type PassphraseScore,
} from '../../shared/passphrase';
import { RUSSIAN_COMMON_WORDS, RUSSIAN_NAMES, RUSSIAN_SURNAMES } from './russian-words';

/**
 * The one passphrase policy of Fieldvault: the app's router (vault.create, vault.changePassphrase and the
 * meter's passphrase.assess) and the CLI's `init` all call assessPassphrase. Pure: no state but the estimator,
 * which is loaded and built on first use (about 0.3 s and 40 MB of heap), not when the module is imported: the
 * vault worker is replaced at every lock and most workers never judge a passphrase.
 *
 * The estimate is zxcvbn's (zxcvbn-ts 4: English and common-password dictionaries, keyboard walks, dates,
 * repeats, sequences, l33t swaps), with Russian words and names added (russian-words.ts, from OpenCorpora:
 * in Cyrillic, transliterated, and as typed with the wrong keyboard layout), the app's name and the vault's
 * folder as "user inputs", and a passphrase with Russian letters also judged as the Latin keys it was typed
 * on (йцукен is the qwerty row).
 *
 * Why score 3 (at least 10^8 estimated guesses) and 12 characters: the vault key comes from Argon2id at
 * 256 MiB and 3 passes, about 1 s per guess on a laptop core and, being memory-hard, not much cheaper on a GPU.
 * 10^8 guesses are then about 3 core-years (half that on average to hit): out of reach of a thief or a casual
 * search, though not of an attacker willing to rent thousands of machines for a particular laptop. Score 4
 * (10^10) is what the meter calls Strong and what its advice aims for; score 3 is the floor a field researcher
 * can still remember. Twelve characters keeps a zxcvbn blind spot (a short string of rare characters that
 * it rates as brute force) out.
 *
 * Two changes to zxcvbn's arithmetic. First, for a passphrase it splits into l parts it estimates l! x (product
 * of the parts' guesses) + 10^(4(l-1)). That addition alone lifts any three parts to 10^8, zxcvbn's score-3
 * threshold: "fieldvault fieldvault" or "strong strong" would pass. The policy uses the product (times l!)
 * without the addition.
 *
 * Second, a passphrase written as tokens (words, names, numbers, dates) between spaces or punctuation is also
 * priced token by token (tokenEstimate): the product of each distinct token's guesses, each repeat of a token
 * adding only log10(its count), and each distinct separator priced once. zxcvbn alone misprices such a
 * passphrase three ways, all found by a red team: it chooses the split that minimises its own formula, so a
 * separator and the next word become one stretch of "random" characters (Иванов + space as 10^8 brute force);
 * it multiplies by l!, ordering factor for parts it has already counted position by position; and its repeat
 * matcher sees "correct correct correct" as "correct " twice plus a third, independent "correct" (10^8.3). A
 * token is judged by zxcvbn on its own, so the dictionaries, years, dates (dd.mm.yyyy, yyyy-mm-dd, dd/mm/yyyy)
 * and keyboard patterns still apply inside it. The estimate is the lower of the two.
 *
 * One rule on top: a passphrase made only of names, dates, years and day or month numbers, with at least one
 * date or year (01/02/1985 12/03/1990, Ivanov Sergey 01.02.1990), is refused whatever its estimate. Such facts
 * are the owner's or the family's (a birthday, a name on an ID card), which an attacker aiming at a researcher
 * knows or looks up first; zxcvbn prices a date as any day of the last decades (10^4.8), as if chosen at random.
 * Most name-and-year passphrases are refused by the estimate alone: with the Russian surnames added
 * (russian-words.ts) "Сергей Иванов 1990" is about 10^6. A name outside the dictionaries is priced as random
 * letters; that limit stays.
 */

/** zxcvbn examines this many characters; a longer passphrase is at least as strong as its first 128. */
const MAX_EXAMINED = 128;
/**
 * Each l33t reading (0 -> o, 4 -> a, 7 -> t ...) is a full dictionary pass; zxcvbn's default of 100 readings
 * makes a long passphrase full of digits and symbols take a fifth of a second. 16 readings still undo the swaps
 * in "P@ssw0rd" style passwords and keep the worst case near 50 ms.
 */
const L33T_READINGS = 16;

/** Always guessable, whatever the vault: the app and what it is for. */
const APP_WORDS = ['fieldvault', 'fieldwork', 'vault'];

const LENGTH_ADVICE: PassphraseFeedbackKey = 'suggestion.length';
const WORDS_ADVICE: PassphraseFeedbackKey = 'suggestion.useWords';

/**
 * zxcvbn's "translations" mapped to keys (warnings.straightRow -> 'warning.straightRow'): its feedback is then
 * a key the interface translates, not an English sentence (PASSPHRASE_FEEDBACK_EN has the English).
 */
function translations(english: TranslationKeys): TranslationKeys {
  const keys = (prefix: string, texts: Record<string, string>) => Object.fromEntries(Object.keys(texts).map((k) => [k, `${prefix}.${k}`]));
  return {
    ...english,
    warnings: keys('warning', english.warnings) as TranslationKeys['warnings'],
    suggestions: keys('suggestion', english.suggestions) as TranslationKeys['suggestions'],
  };
}

/** A feedback key from zxcvbn, or null for one this version does not know (a newer zxcvbn's). */
function knownKey(key: string | null | undefined): PassphraseFeedbackKey | null {
  return key && isPassphraseFeedbackKey(key) ? key : null;
}

/** zxcvbn's score thresholds (TimeEstimates: 10^3, 10^6, 10^8, 10^10 guesses, plus 5). */
const SCORE_THRESHOLDS_LOG10 = [3, 6, 8, 10];

function scoreFromLog10(guessesLog10: number): PassphraseScore {
  let score = 0;
  for (const t of SCORE_THRESHOLDS_LOG10) if (guessesLog10 >= Math.log10(10 ** t + 5)) score++;
  return score as PassphraseScore;
}

/** log10 of l! x the product of the parts' guesses: zxcvbn's estimate without its 10^(4(l-1)) addition. */
function productLog10(result: ZxcvbnResult): number {
  const parts = result.sequence as (MatchExtended & { guessesLog10?: number })[];
  let log = 0;
  for (let i = 2; i <= parts.length; i++) log += Math.log10(i);
  for (const part of parts) log += part.guessesLog10 ?? 0;
  return Math.min(log, result.guessesLog10);
}

interface FeedbackSource {
  getFeedback(score: number, sequence: ZxcvbnResult['sequence']): { warning: string | null; suggestions: string[] };
}

const RUSSIAN_WARNING: PassphraseFeedbackKey = 'warning.russianWords';
const REPEATED_WARNING: PassphraseFeedbackKey = 'warning.repeatedWord';
const NAME_AND_YEAR_WARNING: PassphraseFeedbackKey = 'warning.nameAndYear';
const DATES_WARNING: PassphraseFeedbackKey = 'warning.dates';
const WEAK_WARNING: PassphraseFeedbackKey = 'warning.weak';
const TOO_SHORT_WARNING: PassphraseFeedbackKey = 'warning.tooShort';

/** One ranked list from the generated text: every spelling on every line, most guessable first. */
function words(text: string): string[] {
  return text.split(/\s+/u).filter((w) => w.length > 0);
}

let estimator: ZxcvbnFactory | null = null;
/** Given names and surnames (English given names, Russian given names and surnames), to tell a name in feedback. */
let names: ReadonlySet<string> = new Set();
let buildMs = 0;

function zxcvbn(): ZxcvbnFactory {
  if (estimator !== null) return estimator;
  const t0 = performance.now();
  // Loaded here rather than imported at the top, so that importing the router costs nothing (see above).
  const require = createRequire(import.meta.url);
  const core = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const english = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  estimator = new core.ZxcvbnFactory({
    dictionary: {
      ...common.dictionary,
      ...english.dictionary,
      'commonWords-ru': words(RUSSIAN_COMMON_WORDS),
      'firstnames-ru': words(RUSSIAN_NAMES),
      'lastnames-ru': words(RUSSIAN_SURNAMES),
    },
    graphs: common.adjacencyGraphs,
    translations: translations(english.translations),
    maxLength: MAX_EXAMINED,
    l33tMaxSubstitutions: L33T_READINGS,
  });
  names = new Set([...english.dictionary['firstnames-en'], ...words(RUSSIAN_NAMES), ...words(RUSSIAN_SURNAMES)]);
  buildMs = performance.now() - t0;
  return estimator;
}

/** How long building the estimator took (0 until first use), for benchmarks. */
export function passphrasePolicyStats(): { readonly built: boolean; readonly buildMs: number } {
  return { built: estimator !== null, buildMs };
}

/** Russian ЙЦУКЕН letters to the Latin keys they share (й -> q), for passphrases typed as keyboard patterns. */
const LATIN_KEYS: Readonly<Record<string, string>> = {
  й: 'q', ц: 'w', у: 'e', к: 'r', е: 't', н: 'y', г: 'u', ш: 'i', щ: 'o', з: 'p', х: '[', ъ: ']', ф: 'a', ы: 's', в: 'd',
  а: 'f', п: 'g', р: 'h', о: 'j', л: 'k', д: 'l', ж: ';', э: "'", я: 'z', ч: 'x', с: 'c', м: 'v', и: 'b', т: 'n', ь: 'm',
  б: ',', ю: '.', ё: '`',
};
const RUSSIAN_LETTER = /[а-яё]/iu;

function asLatinKeys(passphrase: string): string {
  let out = '';
  for (const ch of passphrase) {
    const lower = ch.toLowerCase();
    const key = LATIN_KEYS[lower];
    out += key === undefined ? ch : ch === lower ? key : key.toUpperCase();
  }
  return out;
}

/**
 * Words an attacker who knows this vault would try: the app's name, and each folder name in the given inputs
 * (a vault path) with its parts ("~/Documents/Fieldwork.fieldvault" gives documents, fieldwork.fieldvault,
 * fieldwork).
 */
function guessableInputs(userInputs: readonly string[]): string[] {
  const out = new Set<string>(APP_WORDS);
  for (const input of userInputs.slice(0, 8)) {
    for (const segment of input.normalize('NFC').toLowerCase().split(/[\\/]+/u).slice(-6)) {
      const s = segment.trim().slice(0, 64);
      if ([...s].length >= 3 && s !== '~') out.add(s);
      for (const part of s.split(/[^\p{L}\p{N}]+/u)) if ([...part].length >= 3) out.add(part);
    }
  }
  return [...out];
}

function isRussianWord(m: MatchExtended): boolean {
  return m.pattern === 'dictionary' && typeof m.dictionaryName === 'string' && m.dictionaryName.endsWith('-ru');
}

/** zxcvbn's verdict on a text, or on the Latin keys it was typed on when that is lower (Russian letters). */
function check(z: ZxcvbnFactory, text: string, inputs: string[]): ZxcvbnResult {
  const result = z.check(text, inputs);
  if (!RUSSIAN_LETTER.test(text)) return result;
  const keys = z.check(asLatinKeys(text), inputs);
  return keys.guesses < result.guesses ? keys : result;
}

/**
 * One token: a date written with separators (01.02.1985, 1985-02-01, 12/03/1990: one token, so that zxcvbn reads
 * it as a date) or a run of letters and digits. What lies between tokens is a separator.
 */
const TOKEN = /\d{1,4}([-./])\d{1,2}\1\d{1,4}(?!\d)|[\p{L}\p{M}\p{N}]+/gu;

interface TokenEstimate {
  /** log10 of the product of the distinct tokens' and separators' guesses, plus log10(count) per repeat. */
  readonly log10: number;
  /** Some token (compared without case) occurs more than once. */
  readonly repeated: boolean;
  /** zxcvbn's parts of every distinct token. */
  readonly parts: readonly MatchExtended[];
}

/**
 * The passphrase priced token by token (see the module's comment): an attacker who tries combinations of known
 * tokens needs about the product of their guesses, in order, for each combination; the ordering is already in
 * the product (each position is a separate choice), so no l! factor; a token used again costs only the choice
 * of where it repeats (log10 of its count); a separator costs its own guesses once, however often it is used.
 */
function tokenEstimate(z: ZxcvbnFactory, passphrase: string, inputs: string[]): TokenEstimate {
  const tokens = new Map<string, { log10: number; count: number; parts: readonly MatchExtended[] }>();
  const separators = new Set<string>();
  const checked = new Map<string, ZxcvbnResult>();
  let end = 0;
  for (const m of passphrase.matchAll(TOKEN)) {
    if (m.index > end) separators.add(passphrase.slice(end, m.index));
    end = m.index + m[0].length;
    const token = m[0];
    const key = token.toLowerCase();
    const seen = tokens.get(key);
    const result = checked.get(token) ?? check(z, token, inputs);
    checked.set(token, result);
    const log10 = productLog10(result);
    if (seen === undefined) tokens.set(key, { log10, count: 1, parts: result.sequence });
    else tokens.set(key, { log10: Math.min(seen.log10, log10), count: seen.count + 1, parts: seen.log10 <= log10 ? seen.parts : result.sequence });
  }
  if (end < passphrase.length) separators.add(passphrase.slice(end));
  let log10 = 0;
  let repeated = false;
  const parts: MatchExtended[] = [];
  for (const t of tokens.values()) {
    log10 += t.log10 + Math.log10(t.count);
    repeated ||= t.count > 1;
    parts.push(...t.parts);
  }
  for (const s of separators) log10 += productLog10(z.check(s));
  return { log10, repeated, parts };
}

function isName(m: MatchExtended): boolean {
  if (m.pattern !== 'dictionary') return false;
  if (typeof m.dictionaryName === 'string' && /^(?:first|last)names-/u.test(m.dictionaryName)) return true;
  return typeof m.matchedWord === 'string' && names.has(m.matchedWord.toLowerCase());
}

function isYearOrDate(m: MatchExtended): boolean {
  return m.pattern === 'date' || (m.pattern === 'regex' && m.regexName === 'recentYear') || /^(?:19|20)\d\d$/u.test(m.token);
}

/**
 * Made of what an attacker aiming at a person knows or can look up: names, dates, years and day or month numbers
 * only, with at least one date or year (see the module's comment).
 */
function onlyPersonalFacts(parts: readonly MatchExtended[]): boolean {
  return parts.length >= 2 && parts.some(isYearOrDate) && parts.every((p) => isYearOrDate(p) || isName(p) || /^\d{1,2}$/u.test(p.token));
}

/**
 * Judges a candidate passphrase for a new vault or a passphrase change. `userInputs` are words tied to the vault
 * (its path); the app's own name always counts. The result never contains the passphrase or any part of it.
 */
export function assessPassphrase(passphrase: string, userInputs: readonly string[] = []): PassphraseAssessment {
  const normalised = passphrase.normalize('NFC');
  const length = [...normalised].length;
  const tooShort = length < MIN_PASSPHRASE_CHARS;
  if (length === 0) {
    return { score: 0, guessesLog10: 0, tooShort, acceptable: false, warning: null, suggestions: [LENGTH_ADVICE, WORDS_ADVICE] };
  }
  const z = zxcvbn();
  const inputs = guessableInputs(userInputs);
  const result = check(z, normalised, inputs);
  const tokens = tokenEstimate(z, [...normalised].slice(0, MAX_EXAMINED).join(''), inputs);
  const guessesLog10 = Math.min(productLog10(result), tokens.log10);
  let score = Math.min(result.score, scoreFromLog10(guessesLog10)) as PassphraseScore;
  const personal = onlyPersonalFacts(tokens.parts);
  if (personal) score = Math.min(score, MIN_PASSPHRASE_SCORE - 1) as PassphraseScore;
  const acceptable = !tooShort && score >= MIN_PASSPHRASE_SCORE;
  // zxcvbn gives feedback only below its score 3; ask it again for the score the policy settled on.
  const feedback = score < result.score ? (z as unknown as FeedbackSource).getFeedback(score, result.sequence) : result.feedback;
  let warning = knownKey(feedback.warning);
  const suggestions = feedback.suggestions.map(knownKey).filter((s): s is PassphraseFeedbackKey => s !== null);
  if (!acceptable && !tooShort) {
    // What the token reading found says more than zxcvbn's reading of its own split (which names the longest part).
    const dated = tokens.parts.some(isYearOrDate);
    const special: [PassphraseFeedbackKey, PassphraseFeedbackKey] | null = tokens.repeated
      ? [REPEATED_WARNING, 'suggestion.repeated']
      : dated && tokens.parts.some(isName)
        ? [NAME_AND_YEAR_WARNING, 'suggestion.dates']
        : dated && (personal || warning === null || warning === 'warning.recentYears')
          ? [DATES_WARNING, 'suggestion.dates']
          : null;
    if (special !== null) {
      warning = special[0];
      suggestions.splice(0, suggestions.length, special[1], WORDS_ADVICE);
    }
  }
  if (warning === null && !acceptable) {
    if (tooShort && score >= MIN_PASSPHRASE_SCORE) warning = TOO_SHORT_WARNING;
    else if (result.sequence.some(isRussianWord)) warning = RUSSIAN_WARNING;
    else warning = WEAK_WARNING;
  }
  if (tooShort && warning !== TOO_SHORT_WARNING) suggestions.unshift(LENGTH_ADVICE);
  if (!acceptable && suggestions.length === 0) suggestions.push(WORDS_ADVICE);
  return {
    score,
    guessesLog10: Math.round(guessesLog10 * 10) / 10,
    tooShort,
    acceptable,
    warning,
    suggestions: [...new Set(suggestions)],
  };
}

/**
 * The one sentence a refusal says (the router's and the CLI's weak-passphrase error): what is wrong and what to
 * do. Built from the assessment only, so it cannot quote the passphrase.
 */
export function weakPassphraseMessage(a: PassphraseAssessment): string {
  const advice = PASSPHRASE_FEEDBACK_EN[a.suggestions[0] ?? WORDS_ADVICE];
  return `This passphrase is too easy to guess. ${a.warning ? `${PASSPHRASE_FEEDBACK_EN[a.warning]} ` : ''}${advice}`.trim();
}
