import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { finding, re, UNIT_AFTER, type Recogniser } from './util';
import type { Finding } from '../types';

/**
 * Phone numbers: candidates by a permissive pattern (digits with spaces, dashes, dots, brackets, slashes; line breaks
 * between digits are already spaces after normalisation), then judged by libphonenumber-js for Kyrgyzstan, Russia,
 * Kazakhstan, Tajikistan, Uzbekistan and international formats. The span always covers the WHOLE number,
 * "+" and country code included: a finding never leaves "+1 [REDACTED]" behind.
 */
export const HOME_COUNTRIES: readonly CountryCode[] = ['KG', 'RU', 'KZ', 'TJ', 'UZ'];

// Where a number may start: not glued to a word or another number ("AN1234567", "3.1415926"), but right after an
// abbreviation's full stop or a hyphen ("тел.0555123456", "моб-0700123456", "Tel.+992…"), and a "+" may follow a
// number it is glued to ("+996555123456+996700123456"). It may end glued to a word ("…456WhatsApp"): the digits are
// taken whole rather than backing off to a shorter run that leaves half the number behind.
const CANDIDATE = re(
  String.raw`(?:(?<=\d)(?=\+\d)|(?<![\p{L}\p{N}_@/+])(?<![^\p{L}][.-])(?<!^[.-]))(?:(?:\+|00)\s?)?(?:\(\s?)?\d(?:\d|(?: ?[-/–] ?|\.| )(?=[\d(])|\s?\(\s?(?=\d)|\s?\)\s?(?=\d))*\d(?![\p{N}_]|[.,]\d)`,
  'gu',
);
const DATE_LIKE = /^(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{4}\s?[-–]\s?\d{4}|\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)$/u;

export interface PhoneJudgement {
  readonly confidence: number;
  readonly e164: string | null;
  readonly reason: string;
}

function parse(digits: string, country?: CountryCode): PhoneNumber | undefined {
  try {
    return country === undefined ? parsePhoneNumberFromString(digits) : parsePhoneNumberFromString(digits, country);
  } catch {
    return undefined;
  }
}

/** How sure we are that a candidate (as written) is a phone number. */
export function judgePhone(candidate: string): PhoneJudgement {
  const raw = candidate.trim();
  const digits = raw.replace(/\D/g, '');
  // An international prefix is followed by a country code, and none starts with 0 ("000 – 40 000" is not "+0 40000").
  const plus = /^(?:\+|00)\s?\(?[1-9]/.test(raw);
  if (/^(?:\+|00)\s?\(?0/.test(raw)) return { confidence: 0, e164: null, reason: 'no country code' };
  if (digits.length < 7 || digits.length > 15) return { confidence: 0, e164: null, reason: 'length' };
  if (DATE_LIKE.test(raw)) return { confidence: 0, e164: null, reason: 'date' };
  if (plus) {
    const international = `+${raw.startsWith('00') ? digits.slice(2) : digits}`;
    const n = parse(international);
    if (n?.isValid()) return { confidence: 0.99, e164: n.number, reason: 'valid international number' };
    if (n?.isPossible()) return { confidence: 0.9, e164: n.number, reason: 'possible international number' };
    // A "+" followed by 8 to 15 digits is a phone number whatever the plan says.
    return { confidence: digits.length >= 8 ? 0.8 : 0.4, e164: international, reason: 'international prefix' };
  }
  // Without "+", a home-country number has 9 to 12 digits (national 9-10, with a trunk 0 or 8 one more, with the
  // country code 11-12): shorter or longer runs are not worth a dozen metadata lookups.
  if (digits.length >= 9 && digits.length <= 12) {
    const n = judgeNational(digits);
    if (n !== null) return n;
  }
  const grouped = /[\s.\-()]/.test(raw);
  return { confidence: grouped && digits.length >= 7 && digits.length <= 12 ? 0.3 : 0.2, e164: null, reason: 'digit run that may be a phone number' };
}

/**
 * Judgements of digit strings during one recognisePhones call (libphonenumber is the slow part, and a note repeats its
 * numbers). Emptied when the call ends: a cache across notes would keep their phone numbers in memory after lock.
 */
const callMemo = new Map<string, PhoneJudgement | null>();
let memoActive = false;

function judgeNational(digits: string): PhoneJudgement | null {
  if (!memoActive) return judgeNationalPlans(digits);
  const hit = callMemo.get(digits);
  if (hit !== undefined) return hit;
  const j = judgeNationalPlans(digits);
  callMemo.set(digits, j);
  return j;
}

/** National number lengths of the home countries (with the trunk 0 or 8 where one is dialled): 9 for KG, TJ, UZ, 10 for RU, KZ. */
const NATIONAL_LENGTH: Readonly<Record<string, (d: string) => boolean>> = {
  KG: (d) => d.length === 9 || (d.length === 10 && d[0] === '0'),
  RU: (d) => d.length === 10 || (d.length === 11 && (d[0] === '8' || d[0] === '7')),
  KZ: (d) => d.length === 10 || (d.length === 11 && (d[0] === '8' || d[0] === '7')),
  TJ: (d) => d.length === 9,
  UZ: (d) => d.length === 9,
};

/** A digit string judged against the home countries' numbering plans. */
function judgeNationalPlans(digits: string): PhoneJudgement | null {
  // Written with the country code but no "+": 996 555 123 456, 7 701 123 45 67.
  for (const code of ['996', '992', '998', '7']) {
    if (digits.startsWith(code) && digits.length === (code === '7' ? 11 : 12)) {
      const n = parse(`+${digits}`);
      if (n?.isValid() && HOME_COUNTRIES.includes(n.country ?? ('' as CountryCode))) return { confidence: 0.85, e164: n.number, reason: 'country code without +' };
    }
  }
  for (const country of HOME_COUNTRIES) {
    if (NATIONAL_LENGTH[country]?.(digits) === false) continue;
    const n = parse(digits, country);
    if (n?.isValid()) return { confidence: 0.9, e164: n.number, reason: `valid ${country} number` };
  }
  // Tajikistan and Uzbekistan once used a leading 8 as trunk prefix, which the metadata no longer knows.
  if (digits.startsWith('8') && digits.length === 10) {
    for (const country of ['TJ', 'UZ'] as const) {
      const n = parse(digits.slice(1), country);
      if (n?.isValid()) return { confidence: 0.85, e164: n.number, reason: `valid ${country} number with trunk 8` };
    }
  }
  return null;
}

/** The best phone numbers inside one candidate run: the whole run, or else its longest valid sub-runs. */
function splitCandidate(s: string, offset: number, out: Finding[]): void {
  const whole = judgePhone(s);
  if (whole.confidence >= 0.5) {
    out.push(finding(offset, offset + s.length, 'phone', whole.confidence, 'phone:libphonenumber', whole.reason));
    return;
  }
  // Two numbers side by side, or a date glued to a number ("12.03.2021 (0555 123 456)"): try sub-runs of digit groups.
  const groups = [...s.matchAll(/\d+/g)].map((g) => ({ start: g.index, end: g.index + g[0].length }));
  const found: Finding[] = [];
  let i = 0;
  while (i < groups.length) {
    let matched = false;
    // Only sub-runs of 7 to 15 digits can be phone numbers: this keeps a long run of figures linear, not quadratic.
    let last = i;
    let total = groups[i]!.end - groups[i]!.start;
    while (last + 1 < groups.length && total + groups[last + 1]!.end - groups[last + 1]!.start <= 15) {
      last++;
      total += groups[last]!.end - groups[last]!.start;
    }
    for (let j = last; j >= i; j--) {
      let start = groups[i]!.start;
      const end = groups[j]!.end;
      const before = s.slice(Math.max(0, start - 6), start);
      const prefix = /(?:\+|00)\s?\(?\s?$|\(\s?$/.exec(before);
      if (prefix !== null && (!prefix[0].includes('(') || s.slice(start, end).includes(')'))) start -= prefix[0].length;
      const sub = s.slice(start, end);
      const j2 = judgePhone(sub);
      if (j2.confidence >= 0.5) {
        found.push(finding(offset + start, offset + end, 'phone', j2.confidence, 'phone:libphonenumber', j2.reason));
        i = j + 1;
        matched = true;
        break;
      }
    }
    if (!matched) i++;
  }
  out.push(...found);
  if (found.length === 0 && whole.confidence > 0 && s.replace(/\D/g, '').length >= 7) {
    out.push(finding(offset, offset + s.length, 'phone', whole.confidence, 'phone:digits', whole.reason));
  }
}

/**
 * What a number written right after "№", "case", "дело", "article" ... is: a case, file or article number, not a phone
 * ("дело № 05-311-2025", "Case No. 2-1456/2023"). The phone words exempt "№ телефона".
 */
const DOCUMENT_BEFORE = re(String.raw`(?:(?:№|No\.?|Nr\.?|#)|(?<![\p{L}\p{N}])(?:дел[оауе]м?|case|file|іс|ісі|иш|иши|статья|статьи|ст\.|ч\.|п\.|пункт[аеу]?|приказ[аеу]?|постановлени[еяю]|решени[еяю]|протокол[аеу]?|закон[аеу]?|article|art\.|модда|моддаи|беренеси|бабы|рейс[аеу]?|flight|квитанци[ия]|чек[аеу]?|договор[аеу]?|contract))\s*(?:№\s*)?$`, 'iu');
const PHONE_WORD_BEFORE = re(String.raw`(?:тел|tel|phone|телефон|telefon|моб|mobile|whatsapp|ватсап|номер\s+телефона)[\p{L}.]*\s*[:.]?\s*(?:(?:№|No\.?|Nr\.?|#)\s*[:.]?\s*)?$`, 'iu');
/** A currency sign before a number ("$1 200"). */
const CURRENCY_BEFORE = /[$€₽£₸]\s?$/u;
/** "1-234/2024", "2-1456/2023": a case number ending in a year after a slash. */
const CASE_NUMBER = /^\d{1,3}[-–]\d{1,6}\/\s?(?:19|20)\d{2}$/u;

const EMBEDDED_DATE = /(?<!\d)(?:\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}|(?:19|20)\d{2}\s?[-–]\s?(?:19|20)\d{2})(?!\d)/gu;

/** Ordinary prose numbers that must never become a phone, decided from the text around the candidate. */
function notAPhone(text: string, start: number, end: number): boolean {
  const s = text.slice(start, end);
  if (/^(?:\+|00)/.test(s)) return false;
  const before = text.slice(Math.max(0, start - 24), start);
  if (DOCUMENT_BEFORE.test(before) && !PHONE_WORD_BEFORE.test(before)) return true;
  if (CURRENCY_BEFORE.test(before) || UNIT_AFTER.test(text.slice(end, end + 12))) return true;
  return CASE_NUMBER.test(s);
}

/**
 * A short city number (five or six digits, "54-32-10", "5-43-21", "2 13 45") is a phone only after a phone word:
 * тел., дом. тел., раб. тел., телефон, үй тел. (Kyrgyz, Kazakh), uy tel., ish tel. (Uzbek), тел. хона (Tajik),
 * home/work phone. A list after one label ("тел. 54-32-10, 54-32-11") is taken whole.
 */
const SHORT_NUMBER = '(?:\\(\\d{3,5}\\)\\s?)?(?:\\d{1,3}(?:[-\\s]\\d{2}){1,2}|\\d{5,6})(?![\\d]|[-.\\s]\\d)';
const SHORT_LABEL = re(
  `(?<![\\p{L}\\p{N}])(?:(?:дом|домашн\\p{L}{0,3}|раб|рабоч\\p{L}{0,3}|служ|сл|моб|сот|үй|уй|иш|жұмыс|uy|ish|home|work|office|офис)\\.?\\s*)?` +
    `(?:тел|телефон\\p{L}{0,2}|телефону|телефоны|telefon\\p{L}{0,2}|tel|phone|ph|т)\\.?(?:\\s*\\/\\s*(?:факс|fax))?(?:\\s*(?:хона|корӣ|дом|раб))?\\.?\\s*[:.–—-]?\\s*(?:№\\s*)?` +
    `(${SHORT_NUMBER}(?:\\s*(?:,|;|или|or|и|and|/)\\s*${SHORT_NUMBER})*)`,
  'giu',
);

const SHORT_NUMBER_RE = re(SHORT_NUMBER, 'gu');

export const recognisePhones: Recogniser = (text) => {
  memoActive = true;
  try {
    return findPhones(text);
  } finally {
    memoActive = false;
    callMemo.clear();
  }
};

function digitCount(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0x30 && c <= 0x39) n++;
  }
  return n;
}

function findPhones(text: string): Finding[] {
  const out: Finding[] = [];
  const piece = (s: string, start: number): void => {
    // An opening bracket without its pair belongs to the prose, not the number.
    if (s.startsWith('(') && !s.includes(')')) {
      const cut = s.length - s.slice(1).trimStart().length;
      start += cut;
      s = s.slice(cut);
    }
    if (/\d/.test(s)) splitCandidate(s, start, out);
  };
  for (const m of text.matchAll(CANDIDATE)) {
    const s = m[0];
    // Under seven digits nothing in a run can be judged a phone (judgePhone says "length" to it and to every part of
    // it): years, counts and house numbers, most runs of a note, are passed over before any slicing or testing.
    if (digitCount(s) < 7) continue;
    if (notAPhone(text, m.index, m.index + s.length)) continue;
    // A date or a range of years inside a run ("2019-2021 1 500", "12.03.2021 (0555 123 456)") is never part of a
    // number: judge the pieces on either side of it.
    let at = 0;
    for (const d of s.matchAll(EMBEDDED_DATE)) {
      if (d.index > at) piece(s.slice(at, d.index).trimEnd(), m.index + at);
      at = d.index + d[0].length;
      while (at < s.length && s[at] === ' ') at++;
    }
    if (at < s.length) piece(s.slice(at), m.index + at);
  }
  for (const m of text.matchAll(SHORT_LABEL)) {
    const list = m[1]!;
    const at = m.index + m[0].length - list.length;
    for (const n of list.matchAll(SHORT_NUMBER_RE)) {
      const digits = n[0].replace(/\D/g, '').length;
      if (digits >= 5 && digits <= 11) out.push(finding(at + n.index, at + n.index + n[0].trimEnd().length, 'phone', 0.9, 'phone:short-after-label'));
    }
  }
  return out;
}
