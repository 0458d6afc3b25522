import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { describeIoError, VaultError } from '../core/errors';
import { LIMITS } from '../shared/limits';

// ---------------------------------------------------------------------------------------------------------
// Every file the command line reads (notes, people and identities files, allow lists, redact's input) is read
// here: opened without blocking (a FIFO named x.md must not hang the command), judged by fstat on the opened
// descriptor (no stat-then-open race), refused unless it is a regular file (a link to /dev/zero, a FIFO, a
// device), and read with a bound (never more than the limit plus one byte, whatever the file claims or grows
// to), so no file can exhaust memory or crash the process.
// ---------------------------------------------------------------------------------------------------------

/** The most UTF-8 (or UTF-16) bytes `chars` UTF-16 code units can take, with a byte-order mark. */
export const bytesForChars = (chars: number) => chars * 3 + 3;

/** How large each kind of file the command line reads may be. */
export const READ_LIMITS = {
  /** A note becomes an interview's notes field: the app's limit on it (LIMITS.notes characters). */
  note: { bytes: bytesForChars(LIMITS.notes), chars: LIMITS.notes },
  /** Text given to `redact` (a file or standard input): the same as a note. */
  redactInput: { bytes: bytesForChars(LIMITS.notes), chars: LIMITS.notes },
  /** A people or identities file (JSON): a register of a hundred thousand people fits with room to spare. */
  people: { bytes: 64 * 1024 * 1024, chars: 64 * 1024 * 1024 },
  /** An allow file (JSON): 10,000 entries of up to 1,000 characters. */
  allow: { bytes: 32 * 1024 * 1024, chars: 32 * 1024 * 1024 },
} as const;

export type ReadLimit = (typeof READ_LIMITS)[keyof typeof READ_LIMITS];

/** Why a file could not be read, in a few words (never its content). */
export type ReadProblem = 'missing' | 'not-allowed' | 'folder' | 'not-regular' | 'too-large' | 'unreadable';

export class FileReadError extends Error {
  constructor(
    readonly problem: ReadProblem,
    /** For 'unreadable': the system's error code. */
    readonly detail = '',
  ) {
    super(problem);
  }
}

const mib = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** A limit in words: "5,000,000 characters" for notes, "64 MB" for JSON files. */
export function describeLimit(limit: ReadLimit): string {
  return limit.chars === limit.bytes ? mib(limit.bytes) : `${limit.chars.toLocaleString('en')} characters`;
}

/** The few words for a problem: "is not a regular file (a device, a pipe or a link to one)". */
export function describeProblem(err: FileReadError, limit: ReadLimit): string {
  switch (err.problem) {
    case 'missing':
      return 'does not exist';
    case 'not-allowed':
      return 'not allowed to read it';
    case 'folder':
      return 'is a folder';
    case 'not-regular':
      return 'is not a regular file: a device, a pipe or a link to one';
    case 'too-large':
      return `is larger than the ${describeLimit(limit)} Fieldvault accepts`;
    default:
      return `could not be read (${err.detail || 'unexpected error'})`;
  }
}

const O_NONBLOCK = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;

/** The bytes of a regular file of at most limit.bytes bytes; FileReadError otherwise. Never reads more than that. */
export function readBoundedFile(path: string, limit: ReadLimit): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | O_NONBLOCK);
  } catch (err) {
    throw fileError(err);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new FileReadError('folder');
    if (!stat.isFile()) throw new FileReadError('not-regular');
    if (stat.size > limit.bytes) throw new FileReadError('too-large');
    // The size may change while it is read: read to the end, but never past the limit.
    let buf = Buffer.alloc(Math.min(limit.bytes + 1, Math.max(stat.size + 1, 64 * 1024)));
    let at = 0;
    for (;;) {
      if (at === buf.length) {
        if (buf.length > limit.bytes) throw new FileReadError('too-large');
        const bigger = Buffer.alloc(Math.min(limit.bytes + 1, buf.length * 2));
        buf.copy(bigger);
        buf = bigger;
      }
      const n = readSync(fd, buf, at, buf.length - at, null);
      if (n === 0) return buf.subarray(0, at);
      at += n;
    }
  } catch (err) {
    throw fileError(err);
  } finally {
    closeSync(fd);
  }
}

function fileError(err: unknown): FileReadError {
  if (err instanceof FileReadError) return err;
  const code = (err as { code?: string } | null)?.code ?? '';
  if (code === 'ENOENT' || code === 'ENOTDIR') return new FileReadError('missing');
  if (code === 'EACCES' || code === 'EPERM') return new FileReadError('not-allowed');
  if (code === 'EISDIR') return new FileReadError('folder');
  if (code === 'ENXIO' || code === 'EAGAIN' || code === 'EWOULDBLOCK') return new FileReadError('not-regular');
  return new FileReadError('unreadable', code);
}

/** Standard input, bounded the same way (a pipe from /dev/zero ends with "too large", not with memory exhausted). */
export async function readBoundedStdin(limit: ReadLimit): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > limit.bytes) {
      process.stdin.destroy();
      throw new VaultError('invalid-request', `The standard input is larger than the ${describeLimit(limit)} Fieldvault accepts. Nothing was read.`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a text file of the given kind (see READ_LIMITS) and decodes it (decodeText). `what` names the file in
 * messages ("people file"): the path the user gave is named, its content never.
 */
export function readTextFile(path: string, limit: ReadLimit, what: string): string {
  let bytes: Buffer;
  try {
    bytes = readBoundedFile(path, limit);
  } catch (err) {
    if (!(err instanceof FileReadError)) throw describeIoError(err, `reading the ${what} ${path}`, 'source');
    if (err.problem === 'missing') throw new VaultError('not-found', `No such ${what}: ${path}`);
    if (err.problem === 'not-allowed') throw new VaultError('permission-denied', `Fieldvault is not allowed to read the ${what} ${path}.`);
    throw new VaultError('invalid-request', `The ${what} ${path} ${describeProblem(err, limit)}.`);
  }
  const text = decodeText(bytes, path);
  if (text.length > limit.chars) throw new VaultError('invalid-request', `The ${what} ${path} is longer than the ${describeLimit(limit)} Fieldvault accepts.`);
  return text;
}

// ----- Decoding ------------------------------------------------------------------------------------------
// UTF-8 (BOM or not) and UTF-16 with a BOM are certain. Two guesses are made, and only when the bytes leave
// little doubt:
//   - UTF-16 without a BOM (Notepad's "Unicode" saved by some tools without one): the bytes hold zeros, and one
//     byte of each pair takes few values (0x00 for Latin, 0x04 for Cyrillic) while the other varies; the text
//     it decodes to must be text (no control characters).
//   - Windows-1251, common for notes written on Russian-locale Windows: only when the decoded text reads as
//     Cyrillic words (looksLikeCyrillicText). A Latin code page (ISO-8859-9 Turkish, Latin-1 French or
//     German) decodes under 1251 to Latin words with Cyrillic letters inside them ("gцzaltэnda"); KOI8-R to
//     words of lowercase-then-capitals with few vowels ("рТЙЧЕФ"). Those are refused, by name, with the advice
//     to save the file as UTF-8: no Latin code page is guessed (ISO-8859-1, -9 and Windows-1252 share bytes
//     for different letters, so a guess would store wrong letters without saying so).
// ---------------------------------------------------------------------------------------------------------

// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const NOT_TEXT = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

/** The byte order of BOM-less UTF-16, or null when the bytes are not clearly UTF-16. */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const even = new Map<number, number>();
  const odd = new Map<number, number>();
  for (let i = 0; i < bytes.length; i += 2) {
    even.set(bytes[i]!, (even.get(bytes[i]!) ?? 0) + 1);
    odd.set(bytes[i + 1]!, (odd.get(bytes[i + 1]!) ?? 0) + 1);
  }
  // The high byte of each unit: at most a few values cover nearly every unit.
  const concentrated = (m: Map<number, number>) => [...m.values()].sort((a, b) => b - a).slice(0, 3).reduce((a, b) => a + b, 0) / (bytes.length / 2) >= 0.9;
  const le = concentrated(odd) && !concentrated(even);
  const be = concentrated(even) && !concentrated(odd);
  const order = le ? 'utf-16le' : be ? 'utf-16be' : null;
  if (!order) return null;
  try {
    const text = new TextDecoder(order, { fatal: true }).decode(bytes);
    return NOT_TEXT.test(text) ? null : order;
  } catch {
    return null;
  }
}

const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;
const CYRILLIC_VOWELS = /[аеёиоуыэюяіїєъ]/iu;

/**
 * Whether text decoded as Windows-1251 reads as Cyrillic writing: Cyrillic letters are a good share of the
 * letters; words that hold Cyrillic letters hold no Latin ones; those words are written in lower case,
 * Capitalised or in CAPITALS (not "рТЙЧЕФ"); and, given enough of them, about a third or more of the Cyrillic
 * letters are vowels (Russian, Ukrainian, Bulgarian and Serbian text: 40-45 %; KOI8-R read as 1251: about 25 %).
 */
export function looksLikeCyrillicText(text: string): boolean {
  const words = text.match(/\p{L}+/gu) ?? [];
  let letters = 0;
  let cyrillic = 0;
  let vowels = 0;
  let cyrillicWords = 0;
  let mixed = 0;
  let oddCase = 0;
  for (const w of words) {
    letters += [...w].length;
    let c = 0;
    let l = 0;
    for (const ch of w) {
      if (CYRILLIC_LETTER.test(ch)) {
        c++;
        if (CYRILLIC_VOWELS.test(ch)) vowels++;
      } else if (LATIN_LETTER.test(ch)) l++;
    }
    if (c === 0) continue;
    cyrillic += c;
    cyrillicWords++;
    if (l > 0) mixed++;
    const rest = w.slice(1);
    const casedWell = w === w.toLocaleLowerCase('ru') || w === w.toLocaleUpperCase('ru') || rest === rest.toLocaleLowerCase('ru');
    if (!casedWell) oddCase++;
  }
  if (cyrillicWords === 0 || cyrillic / letters < 0.3) return false;
  if (mixed > cyrillicWords * 0.02) return false;
  if (oddCase > cyrillicWords * 0.1) return false;
  if (cyrillic >= 20 && vowels / cyrillic < 0.33) return false;
  return true;
}

export function decodeText(bytes: Uint8Array, name: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) {
    const order = utf16Order(bytes);
    if (order) return new TextDecoder(order).decode(bytes);
    throw new VaultError('invalid-request', `${name} is not a text file.`);
  }
  let utf8: string | null = null;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    /* not UTF-8 */
  }
  if (utf8 !== null) return utf8;
  const text = new TextDecoder('windows-1251').decode(bytes);
  if (looksLikeCyrillicText(text)) return text;
  throw new VaultError(
    'invalid-request',
    `${name} is not UTF-8 text, and its encoding cannot be told for certain (it is not Windows-1251 Cyrillic). Open it in a text editor, save it as UTF-8 and try again.`,
  );
}
