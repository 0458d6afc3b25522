import type { Finding } from '../types';
import { APOS, finding, re, type Recogniser } from './util';

/**
 * Street addresses, as chains of components in any order:
 * - street: a street word and a name, before or after it (ул. Токтогула, улице Киевской, проспект Чингиза Айтматова,
 *   мкр Тунгуч, кӯчаи Сино, хиёбони Рӯдакӣ, Токтогул көчөсү, Абай көшесі, Абай даңғылы, Navoiy ko‘chasi, Manas Ave,
 *   Toktogul st.), with the house number that may follow it ("мкр Тунгуч, 45-12", "Manas Ave 48");
 * - house: дом 6, д. 5, үй 15, 15-үй, 3-uy, бинои 2, корп. 2, house 5;
 * - flat: кв. 31, квартира 21, 42-пәтер, 7-батир, 41-xonadon, хонаи 3, apt 17;
 * - numbered area: 12-й мкр., 7-kvartal, 4-mavze, мкр 12;
 * - district, only as part of a chain: Ленинский р-н, Chilonzor tumani, ноҳияи Фирдавсӣ.
 * Neighbouring components (joined by commas, spaces or "в", "на", "da") form one span, from the first to the last
 * ("в доме 6 на улице Киевской, квартира 21" -> "доме 6 на улице Киевской, квартира 21"). A chain is an address when it
 * names a home: a street with a number, or two numbered components (house and flat, area and house). A street alone
 * ("проспект Чингиза Айтматова", "улица Ленина") names no one's home and is left alone, as is a metro station.
 */

/** A word with either case of its first letter. */
const ci = (w: string): string => {
  const first = w[0]!;
  const lower = first.toLowerCase();
  const upper = first.toUpperCase();
  return lower === upper ? w : `[${upper}${lower}]${w.slice(1)}`;
};
/**
 * Alternation of words, case-free first letters, behind a lookahead on the possible first characters: V8 tries the
 * alternatives one by one at every word start, and the lookahead rejects most words with one class test.
 */
const alt = (words: readonly string[]): string => {
  const firsts = new Set<string>();
  for (const w of words) {
    const ch = w.startsWith('(?:') ? undefined : w[0];
    if (ch === undefined || ch === '\\' || ch === '[' || ch === '(') return `(?:${words.map(ci).join('|')})`;
    firsts.add(ch.toLowerCase()).add(ch.toUpperCase());
  }
  return `(?=[${[...firsts].join('').replace(/[-\]\\^]/g, '\\$&')}])(?:${words.map(ci).join('|')})`;
};

const NAME_CHARS = `[\\p{L}\\p{M}${APOS.slice(1, -1)}]`;
/** A capitalised name word ("Токтогула", "Ала-Тоо", "Самал-2", "Ulug‘bek") or an initial ("К."). */
const NAME_WORD = `\\p{Lu}(?:${NAME_CHARS}+(?:-[\\p{L}\\p{N}]+)*|\\.)`;
/** Lower-case words inside a name: titles and particles ("Төле би", "Қабанбай батыр", "Navoiy shoh", "ибн"), "tor" (lane). */
const NAME_PARTICLE = '(?:би|батыр|baatyr|batyr|ата|ota|хан|xon|khan|бек|bek|ака|aka|уулу|кызы|улы|ұлы|qizi|ибн|ibn|shoh|шоҳ|tor)(?!\\p{L})';
/** A street name: up to three name words, after an optional ordinal or "им." ("8 Марта", "1-я Линия", "им. Ленина"). */
const STREET_NAME = `(?:(?:им\\.|имени)\\s*)?(?:\\d{1,2}(?:-?(?:я|й|го|ая|ый|ой|ий))?\\s+)?${NAME_WORD}(?:\\s+(?:${NAME_WORD}|${NAME_PARTICLE})){0,2}`;

/** Count nouns: "Ленина 5 человек", "Manas Avenue 300 people", "хиёбони Рӯдакӣ 300 нафар" are crowds, not houses. */
const COUNT_WORDS = 'человек|чел|люд|протестующ|участник|мигрант|жител|семе|сотрудник|полицейск|people|person|protester|migrant|worker|famil|resident|officer|адам|киши|kishi|нафар|nafar|одам|odam|muhojir|муҳоҷир|оила|oila|отбасы|үй-бүлө';
const MONTH_WORDS = 'январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|january|february|march|april|may|june|july|august|september|october|november|december';
/** What a number must not be followed by to be a house number: a year word, a unit, a month, a time, a decimal. */
const NOT_HOUSE_AFTER = `(?![\\p{L}\\p{N}]|[:.,/-]\\d|\\s?-?\\s?(?:жыл|жил|ж\\.|yil|йил|год|г\\.|гг|сол|year|руб|сом|тенге|сум|доллар|лет|км|km|${COUNT_WORDS}|${MONTH_WORDS})|%)`;
const HOUSE_NUM = `\\d{1,4}(?:\\p{L}(?!\\p{L}))?(?:[/-]\\d{1,4}(?:\\p{L}(?!\\p{L}))?)?${NOT_HOUSE_AFTER}`;

/** Words that make a number after them a house, a flat, a numbered area (as a prefix) or follow it (as a suffix). */
const HOUSE_WORDS = ['дом\\p{L}{0,2}', 'д\\.', 'house', 'bldg\\.?', 'building', 'үй', 'уй', 'uy', 'бино(?:и)?', 'корп\\.', 'корпус\\p{L}{0,2}', 'к\\.', 'стр\\.', 'строение', 'блок', 'block', 'korpus'];
const HOUSE_SUFFIX = ['үй\\p{L}{0,3}', 'уй\\p{L}{0,3}', 'uy\\p{L}{0,3}', 'бино', 'дом'];
const FLAT_WORDS = ['кв\\.?', 'квартир\\p{L}{1,3}', 'ком\\.', 'комнат\\p{L}{1,2}', 'apt\\.?', 'apartment', 'flat', 'unit', 'room', 'пәтер\\p{L}{0,3}', 'батир\\p{L}{0,3}', 'xonadon\\p{L}{0,3}', 'хонадон\\p{L}{0,3}', 'хонаи', 'kv\\.?', 'ҳуҷраи', 'офис', 'office'];
const FLAT_SUFFIX = ['пәтер\\p{L}{0,3}', 'батир\\p{L}{0,3}', 'xonadon\\p{L}{0,3}', 'хонадон\\p{L}{0,3}', 'kvartira\\p{L}{0,2}', 'квартира', 'кв\\.?', 'хона'];
const AREA_WORDS = ['мкр\\.?', 'мкрн\\.?', 'микрорайон\\p{L}{0,2}', 'микрорайони', 'kvartal\\p{L}{0,3}', 'квартал\\p{L}{0,2}', 'mavze\\p{L}{0,3}', 'мавзе\\p{L}{0,3}', 'mkr\\.?', 'microdistrict', 'кичирайон\\p{L}{0,3}', 'шағын\\s+аудан\\p{L}{0,3}', 'massiv\\p{L}{0,3}', 'массив\\p{L}{0,2}', 'daha\\p{L}{0,3}', 'даҳа\\p{L}{0,3}'];
const SUFFIX_AHEAD = `(?!\\s?-?\\s?${alt([...HOUSE_SUFFIX, ...FLAT_SUFFIX, ...AREA_WORDS])}(?!\\p{L}))`;

/** Street words before the name: Russian, Tajik izofat forms (кӯчаи Сино), English transliterations. */
const STREET_BEFORE = [
  'ул\\.?', 'улиц\\p{L}{1,2}', 'пр\\.', 'пр-т', 'пр-кт', 'просп\\.', 'проспект\\p{L}{0,2}', 'пер\\.', 'переул\\p{L}{2,3}', 'б-р', 'бульвар\\p{L}{0,2}',
  'ш\\.', 'шоссе', 'пл\\.', 'площад\\p{L}{1,2}', 'туп\\.', 'тупик\\p{L}{0,2}', 'наб\\.', 'набережн\\p{L}{2,3}', 'проезд\\p{L}{0,2}', 'мкр\\.?', 'мкрн\\.?',
  'микрорайон\\p{L}{0,2}', 'ж/м', 'жилмассив\\p{L}{0,2}', 'массив\\p{L}{0,2}',
  'кӯчаи', 'кучаи', 'хи[её]бони', 'гузаргоҳи', 'гузаргохи', 'тупики', 'маҳаллаи', 'махаллаи', 'мавзеи', 'шаҳраки', 'шахраки', 'микрорайони',
  'ul\\.', 'ulitsa', 'prospekt', 'pr\\.', 'mkr\\.?', 'microdistrict', 'micro-district', 'mikrorayon',
];
/** Street words after the name: Kyrgyz, Kazakh, Uzbek (Latin and Cyrillic), Russian, English. */
const STREET_AFTER = [
  'көчөсү\\p{L}{0,4}', 'кӧчөсү\\p{L}{0,4}', 'көч\\.', 'проспектиси\\p{L}{0,4}', 'бульвары\\p{L}{0,4}', 'кичирайону\\p{L}{0,4}', 'кичи\\s+району\\p{L}{0,4}', 'м-н',
  'көшесі\\p{L}{0,5}', 'көш\\.', 'даңғылы\\p{L}{0,4}', 'даңғ\\.', 'шағын\\s+аудан\\p{L}{0,5}', 'ш\\.\\s?а\\.', 'ықшам\\s+аудан\\p{L}{0,5}', 'тұйық\\p{L}{0,4}',
  `ko${APOS}?chasi\\p{L}{0,3}`, 'ku?chasi\\p{L}{0,3}', 'prospekti\\p{L}{0,3}', 'mavzesi\\p{L}{0,3}', 'massivi\\p{L}{0,3}', 'mahallasi\\p{L}{0,3}', 'dahasi',
  'кўчаси\\p{L}{0,3}', 'кучаси\\p{L}{0,3}', 'проспекти\\p{L}{0,3}', 'мавзеси\\p{L}{0,3}', 'массиви\\p{L}{0,3}', 'маҳалласи\\p{L}{0,3}',
  'улиц\\p{L}{1,2}', 'проспект\\p{L}{0,2}', 'переул\\p{L}{2,3}', 'бульвар\\p{L}{0,2}', 'шоссе', 'площад\\p{L}{1,2}', 'набережн\\p{L}{2,3}', 'ул\\.', 'пр-т', 'пер\\.', 'б-р',
  'Street', 'street', 'St\\.?', 'st\\.?', 'Str\\.?', 'str\\.?', 'Avenue', 'avenue', 'Ave\\.?', 'ave\\.?', 'Av\\.', 'av\\.', 'Road', 'road', 'Rd\\.?', 'rd\\.?', 'Lane', 'Ln\\.?',
  'Boulevard', 'Blvd\\.?', 'blvd\\.?', 'Drive', 'Prospekt', 'prospekt', 'Prospect', 'Ulitsa', 'Kochosu', 'Köchösü', 'Highway', 'Square', 'Sq\\.?', 'Alley', 'Microdistrict', 'microdistrict',
];
const DISTRICT_AFTER = ['р-н\\p{L}?', 'район\\p{L}{0,2}', 'tumani\\p{L}{0,3}', 'тумани\\p{L}{0,3}', 'ауданы\\p{L}{0,3}', 'району\\p{L}{0,3}', 'district'];
const DISTRICT_BEFORE = ['ноҳияи', 'нохияи', 'district'];

/**
 * A lookahead on the characters a component can start with (the first letters of `words`, digits if `digits`): put
 * before a pattern's lookbehind, it turns away almost every position of a long note with one class test instead of
 * a lookbehind. Zero-width like the lookbehind, so the pattern matches exactly what it matched without it.
 */
const lead = (words: readonly string[], digits: boolean): string => {
  const firsts = new Set<string>();
  for (const w of words) {
    const ch = w[0]!;
    if (!/\p{L}/u.test(ch)) return '';
    firsts.add(ch.toLowerCase()).add(ch.toUpperCase());
  }
  return `(?=[${[...firsts].join('').replace(/[-\]\\^]/g, '\\$&')}${digits ? '\\d' : ''}])`;
};

const W_END = '(?![\\p{L}\\p{N}])';
const STREET_NUMBER = `(?:,?\\s*(?:${alt(HOUSE_WORDS)}\\s*)?(?<sn>${HOUSE_NUM})${SUFFIX_AHEAD})?`;
const START = '(?<![\\p{L}\\p{N}])';

// One pattern per kind of component, each led by a keyword or a digit (one alternation of all of them runs ~3x
// slower in V8). Name-first forms ("Токтогул көчөсү", "Ленинский р-н") are found by their street or district word
// and the name is then read backwards from it.
type Part = 'street' | 'numfirst' | 'area' | 'house' | 'flat' | 'district';
const PATTERNS: readonly (readonly [Part, RegExp, boolean])[] = [
  ['street', re(`${lead(STREET_BEFORE, false)}${START}${alt(STREET_BEFORE)}\\s*${STREET_NAME}(?!\\p{L})${STREET_NUMBER}`, 'gu'), false],
  ['street', re(`${lead(STREET_AFTER, false)}(?<=[\\p{L}\\p{N}.]\\s{1,3})(?<pt>${alt(STREET_AFTER)})(?!\\p{L})${STREET_NUMBER}`, 'gu'), true],
  ['numfirst', re(`(?=\\d)${START}(?<nf>\\d{1,4}[A-Za-z]?(?:/\\d{1,4})?),?\\s+${NAME_WORD}(?:\\s+${NAME_WORD}){0,2}\\s+${alt(STREET_AFTER)}(?!\\p{L})`, 'gu'), false],
  // A numbered area may carry the house and flat right after it: "7 мкр, 33-15".
  ['area', re(`${lead(AREA_WORDS, true)}${START}(?:\\d{1,3}(?:-?(?:й|я|ый|ий|chi|inchi))?[-\\s]?\\s?${alt(AREA_WORDS)}(?!\\p{L})|${alt(AREA_WORDS)}\\s*№?\\s*\\d{1,3}\\p{L}?${W_END})${STREET_NUMBER}`, 'gu'), false],
  ['house', re(`${lead(HOUSE_WORDS, true)}${START}(?:${alt(HOUSE_WORDS)}\\s*№?\\s*${HOUSE_NUM}${SUFFIX_AHEAD}|\\d{1,4}\\p{L}?\\s?-?\\s?${alt(HOUSE_SUFFIX)}${W_END})`, 'gu'), false],
  ['flat', re(`${lead(FLAT_WORDS, true)}${START}(?:${alt(FLAT_WORDS)}\\s*№?\\s*#?\\s*\\d{1,4}\\p{L}?${W_END}|\\d{1,4}\\s?-?\\s?${alt(FLAT_SUFFIX)}(?!\\p{L}))`, 'gu'), false],
  ['district', re(`${lead(DISTRICT_AFTER, false)}(?<=[\\p{L}\\p{N}.]\\s{1,3})${alt(DISTRICT_AFTER)}(?!\\p{L})`, 'gu'), true],
  ['district', re(`${lead(DISTRICT_BEFORE, false)}${START}${alt(DISTRICT_BEFORE)}\\s+${STREET_NAME}`, 'gu'), false],
];
/** The name just before a street or district word: up to three capitalised words ending the slice. */
const NAME_BEFORE = re(`${START}${STREET_NAME}\\s{1,3}$`, 'u');

/** Locative, dative, ablative and genitive endings of Kyrgyz, Kazakh and Uzbek street words. */
const INFLECTED = /(?:да|де|та|те|до|дө|то|тө|da|de|га|ге|ка|ке|ға|ғе|қа|қе|го|гө|ко|кө|ga|ka|qa|дан|ден|тан|тен|нан|нен|дон|дөн|тон|төн|dan|нын|нин|нун|нүн|ның|нің|ning|нинг)$/u;

/** What may stand between two components of one address. */
const JOIN = /^(?:\s*,?\s*|\s*,?\s+(?:в|во|на|по|у|in|at|da|дар)\s+)$/u;

interface Component {
  readonly start: number;
  readonly end: number;
  readonly part: Part;
  readonly numbered: boolean;
  /** A street or area that carries its own house number ("Manas Ave 48", "7 мкр, 33-15"). */
  readonly withHouse: boolean;
}

/** How much of a home a component names: a street or area 1 (2 with its house number), a house or flat 1, a district 0. */
function weight(c: Component): number {
  if (c.part === 'district') return 0;
  if (c.part === 'numfirst') return 2;
  return c.withHouse ? 2 : 1;
}

/** Abbreviations whose full stop belongs to the address ("кв.", "ул.", "St."), not to the sentence. */
const ABBREVIATION_END = re(String.raw`(?:^|[^\p{L}])(?:ул|пр|пер|д|кв|корп|мкр|мкрн|ш|пл|St|st|Ave|ave|Rd|rd|Ln|Blvd|Sq|Str|str|Av|av|apt|kv|стр|ком|көч|көш|даңғ|туп|наб|просп|bldg|mkr|ж|а)\.$`, 'u');

export const recogniseAddresses: Recogniser = (text) => {
  const found: Component[] = [];
  for (const [part, pattern, nameBefore] of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const g = m.groups ?? {};
      let start = m.index;
      if (nameBefore) {
        const before = NAME_BEFORE.exec(text.slice(Math.max(0, start - 80), start));
        if (before === null) continue;
        start -= before[0].length;
      }
      let end = m.index + m[0].length;
      let numbered = part === 'street' ? g.sn !== undefined : part !== 'district';
      // "Абай даңғылында 300 адам", "Chui prospektida 5": a Turkic street word in a case other than the nominative
      // is where something happened; a bare number after it is a count, not the house (that comes as "5-үй", "5-uy").
      if (numbered && part === 'street' && g.pt !== undefined && INFLECTED.test(g.pt)) {
        end = m.index + g.pt.length;
        numbered = false;
      }
      while (end > start && /[\s,;:]/.test(text[end - 1]!)) end--;
      if (part === 'numfirst' && /^(?:19|20)\d{2}$/.test(g.nf!)) continue; // "in 2019 Manas Avenue ..." is a year
      found.push({ start, end, part, numbered, withHouse: numbered && g.sn !== undefined });
    }
  }
  // Overlapping components are one ("Бишкек ул. Киевская 5" read as "Бишкек ул." and "ул. Киевская 5"; "40 Manas Ave."
  // read as a street and as number-first): their union, named after the more specific of the two.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: Component[] = [];
  for (const c of found) {
    const last = parts[parts.length - 1];
    if (last === undefined || c.start >= last.end) {
      parts.push(c);
      continue;
    }
    const main = weight(c) > weight(last) ? c : last;
    parts[parts.length - 1] = { start: last.start, end: Math.max(last.end, c.end), part: main.part, numbered: last.numbered || c.numbered, withHouse: last.withHouse || c.withHouse };
  }
  const out: Finding[] = [];
  let i = 0;
  while (i < parts.length) {
    let j = i;
    while (j + 1 < parts.length && parts[j + 1]!.start - parts[j]!.end <= 12 && JOIN.test(text.slice(parts[j]!.end, parts[j + 1]!.start))) j++;
    const chain = parts.slice(i, j + 1);
    i = j + 1;
    const score = chain.reduce((s, c) => s + weight(c), 0);
    if (score < 2 || !chain.some((c) => c.numbered)) continue;
    // A district at either end is kept only when it leads into the rest ("Ленинский р-н, ул. ...").
    const start = chain[0]!.start;
    let end = chain[chain.length - 1]!.end;
    if (chain[chain.length - 1]!.part === 'district' && chain.length > 1) end = chain[chain.length - 2]!.end;
    if (text[end - 1] === '.' && !ABBREVIATION_END.test(text.slice(Math.max(start, end - 8), end))) end--;
    out.push(finding(start, end, 'address', 0.9, 'address'));
  }
  return out;
};
