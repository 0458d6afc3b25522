/**
 * A normalised copy of a text for matching, with a map back to the original (JavaScript string offsets).
 *
 * What changes, and why it is safe for matching (the output is always cut from the ORIGINAL text):
 * - Unicode NFC per base character and its combining marks;
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

interface Builder {
  chars: string[];
  starts: number[];
  ends: number[];
}

function push(b: Builder, s: string, start: number, end: number): void {
  for (let i = 0; i < s.length; i++) {
    b.chars.push(s[i]!);
    b.starts.push(start);
    b.ends.push(end);
  }
}

/** Pass 1: NFC per cluster, invisibles out, spaces in, ё -> е. */
function basePass(text: string): Builder {
  const b: Builder = { chars: [], starts: [], ends: [] };
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (INVISIBLE.has(cp)) {
      i += width;
      continue;
    }
    if (SPACES.has(cp)) {
      push(b, ' ', i, i + width);
      i += width;
      continue;
    }
    if (cp === 0x0451) {
      push(b, 'е', i, i + 1);
      i += 1;
      continue;
    }
    if (cp === 0x0401) {
      push(b, 'Е', i, i + 1);
      i += 1;
      continue;
    }
    // A base character and its combining marks form one cluster for NFC.
    let j = i + width;
    while (j < text.length) {
      const next = text.codePointAt(j)!;
      if (next < 0x300) break;
      if (!INVISIBLE.has(next) && !IS_MARK.test(String.fromCodePoint(next))) break;
      j += next > 0xffff ? 2 : 1;
    }
    const cluster = text.slice(i, j);
    if (j === i + width && cp < 0x300) {
      push(b, cluster, i, j);
    } else {
      let nfc = [...cluster].filter((ch) => !INVISIBLE.has(ch.codePointAt(0)!)).join('').normalize('NFC');
      nfc = nfc.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
      push(b, nfc, i, j);
    }
    i = j;
  }
  return b;
}

/** Pass 2: rejoin words hyphenated across a line break and numbers wrapped over a line break. */
function joinPass(src: Builder): Builder {
  const b: Builder = { chars: [], starts: [], ends: [] };
  const c = src.chars;
  const n = c.length;
  let i = 0;
  while (i < n) {
    const ch = c[i]!;
    // letter '-' [spaces] newline [spaces] lowercase letter  ->  drop the hyphen and the break
    if (ch === '-' && i > 0 && IS_LETTER.test(c[i - 1]!)) {
      let j = i + 1;
      while (j < n && (c[j] === ' ' || c[j] === '\t')) j++;
      if (j < n && (c[j] === '\n' || c[j] === '\r')) {
        while (j < n && /\s/.test(c[j]!)) j++;
        if (j < n && IS_LOWER.test(c[j]!)) {
          i = j;
          continue;
        }
      }
    }
    // digit [spaces] newline [spaces] digit  ->  drop the break
    if ((ch === '\n' || ch === '\r') && b.chars.length > 0) {
      let back = b.chars.length - 1;
      while (back >= 0 && (b.chars[back] === ' ' || b.chars[back] === '\t')) back--;
      let j = i;
      while (j < n && /\s/.test(c[j]!)) j++;
      const newlines = c.slice(i, j).filter((x) => x === '\n').length;
      if (back >= 0 && IS_DIGIT.test(b.chars[back]!) && j < n && IS_DIGIT.test(c[j]!) && newlines <= 1) {
        // keep one space so "123\n456" reads "123 456": separators are allowed inside numbers anyway,
        // but two separate words are not glued into one.
        push(b, ' ', src.starts[i]!, src.ends[j - 1]!);
        i = j;
        continue;
      }
    }
    b.chars.push(ch);
    b.starts.push(src.starts[i]!);
    b.ends.push(src.ends[i]!);
    i++;
  }
  return b;
}

function isWordChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return IS_LETTER.test(ch) || IS_MARK.test(ch);
}

function isCyrillicChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code >= 0x400 && code <= 0x52f ? true : code < 0x80 ? false : IS_CYRILLIC.test(ch);
}

function isLatinChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return code >= 0x400 && code <= 0x52f ? false : IS_LATIN.test(ch);
}

/** Pass 3: fold look-alike letters into the majority script of their word (1:1, offsets unchanged). */
function lookalikePass(b: Builder): void {
  const c = b.chars;
  let i = 0;
  while (i < c.length) {
    if (!isWordChar(c[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let latin = 0;
    let cyrillic = 0;
    while (j < c.length && isWordChar(c[j]!)) {
      if (isCyrillicChar(c[j]!)) cyrillic++;
      else if (isLatinChar(c[j]!)) latin++;
      j++;
    }
    if (latin > 0 && cyrillic > 0) {
      const toLatin = latin >= cyrillic;
      for (let k = i; k < j; k++) {
        const ch = c[k]!;
        const swapped = toLatin ? CYRILLIC_TO_LATIN[ch] : LATIN_TO_CYRILLIC[ch];
        if (swapped !== undefined) c[k] = swapped;
      }
    }
    i = j;
  }
}

export function normalise(text: string): Normalised {
  const base = basePass(text);
  const joined = joinPass(base);
  lookalikePass(joined);
  return {
    text: joined.chars.join(''),
    starts: Int32Array.from(joined.starts),
    ends: Int32Array.from(joined.ends),
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
