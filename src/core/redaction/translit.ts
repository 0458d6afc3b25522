import { createRequire } from 'node:module';
import type { Schema } from 'iuliia';

/**
 * Transliteration both ways between Cyrillic and Latin, for generating the spellings a name can take.
 * Russian letters go through the iuliia schemes people actually meet (passports: MVD, whose keys ICAO's spellings share; press: Wikipedia,
 * BGN/PCGN; messengers: Telegram-style). iuliia knows only Russian letters, so Kyrgyz, Kazakh, Tajik and Uzbek
 * letters (ү ө ң ғ қ ҳ ҷ ӣ ӯ ў) are handled by our own tables, in two flavours: Russianised (ү -> у, as a Russian
 * passport office would write it before iuliia) and national Latin (ү -> ü, ғ -> g', қ -> q, ҷ -> j).
 */

// ICAO Doc 9303 (passports), MVD 782, GOST 52535 and Yandex Maps are not listed: measured on 2,600 name words from
// Russian news and a synthetic Central Asian register, every word they spell folds to a matching key (keys.ts) that
// one of these already gives, so they only cost compile time. Passport spellings are still matched.
// Loaded on first use: iuliia builds every one of its schemes when it loads (about 20 ms), and most commands
// (a search, a list) never transliterate a name.
let iuliia: { readonly schemes: readonly Schema[]; readonly translate: (text: string, schema: Schema) => string } | null = null;
function schemes(): NonNullable<typeof iuliia> {
  if (!iuliia) {
    const lib = createRequire(import.meta.url)('iuliia') as typeof import('iuliia');
    iuliia = { schemes: [lib.WIKIPEDIA, lib.BGN_PCGN, lib.MVD_310, lib.TELEGRAM, lib.SCIENTIFIC], translate: lib.translate };
  }
  return iuliia;
}

/** Central Asian Cyrillic letters as a Russian clerk would write them. */
const RUSSIANISE: Readonly<Record<string, string>> = {
  ү: 'у', Ү: 'У', ө: 'о', Ө: 'О', ң: 'н', Ң: 'Н', ғ: 'г', Ғ: 'Г', қ: 'к', Қ: 'К', ҳ: 'х', Ҳ: 'Х',
  ҷ: 'дж', Ҷ: 'Дж', ӣ: 'и', Ӣ: 'И', ӯ: 'у', Ӯ: 'У', ў: 'у', Ў: 'У', ә: 'а', Ә: 'А', і: 'и', І: 'И',
  һ: 'х', Һ: 'Х', ұ: 'у', Ұ: 'У',
};

/** National Latin spellings (Kyrgyz/Kazakh/Uzbek/Tajik usage) for the letters iuliia does not know. */
const NATIONAL_LATIN: Readonly<Record<string, string>> = {
  ү: 'ü', ө: 'ö', ң: 'ng', ғ: "g'", қ: 'q', ҳ: 'h', ҷ: 'j', ӣ: 'i', ӯ: 'u', ў: "o'", ә: 'ä', і: 'i', һ: 'h', ұ: 'u',
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'j', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'x', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'sh', ъ: "'", ы: 'i', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

const CYRILLIC = /\p{Script=Cyrillic}/u;

export function isCyrillic(s: string): boolean {
  return CYRILLIC.test(s);
}

export function russianise(word: string): string {
  let out = '';
  for (const ch of word) out += RUSSIANISE[ch] ?? ch;
  return out;
}

function nationalLatin(word: string): string {
  let out = '';
  for (const ch of word) {
    const lower = ch.toLowerCase();
    const t = NATIONAL_LATIN[lower];
    if (t === undefined) out += ch;
    else out += ch === lower ? t : t.charAt(0).toUpperCase() + t.slice(1);
  }
  return out;
}

const latinCache = new Map<string, readonly string[]>();

/** The Latin spelling of a Cyrillic string in each scheme, in scheme order (the last is the national Latin). */
export function toLatinVariants(text: string): readonly string[] {
  const hit = latinCache.get(text);
  if (hit !== undefined) return hit;
  const russian = russianise(text);
  const { schemes: list, translate } = schemes();
  const result = [...list.map((schema) => translate(russian, schema)), nationalLatin(text)];
  if (latinCache.size > 200_000) latinCache.clear();
  latinCache.set(text, result);
  return result;
}

/** A name triple in each scheme, all parts in the same scheme. */
export function toLatinVariantsAligned(t: { readonly given: string; readonly family: string; readonly patronymic: string }): { given: string; family: string; patronymic: string }[] {
  const g = toLatinVariants(t.given);
  const f = toLatinVariants(t.family);
  const p = toLatinVariants(t.patronymic);
  return g.map((given, i) => ({ given, family: f[i] ?? '', patronymic: p[i] ?? '' }));
}

/** Latin to Cyrillic: ordered multi-letter rules first. Ambiguous spellings give the most common reading. */
const LATIN_RULES: readonly (readonly [RegExp, string])[] = [
  [/shch/g, 'щ'], [/sch/g, 'щ'], [/dzh/g, 'дж'], [/zh/g, 'ж'], [/kh/g, 'х'], [/ts/g, 'ц'], [/tch/g, 'ч'], [/ch/g, 'ч'], [/sh/g, 'ш'],
  [/g['’ʻ‘`ʼ]/g, 'г'], [/o['’ʻ‘`ʼ]/g, 'у'], [/gh/g, 'г'],
  [/^e/g, 'э'],
  [/(?<=^|[aeiouy])(yu|iu|ju)/g, 'ю'], [/(yu|ju)/g, 'ю'],
  [/(?<=^|[aeiouy])(ya|ia|ja)/g, 'я'], [/(ya|ja)/g, 'я'],
  [/yo/g, 'ё'], [/ye/g, 'е'],
  [/(?<=[aeiou])y/g, 'й'], [/y/g, 'ы'], [/(?<=[aeiou])i(?=$|[^aeiou])/g, 'й'],
  [/j/g, 'дж'], [/x/g, 'х'], [/q/g, 'к'], [/w/g, 'в'], [/c/g, 'к'],
  [/ü/g, 'ү'], [/ö/g, 'ө'], [/ä/g, 'ә'],
  [/a/g, 'а'], [/b/g, 'б'], [/v/g, 'в'], [/g/g, 'г'], [/d/g, 'д'], [/e/g, 'е'], [/z/g, 'з'], [/i/g, 'и'], [/k/g, 'к'],
  [/l/g, 'л'], [/m/g, 'м'], [/n/g, 'н'], [/o/g, 'о'], [/p/g, 'п'], [/r/g, 'р'], [/s/g, 'с'], [/t/g, 'т'], [/u/g, 'у'],
  [/f/g, 'ф'], [/h/g, 'х'], [/['’ʻ‘`ʼ]/g, ''],
];

/** Cyrillic spellings of a Latin word: the rule-based reading, plus one with a soft sign after a final л/н. */
/** A placeholder the Latin rules leave alone (a private-use character), turned into дж after them. */
const JE = '\ue000';

export function toCyrillicVariants(word: string): readonly string[] {
  const lower = word.toLowerCase();
  const capital = word !== lower;
  const fix = (x: string): string => (capital ? x.charAt(0).toUpperCase() + x.slice(1) : x);
  const out = new Set<string>();
  // A Latin j is дж in Uzbek and English (Jamshid = Джамшид, Jasur = Жасур) and й in German (Jana = Яна): both.
  const readings = /j/.test(lower) ? [lower, lower.replace(/dj|j/g, JE)] : [lower];
  for (const reading of readings) {
    let s = reading;
    for (const [re, rep] of LATIN_RULES) s = s.replace(re, rep);
    s = s.split(JE).join('дж');
    out.add(fix(s));
    if (/[лнт]$/.test(s)) out.add(fix(`${s}ь`));
    if (/^э/.test(s)) out.add(fix(`е${s.slice(1)}`));
  }
  return [...out];
}
