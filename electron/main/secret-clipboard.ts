/**
 * The clipboard for identity fields (a real name, a phone number): copied on request, cleared 30 seconds later
 * and on every lock, but only if the clipboard still holds that text (something the user copied since stays).
 * No electron import: main passes Electron's clipboard in (system-clipboard.ts), tests a fake.
 *
 * Two things the plain Electron calls do not do:
 * - Mark the copy as secret, so clipboard managers and the system's clipboard history skip it: the text and the
 *   platform's markers go in ONE clipboard write (a second write would replace the first).
 * - Check a clear. On Wayland a write from an unfocused window is dropped silently while readText() answers from
 *   Chromium's own cache, so a clear there is never taken as done: it is tried again when the window gains focus,
 *   and the page is told meanwhile. Elsewhere the clear is read back.
 */
export interface SecretClipboardSystem {
  readText(): string | Promise<string>;
  writeText(text: string): void | Promise<void>;
  /** Writes all entries in one clipboard write (Electron: clipboard.write([new ClipboardItem(...)])). */
  write?(entries: readonly ClipboardEntry[]): void | Promise<void>;
}

/** One format of a clipboard write: a MIME type as Electron's ClipboardItem takes it, and its bytes or text. */
export interface ClipboardEntry {
  readonly format: string;
  readonly data: string | Uint8Array;
}

export const SECRET_CLIPBOARD_MS = 30_000;
/** Longer than any name or contact; a page asking for more is not copying an identity field. */
export const MAX_SECRET_LENGTH = 10_000;

/** Electron's name for a raw platform clipboard format (a Windows registered format, a macOS UTI, an X11/Wayland target). */
export const osClipboardFormat = (name: string): string => `electron application/osclipboard;format="${name}"`;

/** A little-endian DWORD 0: "no" for Windows' CanIncludeInClipboardHistory and CanUploadToCloudClipboard. */
const DWORD_ZERO = new Uint8Array(4);
const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * What one copy of an identity field writes, per platform: the text and the markers clipboard managers honour.
 * - Windows: ExcludeClipboardContentFromMonitorProcessing (any content) keeps it out of clipboard history, cloud
 *   clipboard and monitoring apps; CanIncludeInClipboardHistory and CanUploadToCloudClipboard = DWORD 0 say the same
 *   to Windows' own history and cloud sync.
 * - macOS: org.nspasteboard.ConcealedType (nspasteboard.org), honoured by clipboard managers and Universal Clipboard
 *   tools; only its presence counts.
 * - Linux: x-kde-passwordManagerHint = "secret" (Klipper; wl-clip-persist and others can filter on it).
 */
export function secretClipboardEntries(text: string, platform: string): readonly ClipboardEntry[] {
  const plain: ClipboardEntry = { format: 'text/plain', data: text };
  switch (platform) {
    case 'win32':
      return [
        plain,
        { format: osClipboardFormat('ExcludeClipboardContentFromMonitorProcessing'), data: DWORD_ZERO },
        { format: osClipboardFormat('CanIncludeInClipboardHistory'), data: DWORD_ZERO },
        { format: osClipboardFormat('CanUploadToCloudClipboard'), data: DWORD_ZERO },
      ];
    case 'darwin':
      return [plain, { format: osClipboardFormat('org.nspasteboard.ConcealedType'), data: utf8('secret') }];
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return [plain, { format: osClipboardFormat('x-kde-passwordManagerHint'), data: utf8('secret') }];
    default:
      return [plain];
  }
}

/**
 * Whether a clipboard write from an unfocused window may be dropped unseen: Chromium on Wayland (the default on
 * Linux when WAYLAND_DISPLAY is set, unless --ozone-platform(-hint)=x11). X11, Windows and macOS take the write.
 * `ozonePlatform` is the switch's value ('' or 'auto' when not given).
 */
export function clipboardWritesNeedFocus(platform: string, env: Readonly<Record<string, string | undefined>>, ozonePlatform = ''): boolean {
  if (platform !== 'linux') return false;
  const ozone = ozonePlatform.trim().toLowerCase();
  if (ozone === 'x11' || ozone === 'headless') return false;
  if (ozone === 'wayland') return true;
  return Boolean(env.WAYLAND_DISPLAY);
}

/**
 * What a clear found or did:
 * - 'none': nothing copied is waiting to be cleared.
 * - 'cleared': the clipboard was emptied and reading it back confirms it.
 * - 'replaced': the clipboard holds something else now (the user copied since); it was left alone.
 * - 'pending': the clear could not be confirmed (Wayland with the window unfocused, or the text still there after
 *   writing): it is tried again when the window gains focus, and on the next lock.
 * - 'failed': the clipboard could not be read; the field may still be there. Tried again like 'pending'.
 */
export type ClearOutcome = 'none' | 'cleared' | 'replaced' | 'pending' | 'failed';

/** What the page is told: an identity field may still be on the clipboard ('pending', 'failed'), or no longer is. */
export type ClipboardStatus = 'pending' | 'failed' | 'resolved';

export interface SecretClipboardOptions {
  /** process.platform: which markers a copy carries. */
  readonly platform?: string;
  readonly ms?: number;
  /** False while a write would be dropped unseen (Wayland, window not focused): a clear then cannot be confirmed. */
  readonly writesLand?: () => boolean;
  /** Called when the state the page shows changes (main sends it to the page). */
  readonly onStatus?: (status: ClipboardStatus) => void;
}

export interface SecretClipboard {
  copy(text: unknown): Promise<boolean>;
  /** Clears the copied field if the clipboard still holds it, and says what happened. */
  clear(): Promise<ClearOutcome>;
  /** The window gained focus: an unconfirmed clear is tried again. */
  windowFocused(): Promise<ClearOutcome>;
}

export function createSecretClipboard(system: SecretClipboardSystem, options: SecretClipboardOptions = {}): SecretClipboard {
  const ms = options.ms ?? SECRET_CLIPBOARD_MS;
  const platform = options.platform ?? process.platform;
  let held: string | null = null;
  /** A clear of `held` was tried and not confirmed; the page has been told. */
  let unsure: ClipboardStatus | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // One step at a time: a lock, the timer and a focus can ask to clear at once, and a copy must not interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const next = queue.then(step, step);
    queue = next.catch(() => undefined);
    return next;
  };

  const tell = (status: ClipboardStatus) => {
    try {
      options.onStatus?.(status);
    } catch {
      /* the window may be gone */
    }
  };
  const uncertain = (outcome: 'pending' | 'failed'): ClearOutcome => {
    if (unsure !== outcome) tell(outcome);
    unsure = outcome;
    return outcome;
  };
  const settled = (outcome: 'cleared' | 'replaced'): ClearOutcome => {
    held = null;
    if (unsure !== null) tell('resolved');
    unsure = null;
    return outcome;
  };

  const clearNow = async (): Promise<ClearOutcome> => {
    clearTimeout(timer);
    timer = undefined;
    const text = held;
    if (text === null) return 'none';
    let now: string;
    try {
      now = await system.readText();
    } catch {
      return uncertain('failed');
    }
    // After a dropped clear, Chromium's cache says '' although the field may still be there: still ours.
    if (now !== text && !(unsure !== null && now === '')) return settled('replaced');
    const lands = options.writesLand?.() ?? true;
    try {
      await system.writeText('');
    } catch {
      return uncertain('pending');
    }
    if (!lands) return uncertain('pending');
    let after: string;
    try {
      after = await system.readText();
    } catch {
      return uncertain('failed');
    }
    return after === text ? uncertain('pending') : settled('cleared');
  };

  const clear = () => serial(clearNow);
  return {
    copy(text) {
      if (typeof text !== 'string' || text.length === 0 || text.length > MAX_SECRET_LENGTH) return Promise.resolve(false);
      return serial(async () => {
        try {
          if (system.write) await system.write(secretClipboardEntries(text, platform));
          else await system.writeText(text);
        } catch {
          // A platform that refuses the markers still gets the text: copying must work; managers may then keep it.
          try {
            await system.writeText(text);
          } catch {
            return false;
          }
        }
        clearTimeout(timer);
        held = text;
        // The earlier field was overwritten by this copy: whatever the page showed about it is over.
        if (unsure !== null) tell('resolved');
        unsure = null;
        timer = setTimeout(() => void clear(), ms);
        timer.unref?.();
        return true;
      });
    },
    clear,
    windowFocused() {
      return serial(() => (held !== null && unsure !== null ? clearNow() : Promise.resolve<ClearOutcome>('none')));
    },
  };
}
