/** The command line's one file reader (src/cli/text-file.ts): regular files only, bounded, and honest decoding. */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNotes } from '../../src/cli/notes';
import { FileReadError, READ_LIMITS, readBoundedFile, readTextFile } from '../../src/cli/text-file';
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
    const started = Date.now();
    expect(problem(() => readBoundedFile(fifo, READ_LIMITS.note))).toBe('not-regular');
    expect(Date.now() - started).toBeLessThan(2000);
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
