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

/** Words: letters, marks and digits, with apostrophes or hyphens inside; a trailing "'s" is not part of the word. */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼʻ`‘][\p{L}\p{M}]+)*/gu;
/** A capital, or a letter of a script without case (Arabic, Hebrew...): names in those scripts count as capitalised. */
const UPPER = /^(?:\p{Lu}|\p{Lt}|(?![\p{Ll}\p{Lm}])\p{L})/u;

export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let prevEnd = -1;
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    const start = m.index;
    // Possessive: Sultanalieva's -> Sultanalieva (the "'s" stays in the text).
    const poss = /['’ʼ]s$/u.exec(word);
    if (poss !== null) word = word.slice(0, poss.index);
    const end = start + word.length;
    const capital = UPPER.test(word);
    const letters = [...word].length;
    const initial = capital && letters <= 2 && text[end] === '.' && !/\p{N}/u.test(word) && (letters === 1 || /^\p{Lu}\p{Ll}$/u.test(word));
    const gap = prevEnd < 0 ? '' : text.slice(prevEnd, start);
    // Words of one name are separated by spaces, at most one line break, or a hyphen (Шариф-зода).
    const joined = prevEnd >= 0 && (/^[ \t]*\n?[ \t]*$/.test(gap) || gap === '-') && gap.length <= 4;
    const key = initial ? initialKey(word) : wordKey(word);
    const sentenceStart = prevEnd < 0 ? /^[\s"'«“„(\-–—]*$/u.test(text.slice(0, start)) : /(?:[.!?…]|\n)[\s"'«“„(\-–—]*$/u.test(gap);
    tokens.push({ start, end, text: word, key, loose: initial ? key : looseKey(word), capital, initial, sentenceStart, joined });
    prevEnd = initial ? end + 1 : end;
  }
  return tokens;
}
