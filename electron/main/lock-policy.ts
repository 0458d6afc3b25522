import { defaultVaultSettings } from '../../src/shared/domain';
import type { Result } from '../../src/shared/result';

/**
 * When and how main locks the vault without the page, as pure functions and small state machines (no electron
 * import): lock-triggers.ts feeds them Electron's events and readings, tests feed them fakes.
 */

/** What tells main that the machine is leaving the user's hands. */
export type LockTrigger =
  | 'suspend' // powerMonitor 'suspend'
  | 'shutdown' // powerMonitor 'shutdown' (Linux, macOS)
  | 'session-end' // window 'query-session-end' / 'session-end' (Windows: shutdown, restart, log-off)
  | 'screen-lock' // powerMonitor 'lock-screen' (macOS, Windows); idle state 'locked' (polled, any platform)
  | 'user-switch' // powerMonitor 'user-did-resign-active' (macOS fast user switching)
  | 'idle' // system idle for the vault's auto-lock time (backstop for the page's throttled timer)
  | 'panic'; // the panic shortcut (panic-lock.ts): someone is about to take the laptop

/**
 * end-worker: the process may be frozen (and written to a hibernation image) or ended right after the event, so
 * the key-holding worker thread is ended at once; nothing is awaited. lock-now: an orderly lock from main (keys
 * zeroed, lock entry in the audit log, search cache written) without waiting for the page; the worker is ended
 * anyway if the lock has not finished within the deadline (a long import running).
 */
export type LockMethod = { readonly kind: 'end-worker' } | { readonly kind: 'lock-now'; readonly reason: 'system' | 'idle' };

export function lockMethodFor(trigger: LockTrigger): LockMethod {
  switch (trigger) {
    case 'suspend':
    case 'shutdown':
    case 'session-end':
    case 'panic': // no lock entry, no search cache, no waiting for a save: the keys go with the worker now
      return { kind: 'end-worker' };
    case 'screen-lock':
    case 'user-switch':
      return { kind: 'lock-now', reason: 'system' };
    case 'idle':
      return { kind: 'lock-now', reason: 'idle' };
  }
}

export interface SystemLockActions {
  /** Ends the vault worker thread now (the worker client starts a fresh, locked one). */
  readonly endWorker: () => void;
  /** The orderly lock in the worker; resolves when it is done (or failed). */
  readonly lockInWorker: (reason: 'system' | 'idle') => Promise<void>;
  /** Forgets what main holds for the unlocked vault: an identity field on the clipboard, export permissions. */
  readonly forgetInMain: () => void;
  /** Tells the page that the vault is locked (it drops what it shows and shows the unlock screen). */
  readonly notifyLocked: () => void;
  /** Main's own record of the vault's state (see createVaultStateTracker). */
  readonly markLocked: () => void;
  /** How long lock-now waits for the worker before ending it. */
  readonly deadlineMs: number;
  readonly setTimer?: (fn: () => void, ms: number) => { unref?: () => void } | number;
  readonly clearTimer?: (timer: unknown) => void;
}

/**
 * Locks for a trigger. For end-worker everything happens before this returns: on Linux Electron releases its
 * sleep inhibitor as soon as the 'suspend' listeners return, so nothing after an await can be relied on.
 */
export function createSystemLocker(actions: SystemLockActions): (trigger: LockTrigger) => void {
  const setTimer = actions.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = actions.clearTimer ?? ((t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const safely = (fn: () => void) => {
    try {
      fn();
    } catch {
      /* one failing step (a window already gone) must not stop the others */
    }
  };
  const endNow = () => {
    safely(actions.endWorker);
    safely(actions.markLocked);
    safely(actions.forgetInMain);
    safely(actions.notifyLocked);
  };
  let orderly: Promise<void> | null = null;
  return (trigger) => {
    const method = lockMethodFor(trigger);
    if (method.kind === 'end-worker') {
      endNow();
      return;
    }
    if (orderly) return;
    safely(actions.markLocked);
    safely(actions.forgetInMain);
    let finished = false;
    const timer = setTimer(() => {
      if (!finished) endNow();
    }, actions.deadlineMs);
    if (typeof timer === 'object') timer.unref?.();
    let started: Promise<void>;
    try {
      started = actions.lockInWorker(method.reason);
    } catch {
      started = Promise.resolve();
    }
    orderly = started
      .catch(() => undefined)
      .finally(() => {
        finished = true;
        orderly = null;
        clearTimer(timer);
      });
  };
}

/**
 * Main's view of whether the vault is unlocked and of its auto-lock time, taken from the results passing through
 * it (every request, the page's and main's own, does); set to locked when main ends or locks the worker.
 */
export interface VaultStateTracker {
  observe(operation: unknown, result: Result<unknown>): void;
  markLocked(): void;
  readonly unlocked: boolean;
  /** The vault's auto-lock time in minutes, or the default until the vault's settings have been seen. */
  readonly autoLockMinutes: number;
}

export function createVaultStateTracker(): VaultStateTracker {
  let unlocked = false;
  let minutes: number = defaultVaultSettings.autoLockMinutes;
  return {
    observe(operation, result) {
      if (!result.ok) return;
      switch (operation) {
        case 'vault.create':
        case 'vault.unlock':
          unlocked = true;
          return;
        case 'vault.lock':
          unlocked = false;
          minutes = defaultVaultSettings.autoLockMinutes;
          return;
        case 'vault.status': {
          const v = result.value as { state?: unknown } | null;
          if (v && typeof v === 'object') unlocked = v.state === 'unlocked';
          return;
        }
        case 'settings.get':
        case 'settings.update': {
          const m = (result.value as { autoLockMinutes?: unknown } | null)?.autoLockMinutes;
          if (typeof m === 'number' && Number.isInteger(m) && m >= 1 && m <= 240) minutes = m;
          return;
        }
        default:
          return;
      }
    },
    markLocked() {
      unlocked = false;
    },
    get unlocked() {
      return unlocked;
    },
    get autoLockMinutes() {
      return minutes;
    },
  };
}

export type IdleState = 'active' | 'idle' | 'locked' | 'unknown';

export interface IdleReading {
  /** powerMonitor.getSystemIdleState(threshold): 'locked' when the OS screen lock (or screensaver) is on. */
  readonly state: IdleState;
  /** powerMonitor.getSystemIdleTime(): seconds since the last input anywhere on the machine (0 where unknown). */
  readonly idleSeconds: number;
}

/** What one reading calls for while the vault is unlocked: the screen is locked, the user has gone, or nothing. */
export function idleTriggerFor(reading: IdleReading, autoLockMinutes: number): 'screen-lock' | 'idle' | null {
  if (reading.state === 'locked') return 'screen-lock';
  if (Number.isFinite(reading.idleSeconds) && reading.idleSeconds >= autoLockMinutes * 60) return 'idle';
  return null;
}

/** How often main reads the idle state. 'lock-screen' does not exist on Linux, so the screen lock is polled. */
export const IDLE_POLL_MS = 5_000;

export interface IdlePollOptions {
  readonly read: (thresholdSeconds: number) => IdleReading;
  readonly tracker: Pick<VaultStateTracker, 'unlocked' | 'autoLockMinutes'>;
  readonly onTrigger: (trigger: 'screen-lock' | 'idle') => void;
  readonly intervalMs?: number;
  readonly setInterval?: (fn: () => void, ms: number) => { unref?: () => void } | number;
  readonly clearInterval?: (timer: unknown) => void;
}

/** Polls the idle state while the vault is unlocked; returns a stop function. The timer never keeps the app alive. */
export function startIdlePoll(options: IdlePollOptions): () => void {
  const every = options.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
  const stop = options.clearInterval ?? ((t: unknown) => clearInterval(t as ReturnType<typeof setInterval>));
  const timer = every(() => {
    if (!options.tracker.unlocked) return;
    const minutes = options.tracker.autoLockMinutes;
    let reading: IdleReading;
    try {
      reading = options.read(minutes * 60);
    } catch {
      return;
    }
    const trigger = idleTriggerFor(reading, minutes);
    if (trigger) options.onTrigger(trigger);
  }, options.intervalMs ?? IDLE_POLL_MS);
  if (typeof timer === 'object') timer.unref?.();
  return () => stop(timer);
}
