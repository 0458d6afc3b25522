import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSystemLocker, createVaultStateTracker, idleTriggerFor, lockMethodFor, startIdlePoll, type IdleReading, type LockTrigger } from '../../electron/main/lock-policy';
import { fail, ok } from '../../src/shared/result';

afterEach(() => vi.useRealTimers());

/** A fake main: records the order of what the system locker does. */
function fakeMain(options: { lockTakesMs?: number } = {}) {
  const steps: string[] = [];
  let lockCalls = 0;
  const actions = {
    endWorker: () => void steps.push('end-worker'),
    lockInWorker: (reason: 'system' | 'idle') => {
      lockCalls++;
      steps.push(`lock:${reason}`);
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          steps.push('locked');
          resolve();
        }, options.lockTakesMs ?? 10),
      );
    },
    forgetInMain: () => void steps.push('forget'),
    notifyLocked: () => void steps.push('notify'),
    markLocked: () => void steps.push('mark'),
    deadlineMs: 3_000,
  };
  return { steps, actions, lockCalls: () => lockCalls };
}

describe('how each trigger locks', () => {
  it('ends the worker for suspend, shutdown, the end of the session and the panic shortcut; locks in the worker otherwise', () => {
    const methods = Object.fromEntries((['suspend', 'shutdown', 'session-end', 'panic', 'screen-lock', 'user-switch', 'idle'] as LockTrigger[]).map((t) => [t, lockMethodFor(t)]));
    expect(methods).toEqual({
      suspend: { kind: 'end-worker' },
      shutdown: { kind: 'end-worker' },
      'session-end': { kind: 'end-worker' },
      panic: { kind: 'end-worker' },
      'screen-lock': { kind: 'lock-now', reason: 'system' },
      'user-switch': { kind: 'lock-now', reason: 'system' },
      idle: { kind: 'lock-now', reason: 'idle' },
    });
  });

  it('on suspend does everything before returning: nothing waits for a timer or a promise', () => {
    vi.useFakeTimers();
    const main = fakeMain();
    const lock = createSystemLocker(main.actions);
    lock('suspend');
    // Synchronously: on Linux Electron releases its sleep inhibitor as soon as the listener returns.
    expect(main.steps).toEqual(['end-worker', 'mark', 'forget', 'notify']);
    expect(main.lockCalls()).toBe(0);
  });

  it('keeps going when one step throws (a window already gone)', () => {
    const main = fakeMain();
    const lock = createSystemLocker({
      ...main.actions,
      notifyLocked: () => {
        throw new Error('Object has been destroyed');
      },
    });
    expect(() => lock('session-end')).not.toThrow();
    expect(main.steps).toEqual(['end-worker', 'mark', 'forget']);
  });

  it('on the screen lock locks in the worker at once, without a grace period, and does not end it when the lock finishes', async () => {
    vi.useFakeTimers();
    const main = fakeMain({ lockTakesMs: 200 });
    const lock = createSystemLocker(main.actions);
    lock('screen-lock');
    expect(main.steps).toEqual(['mark', 'forget', 'lock:system']);
    lock('screen-lock'); // a second event while the first lock runs shares it
    expect(main.lockCalls()).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(main.steps).toEqual(['mark', 'forget', 'lock:system', 'locked']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(main.steps).not.toContain('end-worker');
  });

  it('ends the worker when the orderly lock has not finished by the deadline (a long import running)', async () => {
    vi.useFakeTimers();
    const main = fakeMain({ lockTakesMs: 60_000 });
    const lock = createSystemLocker(main.actions);
    lock('idle');
    expect(main.steps).toEqual(['mark', 'forget', 'lock:idle']);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(main.steps).not.toContain('end-worker');
    await vi.advanceTimersByTimeAsync(1);
    expect(main.steps).toEqual(['mark', 'forget', 'lock:idle', 'end-worker', 'mark', 'forget', 'notify']);
  });

  it('suspend during an orderly lock ends the worker at once', async () => {
    vi.useFakeTimers();
    const main = fakeMain({ lockTakesMs: 60_000 });
    const lock = createSystemLocker(main.actions);
    lock('screen-lock');
    lock('suspend');
    expect(main.steps).toEqual(['mark', 'forget', 'lock:system', 'end-worker', 'mark', 'forget', 'notify']);
  });

  it('survives a lock that throws or rejects', async () => {
    const main = fakeMain();
    const lock = createSystemLocker({
      ...main.actions,
      lockInWorker: () => {
        throw new Error('gone');
      },
    });
    expect(() => lock('screen-lock')).not.toThrow();
    const rejecting = createSystemLocker({ ...main.actions, lockInWorker: () => Promise.reject(new Error('gone')) });
    expect(() => rejecting('idle')).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
  });
});

describe("main's view of the vault", () => {
  it('follows unlock, settings and lock results, and ignores failures', () => {
    const t = createVaultStateTracker();
    expect(t.unlocked).toBe(false);
    expect(t.autoLockMinutes).toBe(5);
    t.observe('vault.unlock', fail('wrong-passphrase', 'no'));
    expect(t.unlocked).toBe(false);
    t.observe('vault.unlock', ok({ state: 'unlocked' }));
    expect(t.unlocked).toBe(true);
    t.observe('settings.get', ok({ autoLockMinutes: 30, searchIncludesPeople: false, allowList: [], theme: 'system', language: 'system' }));
    expect(t.autoLockMinutes).toBe(30);
    t.observe('settings.update', ok({ autoLockMinutes: 240 }));
    expect(t.autoLockMinutes).toBe(240);
    t.observe('settings.update', ok({ autoLockMinutes: 100_000 }));
    t.observe('settings.update', ok({ autoLockMinutes: '1' }));
    expect(t.autoLockMinutes).toBe(240);
    t.observe('vault.lock', ok(null));
    expect(t.unlocked).toBe(false);
    expect(t.autoLockMinutes).toBe(5);
    t.observe('vault.create', ok({}));
    expect(t.unlocked).toBe(true);
    t.markLocked();
    expect(t.unlocked).toBe(false);
    t.observe('vault.status', ok({ state: 'unlocked', path: '/v' }));
    expect(t.unlocked).toBe(true);
    t.observe('vault.status', ok({ state: 'locked' }));
    expect(t.unlocked).toBe(false);
  });
});

describe('idle and screen-lock polling', () => {
  it('calls for a lock when the screen is locked or the machine has been idle for the auto-lock time', () => {
    expect(idleTriggerFor({ state: 'locked', idleSeconds: 0 }, 5)).toBe('screen-lock');
    expect(idleTriggerFor({ state: 'active', idleSeconds: 299 }, 5)).toBeNull();
    expect(idleTriggerFor({ state: 'idle', idleSeconds: 300 }, 5)).toBe('idle');
    expect(idleTriggerFor({ state: 'unknown', idleSeconds: 300 }, 10)).toBeNull();
    expect(idleTriggerFor({ state: 'unknown', idleSeconds: Number.NaN }, 1)).toBeNull();
  });

  it('polls only while unlocked, with the vault’s auto-lock time as threshold, on a timer that never holds the app open', async () => {
    vi.useFakeTimers();
    let reading: IdleReading = { state: 'active', idleSeconds: 0 };
    const thresholds: number[] = [];
    const tracker = { unlocked: false, autoLockMinutes: 15 };
    const triggers: string[] = [];
    let unrefd = false;
    const stop = startIdlePoll({
      read: (threshold) => {
        thresholds.push(threshold);
        return reading;
      },
      tracker,
      onTrigger: (t) => triggers.push(t),
      intervalMs: 5_000,
      setInterval: (fn, ms) => {
        const timer = setInterval(fn, ms);
        return {
          unref: () => {
            unrefd = true;
          },
          id: timer,
        } as unknown as { unref: () => void };
      },
      clearInterval: () => vi.clearAllTimers(),
    });
    expect(unrefd).toBe(true);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(thresholds).toEqual([]); // locked: nothing read
    tracker.unlocked = true;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(thresholds).toEqual([900]);
    expect(triggers).toEqual([]);
    reading = { state: 'locked', idleSeconds: 3 };
    await vi.advanceTimersByTimeAsync(5_000);
    expect(triggers).toEqual(['screen-lock']);
    reading = { state: 'idle', idleSeconds: 900 };
    await vi.advanceTimersByTimeAsync(5_000);
    expect(triggers).toEqual(['screen-lock', 'idle']);
    stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(triggers).toHaveLength(2);
  });

  it('shrugs off a reading that throws', async () => {
    vi.useFakeTimers();
    const triggers: string[] = [];
    const stop = startIdlePoll({
      read: () => {
        throw new Error('not after ready');
      },
      tracker: { unlocked: true, autoLockMinutes: 5 },
      onTrigger: (t) => triggers.push(t),
    });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(triggers).toEqual([]);
    stop();
  });
});
