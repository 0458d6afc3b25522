/**
 * The clipboard for identity fields (a real name, a phone number): copied on request, cleared 30 seconds later
 * and on every lock, but only if the clipboard still holds that text (something the user copied since stays).
 * No electron import: main passes Electron's clipboard in, tests a fake.
 */
export interface TextClipboard {
  readText(): string | Promise<string>;
  writeText(text: string): void | Promise<void>;
}

export const SECRET_CLIPBOARD_MS = 30_000;
/** Longer than any name or contact; a page asking for more is not copying an identity field. */
export const MAX_SECRET_LENGTH = 10_000;

export interface SecretClipboard {
  copy(text: unknown): Promise<boolean>;
  clear(): Promise<void>;
}

export function createSecretClipboard(clipboard: TextClipboard, ms = SECRET_CLIPBOARD_MS): SecretClipboard {
  let held: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const clear = async () => {
    clearTimeout(timer);
    timer = undefined;
    const text = held;
    held = null;
    if (text === null) return;
    try {
      if ((await clipboard.readText()) === text) await clipboard.writeText('');
    } catch {
      /* nothing to do: the clipboard is not readable */
    }
  };
  return {
    async copy(text) {
      if (typeof text !== 'string' || text.length === 0 || text.length > MAX_SECRET_LENGTH) return false;
      clearTimeout(timer);
      await clipboard.writeText(text);
      held = text;
      timer = setTimeout(() => void clear(), ms);
      timer.unref?.();
      return true;
    },
    clear,
  };
}
