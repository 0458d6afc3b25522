import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { finding, type Recogniser } from './util';
import type { Finding } from '../types';

/**
 * Phone numbers: candidates by a permissive pattern (digits with spaces, dashes, dots, brackets, slashes; line breaks
 * between digits are already spaces after normalisation), then judged by libphonenumber-js for Kyrgyzstan, Russia,
 * Kazakhstan, Tajikistan, Uzbekistan and international formats. The span always covers the WHOLE number,
 * "+" and country code included: a finding never leaves "+1 [REDACTED]" behind.
 */
export const HOME_COUNTRIES: readonly CountryCode[] = ['KG', 'RU', 'KZ', 'TJ', 'UZ'];

const CANDIDATE = /(?<![\p{L}\p{N}_@/.+-])(?:(?:\+|00)\s?)?(?:\(\s?)?\d(?:\d|(?: ?[-/–] ?|\.| )(?=[\d(])|\s?\(\s?(?=\d)|\s?\)\s?(?=\d))*\d(?![\p{L}\p{N}_]|[.,]\d)/gu;
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
  const plus = /^(?:\+|00)/.test(raw);
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
  // Written with the country code but no "+": 996 555 123 456, 7 701 123 45 67.
  for (const code of ['996', '992', '998', '7']) {
    if (digits.startsWith(code)) {
      const n = parse(`+${digits}`);
      if (n?.isValid() && HOME_COUNTRIES.includes(n.country ?? ('' as CountryCode))) return { confidence: 0.85, e164: n.number, reason: 'country code without +' };
    }
  }
  for (const country of HOME_COUNTRIES) {
    const n = parse(digits, country);
    if (n?.isValid()) return { confidence: 0.9, e164: n.number, reason: `valid ${country} number` };
  }
  // Tajikistan and Uzbekistan once used a leading 8 as trunk prefix, which the metadata no longer knows.
  if (digits.startsWith('8')) {
    for (const country of ['TJ', 'UZ'] as const) {
      const n = parse(digits.slice(1), country);
      if (n?.isValid()) return { confidence: 0.85, e164: n.number, reason: `valid ${country} number with trunk 8` };
    }
  }
  const grouped = /[\s.\-()]/.test(raw);
  return { confidence: grouped && digits.length >= 7 && digits.length <= 12 ? 0.3 : 0.2, e164: null, reason: 'digit run that may be a phone number' };
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
    for (let j = groups.length - 1; j >= i; j--) {
      let start = groups[i]!.start;
      const end = groups[j]!.end;
      const before = s.slice(0, start);
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

export const recognisePhones: Recogniser = (text) => {
  const out: Finding[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    let s = m[0];
    let start = m.index;
    // An opening bracket without its pair belongs to the prose, not the number.
    if (s.startsWith('(') && !s.includes(')')) {
      const cut = s.length - s.slice(1).trimStart().length;
      start += cut;
      s = s.slice(cut);
    }
    splitCandidate(s, start, out);
  }
  return out;
};
