import { APOS, finding, re, type Recogniser } from './util';

/**
 * Dates of birth, recognised by their context only (a date alone is the date of an event, not of a birth):
 * - a birth word before the date, in English (born, DOB, date of birth), Russian (дата рождения, д.р., родился),
 *   Kyrgyz (туулган күнү, туулган), Kazakh (туған күні, туылған), Uzbek (tug‘ilgan sanasi with any apostrophe or none,
 *   туғилган), Tajik (таваллуд, санаи таваллуд, соли таваллуд); a relative may stand between the label and a colon
 *   ("Дата рождения сына: 09/12/2003");
 * - or after it: "1988 г.р.", "1988 года рождения", "1988-жылы туулган", "1985 жылы туған", "1985-yilda tug‘ilgan",
 *   "соли 1992 таваллуд шудааст", and "came into the world" in each language ("2005 жылы дүниеге келген").
 * Dates in every format: 17.10.1988, 09/12/2003, 1988-10-17, 17 октября 1988 г., "1988-жылдын 17-октябры",
 * "17-октябрь 1988-ж.", "1985-yil 3-noyabr", "1988 жылғы 17 қазан", "21 июли соли 1992", "March 12, 1990", a month and
 * year, or a year alone, with the case endings the month names take in each language (октябрда, қазанда, noyabrda).
 * The span is the date with its year word ("1988-ж.", "1985-yil"), never the label.
 */

const EN_MONTHS = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?(?!\\p{L})';
// Stems that take case and possessive endings: Russian (октября, октябре), Kyrgyz (октябры, октябрда), Uzbek
// Cyrillic and Tajik (октябр, июли), Kazakh month names (қазан, қазанда), Uzbek Latin (noyabr, noyabrda).
const MONTH_STEMS = [
  'январ', 'феврал', 'март', 'апрел', 'ма[йяею]', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр',
  'янв', 'фев', 'апр', 'авг', 'сент', 'сен', 'окт', 'ноя', 'дек',
  'қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан',
  'yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avgust', 'sent[ya]?abr', 'okt[ya]?abr', 'noyabr', 'dekabr',
  '(?:үчтүн|бирдин|тогуздун|жетинин|бештин)\\s+ай', '(?:жалган|чын)\\s+куран', '(?:баш|аяк)\\s+оона', 'бугу', 'кулжа',
];
/** Case endings: a small class on purpose (these patterns are case-insensitive, and V8 case-closes every class). */
const ENDING = '[a-zа-яәғқңөұүһіӣӯҷҳў]';
const MONTH = `(?:${EN_MONTHS}|(?:${MONTH_STEMS.join('|')})${ENDING}{0,6}\\.?)`;
const YEAR = '(?:19|20)\\d{2}';
/** The year word after a year: Kyrgyz жылдын/жылы/ж., Kazakh жылғы/ж., Uzbek yil/yilda/y., йил, Russian года/г., Tajik с. */
const YEAR_WORD = `(?:\\s?-?\\s?(?:жылдын|жылы|жылғы|жылда|жыл|ж\\.|ж(?!\\p{L})|yil${ENDING}{0,4}|y\\.|йил${ENDING}{0,4}|й\\.|года|году|год|г\\.|г(?![\\p{L}.])|с\\.))`;
const DAY = '\\d{1,2}(?:-?(?:го|е|st|nd|rd|th|чи|нчи|inchi|nchi))?';
// Few alternatives, each month pattern written twice only: V8 compiles every copy of the month list anew.
const DATE = [
  `\\d{1,2}[./-]\\d{1,2}[./-](?:${YEAR}|\\d{2})(?![\\d])${YEAR_WORD}?`,
  `${YEAR}[./-]\\d{1,2}[./-]\\d{1,2}(?![\\d])`,
  // 17 октября 1988 г., 3-noyabr 1985-yil, 21 июли соли 1992, October 1988
  `(?:${DAY}[-\\s]\\s?(?:of\\s+)?)?${MONTH}[,\\s]\\s?(?:соли\\s+)?${YEAR}${YEAR_WORD}?`,
  `${EN_MONTHS}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+${YEAR}`,
  // 1988-жылдын 17-октябры, 1985-yil 3-noyabr, 1988 жылғы 17 қазан, 1988-ж. октябрда, 1988
  `(?:соли\\s+)?${YEAR}${YEAR_WORD}?(?:[,\\s]\\s?(?:${DAY}[-\\s]\\s?)?${MONTH})?`,
].join('|');

const UZ_BORN = `(?:tu[gğ]${APOS}?ilgan|туғилган|тугилган)`;
const BEFORE_LABEL = [
  'born(?:\\s+(?:on|in))?(?:\\s+the)?', 'date\\s+of\\s+birth', 'birth\\s*date', 'birthday', 'DOB', 'D\\.O\\.B\\.?', 'b\\.',
  'дата\\s+рождения', 'д\\.\\s?р\\.?', 'д/р', 'год\\s+рождения', 'день\\s+рождения', 'родил(?:ся|ась|ись)(?:\\s+(?:в|во))?', 'рожд(?:ения|\\.)',
  'туулган(?:\\s+(?:күнү|күнүм|жылы|датасы))?', 'төрөлгөн', 'туған(?:\\s+(?:күні|жылы))?', 'туылған(?:\\s+(?:күні|жылы))?',
  `${UZ_BORN}(?:\\s+(?:sanasi|sana|kuni|yili|санаси|куни|йили))?`,
  '(?:санаи|соли|рӯзи|рузи)\\s+таваллуд(?:и|аш)?', 'таваллуд(?:и|аш)?(?:\\s+шуда(?:аст)?)?',
].join('|');
const AFTER_LABEL = [
  'г\\.\\s?р\\.', 'года\\s+рождения', 'г\\.\\s?рождения', 'гр\\.', '\\(?г\\.р\\.\\)?', 'родил(?:ся|ась|ись)',
  'туулган', 'төрөлгөн', 'туған', 'туылған', 'ж\\.\\s?т\\.', UZ_BORN, 'y\\.\\s?t\\.', 'таваллуд',
  // "came into the world": Kazakh, Kyrgyz, Uzbek, Tajik, Russian
  'дүниеге\\s+келген', 'дүйнөгө\\s+келген', `dunyoga\\s+kel(?:gan|di)`, 'дун[её]га\\s+келган', 'ба\\s+дун[её]\\s+омад', 'появил(?:ся|ась)\\s+на\\s+свет',
].join('|');

// Label, then either a colon after up to three words naming whose birth it is, or the date right away.
const BEFORE = re(
  // a lookahead on the labels' first letters before the lookbehind: zero-width both, most positions fail at once
  `(?=[bdдгртtс])(?<![\\p{L}])(?:${BEFORE_LABEL})(?:(?:\\s+[\\p{L}]+){1,3}\\s*[:\\-–—]|\\s*\\(?[:\\-–—]?)\\s*(?:on\\s+|in\\s+|в\\s+|во\\s+)?(${DATE})(?![\\p{L}\\p{N}])`,
  'giu',
);
const AFTER = re(`(?<![\\p{L}\\p{N}./-])(${DATE})\\s*,?\\s*(?:${AFTER_LABEL})(?!\\p{L})`, 'giu');

/** A date's length without trailing space or a sentence's full stop after a whole month name ("3-noyabr."). */
const MONTH_THEN_STOP = re('\\p{L}{3,}\\.$', 'u');
function dateLength(d: string): number {
  const t = d.trimEnd();
  return MONTH_THEN_STOP.test(t) ? t.length - 1 : t.length;
}

export const recogniseBirthDates: Recogniser = (text) => {
  const out = [];
  for (const m of text.matchAll(BEFORE)) {
    const start = m.index + m[0].length - m[1]!.length;
    out.push(finding(start, start + dateLength(m[1]!), 'birth-date', 0.95, 'dob:context'));
  }
  for (const m of text.matchAll(AFTER)) out.push(finding(m.index, m.index + dateLength(m[1]!), 'birth-date', 0.95, 'dob:context'));
  return out;
};
