import type { Dispatch } from '../../src/core/router';
import { operationSchemas, type OperationName } from '../../src/shared/operations';
import { fail, type Result } from '../../src/shared/result';

/**
 * What each IPC channel does, without electron (ipc.ts wires these to ipcMain.handle): check the sender,
 * parse the payload with the contract's schema, forward the parsed value to the worker, and always resolve
 * with a Result. Nothing here throws across IPC and nothing logs payloads or results.
 */
export type OperationHandler = (isTrusted: boolean, payload: unknown) => Promise<Result<unknown>>;

export function createOperationHandler(operation: OperationName, dispatch: Dispatch): OperationHandler {
  const schema = operationSchemas[operation];
  return async (isTrusted, payload) => {
    if (!isTrusted) return fail('permission-denied', 'This request did not come from the Fieldvault window.');
    let parsed;
    try {
      parsed = schema.safeParse(payload ?? {});
    } catch {
      return fail('invalid-request', `Invalid request for ${operation}.`);
    }
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
      return fail('invalid-request', `Invalid request for ${operation}${where}.`);
    }
    try {
      return await dispatch(operation, parsed.data);
    } catch {
      return fail('internal', `Fieldvault could not reach its vault service during ${operation}. Try again.`);
    }
  };
}

export interface Locker {
  /**
   * Locks the vault (checkpoint, zero keys) and tells the renderer. Concurrent calls share one lock. `reason`
   * goes into the audit log's lock entry: 'system' unless main locks for inactivity.
   */
  lock(reason?: 'system' | 'idle'): Promise<void>;
}

/**
 * Lock from outside the page: suspend, screen lock, the menu accelerator, quitting. `notify` tells the renderer
 * (it is called even when the lock request failed: the worker restarts locked if it died).
 */
export function createLocker(dispatch: Dispatch, notify: () => void): Locker {
  let inFlight: Promise<void> | null = null;
  return {
    lock(reason = 'system') {
      if (inFlight) return inFlight;
      inFlight = (async () => {
        try {
          await dispatch('vault.lock', { reason });
        } catch {
          /* the worker client never rejects; if it did, the renderer is still told to show the lock screen */
        } finally {
          inFlight = null;
          try {
            notify();
          } catch {
            /* the window may be gone */
          }
        }
      })();
      return inFlight;
    },
  };
}

/** Resolves with the promise's outcome, or with `fallback` after `ms`. Used so a stuck worker cannot block quit. */
export function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise<T>((resolveOuter) => {
    const timer = setTimeout(() => resolveOuter(fallback), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolveOuter(value);
      },
      () => {
        clearTimeout(timer);
        resolveOuter(fallback);
      },
    );
  });
}

/**
 * Detects a worker that dies right after every restart (e.g. its entry cannot load): more than `max` exits
 * within `windowMs`. The worker client restarts a dead worker unconditionally, so main must stop the loop.
 */
export function createCrashLoopDetector(max: number, windowMs: number, now: () => number = Date.now): () => boolean {
  const exits: number[] = [];
  return () => {
    const t = now();
    exits.push(t);
    while (exits.length > 0 && (exits[0] ?? t) < t - windowMs) exits.shift();
    return exits.length > max;
  };
}

export interface LockRequester {
  /**
   * Asks the page to save and lock (it calls vault.lock itself); if it has not within the grace period, locks
   * from main. Resolves once the vault is locked either way. Concurrent calls share one request.
   */
  request(): Promise<void>;
  /** The page's own vault.lock went through. */
  pageLocked(): void;
}

export function createLockRequester(options: { readonly ask: () => boolean; readonly lock: () => Promise<void>; readonly graceMs: number }): LockRequester {
  let pending: { readonly done: Promise<void>; readonly settle: () => void } | null = null;
  return {
    request() {
      if (pending) return pending.done;
      if (!options.ask()) return options.lock();
      let settle: () => void = () => undefined;
      const done = new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          pending = null;
          void options.lock().finally(resolve);
        }, options.graceMs);
        settle = () => {
          clearTimeout(timer);
          pending = null;
          resolve();
        };
      });
      pending = { done, settle };
      return done;
    },
    pageLocked() {
      pending?.settle();
    },
  };
}
