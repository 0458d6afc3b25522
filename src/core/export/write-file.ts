import { writeFileAtomic } from '../fs/atomic';
import { assertLocalLocation } from '../vault/layout';

/**
 * Writes an export: the bytes and nothing else (no metadata), through a temp file in the same folder and a
 * rename, so a crash never leaves half a document that might be sent on. Refused on a network share or a
 * device path (see assertLocalLocation) and when the target is a symlink (see writeFileAtomic).
 */
export function writeExportFile(path: string, content: string | Uint8Array): void {
  const target = assertLocalLocation(path, 'export');
  writeFileAtomic(target, typeof content === 'string' ? Buffer.from(content, 'utf8') : content, { what: 'writing the export', place: 'destination' });
}
