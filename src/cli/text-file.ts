import { readFileSync } from 'node:fs';
import { describeIoError, VaultError } from '../core/errors';

/**
 * Reads a note as text: UTF-8 (with or without BOM), UTF-16 with a BOM, or — common for notes written on
 * Russian-locale Windows — Windows-1251 when the bytes are not UTF-8 and decode to mostly Cyrillic letters.
 * Anything else is refused by name rather than imported as garbage.
 */
export function readTextFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw new VaultError('not-found', `No such file: ${path}`);
    throw describeIoError(err, `reading ${path}`);
  }
  return decodeText(bytes, path);
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
