import { describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '../../src/core/router';
import { createCrashLoopDetector, createLocker, createOperationHandler, withTimeout } from '../../electron/main/handlers';

const ID = '0123456789abcdef0123456789abcdef';

function recordingDispatch(result: unknown = { ok: true, value: 'done' }) {
  const calls: [unknown, unknown][] = [];
  const dispatch: Dispatch = async (operation, payload) => {
    calls.push([operation, payload]);
    return result as never;
  };
  return { dispatch, calls };
}

describe('operation handler', () => {
  it('refuses untrusted senders without reaching the vault', async () => {
    const { dispatch, calls } = recordingDispatch();
    const handle = createOperationHandler('vault.unlock', dispatch);
    const r = await handle(false, { path: '/v', passphrase: 'x' });
    expect(r).toEqual({ ok: false, error: { code: 'permission-denied', message: expect.any(String) } });
    expect(calls).toHaveLength(0);
  });

  it('validates payloads with the contract schema', async () => {
    const { dispatch, calls } = recordingDispatch();
    const get = createOperationHandler('interviews.get', dispatch);
    for (const bad of [{ id: 'nope' }, { id: ID, extra: 1 }, 'string', 42, [ID]]) {
      const r = await get(true, bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid-request');
    }
    expect(calls).toHaveLength(0);
  });

  it('does not echo the rejected value in the error message', async () => {
    const { dispatch } = recordingDispatch();
    const unlock = createOperationHandler('vault.unlock', dispatch);
    const r = await unlock(true, { path: '/v', passphrase: 'x'.repeat(5000) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('passphrase');
      expect(r.error.message).not.toContain('xxxx');
    }
  });

  it('forwards the parsed payload and returns the worker result as is', async () => {
    const { dispatch, calls } = recordingDispatch({ ok: true, value: { state: 'locked' } });
    const status = createOperationHandler('vault.status', dispatch);
    expect(await status(true, undefined)).toEqual({ ok: true, value: { state: 'locked' } });
    const search = createOperationHandler('search.query', dispatch);
    await search(true, { query: 'Kharkiv', limit: 5 });
    expect(calls).toEqual([
      ['vault.status', {}],
      ['search.query', { query: 'Kharkiv', limit: 5 }],
    ]);
  });

  it('turns a throwing dispatch into an error value', async () => {
    const handle = createOperationHandler('vault.lock', async () => {
      throw new Error('secret detail');
    });
    const r = await handle(true, {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('internal');
      expect(r.error.message).not.toContain('secret');
    }
  });
});

describe('locker', () => {
  it('dispatches vault.lock, then notifies; concurrent locks share one request', async () => {
    const { dispatch, calls } = recordingDispatch({ ok: true, value: null });
    const notify = vi.fn();
    const locker = createLocker(dispatch, notify);
    await Promise.all([locker.lock(), locker.lock(), locker.lock()]);
    expect(calls).toEqual([['vault.lock', { reason: 'system' }]]);
    expect(notify).toHaveBeenCalledTimes(1);
    await locker.lock();
    expect(calls).toHaveLength(2);
    // Main's inactivity backstop says so in the audit log's lock entry.
    await locker.lock('idle');
    expect(calls[2]).toEqual(['vault.lock', { reason: 'idle' }]);
  });

  it('still notifies the page when the lock request fails or notify throws', async () => {
    const notify = vi.fn(() => {
      throw new Error('window gone');
    });
    const locker = createLocker(async () => {
      throw new Error('worker gone');
    }, notify);
    await expect(locker.lock()).resolves.toBeUndefined();
    expect(notify).toHaveBeenCalledTimes(1);
  });
});

describe('withTimeout', () => {
  it('resolves with the value, or the fallback on timeout or rejection', async () => {
    await expect(withTimeout(Promise.resolve(1), 50, 0)).resolves.toBe(1);
    await expect(withTimeout(new Promise<number>(() => undefined), 10, 0)).resolves.toBe(0);
    await expect(withTimeout(Promise.reject(new Error('x')), 50, 0)).resolves.toBe(0);
  });
});

describe('crash loop detector', () => {
  it('trips after more than max exits within the window only', () => {
    let t = 0;
    const exited = createCrashLoopDetector(3, 1000, () => t);
    expect([exited(), exited(), exited()]).toEqual([false, false, false]);
    t = 2000;
    expect(exited()).toBe(false); // the old exits aged out
    expect([exited(), exited()]).toEqual([false, false]);
    expect(exited()).toBe(true);
  });
});
