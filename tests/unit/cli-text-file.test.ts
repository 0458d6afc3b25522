/** The command line's one file reader (src/cli/text-file.ts): regular files only, bounded, and honest decoding. */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNotes } from '../../src/cli/notes';
import { decodeText, FileReadError, READ_LIMITS, readBoundedFile, readTextFile } from '../../src/cli/text-file';
import { LIMITS } from '../../src/shared/limits';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fv-text-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problem = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return err instanceof FileReadError ? err.problem : `other: ${(err as Error).message}`;
  }
  return 'read';
};

describe('readBoundedFile', () => {
  it.skipIf(process.platform === 'win32')('refuses a link to /dev/zero at once, without reading it', () => {
    const link = join(dir, 'zero.md');
    symlinkSync('/dev/zero', link);
    expect(problem(() => readBoundedFile(link, READ_LIMITS.note))).toBe('not-regular');
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO without waiting for a writer', () => {
    const fifo = join(dir, 'fifo.md');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // A blocking open would wait for a writer for ever (the test's timeout would be the failure).
    expect(problem(() => readBoundedFile(fifo, READ_LIMITS.note))).toBe('not-regular');
  });

  it('refuses a file larger than the limit from its size, before reading it (a sparse 1 GB file)', () => {
    const big = join(dir, 'huge.md');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 1024 * 1024 * 1024);
    closeSync(fd);
    expect(problem(() => readBoundedFile(big, READ_LIMITS.note))).toBe('too-large');
  });

  it('reads a file at the limit, refuses one byte more; says folder and missing', () => {
    const limit = { bytes: 10, chars: 10 };
    writeFileSync(join(dir, 'ten'), '0123456789');
    writeFileSync(join(dir, 'eleven'), '0123456789x');
    expect(readBoundedFile(join(dir, 'ten'), limit).toString()).toBe('0123456789');
    expect(problem(() => readBoundedFile(join(dir, 'eleven'), limit))).toBe('too-large');
    expect(problem(() => readBoundedFile(dir, limit))).toBe('folder');
    expect(problem(() => readBoundedFile(join(dir, 'nope'), limit))).toBe('missing');
  });

  it('readTextFile names the file and the limit, in one line', () => {
    const limit = { bytes: 10, chars: 10 };
    writeFileSync(join(dir, 'people.json'), '{"people":[]}');
    let message = '';
    try {
      readTextFile(join(dir, 'people.json'), limit, 'people file');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(`The people file ${join(dir, 'people.json')} is larger than the ${Math.round(10 / 2 ** 20)} MB Fieldvault accepts.`);
  });
});

describe('readNotes: a note longer than the app accepts is left out by name; the others are imported', () => {
  it('splits notes into imported and too large (measured as the interview will hold it)', () => {
    const ok = join(dir, 'ok.md');
    const long = join(dir, 'long.md');
    const crlf = join(dir, 'crlf.md');
    writeFileSync(ok, '# Fine\n\nshort\n');
    writeFileSync(long, `# Long\n${'x'.repeat(LIMITS.notes)}`);
    // Just over the limit with \r\n line ends, within it once they are \n: accepted.
    writeFileSync(crlf, 'ab\r\n'.repeat(Math.floor(LIMITS.notes / 3)));
    const r = readNotes([ok, long, crlf]);
    expect(r.notes.map((n) => n.path)).toEqual([ok, crlf]);
    expect(r.tooLarge).toEqual([long]);
  });

  it.skipIf(process.platform === 'win32')('a FIFO or a link to a device stops the import, named, without hanging', () => {
    const fifo = join(dir, 'pipe.md');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(() => readNotes([fifo])).toThrow(/pipe\.md \(is not a regular file/);
  });
});

/** Encodes text in a single-byte code page by inverting Node's decoder (no encoder for these is built in). */
function encode(text: string, encoding: string): Buffer {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (!table.has(ch)) table.set(ch, b);
  }
  return Buffer.from([...text].map((ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`${ch} is not in ${encoding}`);
    return b;
  }));
}

const RUSSIAN = 'Задержан в Оше. Его держали шесть часов без воды, потом отпустили без объяснений.\nСвидетель видел, как у него забрали телефон.';
const SHORT_RUSSIAN = 'Задержан в Оше';
const UKRAINIAN = 'Затримали біля кордону, протримали п’ять годин і відпустили без пояснень.';
const TURKISH = 'Şükrü Öztürk gözaltında işkence gördüğünü söyledi. Ağabeyi de ertesi gün karakola çağrıldı.';
const TURKISH_CAPS = 'ŞÜKRÜ ÖZTÜRK GÖZALTINDA';
const FRENCH = 'Il a été arrêté à la gare, interrogé pendant trois heures, puis relâché sans explication.';
const GERMAN = 'Er wurde an der Grenze festgehalten, später über die Brücke zurückgeschickt. Die Straße war gesperrt.';

describe('decodeText: only encodings it can be sure of', () => {
  const decoded = (bytes: Buffer) => {
    try {
      return decodeText(bytes, 'note.txt');
    } catch (err) {
      return `refused: ${(err as Error).message}`;
    }
  };

  it('real Windows-1251 Russian and Ukrainian, long and short, decode correctly', () => {
    for (const t of [RUSSIAN, SHORT_RUSSIAN, UKRAINIAN]) expect(decoded(encode(t, 'windows-1251'))).toBe(t);
  });

  it('Turkish ISO-8859-9 and Latin-1 French and German are refused (never read as Cyrillic), asking for UTF-8', () => {
    for (const [t, enc] of [
      [TURKISH, 'iso-8859-9'],
      [TURKISH_CAPS, 'iso-8859-9'],
      [TURKISH, 'windows-1254'],
      [FRENCH, 'iso-8859-1'],
      [GERMAN, 'iso-8859-1'],
      [FRENCH, 'windows-1252'],
    ] as const) {
      expect(decoded(encode(t, enc)), `${enc}: ${t}`).toMatch(/^refused: note\.txt is not UTF-8 text.*save it as UTF-8/);
    }
  });

  it('KOI8-R Russian is refused rather than stored as garbled Cyrillic', () => {
    for (const t of [RUSSIAN, SHORT_RUSSIAN, RUSSIAN.toLowerCase(), UKRAINIAN.replace('’', "'")]) {
      const r = decoded(encode(t, t === UKRAINIAN.replace('’', "'") ? 'koi8-u' : 'koi8-r'));
      expect(r === t || r.startsWith('refused: '), `${t} -> ${r}`).toBe(true);
      expect(r).not.toBe(new TextDecoder('windows-1251').decode(encode(t, t === UKRAINIAN.replace('’', "'") ? 'koi8-u' : 'koi8-r')));
    }
  });

  it('UTF-16 with a BOM (both orders) and without one (both orders) decode; binary is not text', () => {
    for (const t of [RUSSIAN, TURKISH, `# Title\n\n${FRENCH}`]) {
      const le = Buffer.from(t, 'utf16le');
      const be = Buffer.from(le).swap16();
      expect(decoded(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toBe(t);
      expect(decoded(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(t);
      expect(decoded(le)).toBe(t);
      expect(decoded(be)).toBe(t);
    }
    expect(decoded(Buffer.from([0x00, 0x01, 0x02, 0xff]))).toMatch(/not a text file/);
    expect(decoded(Buffer.from('PK\u0003\u0004\u0000\u0000binary\u0000zip', 'latin1'))).toMatch(/not a text file/);
  });

  it('UTF-8 with and without a BOM is read as it is', () => {
    expect(decoded(Buffer.from(TURKISH, 'utf8'))).toBe(TURKISH);
    expect(decoded(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RUSSIAN, 'utf8')]))).toBe(RUSSIAN);
  });
});
