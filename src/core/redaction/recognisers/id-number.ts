import type { Finding } from '../types';
import { anyOf, digitsOf, finding, re, UNIT_AFTER, type Recogniser } from './util';

/**
 * Identity and document numbers, found three ways:
 * - by shape and check digit, with no label: Kazakh IIN (12 digits), Uzbek PINFL (14), Kyrgyz PIN (14, sex digit and
 *   birth date), Russian SNILS (XXX-XXX-XXX YY), Russian INN of a person (12), in any grouping of spaces or hyphens;
 *   MRZ lines; letter-prefixed passport numbers (Kyrgyz AN/AC/ID, Uzbek AA/AB/AC/AD/FA, Kazakh N, Russian and Tajik
 *   Cyrillic series); a Russian internal passport written as series and number ("45 19 338104", "4519 № 338104");
 * - after a document word in Russian, Kyrgyz, Kazakh, Uzbek (Latin and Cyrillic), Tajik or English (паспорт,
 *   паспортунун, pasport, шиноснома, ИНН/ПИН/ЖИН/ЖСН/ИИН/ПИНФЛ/JSHSHIR/СНИЛС/РМА, удостоверение, күбөлүк, куәлік,
 *   guvohnoma, миграционная карта, патент, вид на жительство ...), with up to four words between ("серия и номер
 *   паспорта:", "рақами шиносномаи ӯ"), taking the whole value: series and number with a "номер"/"№"/"raqami" between.
 * The span is the value only, from its first to its last character, never the label.
 */

const MRZ = /(?=[A-Z0-9<])(?<![A-Z0-9<])[A-Z0-9<]{28,46}(?![A-Z0-9<])/g;
const PREFIXED = re(String.raw`(?=[A-ZА-ЯЁ])(?<![\p{L}\p{N}_])(?:[A-Z]{1,2}|[А-ЯЁ]{1,2})\s?№?\s?\d{7,9}(?![\p{L}\p{N}_])`, 'gu');
/** Runs of digit groups joined by one space or hyphen: the checksummed numbers are looked for inside them. */
const GROUP_RUN = re(String.raw`(?=\d)(?<![\p{L}\p{N}_.,+/])\d+(?:[ -]\d+)*(?![\p{L}\p{N}_]|[.,]\d)`, 'gu');
/** Russian internal passport, series and number with no label: "45 19 338104", "4519 338104", "4519 № 338104". */
const RU_PASSPORT = re(String.raw`(?=\d)(?<![\p{L}\p{N}_.,+/-])\d{2}\s?\d{2}\s(?:№\s?)?\d{6}(?![\p{L}\p{N}_]|[.,-]\d)`, 'gu');
/** SNILS written in its own shape: 112-233-445 95, 112-233-445-95, 112 233 445 95. */
const SNILS = re(String.raw`(?=\d)(?<![\p{L}\p{N}_.,+/-])\d{3}([- ])\d{3}\1\d{3}[- ]\d{2}(?![\p{L}\p{N}_]|[.,-]\d)`, 'gu');

/** Document words, matched case-insensitively; each stem takes any case or possessive ending. */
const DOC_WORDS = [
  // Russian
  'паспорт\\p{L}{0,3}', 'загранпаспорт\\p{L}{0,3}', 'удостоверени\\p{L}{1,2}(?:\\s+личности)?', 'ID-карт\\p{L}{0,3}', 'айди-карт\\p{L}{0,3}',
  'миграционн\\p{L}{2,3}\\s+карт\\p{L}{0,4}', 'миграционк\\p{L}{1,2}', 'патент\\p{L}{0,3}', 'вид\\p{L}{0,2}\\s+на\\s+жительство',
  'разрешени\\p{L}{1,2}\\s+на\\s+(?:работу|временное\\s+проживание)', 'полис\\p{L}{0,2}(?:\\s+ОМС)?', 'персональн\\p{L}{2,3}\\s+(?:идентификационн\\p{L}{2,3}\\s+)?номер\\p{L}{0,2}',
  'личн\\p{L}{2,3}\\s+номер\\p{L}{0,2}', 'номер\\p{L}{0,2}\\s+документа', 'свидетельств\\p{L}{1,2}\\s+о\\s+рождении', 'серия', 'серии', 'сериясы', 'серияси',
  // Kyrgyz
  'паспортунун', 'инсандык\\s+күбөлүг\\p{L}{0,4}', 'инсандык\\s+күбөлүк\\p{L}{0,4}', 'күбөлүг\\p{L}{1,4}', 'күбөлүк', 'жеке\\s+номер\\p{L}{0,3}', 'миграциялык\\s+карта\\p{L}{0,3}',
  // Kazakh
  'жеке\\s+куәлі\\p{L}{1,5}', 'куәлі\\p{L}{1,5}', 'жеке\\s+сәйкестендіру\\s+нөмірі', 'төлқұжат\\p{L}{0,4}',
  // Uzbek (Latin and Cyrillic)
  'pasport\\p{L}{0,5}', 'guvohnoma\\p{L}{0,4}', 'shaxsiy\\s+(?:raqam\\p{L}{0,2}|guvohnoma\\p{L}{0,4}|identifikatsiya\\s+raqami)', 'ID-karta\\p{L}{0,4}', 'seriyasi',
  'гувоҳнома\\p{L}{0,4}', 'шахсий\\s+рақам\\p{L}{0,2}',
  // Tajik
  'шиноснома\\p{L}{0,3}', 'шаҳодатнома\\p{L}{0,3}', 'корти\\s+(?:шахсӣ|ID)', 'силсилаи',
  // English
  'passport', 'ID\\s+card', 'identity\\s+card', 'national\\s+ID', 'personal\\s+(?:number|code|ID)', 'document\\s+(?:number|no\\.?)', 'residence\\s+permit',
  'migration\\s+card', 'work\\s+permit', 'work\\s+patent', 'patent', 'series',
];
/** Acronyms, matched as written (upper case), so that "pin", "tin", "id" in prose are not labels (STIR, РМА: tax numbers). */
const DOC_ACRONYMS = ['ИНН', 'INN', 'ПИН', 'PIN', 'ЖИН', 'ИИН', 'IIN', 'ЖСН', 'ПИНФЛ', 'PINFL', 'JSHSHIR', 'JShShIR', 'ЖШШИР', 'СНИЛС', 'SNILS', 'РМА', 'STIR', 'СТИР', 'TIN', 'ВНЖ', 'РВП', 'ID', 'МК'];

/** A value: letters-then-digits, series-then-number with a number word between, or digits with separators. */
const NUMBER_WORD = '(?:№|N|No\\.?|Nr\\.?|#|номер\\p{L}{0,2}|number|raqami|raqam|рақами|рақам|нөмірі|номери)';
const VALUE = `(?:[A-ZА-ЯЁ]{1,2}\\s?(?:№\\s?)?\\d{6,9}|(?:[A-ZА-ЯЁ]{1,2}|\\d{2}\\s?\\d{2}|\\d{2})\\s*,?\\s*${NUMBER_WORD}\\s*[:.]?\\s*\\d{5,10}|\\d{1,10}(?:[ -]\\d{1,10}){0,5})`;
/** Between the label and the value: up to four words ("серия и номер паспорта", "шиносномаи ӯ") and punctuation. */
const GAP = '((?:[\\s:,()«»"#№-]+(?![A-ZА-ЯЁ]{1,2}\\s?\\d)[\\p{L}]+\\.?){0,4})[\\s:.,()«»"#№-]*';
/** A lookahead on the first letters of `words`, put before a lookbehind: most positions of a long text fail at once. */
const firstOf = (words: readonly string[]): string => `(?=[${[...new Set(words.map((w) => w[0]!))].join('')}])`;
const LABELLED = re(`${firstOf(DOC_WORDS)}(?<![\\p{L}\\p{N}])${anyOf(DOC_WORDS)}(?!\\p{L})${GAP}(${VALUE})(?![\\p{L}\\p{N}_]|[.,]\\d)`, 'giu');
const LABELLED_ACRONYM = re(`${firstOf(DOC_ACRONYMS)}(?<![\\p{L}\\p{N}])${anyOf(DOC_ACRONYMS)}(?:-\\p{L}{1,3})?(?!\\p{L})${GAP}(${VALUE})(?![\\p{L}\\p{N}_]|[.,]\\d)`, 'gu');

/** An upper-case series of one or two letters ending the gap, with an optional number word after it (case-sensitive). */
const SERIES_BEFORE = re(`[\\s,:(]([A-ZА-ЯЁ]{1,2})\\s*,?\\s*(?:${NUMBER_WORD}\\s*[:.]?\\s*)?$`, 'u');

/** A gap with a word other than "number" or "series" in it ("a series of", "паспорт стоил"). */
const PROSE_GAP = re(`(?:^|[^\\p{L}])(?!(?:${NUMBER_WORD}|серия|серии|series|seriyasi|серияси|сериясы|силсилаи|и|va|ва|and)(?!\\p{L}))\\p{L}+`, 'iu');

const KNOWN_PREFIXES = new Set(['AN', 'AC', 'ID', 'AA', 'AB', 'AD', 'AE', 'FA', 'N', 'A', 'B', 'C', 'АН', 'АС', 'П', 'АА', 'АВ']);

const weighted = (d: readonly number[], weights: readonly number[]): number => weights.reduce((acc, w, i) => acc + w * d[i]!, 0);

function validDate(day: number, month: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** Kazakh IIN: YYMMDD, a century-and-sex digit 1-6, four digits, a check digit (two passes of weights mod 11). */
export function validIin(iin: string): boolean {
  if (!/^\d{12}$/.test(iin)) return false;
  const d = [...iin].map(Number);
  if (d[6]! < 1 || d[6]! > 6) return false;
  const year = (d[6]! <= 2 ? 1800 : d[6]! <= 4 ? 1900 : 2000) + d[0]! * 10 + d[1]!;
  if (!validDate(d[4]! * 10 + d[5]!, d[2]! * 10 + d[3]!, year)) return false;
  let check = weighted(d, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
  if (check === 10) {
    check = weighted(d, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11;
    if (check === 10) return false;
  }
  return check === d[11];
}

/** Kyrgyz PIN: sex digit (1 female, 2 male), birth date DDMMYYYY, then five digits (no published check digit). */
export function validKgPin(pin: string): boolean {
  if (!/^[12]\d{13}$/.test(pin)) return false;
  const year = Number(pin.slice(5, 9));
  return year >= 1900 && year <= 2100 && validDate(Number(pin.slice(1, 3)), Number(pin.slice(3, 5)), year);
}

/**
 * Uzbek PINFL (JShShIR): a century-and-sex digit 1-6, birth date DDMMYY, district (3), serial (3), check digit = sum of
 * the first 13 digits weighted 7, 3, 1, 7, 3, 1 ... mod 10.
 */
export function validPinfl(pinfl: string): boolean {
  if (!pinflDate(pinfl)) return false;
  const d = [...pinfl].map(Number);
  return weighted(d, [7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7]) % 10 === d[13];
}

/** 14 digits with a PINFL's century digit and birth date. */
function pinflDate(pinfl: string): boolean {
  if (!/^[1-6]\d{13}$/.test(pinfl)) return false;
  const d = [...pinfl].map(Number);
  const century = 1800 + Math.floor((d[0]! - 1) / 2) * 100;
  return validDate(d[1]! * 10 + d[2]!, d[3]! * 10 + d[4]!, century + d[5]! * 10 + d[6]!);
}

/**
 * Russian SNILS: nine digits and a two-digit check = sum of the digits weighted 9..1, taken mod 101 (100 -> 00).
 * Numbers up to 001-001-998 were issued before the check existed and are not checkable.
 */
export function validSnils(snils: string): boolean {
  const s = digitsOf(snils);
  if (s.length !== 11) return false;
  const body = s.slice(0, 9);
  if (Number(body) <= 1001998 || /^(\d)\1+$/.test(body)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (9 - i);
  const check = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101 === 100 ? 0 : sum % 101;
  return check === Number(s.slice(9));
}

/** Russian INN of a person: ten digits and two check digits (weighted sums mod 11 mod 10). */
export function validRuInn(inn: string): boolean {
  if (!/^\d{12}$/.test(inn) || /^(\d)\1+$/.test(inn)) return false;
  const d = [...inn].map(Number);
  const c1 = (weighted(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10;
  const c2 = (weighted(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10;
  return c1 === d[10] && c2 === d[11];
}

/** The checksummed number a digit string is, if any. */
function checksummed(digits: string): { source: string; confidence: number } | null {
  if (digits.length === 12) {
    if (validIin(digits)) return { source: 'id:kz-iin', confidence: 0.95 };
    if (validRuInn(digits)) return { source: 'id:ru-inn', confidence: 0.85 };
  }
  if (digits.length === 14) {
    if (validPinfl(digits)) return { source: 'id:uz-pinfl', confidence: 0.95 };
    if (validKgPin(digits)) return { source: 'id:kg-pin', confidence: 0.9 };
    // A PINFL shape with a birth date but a wrong check digit: a mistyped PINFL or some other 14-digit code. Ask.
    if (pinflDate(digits)) return { source: 'id:uz-pinfl-shape', confidence: 0.4 };
  }
  return null;
}

/** Checksummed numbers inside one run of digit groups, at group boundaries ("8810 1740 1001", "881017-401001"). */
function scanRun(text: string, start: number, run: string, out: Finding[]): void {
  const groups = [...run.matchAll(/\d+/g)].map((g) => ({ start: g.index, end: g.index + g[0].length, len: g[0].length }));
  let i = 0;
  while (i < groups.length) {
    let total = 0;
    let hit = false;
    for (let j = i; j < groups.length && total < 14; j++) {
      total += groups[j]!.len;
      if (total !== 12 && total !== 14) continue;
      const s = run.slice(groups[i]!.start, groups[j]!.end);
      const c = checksummed(digitsOf(s));
      if (c !== null) {
        out.push(finding(start + groups[i]!.start, start + groups[j]!.end, 'id-number', c.confidence, c.source));
        if (c.confidence >= 0.5) {
          i = j + 1;
          hit = true;
          break;
        }
      }
    }
    if (!hit) i++;
  }
}

export const recogniseIdNumbers: Recogniser = (text) => {
  const out: Finding[] = [];
  for (const m of text.matchAll(MRZ)) {
    const lt = (m[0].match(/</g) ?? []).length;
    if ((lt >= 2 && /\d/.test(m[0])) || (/^(?:P<|I<|ID|AC|V<)[A-Z<]{3}/.test(m[0]) && lt >= 2)) out.push(finding(m.index, m.index + m[0].length, 'id-number', 0.99, 'id:mrz'));
  }
  for (const m of text.matchAll(PREFIXED)) {
    const prefix = m[0].match(/^\p{Lu}+/u)?.[0] ?? '';
    out.push(finding(m.index, m.index + m[0].length, 'id-number', KNOWN_PREFIXES.has(prefix) ? 0.9 : 0.75, 'id:passport'));
  }
  for (const m of text.matchAll(GROUP_RUN)) {
    if (m[0].length >= 12) scanRun(text, m.index, m[0], out);
  }
  for (const m of text.matchAll(SNILS)) {
    if (validSnils(m[0])) out.push(finding(m.index, m.index + m[0].length, 'id-number', 0.95, 'id:ru-snils'));
  }
  for (const m of text.matchAll(RU_PASSPORT)) out.push(finding(m.index, m.index + m[0].length, 'id-number', 0.7, 'id:ru-passport'));
  for (const pattern of [LABELLED, LABELLED_ACRONYM]) {
    for (const m of text.matchAll(pattern)) {
      const gap = m[1] ?? '';
      let value = m[2]!;
      let start = m.index + m[0].length - value.length;
      // A letter series the gap took for a word ("pasport seriyasi AB, raqami 2345671"): it belongs to the value.
      const series = SERIES_BEFORE.exec(m[0].slice(0, m[0].length - value.length));
      if (series !== null) {
        const from = m.index + series.index + 1; // the pattern starts with one separator
        value = text.slice(from, start + value.length);
        start = from;
      }
      // With a case-insensitive label the value's letter series may have matched a lower-case word ("в", "у"): drop it.
      const lower = /^\p{Ll}+\s?/u.exec(value);
      if (lower !== null) {
        start += lower[0].length;
        value = value.slice(lower[0].length);
      }
      const digits = digitsOf(value).length;
      // Words between the label and the value weaken the link: then the value must look like a document number.
      const structured = /\p{L}/u.test(value) || /[№#]/.test(value);
      if (digits < 6 || (gap.trim() !== '' && digits < 7 && !structured)) continue;
      if (/^(?:19|20)\d{2}\s?[-–]\s?(?:19|20)\d{2}$/.test(value)) continue; // a range of years
      // An amount: "patent cost 1 200 000 rubles", "a series of 1 500 000 transfers" (thousands in groups of three).
      if (UNIT_AFTER.test(text.slice(start + value.length, start + value.length + 12))) continue;
      if (PROSE_GAP.test(gap) && /^\d{1,3}(?: \d{3})+$/.test(value) && checksummed(digitsOf(value)) === null) continue;
      out.push(finding(start, start + value.length, 'id-number', 0.95, 'id:context'));
    }
  }
  return out;
};
