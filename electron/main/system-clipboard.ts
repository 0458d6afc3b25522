import { clipboard, ClipboardItem } from 'electron';
import type { SecretClipboardSystem } from './secret-clipboard';

/**
 * Electron's clipboard as secret-clipboard.ts uses it. clipboard.write() commits every format of its
 * ClipboardItem in one write (Electron 45: text as a string, raw platform formats as Blobs under
 * `electron application/osclipboard;format="…"`), which is what lets the text carry its "do not record" markers.
 */
export const systemClipboard: SecretClipboardSystem = {
  readText: () => clipboard.readText(),
  writeText: (text) => clipboard.writeText(text),
  write: (entries) => {
    const items: Record<string, string | Blob> = {};
    for (const e of entries) items[e.format] = typeof e.data === 'string' ? e.data : new Blob([new Uint8Array(e.data)]);
    return clipboard.write([new ClipboardItem(items)]);
  },
};
