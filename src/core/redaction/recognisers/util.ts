import type { Finding, FindingKind } from '../types';

/** Unicode-aware word edges: never `\b`, which does not know Cyrillic. */
export const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}_])';
export const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}_])';

/** Ranges (regex class syntax) of the code points from..to that pass a test. */
function ranges(test: RegExp, from: number, to: number): string {
  const hex = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;
  let out = '';
  let start = -1;
  for (let c = from; c <= to + 1; c++) {
    const ok = c <= to && test.test(String.fromCharCode(c));
    if (ok && start < 0) start = c;
    if (!ok && start >= 0) {
      out += start === c - 1 ? hex(start) : `${hex(start)}-${hex(c - 1)}`;
      start = -1;
    }
  }
  return out;
}

/**
 * Letters (and combining marks) of the scripts the notes are written in, for use inside a regex character class:
 * Latin with its extensions and modifier letters (Uzbek ʻ ʼ), Greek, Cyrillic with the Kazakh, Kyrgyz, Tajik and Uzbek
 * letters, Armenian, Hebrew, Arabic (Dari and Persian names), Georgian. Not `\p{L}`: V8 compiles each `\p{L}` into the
 * whole Unicode letter set (~1 ms apiece), and these patterns need word edges dozens of times.
 */
export const LETTER =
  'A-Za-z\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u02ff\\u0300-\\u036f\\u0370-\\u03ff\\u0400-\\u052f\\u0531-\\u0587' +
  '\\u05d0-\\u05ea\\u0610-\\u061a\\u0620-\\u065f\\u066e-\\u06d3\\u06fa-\\u06ff\\u10a0-\\u10ff\\u1e00-\\u1eff\\u2c60-\\u2c7f\\ua720-\\ua7ff';
/** Upper-case letters of the same scripts, for a class. */
export const UPPER = `A-Z\\u00c0-\\u00d6\\u00d8-\\u00de${ranges(/\p{Lu}/u, 0x100, 0x24f)}\\u0391-\\u03a9\\u0400-\\u042f${ranges(/\p{Lu}/u, 0x460, 0x52f)}${ranges(/\p{Lu}/u, 0x1e00, 0x1eff)}`;
/** Lower-case letters of the same scripts, for a class. */
export const LOWER = `a-z\\u00df-\\u00f6\\u00f8-\\u00ff${ranges(/\p{Ll}/u, 0x100, 0x24f)}\\u03ac-\\u03ce\\u0430-\\u045f${ranges(/\p{Ll}/u, 0x460, 0x52f)}${ranges(/\p{Ll}/u, 0x1e00, 0x1eff)}`;
/** One letter; one letter or digit; "no letter or digit before/after here". */
export const L = `[${LETTER}]`;
export const LN = `[${LETTER}\\d]`;
export const NO_LN_BEFORE = `(?<![${LETTER}\\d])`;
export const NO_LN_AFTER = `(?![${LETTER}\\d])`;

const PROPERTY_CLASSES: Readonly<Record<string, string>> = { L: LETTER, Lu: UPPER, Ll: LOWER, N: '0-9', M: '\\u0300-\\u036f\\u0483-\\u0489' };

/**
 * `new RegExp(source, flags)` with the property escapes \p{L}, \p{Lu}, \p{Ll}, \p{N} and \p{M} rewritten into the
 * explicit classes above (inside a character class or standing alone), so that patterns read naturally and still compile
 * in a millisecond. Digits are ASCII: the normaliser has already folded other scripts' digits.
 */
export function re(source: string, flags: string): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      const prop = /^\\p\{(\w+)\}/u.exec(source.slice(i, i + 12));
      const cls = prop === null ? undefined : PROPERTY_CLASSES[prop[1]!];
      if (prop !== null && cls !== undefined) {
        out += inClass ? cls : `[${cls}]`;
        i += prop[0].length - 1;
      } else {
        out += ch + (source[i + 1] ?? '');
        i++;
      }
      continue;
    }
    if (ch === '[' && !inClass) inClass = true;
    else if (ch === ']' && inClass) inClass = false;
    out += ch;
  }
  return new RegExp(out, flags);
}

/** Money, counts and units right after a number ("150 000 рублей", "5 000 000 сом", "300 адам"): an amount, not an identifier. */
export const UNIT_AFTER =
  re(String.raw`^\s?(?:(?:руб|рубл|rubl|тыс|млн|млрд|долл|dollar|процент|percent|человек|сомон|somoni|мигрант|migrant|muhojir|муҳоҷир|нафар|nafar|адам|киши|kishi|одам|odam)\p{L}*|(?:р|₽|сом(?:ов|а|ы|дан|го)?|som|сўм|so['‘ʻ]?m|сум|тенге|теңге|₸|kzt|kgs|rub|usd|eur|евро|euro|чел|people|persons|км|km|кг|kg|лет|years|жыл|yil|сол)(?!\p{L})|[$€%])`, 'iu');

/** Every apostrophe Uzbek Latin is written with (o‘ g‘ as o' oʻ o` o’ o´), for patterns; "or none" is `${APOS}?`. */
export const APOS = "['‘’ʻʼ`´]";

export function finding(start: number, end: number, kind: FindingKind, confidence: number, source: string, reason?: string): Finding {
  return reason === undefined ? { start, end, kind, confidence, source } : { start, end, kind, confidence, source, reason };
}

/** Trims trailing punctuation that a greedy pattern may have taken (a sentence's full stop, a closing bracket). */
export function trimEnd(text: string, start: number, end: number, chars = '.,;:)]}»"\'!?'): number {
  let e = end;
  while (e > start && chars.includes(text[e - 1]!)) e--;
  return e;
}

/** Alternation of words, longest first, so that a regex alternation never stops at a shorter prefix. */
export function anyOf(words: readonly string[]): string {
  return `(?:${[...words].sort((a, b) => b.length - a.length).join('|')})`;
}

/** Digits only. */
export function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

export type Recogniser = (text: string) => Finding[];

/**
 * The lines of a text that hold an @, as [start, end). A pattern that needs an @ and never crosses a line break (nor
 * looks past one) finds on these lines alone exactly what it finds on the whole text, without trying every word of a
 * long note.
 */
export function linesWithAt(text: string): [number, number][] {
  const lines: [number, number][] = [];
  for (let at = text.indexOf('@'); at >= 0; ) {
    const start = text.lastIndexOf('\n', at) + 1;
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    lines.push([start, end]);
    at = text.indexOf('@', end);
  }
  return lines;
}

export function* matchesOn(text: string, lines: readonly [number, number][], pattern: RegExp): Generator<{ index: number; text: string }> {
  for (const [start, end] of lines) for (const m of text.slice(start, end).matchAll(pattern)) yield { index: start + m.index, text: m[0] };
}
