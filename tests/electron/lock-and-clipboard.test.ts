import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLockRequester } from '../../electron/main/handlers';
import { createSecretClipboard, SECRET_CLIPBOARD_MS } from '../../electron/main/secret-clipboard';

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
