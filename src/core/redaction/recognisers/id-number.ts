import type { Finding } from '../types';
import { finding, type Recogniser } from './util';

/**
 * Passport and national ID numbers: MRZ lines, letter-prefixed passport numbers (Kyrgyz AN/AC/ID, Uzbek AA/AB/AC/AD/FA,
 * Kazakh N, Tajik A/B/C, Russian foreign passports), Kazakh IIN (12 digits, checksum verified), Kyrgyz PIN (14 digits
 * starting with the sex digit and the birth date), Uzbek PINFL (14 digits), Russian internal passports (series + number),
 * and any long number right after an ID word (passport, паспорт, ИНН, ПИН, IIN, серия, №).
 */

const MRZ = /(?<![A-Z0-9<])[A-Z0-9<]{28,46}(?![A-Z0-9<])/g;
const PREFIXED = /(?<![\p{L}\p{N}_])(?:[A-Z]{1,2}|[А-Я]{1,2})\s?№?\s?\d{7,9}(?![\p{L}\p{N}_])/gu;
const DIGITS = /(?<![\p{L}\p{N}_.+-])\d[\d ]{8,20}\d(?![\p{L}\p{N}_]|[.,]\d)/gu;
const RU_PASSPORT = /(?<![\p{L}\p{N}_.+-])\d{2}\s?\d{2}\s(?:№\s?)?\d{6}(?![\p{L}\p{N}_])/gu;
const CONTEXT =
  /(?<![\p{L}\p{N}])(?:passport|паспорт[аеуы]?|загранпаспорт[аеу]?|ID card|ID|удостоверени[еяю]|ИНН|INN|ПИН|PIN|ПИНФЛ|PINFL|IIN|ИИН|серия|серии|series|personal number|персональный номер|document number|номер документа)(?:\s*(?:number|no\.?|nr\.?|номер|№|#|серия|series|card))*\s*[:№#-]?\s*((?:[A-ZА-Я]{1,2}\s?)?\d[\d\s-]{4,18}\d)(?![\p{L}\p{N}_])/giu;

const KNOWN_PREFIXES = new Set(['AN', 'AC', 'ID', 'AA', 'AB', 'AD', 'AE', 'FA', 'N', 'A', 'B', 'C', 'АН', 'АС', 'ID', 'П', 'АА', 'АВ']);

/** Kazakh IIN check digit (two passes of weights), as published by the Kazakh authorities. */
export function validIin(iin: string): boolean {
  if (!/^\d{12}$/.test(iin)) return false;
  const d = [...iin].map(Number);
  const month = d[2]! * 10 + d[3]!;
  const day = d[4]! * 10 + d[5]!;
  if (month < 1 || month > 12 || day < 1 || day > 31 || d[6]! > 6) return false;
  const sum = (weights: number[]): number => weights.reduce((acc, w, i) => acc + w * d[i]!, 0) % 11;
  let check = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (check === 10) {
    check = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    if (check === 10) return false;
  }
  return check === d[11];
}

/** Kyrgyz PIN: sex digit (1 or 2), birth date DDMMYYYY, then five digits. */
export function validKgPin(pin: string): boolean {
  if (!/^[12]\d{13}$/.test(pin)) return false;
  const day = Number(pin.slice(1, 3));
  const month = Number(pin.slice(3, 5));
  const year = Number(pin.slice(5, 9));
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 && year >= 1900 && year <= 2100;
}

export const recogniseIdNumbers: Recogniser = (text) => {
  const out: Finding[] = [];
  for (const m of text.matchAll(MRZ)) {
    const lt = (m[0].match(/</g) ?? []).length;
    if (lt >= 2 && /\d/.test(m[0]) || /^(?:P<|I<|ID|AC|V<)[A-Z<]{3}/.test(m[0]) && lt >= 2) out.push(finding(m.index, m.index + m[0].length, 'id-number', 0.99, 'id:mrz'));
  }
  for (const m of text.matchAll(PREFIXED)) {
    const prefix = m[0].match(/^\p{Lu}+/u)?.[0] ?? '';
    out.push(finding(m.index, m.index + m[0].length, 'id-number', KNOWN_PREFIXES.has(prefix) ? 0.9 : 0.75, 'id:passport'));
  }
  for (const m of text.matchAll(DIGITS)) {
    const digits = m[0].replace(/\s/g, '');
    if (validIin(digits)) out.push(finding(m.index, m.index + m[0].length, 'id-number', 0.95, 'id:kz-iin'));
    else if (validKgPin(digits)) out.push(finding(m.index, m.index + m[0].length, 'id-number', 0.9, 'id:kg-pin'));
    else if (/^[3-6]\d{13}$/.test(digits)) out.push(finding(m.index, m.index + m[0].length, 'id-number', 0.6, 'id:uz-pinfl'));
  }
  for (const m of text.matchAll(RU_PASSPORT)) out.push(finding(m.index, m.index + m[0].length, 'id-number', 0.7, 'id:ru-passport'));
  for (const m of text.matchAll(CONTEXT)) {
    const value = m[1]!;
    const start = m.index + m[0].length - value.length;
    if (value.replace(/\D/g, '').length >= 6) out.push(finding(start, start + value.length, 'id-number', 0.95, 'id:context'));
  }
  return out;
};
