import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLockRequester } from '../../electron/main/handlers';
import {
  clipboardWritesNeedFocus,
  createSecretClipboard,
  osClipboardFormat,
  SECRET_CLIPBOARD_MS,
  secretClipboardEntries,
  type ClipboardEntry,
  type ClipboardStatus,
} from '../../electron/main/secret-clipboard';

function fakeClipboard() {
  const cb = { text: '', readText: () => cb.text, writeText: (t: string) => void (cb.text = t) };
  return cb;
}

afterEach(() => vi.useRealTimers());

describe('identity clipboard (main)', () => {
  it('clears a copied value after 30 seconds', async () => {
    vi.useFakeTimers();
    const cb = fakeClipboard();
    const secrets = createSecretClipboard(cb);
    expect(await secrets.copy('Султаналиева')).toBe(true);
    expect(cb.text).toBe('Султаналиева');
    await vi.advanceTimersByTimeAsync(SECRET_CLIPBOARD_MS - 1);
    expect(cb.text).toBe('Султаналиева');
    await vi.advanceTimersByTimeAsync(1);
    expect(cb.text).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else since', async () => {
    vi.useFakeTimers();
    const cb = fakeClipboard();
    const secrets = createSecretClipboard(cb);
    await secrets.copy('+996 555 123 456');
    cb.text = 'a recipe';
    await vi.advanceTimersByTimeAsync(SECRET_CLIPBOARD_MS);
    expect(cb.text).toBe('a recipe');
    await secrets.clear();
    expect(cb.text).toBe('a recipe');
  });

  it('clears at once on lock, and refuses what is not a short string', async () => {
    const cb = fakeClipboard();
    const secrets = createSecretClipboard(cb);
    await secrets.copy('Azimjon');
    await secrets.clear();
    expect(cb.text).toBe('');
    expect(await secrets.copy(42)).toBe(false);
    expect(await secrets.copy('')).toBe(false);
    expect(await secrets.copy('x'.repeat(10_001))).toBe(false);
    expect(cb.text).toBe('');
  });
});

/**
 * A clipboard as Chromium on Wayland behaves: `system` is what other apps would paste, `cache` what readText()
 * answers. A write from an unfocused window reaches the cache only (dropped silently by the compositor).
 */
function waylandClipboard() {
  const cb = {
    focused: true,
    system: '',
    cache: '',
    writes: [] as (readonly ClipboardEntry[])[],
    readText: () => cb.cache,
    writeText: (text: string) => cb.put(text),
    write: (entries: readonly ClipboardEntry[]) => {
      cb.writes.push(entries);
      const text = entries.find((e) => e.format === 'text/plain')?.data;
      cb.put(typeof text === 'string' ? text : '');
    },
    put: (text: string) => {
      cb.cache = text;
      if (cb.focused) cb.system = text;
    },
    /** Another app copies: the compositor tells Chromium, so the cache follows. */
    otherAppCopies: (text: string) => {
      cb.system = text;
      cb.cache = text;
    },
  };
  return cb;
}

const decode = (data: string | Uint8Array) => (typeof data === 'string' ? data : [...data]);

describe('identity clipboard: marked as secret for clipboard managers and history', () => {
  it('writes the text and each platform\'s markers, and nothing more', () => {
    const formats = (platform: string) => Object.fromEntries(secretClipboardEntries('Азимжон', platform).map((e) => [e.format, decode(e.data)]));
    expect(formats('win32')).toEqual({
      'text/plain': 'Азимжон',
      [osClipboardFormat('ExcludeClipboardContentFromMonitorProcessing')]: [0, 0, 0, 0],
      [osClipboardFormat('CanIncludeInClipboardHistory')]: [0, 0, 0, 0],
      [osClipboardFormat('CanUploadToCloudClipboard')]: [0, 0, 0, 0],
    });
    expect(formats('darwin')).toEqual({ 'text/plain': 'Азимжон', [osClipboardFormat('org.nspasteboard.ConcealedType')]: [...new TextEncoder().encode('secret')] });
    expect(formats('linux')).toEqual({ 'text/plain': 'Азимжон', [osClipboardFormat('x-kde-passwordManagerHint')]: [...new TextEncoder().encode('secret')] });
    expect(formats('aix')).toEqual({ 'text/plain': 'Азимжон' });
    expect(osClipboardFormat('x-kde-passwordManagerHint')).toBe('electron application/osclipboard;format="x-kde-passwordManagerHint"');
  });

  it('puts text and markers on the clipboard in one write', async () => {
    const cb = waylandClipboard();
    const writeText = vi.spyOn(cb, 'writeText');
    const secrets = createSecretClipboard(cb, { platform: 'win32' });
    expect(await secrets.copy('+996 555 123 456')).toBe(true);
    expect(cb.writes).toHaveLength(1);
    expect(cb.writes[0]?.map((e) => e.format)).toEqual(secretClipboardEntries('+996 555 123 456', 'win32').map((e) => e.format));
    expect(writeText).not.toHaveBeenCalled();
    expect(cb.system).toBe('+996 555 123 456');
    await secrets.clear();
  });

  it('still copies the text where the markers are refused', async () => {
    const cb = waylandClipboard();
    cb.write = () => {
      throw new Error('format not supported');
    };
    const secrets = createSecretClipboard(cb, { platform: 'linux' });
    expect(await secrets.copy('Azimjon')).toBe(true);
    expect(cb.system).toBe('Azimjon');
    expect(await secrets.clear()).toBe('cleared');
  });
});

describe('identity clipboard: a clear is confirmed, or tried again when the window is focused', () => {
  it('knows where writes need the focus: Wayland, unless Chromium runs on X11', () => {
    expect(clipboardWritesNeedFocus('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(clipboardWritesNeedFocus('linux', { WAYLAND_DISPLAY: 'wayland-0' }, 'x11')).toBe(false);
    expect(clipboardWritesNeedFocus('linux', { DISPLAY: ':0' })).toBe(false);
    expect(clipboardWritesNeedFocus('linux', {}, 'wayland')).toBe(true);
    expect(clipboardWritesNeedFocus('linux', { WAYLAND_DISPLAY: 'wayland-0' }, 'auto')).toBe(true);
    expect(clipboardWritesNeedFocus('linux', { WAYLAND_DISPLAY: '' }, 'auto')).toBe(false);
    expect(clipboardWritesNeedFocus('win32', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(false);
    expect(clipboardWritesNeedFocus('darwin', {})).toBe(false);
  });

  it('on Wayland with the window in the background: not reported cleared, told, cleared on focus', async () => {
    vi.useFakeTimers();
    const cb = waylandClipboard();
    const statuses: ClipboardStatus[] = [];
    const secrets = createSecretClipboard(cb, { platform: 'linux', writesLand: () => cb.focused, onStatus: (s) => statuses.push(s) });
    await secrets.copy('Султаналиева');
    cb.focused = false;
    await vi.advanceTimersByTimeAsync(SECRET_CLIPBOARD_MS);
    // readText() says '' (the cache), yet other apps still paste the name: this must not count as cleared
    expect(cb.cache).toBe('');
    expect(cb.system).toBe('Султаналиева');
    expect(statuses).toEqual(['pending']);
    // a lock meanwhile tries again, still in the background: still pending, told once
    expect(await secrets.clear()).toBe('pending');
    expect(statuses).toEqual(['pending']);
    cb.focused = true;
    expect(await secrets.windowFocused()).toBe('cleared');
    expect(cb.system).toBe('');
    expect(statuses).toEqual(['pending', 'resolved']);
    // nothing left to do on the next focus
    expect(await secrets.windowFocused()).toBe('none');
  });

  it('leaves what another app copied meanwhile', async () => {
    const cb = waylandClipboard();
    const statuses: ClipboardStatus[] = [];
    const secrets = createSecretClipboard(cb, { platform: 'linux', writesLand: () => cb.focused, onStatus: (s) => statuses.push(s) });
    await secrets.copy('Нурбек Осмонов');
    cb.focused = false;
    expect(await secrets.clear()).toBe('pending');
    cb.otherAppCopies('a shopping list');
    cb.focused = true;
    expect(await secrets.windowFocused()).toBe('replaced');
    expect(cb.system).toBe('a shopping list');
    expect(statuses).toEqual(['pending', 'resolved']);
  });

  it('reads a clear back: a write that did not take is pending until a focus clears it', async () => {
    const cb = waylandClipboard();
    const statuses: ClipboardStatus[] = [];
    const secrets = createSecretClipboard(cb, { platform: 'win32', onStatus: (s) => statuses.push(s) });
    await secrets.copy('Бакыт Жумабеков');
    // another program holds the clipboard open: the write is lost, and reading back shows the name
    const put = cb.put;
    cb.put = () => undefined;
    expect(await secrets.clear()).toBe('pending');
    expect(cb.system).toBe('Бакыт Жумабеков');
    cb.put = put;
    expect(await secrets.windowFocused()).toBe('cleared');
    expect(cb.system).toBe('');
    expect(statuses).toEqual(['pending', 'resolved']);
  });

  it('says so when the clipboard cannot be read, and a later copy ends the warning', async () => {
    const cb = waylandClipboard();
    const statuses: ClipboardStatus[] = [];
    const secrets = createSecretClipboard(cb, { platform: 'linux', onStatus: (s) => statuses.push(s) });
    await secrets.copy('Айгуль');
    const read = cb.readText;
    cb.readText = () => {
      throw new Error('clipboard busy');
    };
    expect(await secrets.clear()).toBe('failed');
    expect(statuses).toEqual(['failed']);
    cb.readText = read;
    // the next copy overwrites the old field: nothing more to warn about
    await secrets.copy('Бакыт');
    expect(statuses).toEqual(['failed', 'resolved']);
    expect(await secrets.clear()).toBe('cleared');
    expect(statuses).toEqual(['failed', 'resolved']);
  });

  it('reports cleared only when confirmed, and nothing when nothing was copied', async () => {
    const cb = waylandClipboard();
    const statuses: ClipboardStatus[] = [];
    const secrets = createSecretClipboard(cb, { platform: 'darwin', onStatus: (s) => statuses.push(s) });
    expect(await secrets.clear()).toBe('none');
    await secrets.copy('Азимжон');
    expect(await secrets.clear()).toBe('cleared');
    expect(await secrets.clear()).toBe('none');
    expect(await secrets.windowFocused()).toBe('none');
    expect(statuses).toEqual([]);
  });
});

describe('lock requests from main', () => {
  it('waits for the page, which saves and locks itself', async () => {
    vi.useFakeTimers();
    const lock = vi.fn(async () => undefined);
    const ask = vi.fn(() => true);
    const requester = createLockRequester({ ask, lock, graceMs: 1500 });
    let done = false;
    void requester.request().then(() => (done = true));
    const again = requester.request();
    expect(ask).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(300);
    requester.pageLocked();
    await again;
    expect(done).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(lock).not.toHaveBeenCalled();
  });

  it('locks from main when the page does not answer within the grace period', async () => {
    vi.useFakeTimers();
    const lock = vi.fn(async () => undefined);
    const requester = createLockRequester({ ask: () => true, lock, graceMs: 1500 });
    const done = requester.request();
    await vi.advanceTimersByTimeAsync(1499);
    expect(lock).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it('locks at once when there is no page to ask', async () => {
    const lock = vi.fn(async () => undefined);
    const requester = createLockRequester({ ask: () => false, lock, graceMs: 1500 });
    await requester.request();
    expect(lock).toHaveBeenCalledTimes(1);
  });
});
