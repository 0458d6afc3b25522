/**
 * A normalised copy of a text for matching, with a map back to the original (JavaScript string offsets).
 *
 * What changes, and why it is safe for matching (the output is always cut from the ORIGINAL text):
 * - Unicode NFC per base character and its combining marks;
 * - compatibility forms folded by NFKC where the result is plain letters, digits or punctuation: fullwidth digits and
 *   letters ("＋９９６ ５５５"), mathematical bold/italic letters, ligatures, small and circled forms. Not folded: №
 *   (NFKC makes it "No", which the ID and address patterns must still see as №), superscripts and ª º (they would glue
 *   a footnote mark onto a name), primes (the seconds mark of a coordinate), spacing accents (NFKC turns them into a
 *   space plus a mark);
 * - decimal digits of other scripts (Arabic-Indic, Persian) become ASCII digits;
 * - hyphen and non-breaking hyphen become "-"; a figure dash, en or em dash, minus sign or small/fullwidth hyphen
 *   between two digits becomes "-" too, so "0555‒12‒34‒56" and "996−555−123−456" read as numbers;
 * - zero-width characters, soft hyphens and BOMs removed;
 * - non-breaking, narrow and other exotic spaces become a plain space;
 * - ё/Ё become е/Е;
 * - inside a word written mostly in one script, look-alike letters of the other script are folded into the
 *   majority script ("Sultаnalieva" with a Cyrillic а, "Султaналиева" with a Latin a);
 * - a word hyphenated across a line break is rejoined ("Султана-\nлиева");
 * - a line break between two digits is removed, so a number wrapped over two lines is seen whole.
 */

export interface Normalised {
  /** The normalised text. */
  readonly text: string;
  /** For each UTF-16 unit of text: where its source starts in the original. */
  readonly starts: Int32Array;
  /** For each UTF-16 unit of text: where its source ends in the original (exclusive). */
  readonly ends: Int32Array;
  readonly originalLength: number;
}

const INVISIBLE = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x180e, 0x034f]);
const SPACES = new Set([0x00a0, 0x2007, 0x202f, 0x2009, 0x200a, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2008, 0x205f, 0x3000, 0x1680]);
/** Always a hyphen: U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN. */
const HYPHENS = new Set([0x2010, 0x2011]);
/** A hyphen only between digits: figure dash, en dash, em dash, horizontal bar, minus, small and fullwidth hyphen-minus, hyphen bullet. */
const DIGIT_DASHES = new Set(['\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63', '\uff0d', '\u2043', '\u02d7']);
/** Compatibility characters kept as they are (see the header). */
const KEEP_COMPAT = new Set([0x2116, 0x00aa, 0x00ba, 0x00b2, 0x00b3, 0x00b9, 0x2032, 0x2033, 0x2034, 0x2035, 0x2036, 0x2037, 0x2057]);
/** Zero code points of decimal digit blocks NFKC does not fold: Arabic-Indic, Extended Arabic-Indic (Persian, Dari), N'Ko, Devanagari, Bengali. */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6];

/** Latin letter -> Cyrillic look-alike and back. One UTF-16 unit each, so the fold keeps offsets. */
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а', A: 'А', B: 'В', c: 'с', C: 'С', e: 'е', E: 'Е', H: 'Н', K: 'К', k: 'к', M: 'М', o: 'о', O: 'О',
  p: 'р', P: 'Р', T: 'Т', x: 'х', X: 'Х', y: 'у', Y: 'У', i: 'і', I: 'І', j: 'ј', s: 'ѕ', S: 'Ѕ',
};
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LATIN_TO_CYRILLIC).map(([lat, cyr]) => [cyr, lat]),
);
// Cyrillic letters that only look Latin in some fonts but are real letters (і in Kazakh/Ukrainian, ј, ѕ) must not be
// pulled into Latin inside a Cyrillic word: the fold only goes towards the word's majority script.

const IS_LETTER = /\p{L}/u;
const IS_MARK = /\p{M}/u;
const IS_CYRILLIC = /\p{Script=Cyrillic}/u;
const IS_LATIN = /\p{Script=Latin}/u;
const IS_LOWER = /\p{Ll}/u;
const IS_DIGIT = /\p{Nd}/u;
const PLAIN_FOLD = /^[\p{L}\p{N}\p{P}\p{Sm}\p{Sc}]+$/u;

// Character classes of the Basic Multilingual Plane, computed once per code unit on first sight: the regular
// expressions above cost ~100 ns a call, and a 50 KB note has ~50,000 characters but only a few hundred distinct ones.
const LETTER = 1;
const MARK = 2;
const CYR = 4;
const LAT = 8;
const LOWER = 16;
const DIGIT = 32;
const KNOWN = 128;
const classes = new Uint8Array(0x10000);

function classOf(code: number): number {
  let c = classes[code]!;
  if (c !== 0) return c;
  const ch = String.fromCharCode(code);
  c = KNOWN;
  if (IS_LETTER.test(ch)) c |= LETTER;
  if (IS_MARK.test(ch)) c |= MARK;
  if (IS_CYRILLIC.test(ch)) c |= CYR;
  if (IS_LATIN.test(ch)) c |= LAT;
  if (IS_LOWER.test(ch)) c |= LOWER;
  if (IS_DIGIT.test(ch)) c |= DIGIT;
  classes[code] = c;
  return c;
}

function isMarkCp(cp: number): boolean {
  return cp <= 0xffff ? (classOf(cp) & MARK) !== 0 : IS_MARK.test(String.fromCodePoint(cp));
}

/** NFKC of one code point when that is safe for matching (see the header), else null. Cached. */
const compatCache = new Map<number, string | null>();
function compatFold(cp: number): string | null {
  if (cp < 0xa0) return null;
  const hit = compatCache.get(cp);
  if (hit !== undefined) return hit;
  let out: string | null = null;
  const ch = String.fromCodePoint(cp);
  const zero = DIGIT_ZEROS.find((z) => cp >= z && cp <= z + 9);
  if (zero !== undefined) out = String(cp - zero);
  else if (!KEEP_COMPAT.has(cp) && !(cp >= 0x2070 && cp <= 0x209f) && !(cp >= 0x02b0 && cp <= 0x02ff) && !(cp >= 0x1d2c && cp <= 0x1dbf)) {
    const k = ch.normalize('NFKC');
    if (k !== ch.normalize('NFC') && PLAIN_FOLD.test(k)) out = k;
  }
  compatCache.set(cp, out);
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Growable parallel arrays: UTF-16 units of the normalised text and, per unit, its source range in the original. */
class Units {
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.codes = new Uint16Array(Math.max(16, capacity));
    this.starts = new Int32Array(this.codes.length);
    this.ends = new Int32Array(this.codes.length);
  }

  push(code: number, start: number, end: number): void {
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  pushString(s: string, start: number, end: number): void {
    for (let k = 0; k < s.length; k++) this.push(s.charCodeAt(k), start, end);
  }

  private grow(): void {
    const size = this.codes.length * 2;
    const codes = new Uint16Array(size);
    codes.set(this.codes);
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    this.codes = codes;
    this.starts = starts;
    this.ends = ends;
  }

  /** The units as a string: `original` itself when they are exactly its units (no copy built unit by unit). */
  text(original?: string): string {
    if (original !== undefined && original.length === this.length) {
      let k = 0;
      while (k < this.length && this.codes[k] === original.charCodeAt(k)) k++;
      if (k === this.length) return original;
    }
    // The units' bytes read as UTF-16LE: one native copy (lone surrogates kept as they are), where building the
    // string from chunks of char codes cost a tenth of a second on a 5 MB note.
    if (LITTLE_ENDIAN) return Buffer.from(this.codes.buffer, this.codes.byteOffset, this.length * 2).toString('utf16le');
    let out = '';
    for (let k = 0; k < this.length; k += 8192) out += String.fromCharCode(...this.codes.subarray(k, Math.min(this.length, k + 8192)));
    return out;
  }
}

const YO = 0x0451;
const YO_UPPER = 0x0401;

/** Pass 1: NFC per cluster, compatibility folds, invisibles out, spaces in, ё -> е, hyphens. */
function basePass(text: string): Units {
  const b = new Units(text.length + 16);
  let i = 0;
  const n = text.length;
  while (i < n) {
    const unit = text.charCodeAt(i);
    const nextUnit = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    // Fast path: a plain ASCII or Cyrillic character not followed by a combining mark or an invisible.
    if ((unit < 0xa0 || (unit >= 0x400 && unit <= 0x4ff && unit !== YO && unit !== YO_UPPER)) && (nextUnit < 0x300 || (nextUnit >= 0x400 && nextUnit <= 0x4ff && (nextUnit < 0x483 || nextUnit > 0x489)))) {
      b.push(unit, i, i + 1);
      i += 1;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (INVISIBLE.has(cp)) {
      i += width;
      continue;
    }
    if (SPACES.has(cp)) {
      b.push(0x20, i, i + width);
      i += width;
      continue;
    }
    if (HYPHENS.has(cp)) {
      b.push(0x2d, i, i + width);
      i += width;
      continue;
    }
    // A base character and its combining marks form one cluster for NFC.
    let j = i + width;
    while (j < n) {
      const next = text.codePointAt(j)!;
      if (next < 0x300) break;
      if (!INVISIBLE.has(next) && !isMarkCp(next)) break;
      j += next > 0xffff ? 2 : 1;
    }
    let cluster = text.slice(i, j);
    // Marks on a digit mean nothing and would split a number in two ("+996\u0301555…"): the digit alone.
    if (cp >= 0x30 && cp <= 0x39 && j !== i + width) cluster = String.fromCharCode(cp);
    const fold = compatFold(cp);
    if (fold !== null) cluster = fold + cluster.slice(width);
    if (j !== i + width) cluster = [...cluster].filter((ch) => !INVISIBLE.has(ch.codePointAt(0)!)).join('').normalize('NFC');
    b.pushString(cluster.replace(/ё/g, 'е').replace(/Ё/g, 'Е'), i, j);
    i = j;
  }
  return b;
}

const isAsciiDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const DIGIT_DASH_CODES = new Set([...DIGIT_DASHES].map((d) => d.charCodeAt(0)));

/** Pass 2: dashes between digits become hyphens (1:1, offsets unchanged). */
function dashPass(b: Units): void {
  const c = b.codes;
  for (let i = 1; i < b.length - 1; i++) {
    if (DIGIT_DASH_CODES.has(c[i]!) && isAsciiDigit(c[i - 1]!) && isAsciiDigit(c[i + 1]!)) c[i] = 0x2d;
  }
}

const isBlank = (code: number): boolean => code === 0x20 || code === 0x09;
const isBreak = (code: number): boolean => code === 0x0a || code === 0x0d;
const isSpace = (code: number): boolean => isBlank(code) || isBreak(code) || code === 0x0b || code === 0x0c;

/**
 * Whether pass 3 would change anything: the same walk as joinPass up to its first join (until then its output is its
 * input, so looking back at the input is looking back at the output). Most notes have nothing to rejoin, and then
 * the copy of three arrays the length of the text is saved.
 */
function needsJoin(src: Units): boolean {
  const c = src.codes;
  const n = src.length;
  let i = 0;
  while (i < n) {
    const ch = c[i]!;
    if (ch === 0x2d && i > 0 && (classOf(c[i - 1]!) & LETTER) !== 0) {
      let j = i + 1;
      while (j < n && isBlank(c[j]!)) j++;
      if (j < n && isBreak(c[j]!)) {
        while (j < n && isSpace(c[j]!)) j++;
        if (j < n && (classOf(c[j]!) & LOWER) !== 0) return true;
      }
    }
    if (isBreak(ch) && i > 0) {
      let back = i - 1;
      while (back >= 0 && isBlank(c[back]!)) back--;
      if (back >= 0 && isAsciiDigit(c[back]!)) {
        let j = i;
        let newlines = 0;
        while (j < n && isSpace(c[j]!)) {
          if (c[j] === 0x0a) newlines++;
          j++;
        }
        if (j < n && isAsciiDigit(c[j]!) && newlines <= 1) return true;
        i = j;
        continue;
      }
    }
    i++;
  }
  return false;
}

/** Pass 3: rejoin words hyphenated across a line break and numbers wrapped over a line break. */
function joinPass(src: Units): Units {
  if (!needsJoin(src)) return src;
  const b = new Units(src.length + 16);
  const c = src.codes;
  const n = src.length;
  let i = 0;
  while (i < n) {
    const ch = c[i]!;
    // letter '-' [spaces] newline [spaces] lowercase letter  ->  drop the hyphen and the break
    if (ch === 0x2d && i > 0 && (classOf(c[i - 1]!) & LETTER) !== 0) {
      let j = i + 1;
      while (j < n && isBlank(c[j]!)) j++;
      if (j < n && isBreak(c[j]!)) {
        while (j < n && isSpace(c[j]!)) j++;
        if (j < n && (classOf(c[j]!) & LOWER) !== 0) {
          i = j;
          continue;
        }
      }
    }
    // digit [spaces] newline [spaces] digit  ->  drop the break. Only after a digit, and a whitespace run is looked
    // at once: scanning it again from each of its line breaks would be quadratic in a run of blank lines.
    if (isBreak(ch) && b.length > 0) {
      let back = b.length - 1;
      while (back >= 0 && isBlank(b.codes[back]!)) back--;
      if (back >= 0 && isAsciiDigit(b.codes[back]!)) {
        let j = i;
        let newlines = 0;
        while (j < n && isSpace(c[j]!)) {
          if (c[j] === 0x0a) newlines++;
          j++;
        }
        if (j < n && isAsciiDigit(c[j]!) && newlines <= 1) {
          // keep one space so "123\n456" reads "123 456": separators are allowed inside numbers anyway,
          // but two separate words are not glued into one.
          b.push(0x20, src.starts[i]!, src.ends[j - 1]!);
          i = j;
          continue;
        }
        for (; i < j; i++) b.push(c[i]!, src.starts[i]!, src.ends[i]!);
        continue;
      }
    }
    b.push(ch, src.starts[i]!, src.ends[i]!);
    i++;
  }
  return b;
}

function isWordCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return (classOf(code) & (LETTER | MARK)) !== 0;
}

function isCyrillicCode(code: number): boolean {
  return code >= 0x400 && code <= 0x52f ? true : code < 0x80 ? false : (classOf(code) & CYR) !== 0;
}

function isLatinCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return code >= 0x400 && code <= 0x52f ? false : (classOf(code) & LAT) !== 0;
}

const codeMap = (m: Readonly<Record<string, string>>): Map<number, number> => new Map(Object.entries(m).map(([a, b]) => [a.charCodeAt(0), b.charCodeAt(0)]));
const TO_CYRILLIC = codeMap(LATIN_TO_CYRILLIC);
const TO_LATIN = codeMap(CYRILLIC_TO_LATIN);

/** Pass 4: fold look-alike letters into the majority script of their word (1:1, offsets unchanged). */
function lookalikePass(b: Units): void {
  const c = b.codes;
  let i = 0;
  while (i < b.length) {
    if (!isWordCode(c[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let latin = 0;
    let cyrillic = 0;
    while (j < b.length && isWordCode(c[j]!)) {
      if (isCyrillicCode(c[j]!)) cyrillic++;
      else if (isLatinCode(c[j]!)) latin++;
      j++;
    }
    if (latin > 0 && cyrillic > 0) {
      const swap = latin >= cyrillic ? TO_LATIN : TO_CYRILLIC;
      for (let k = i; k < j; k++) {
        const swapped = swap.get(c[k]!);
        if (swapped !== undefined) c[k] = swapped;
      }
    }
    i = j;
  }
}

export function normalise(text: string): Normalised {
  const base = basePass(text);
  dashPass(base);
  const joined = joinPass(base);
  lookalikePass(joined);
  return {
    // Most notes need no change at all: then the text is the original string itself, not a copy built unit by unit.
    text: joined.text(text),
    // Views, not copies: the arrays are this result's alone.
    starts: joined.starts.subarray(0, joined.length),
    ends: joined.ends.subarray(0, joined.length),
    originalLength: text.length,
  };
}

/** Maps a half-open range of the normalised text back to a half-open range of the original. */
export function toOriginal(n: Normalised, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at = start < n.starts.length ? n.starts[start]! : n.originalLength;
    return { start: at, end: at };
  }
  return { start: n.starts[start]!, end: n.ends[end - 1]! };
}
