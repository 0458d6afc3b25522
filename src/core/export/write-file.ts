import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { VaultError } from '../errors';
import { writeFileAtomic } from '../fs/atomic';
import { assertLocalLocation, expandHome, refuseNonLocalSpelling } from '../vault/layout';

/**
 * The file an export, a brief or a saved received brief goes to: the path as given when it ends in the format's
 * extension, else with the extension added (a file picker's "report" becomes report.md). The extension is never
 * added to something that exists and is not a file: "/dev/full" or a folder does not become "/dev/full.md" or
 * "folder.md" beside it; that is refused instead. (The command line refuses a mismatched --out outright.)
 */
export function exportTarget(path: string, format: string): string {
  refuseNonLocalSpelling(path, 'export'); // before any stat: on Windows, looking at \\host\x connects to it
  const given = expandHome(path);
  if (extname(given).toLowerCase() === `.${format}`) return given;
  let stat;
  try {
    stat = statSync(given);
  } catch {
    return `${given}.${format}`; // nothing there (or nothing that can be looked at): the usual case
  }
  if (!stat.isFile()) {
    throw new VaultError('invalid-request', `Something other than a file (a folder or a device) is at that location: choose a file name ending in .${format}. Nothing was written.`);
  }
  return `${given}.${format}`;
}

/**
 * Writes an export: the bytes and nothing else (no metadata), through a temp file in the same folder and a
 * rename, so a crash never leaves half a document that might be sent on. Refused on a network share or a
 * device path (see assertLocalLocation) and when the target is a symlink (see writeFileAtomic).
 */
export function writeExportFile(path: string, content: string | Uint8Array): void {
  const target = assertLocalLocation(path, 'export');
  writeFileAtomic(target, typeof content === 'string' ? Buffer.from(content, 'utf8') : content, { what: 'writing the export', place: 'destination' });
}
