import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeIoError } from '../errors';

/**
 * Atomic replace: write a temp file beside the target, fsync it, rename it over the target, fsync the folder.
 * A crash leaves either the old file or the new one, never half of either.
 */
export function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  options: { readonly tmp: string; readonly what: string; readonly afterTempWritten?: () => void },
): void {
  let fd = -1;
  try {
    fd = openSync(options.tmp, 'w', 0o600);
    writeSync(fd, bytes, 0, bytes.length, 0);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    options.afterTempWritten?.();
    renameSync(options.tmp, path);
    fsyncDir(dirname(path));
  } catch (err) {
    if (fd >= 0) closeSync(fd);
    rmSync(options.tmp, { force: true });
    throw describeIoError(err, options.what);
  }
}

export function fsyncDir(dir: string): void {
  // Directory fsync makes the rename durable on Linux; Windows cannot open directories this way.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
