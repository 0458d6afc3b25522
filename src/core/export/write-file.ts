import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeIoError } from '../errors';
import { fsyncDir } from '../vault/header';

/**
 * Writes an export: the bytes and nothing else (no metadata), via a temp file in the same folder and a
 * rename, so a crash never leaves half a document that might be sent on.
 */
export function writeExportFile(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.fieldvault-tmp`);
  const bytes = Buffer.from(text, 'utf8');
  let fd = -1;
  try {
    fd = openSync(tmp, 'w', 0o600);
    writeSync(fd, bytes, 0, bytes.length, 0);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    renameSync(tmp, path);
    fsyncDir(dirname(path));
  } catch (err) {
    if (fd >= 0) closeSync(fd);
    rmSync(tmp, { force: true });
    throw describeIoError(err, 'writing the export');
  }
}
