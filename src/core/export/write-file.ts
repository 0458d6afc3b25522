import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic';

/**
 * Writes an export: the bytes and nothing else (no metadata), through a temp file in the same folder and a
 * rename, so a crash never leaves half a document that might be sent on.
 */
export function writeExportFile(path: string, text: string): void {
  writeFileAtomic(path, Buffer.from(text, 'utf8'), { tmp: join(dirname(path), `.${basename(path)}.fieldvault-tmp`), what: 'writing the export' });
}
