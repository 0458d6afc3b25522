import transliterate from '@sindresorhus/transliterate';

/**
 * Folds a word for search: case, diacritics and script are erased so that "Sultanalieva", "SULTANALIEVA"
 * and "Султаналиева" meet. Letters of Kyrgyz, Kazakh, Tajik and Uzbek Cyrillic that the library leaves alone
 * get explicit Latin equivalents. After transliteration "y" folds into "i" (Aygul / Aigul, -yeva / -eva).
 */
const centralAsianLetters: [string, string][] = [
  ['ү', 'u'], ['Ү', 'U'], ['ө', 'o'], ['Ө', 'O'], ['ң', 'ng'], ['Ң', 'Ng'],
  ['ғ', 'gh'], ['Ғ', 'Gh'], ['қ', 'q'], ['Қ', 'Q'], ['ҳ', 'h'], ['Ҳ', 'H'],
  ['ҷ', 'j'], ['Ҷ', 'J'], ['ӣ', 'i'], ['Ӣ', 'I'], ['ӯ', 'u'], ['Ӯ', 'U'],
  ['ў', 'u'], ['Ў', 'U'], ['ә', 'a'], ['Ә', 'A'], ['і', 'i'], ['І', 'I'],
  ['һ', 'h'], ['Һ', 'H'], ['ұ', 'u'], ['Ұ', 'U'],
  // Turkic Latin spellings (Aygül, Gülnara, Özbek): the library's German default (ü -> ue) would keep them
  // from meeting "Aygul" and the Cyrillic "Айгүль".
  ['ü', 'u'], ['Ü', 'U'], ['ö', 'o'], ['Ö', 'O'], ['ä', 'a'], ['Ä', 'A'],
];

const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;
// eslint-disable-next-line no-control-regex -- the full ASCII range, control characters included
const ASCII_WORD = /^[\x00-\x7f]*$/;

export function foldWord(word: string): string {
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  let out = ASCII_WORD.test(word)
    ? word.toLowerCase()
    : transliterate(word.normalize('NFC'), { customReplacements: centralAsianLetters }).toLowerCase();
  out = out.replace(/y/g, 'i').replace(/i{2,}/g, 'i');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, out);
  return out;
}

export const WORD = /[\p{L}\p{N}\p{M}]+/gu;

export function foldedWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) out.push(foldWord(m[0]));
  return out;
}
