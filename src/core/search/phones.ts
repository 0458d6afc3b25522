import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { recognisePhones } from '../redaction/recognisers/phone';

/**
 * Phone numbers for search: "0772445566", "+996 772 44-55-66", "0772 44 55 66" and "(0772) 445-566" are one
 * number. The redaction engine's phone recogniser finds the numbers in a text (whatever their grouping, with or
 * without the country code or trunk 0); each is indexed under digits-only keys: the national significant number
 * (772445566) and the digits as written (0772445566, 996772445566). A phone-like run in a query becomes one word,
 * its national significant number, which is a key of the number whichever way the note and the query wrote it.
 * A number typed only in part is matched by its digits as a prefix (digitAlternatives).
 */

/** Confidence at which the recogniser's finding counts as a number (its redaction threshold). */
const PHONE_CONFIDENCE = 0.5;
// Runs of digits and the characters a number is grouped with; the recogniser is run only around those with seven
// digits or more (it scans the whole text with costly look-behinds otherwise, and a note is mostly words).
const RUN = /\d[\d \t().\-–/]*\d/gu;
const CONTEXT = 24;

export interface PhoneRun {
  readonly start: number;
  readonly end: number;
  /** Digits-only keys the number is indexed under; the first is what a query for it searches. */
  readonly keys: readonly string[];
}

// Country calling codes of the home countries, with the length of their national significant numbers.
const HOME_CODES: readonly (readonly [string, number])[] = [['996', 9], ['992', 9], ['998', 9], ['7', 10]];

/**
 * The national significant number of a number as written, the same for every way of writing it (trunk 0 or 8,
 * "+", "00" or no prefix before the country code). Home-country numbers are cut by their plans' lengths without
 * a metadata lookup (a save indexes every number of the note); other international numbers ask libphonenumber.
 */
function nationalNumber(written: string): { national: string } {
  const raw = written.trim();
  let digits = raw.replace(/\D/g, '');
  const international = /^(?:\+|00)/.test(raw);
  if (raw.startsWith('00')) digits = digits.slice(2);
  for (const [code, length] of HOME_CODES) {
    if (digits.length === code.length + length && digits.startsWith(code)) return { national: digits.slice(code.length) };
  }
  if (international) {
    try {
      const n = parsePhoneNumberFromString(`+${digits}`);
      if (n !== undefined) return { national: n.nationalNumber };
    } catch {
      // not a number libphonenumber knows: its digits are its key
    }
    return { national: digits };
  }
  // A trunk prefix: 0 in Kyrgyzstan (0772 445566), 8 in Russia and Kazakhstan (8 916 123-45-67) and, formerly,
  // Tajikistan and Uzbekistan (8 93 123 4567).
  if ((digits.length === 10 && digits[0] === '0') || (digits.length === 11 && digits[0] === '8') || (digits.length === 10 && digits[0] === '8')) {
    return { national: digits.slice(1) };
  }
  return { national: digits };
}

function keysOf(written: string): string[] {
  const { national } = nationalNumber(written);
  // The national number, and the digits as written (a query typed the same way, or its beginning, finds it).
  const keys = new Set<string>([national]);
  keys.add(written.replace(/\D/g, ''));
  return [...keys];
}

/** The phone numbers in a text, with their spans and keys. */
export function phoneRuns(text: string): PhoneRun[] {
  const out: PhoneRun[] = [];
  let done = 0;
  for (const m of text.matchAll(RUN)) {
    const end = m.index + m[0].length;
    if (end <= done || m[0].replace(/\D/g, '').length < 7) continue;
    // The recogniser sees the run with some context on either side (a "+", a label, a date before it).
    const from = Math.max(done, m.index - CONTEXT);
    const to = Math.min(text.length, end + CONTEXT);
    for (const f of recognisePhones(text.slice(from, to))) {
      if (f.kind !== 'phone' || f.confidence < PHONE_CONFIDENCE) continue;
      const start = from + f.start;
      const stop = from + f.end;
      if (stop <= done || out.some((r) => r.start === start)) continue;
      const keys = keysOf(text.slice(start, stop));
      if (keys[0]!.length >= 5) out.push({ start, end: stop, keys });
    }
    done = Math.max(done, end);
  }
  return out;
}

/** Every key of every phone number in a text (for the index). */
export function phoneKeys(text: string): string[] {
  return phoneRuns(text).flatMap((r) => r.keys);
}

/**
 * A run of digits in a query that is not (yet) a whole number, as the user types it: its digits, and without a
 * trunk 0 or 8 ("0555 77" finds +996 555 777 009 while it is being typed).
 */
export function digitAlternatives(digits: string): string[] {
  return digits.length >= 4 && (digits[0] === '0' || digits[0] === '8') ? [digits, digits.slice(1)] : [digits];
}
