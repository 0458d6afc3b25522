import { newStemmer } from 'snowball-stemmers';
import { suffixStems } from '../redaction/suffixes';
import { foldWord } from './fold';

/**
 * Word forms for search. A query word stands for the prefixes it may begin: the folded word as typed (prefix
 * matching while the user types), its Snowball stem (Russian for Cyrillic, English for Latin: "паспорта" ->
 * "паспорт", "arrested" -> "arrest"), the stems left when a valid Kyrgyz/Kazakh/Uzbek/Tajik chain of endings is
 * taken off (the redaction engine's chains with their harmony checks: "Токтогуловдун" -> "токтогулов",
 * "Asanovага" -> "asanov"), and for a Latin word the transliterated Russian ending taken off ("Toktogulova" ->
 * "toktogulov"). Every alternative is folded, so script still does not matter.
 *
 * The index keeps folded words only: a stem is a prefix of every form it comes from ("мигрант" of "мигрантов"
 * and "мигранты"), so matching the stem as a prefix finds every form, whichever one the note uses.
 */

const russian = newStemmer('russian');
const english = newStemmer('english');

/** Stems shorter than this widen a query too much ("дом" of "дома" would find "домашний"); they are not used. */
const MIN_STEM = 4;

// Russian endings as they look once transliterated and folded (y -> i, doubled i squeezed), longest first.
const LATIN_RUSSIAN_ENDINGS = [
  'iami', 'iakh', 'ami', 'akh', 'ikh', 'imi', 'ogo', 'ego', 'omu', 'emu', 'oi', 'ei', 'om', 'em', 'ov', 'ev', 'ia', 'iu', 'ie', 'a', 'u', 'i', 'e', 'o',
];

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN_ONLY = /^[a-z]+$/;
const ALL_CYRILLIC = /^\p{Script=Cyrillic}+$/u;

const cache = new Map<string, readonly string[]>();
const CACHE_LIMIT = 50_000;

/**
 * The folded prefixes a query word matches: the word as typed and its word-form stems, less any that a shorter
 * one already covers. Empty for a word that folds to nothing.
 */
export function wordAlternatives(word: string): readonly string[] {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const folded = foldWord(word);
  const out = new Set<string>();
  if (folded.length > 0) out.add(folded);
  const lower = word.toLowerCase();
  const add = (stem: string, raw = true) => {
    const f = raw ? foldWord(stem) : stem;
    if (f.length >= MIN_STEM && f !== folded && folded.startsWith(f.slice(0, Math.min(f.length, 2)))) out.add(f);
  };
  if (!/\p{N}/u.test(word)) {
    // The word's own stems, then the same for what is left once a Turkic chain of endings is off: a Russian
    // surname in a Kyrgyz case keeps its Russian ending (Асановага = Асанова + га -> Асанов).
    const stems = (w: string) => {
      if (CYRILLIC.test(w)) add(russian.stem(w.replace(/ё/g, 'е')));
      else if (LATIN_ONLY.test(w)) add(english.stem(w));
      if (ALL_CYRILLIC.test(w)) return;
      // A Russian word typed (wholly or partly) in Latin letters: its ending as transliterated ("Toktogulova",
      // "pasporta", "Asanovа" + "га").
      const f = foldWord(w);
      if (LATIN_ONLY.test(f)) {
        for (const ending of LATIN_RUSSIAN_ENDINGS) {
          if (f.endsWith(ending) && f.length - ending.length >= MIN_STEM + 1) {
            add(f.slice(0, f.length - ending.length), false);
            break;
          }
        }
      }
    };
    stems(lower);
    for (const stem of suffixStems(lower)) {
      add(stem);
      stems(stem);
    }
  }
  // Keep only the alternatives no shorter one already covers: a shorter prefix finds everything a longer one does.
  const sorted = [...out].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const alt of sorted) if (!kept.some((k) => alt.startsWith(k))) kept.push(alt);
  const result = kept;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}

/** Whether a word of a note (as written) is one of the forms a query word's alternatives stand for. */
export function matchesAlternatives(word: string, alternatives: readonly string[]): boolean {
  const folded = foldWord(word);
  return alternatives.some((a) => folded.startsWith(a));
}
