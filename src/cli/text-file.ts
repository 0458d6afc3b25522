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
    if (!(err instanceof FileReadError)) throw describeIoError(err, `reading the ${what} ${path}`);
    if (err.problem === 'missing') throw new VaultError('not-found', `No such ${what}: ${path}`);
    if (err.problem === 'not-allowed') throw new VaultError('permission-denied', `Fieldvault is not allowed to read the ${what} ${path}.`);
    throw new VaultError('invalid-request', `The ${what} ${path} ${describeProblem(err, limit)}.`);
  }
  const text = decodeText(bytes, path);
  if (text.length > limit.chars) throw new VaultError('invalid-request', `The ${what} ${path} is longer than the ${describeLimit(limit)} Fieldvault accepts.`);
  return text;
}

export function decodeText(bytes: Uint8Array, name: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) throw new VaultError('invalid-request', `${name} is not a text file.`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const text = new TextDecoder('windows-1251').decode(bytes);
    const letters = text.match(/\p{L}/gu) ?? [];
    const cyrillic = text.match(/\p{Script=Cyrillic}/gu) ?? [];
    if (letters.length > 0 && cyrillic.length / letters.length >= 0.3) return text;
    throw new VaultError('invalid-request', `${name} is not UTF-8 text. Save it as UTF-8 and import it again.`);
  }
}
