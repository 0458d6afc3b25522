import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Finding, RegisterPerson } from './types';
import { linesWithAt, matchesOn } from './recognisers/util';

/**
 * A register person's own contacts, found in any formatting: phone numbers by their national significant digits
 * (so "0555 123 456", "+996 (555) 12-34-56" and "555-123-456" all meet "+996555123456"), handles with or without
 * "@" or a t.me/ prefix, emails case-insensitively.
 */

export interface ContactIndex {
  readonly phones: ReadonlyMap<string, number>; // national significant number -> person
  readonly handles: ReadonlyMap<string, number>;
  readonly emails: ReadonlyMap<string, number>;
}

function nationalDigits(value: string): string | null {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 7) return null;
  for (const country of ['KG', 'RU', 'KZ', 'TJ', 'UZ'] as const) {
    try {
      const n = /^\s*(\+|00)/.test(value) ? parsePhoneNumberFromString(value.replace(/^\s*00/, '+')) : parsePhoneNumberFromString(value, country);
      if (n?.isPossible()) return n.nationalNumber;
    } catch {
      // try the next country
    }
  }
  return digits.length >= 9 ? digits.slice(-9) : digits;
}

function handleOf(value: string): string | null {
  const m = /(?:t\.me\/|telegram\.me\/|instagram\.com\/|signal\.me\/#\w+\/|@)?([A-Za-z][A-Za-z0-9_.]{3,31})\s*$/u.exec(value.trim());
  return m === null ? null : m[1]!.toLowerCase();
}

export function indexContacts(people: readonly RegisterPerson[]): ContactIndex {
  const phones = new Map<string, number>();
  const handles = new Map<string, number>();
  const emails = new Map<string, number>();
  people.forEach((p, i) => {
    for (const c of p.contacts ?? []) {
      switch (c.kind) {
        case 'phone':
        case 'whatsapp': {
          const d = /\d{7,}/.test(c.value.replace(/\D/g, '')) ? nationalDigits(c.value) : null;
          if (d !== null) phones.set(d, i);
          else {
            const h = handleOf(c.value);
            if (h !== null) handles.set(h, i);
          }
          break;
        }
        case 'email':
          emails.set(c.value.trim().toLowerCase(), i);
          break;
        case 'telegram':
        case 'signal':
        case 'other': {
          if (c.value.replace(/\D/g, '').length >= 7 && !/[A-Za-z]{3}/.test(c.value)) {
            const d = nationalDigits(c.value);
            if (d !== null) phones.set(d, i);
          } else {
            const h = handleOf(c.value);
            if (h !== null) handles.set(h, i);
          }
          break;
        }
      }
    }
  });
  return { phones, handles, emails };
}

const DIGIT_RUN = /(?<![\p{L}\p{N}_])(?:(?:\+|00)\s?)?\(?\d(?:\d|[ .\-()/]{1,3}(?=\d))*\d\)?/gu;
const HANDLE_WORD = /(?<![\p{L}\p{N}_.])@?[A-Za-z][A-Za-z0-9_.]{3,31}(?![\p{L}\p{N}_])/gu;
const EMAIL_LIKE = /[^\s@]+@[^\s@]+/gu;

export function findPersonContacts(text: string, index: ContactIndex): Finding[] {
  const out: Finding[] = [];
  if (index.phones.size > 0) {
    for (const m of text.matchAll(DIGIT_RUN)) {
      const digits = m[0].replace(/\D/g, '');
      if (digits.length < 7) continue;
      for (let k = 0; k + 7 <= digits.length; k++) {
        const person = index.phones.get(digits.slice(k));
        if (person !== undefined) {
          const { start, end } = trimUnpairedBrackets(m[0], m.index);
          out.push({ start, end, kind: 'phone', confidence: 0.99, source: 'register:contact', people: [person] });
          break;
        }
      }
    }
  }
  if (index.handles.size > 0) {
    for (const m of text.matchAll(HANDLE_WORD)) {
      // The word without its "@" and trailing full stops, cut by position (this runs on every Latin word of a note).
      const raw = m[0];
      const from = raw.charCodeAt(0) === 0x40 ? 1 : 0;
      let to = raw.length;
      while (to > from && raw.charCodeAt(to - 1) === 0x2e) to--;
      const person = index.handles.get(raw.slice(from, to).toLowerCase());
      if (person !== undefined) {
        const end = m.index + to;
        out.push({ start: m.index, end, kind: 'handle', confidence: 0.99, source: 'register:contact', people: [person] });
      }
    }
  }
  if (index.emails.size > 0) {
    for (const m of matchesOn(text, linesWithAt(text), EMAIL_LIKE)) {
      const v = m.text.replace(/[.,;:)\]]+$/, '');
      const person = index.emails.get(v.replace(/^[(<[]+/, '').toLowerCase());
      if (person !== undefined) out.push({ start: m.index, end: m.index + v.length, kind: 'email', confidence: 0.99, source: 'register:contact', people: [person] });
    }
  }
  return out;
}

/** "(тел. 0555 123-456)": a bracket the number does not use belongs to the prose around it. */
function trimUnpairedBrackets(raw: string, index: number): { start: number; end: number } {
  let start = index;
  let end = index + raw.length;
  let s = raw;
  const opens = (x: string) => (x.match(/\(/g) ?? []).length;
  const closes = (x: string) => (x.match(/\)/g) ?? []).length;
  if (s.endsWith(')') && closes(s) > opens(s)) {
    s = s.slice(0, -1);
    end--;
  }
  if (s.startsWith('(') && opens(s) > closes(s)) {
    s = s.slice(1);
    start++;
  }
  // Brackets around the whole number only: "(0555 123-456)" -> the number itself.
  if (s.startsWith('(') && s.endsWith(')') && opens(s) === 1 && closes(s) === 1) {
    start++;
    end--;
  }
  return { start, end };
}
