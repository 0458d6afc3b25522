/**
 * A script-free matching key for one word: "Султаналиевой", "SULTANALIEVOY", "Sultanaliyevoi" and "Sultanalievoj"
 * all fold to "sultanalievoi". The key erases what transliteration schemes disagree on (case, diacritics,
 * apostrophes, й/y/i/j before or after vowels, kh/h/x, doubled letters), and keeps everything else, so that a
 * different name stays a different key. It is deliberately the same function for the register and the text.
 */

const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Kyrgyz, Kazakh, Tajik, Uzbek Cyrillic
  ү: 'u', ө: 'o', ң: 'ng', ғ: 'gh', қ: 'k', ҳ: 'h', ҷ: 'j', ӣ: 'i', ӯ: 'u', ў: 'u', ә: 'a', і: 'i', һ: 'h',
  ұ: 'u', ҝ: 'k', ӕ: 'a', ј: 'j', ѕ: 's',
};

// Apostrophes, and BGN/PCGN's disambiguating middle dot (Д·эвид), carry no letter.
const APOSTROPHES = /['’ʼʻ`´ʹ‘·]/g;
const MARKS = /\p{M}/gu;

/**
 * Letters with no decomposition that still need a plain equivalent: a few Latin ones, and the Arabic-script letters
 * that Arabic, Persian/Tajik-Persian and Uzbek writers encode differently (ك/ک, ي/ى/ی, ة/ه, أ/إ/آ/ا), so that a name
 * in the register's Arabic spelling meets the same name typed on another keyboard; the tatweel is dropped.
 */
const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  ı: 'i', ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe',
  'ك': 'ک', 'ي': 'ی', 'ى': 'ی', 'ة': 'ه', 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ۀ': 'ه', 'ـ': '',
};

const cache = new Map<string, string>();
const CACHE_LIMIT = 500_000;

function romanise(lower: string): string {
  let out = '';
  for (const ch of lower) {
    const cyr = CYRILLIC[ch];
    if (cyr !== undefined) out += cyr;
    else out += LATIN_SPECIAL[ch] ?? ch;
  }
  return out;
}

/** The key of one word (letters and digits; apostrophes inside are ignored). */
export function wordKey(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  let s = word.toLowerCase().replace(APOSTROPHES, '');
  s = romanise(s).normalize('NFD').replace(MARKS, '');
  s = s
    .replace(/shch|sch|shh/g, 'sh')
    // ж (zh, dzh, dj) keeps a letter of its own: Жанна is not Яна, Жасур not Ясур (a glide y/j becomes i below).
    .replace(/dzh|dj|zh/g, 'J')
    .replace(/kh|x/g, 'h')
    .replace(/tc|ts/g, 'c')
    .replace(/ch|tch/g, 'c')
    .replace(/gh/g, 'g')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/ye/g, 'e')
    .replace(/yo/g, 'e')
    .replace(/[yj](?=[aeiouy])/g, 'i')
    .replace(/(?<=[aeiou])[yj]/g, 'i')
    .replace(/y/g, 'i')
    .replace(/J/g, 'j')
    .replace(/(.)\1+/g, '$1');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, s);
  return s;
}

const looseCache = new Map<string, string>();

/**
 * A looser key for one word, where transliteration traditions disagree beyond what wordKey erases: the French and
 * German glides (Abdyldaïeva, Abdyldajewa, Abdyldaeva), Uzbek o‘ for Russian у (Yo‘lchiyeva, Yulchieva, Юлчиева),
 * "ou" for у (Oussoubaliev), y/i after a consonant before a vowel (Tyulegenova, Tulegenova, Tülegenova), o/u.
 * Two different names can share a loose key, so the matcher only trusts it on capitalised words.
 */
export function looseKey(word: string): string {
  const hit = looseCache.get(word);
  if (hit !== undefined) return hit;
  let s = word.toLowerCase();
  // Uzbek o‘ and g‘ in any apostrophe: o‘ is Russian у, g‘ is г.
  s = s.replace(/o['’ʼʻ`´‘]/g, 'u').replace(/g['’ʼʻ`´‘]/g, 'g').replace(APOSTROPHES, '');
  s = romanise(s).normalize('NFD').replace(MARKS, '');
  s = s
    // English spellings of foreign names as Russian writes them: Whitlock = Уитлок, William = Уильям.
    .replace(/^wh|^w(?=[aeiouy])/, 'u')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/ee/g, 'i')
    .replace(/shch|sch|shh/g, 'S')
    // A word-initial j is the Central Asian and English j (Jasur = Жасур, Jennifer = Дженнифер).
    .replace(/^j(?=[aeiou])/, 'J')
    // ж (zh, dzh, dj) is not the Latin J, which is ж in Uzbek and English but й in German (Jana = Яна).
    .replace(/dzh|dj|zh|dž|ž/g, 'Ž')
    .replace(/tch|ch|č/g, 'C')
    .replace(/sh|š/g, 'S')
    .replace(/kh|x|h/g, 'H')
    .replace(/tc|ts|tz/g, 'C')
    .replace(/gh/g, 'g')
    .replace(/q|c/g, 'k')
    .replace(/w/g, 'v')
    .replace(/ou/g, 'u')
    // A glide before a vowel disappears (ye/je, yu/ju, ya/ja, yo/jo, and iye), and so does an i before e, o or u
    // (French ïe, ICAO iu): but not an i before a (Виктория is not Виктора, Мария not Мара).
    .replace(/[yj]+(?=[aeiou])/g, '')
    .replace(/i+(?=[eou])/g, '')
    .replace(/[yj]/g, 'i')
    .replace(/o/g, 'u')
    .replace(/(.)\1+/g, '$1');
  if (looseCache.size >= CACHE_LIMIT) looseCache.clear();
  looseCache.set(word, s);
  return s;
}

/**
 * The loose keys a register word may take in text: its own, and for a word starting with a glide (Юсупов, Yusupov)
 * the German and Uzbek-Latin initial J as well (Jussupow), which text keys read as the Central Asian J.
 */
const variantCache = new Map<string, readonly string[]>();

export function looseKeyVariants(word: string): readonly string[] {
  const hit = variantCache.get(word);
  if (hit !== undefined) return hit;
  const own = looseKey(word);
  const lower = romanise(word.toLowerCase());
  const out = /^[yji][aeou]/.test(lower) ? [own, looseKey(`j${lower.slice(1).replace(/^i(?=[aeou])/, '')}`)] : [own];
  if (variantCache.size >= CACHE_LIMIT) variantCache.clear();
  variantCache.set(word, out);
  return out;
}

/** The key of a name initial ("А.", "Zh."): a separate namespace so that "A." never meets the word "a". */
export function initialKey(letters: string): string {
  return `#${wordKey(letters)}`;
}

export interface Token {
  /** Offsets into the normalised text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly key: string;
  /** A capitalised word or an initial. */
  readonly capital: boolean;
  /** "А." or "Zh.": one or two letters, capitalised, followed by a full stop. */
  readonly initial: boolean;
  /** looseKey of the word (initials: the same as key). */
  readonly loose: string;
  /** The first word of the text, of a line, or after a sentence's end: capitalised whatever it is. */
  readonly sentenceStart: boolean;
  /** Whether the previous token is separated from this one only by spaces (not punctuation or a line break). */
  readonly joined: boolean;
}

/** A capital, or a letter of a script without case (Arabic, Hebrew...): names in those scripts count as capitalised. */
const UPPER = /^(?:\p{Lu}|\p{Lt}|(?![\p{Ll}\p{Lm}])\p{L})/u;

/** What a word is whatever its place in a text: computed once per distinct word, not once per occurrence. */
interface WordInfo {
  /** The word itself: one string for every occurrence, so that later look-ups keyed by it need not hash it again. */
  readonly text: string;
  readonly key: string;
  readonly loose: string;
  readonly capital: boolean;
}

const words = new Map<string, WordInfo>();

function wordInfo(word: string): WordInfo {
  let info = words.get(word);
  if (info === undefined) {
    info = { text: word, key: wordKey(word), loose: looseKey(word), capital: UPPER.test(word) };
    if (words.size >= CACHE_LIMIT) words.clear();
    words.set(word, info);
  }
  return info;
}

const SPACE = 0x20;
const S = 0x73;
/** ' ’ ʼ: the apostrophes of a possessive "'s". */
const isPossessiveApostrophe = (c: number): boolean => c === 0x27 || c === 0x2019 || c === 0x2bc;

// Words: letters, marks and digits, with apostrophes inside; a trailing "'s" is not part of the word. As a pattern,
// /[\p{L}\p{N}\p{M}]+(?:['’ʼʻ`‘][\p{L}\p{M}]+)*/gu, walked by hand here (a 5 MB note has 650,000 words: a match
// array each was a tenth of the garbage).
// Classes of BMP code units, computed on first sight: letter, digit (\p{N}), mark; a lone surrogate is none of them.
const IN_WORD = 1;
const IN_TAIL = 2;
const CLASSIFIED = 128;
const WORD_CLASS = /[\p{L}\p{N}\p{M}]/u;
const TAIL_CLASS = /[\p{L}\p{M}]/u;
const unitClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

function classify(ch: string): number {
  return CLASSIFIED | (WORD_CLASS.test(ch) ? IN_WORD : 0) | (TAIL_CLASS.test(ch) ? IN_TAIL : 0);
}

/** The class of the code point at `at`, and its width in units (in the top bits: 1 or 2). */
function classAt(text: string, at: number): number {
  const unit = text.charCodeAt(at);
  if (unit >= 0xd800 && unit <= 0xdbff && at + 1 < text.length) {
    const low = text.charCodeAt(at + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      const cp = ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
      let c = astralClasses.get(cp);
      if (c === undefined) {
        c = classify(String.fromCodePoint(cp));
        astralClasses.set(cp, c);
      }
      return c | 0x200;
    }
  }
  let c = unitClasses[unit]!;
  if (c === 0) {
    c = classify(String.fromCharCode(unit));
    unitClasses[unit] = c;
  }
  return c | 0x100;
}

/** ' ’ ʼ ʻ ` ‘: the apostrophes a word may have inside. */
const isWordApostrophe = (c: number): boolean => c === 0x27 || c === 0x2019 || c === 0x2bc || c === 0x2bb || c === 0x60 || c === 0x2018;

/** The end of the word starting at `start` (a word character is there), as the word pattern would match it. */
function wordEnd(text: string, start: number): number {
  const n = text.length;
  let at = start;
  for (let c = classAt(text, at); at < n && (c & IN_WORD) !== 0; c = at < n ? classAt(text, at) : 0) at += c >> 8;
  // Then any number of: an apostrophe and letters or marks (no digits).
  while (at + 1 < n && isWordApostrophe(text.charCodeAt(at)) && (classAt(text, at + 1) & IN_TAIL) !== 0) {
    at += 1;
    for (let c = classAt(text, at); at < n && (c & IN_TAIL) !== 0; c = at < n ? classAt(text, at) : 0) at += c >> 8;
  }
  return at;
}

export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let prevEnd = -1;
  const n = text.length;
  let at = 0;
  while (at < n) {
    const c = classAt(text, at);
    if ((c & IN_WORD) === 0) {
      at += c >> 8;
      continue;
    }
    const start = at;
    at = wordEnd(text, start);
    let word = text.slice(start, at);
    // Possessive: Sultanalieva's -> Sultanalieva (the "'s" stays in the text).
    if (word.length >= 2 && word.charCodeAt(word.length - 1) === S && isPossessiveApostrophe(word.charCodeAt(word.length - 2))) word = word.slice(0, -2);
    const end = start + word.length;
    const info = wordInfo(word);
    const capital = info.capital;
    const initial = capital && text[end] === '.' && [...word].length <= 2 && !/\p{N}/u.test(word) && ([...word].length === 1 || /^\p{Lu}\p{Ll}$/u.test(word));
    let joined: boolean;
    let sentenceStart: boolean;
    if (prevEnd >= 0 && start - prevEnd === 1 && text.charCodeAt(prevEnd) === SPACE) {
      // The common case, one space between two words: joined, and no sentence starts here.
      joined = true;
      sentenceStart = false;
    } else {
      const gap = prevEnd < 0 ? '' : text.slice(prevEnd, start);
      // Words of one name are separated by spaces, at most one line break, or a hyphen (Шариф-зода).
      joined = prevEnd >= 0 && (/^[ \t]*\n?[ \t]*$/.test(gap) || gap === '-') && gap.length <= 4;
      sentenceStart = prevEnd < 0 ? /^[\s"'«“„(\-–—]*$/u.test(text.slice(0, start)) : /(?:[.!?…]|\n)[\s"'«“„(\-–—]*$/u.test(gap);
    }
    const key = initial ? initialKey(word) : info.key;
    tokens.push({ start, end, text: info.text, key, loose: initial ? key : info.loose, capital, initial, sentenceStart, joined });
    prevEnd = initial ? end + 1 : end;
  }
  return tokens;
}
