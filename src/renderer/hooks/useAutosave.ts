import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, Result } from '../../shared/result';
import { registerFlush } from '../lock/flush';

export type SaveState =
  | { readonly kind: 'saved' }
  | { readonly kind: 'dirty' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'failed'; readonly error: AppError };

/** A record the vault versions: its fields plus the revision number optimistic concurrency checks. */
export interface Versioned {
  readonly id: string;
  readonly revision: number;
}

export interface AutosaveOptions<R extends Versioned, F extends object> {
  /** Sends the changed fields; the core answers with the whole record or 'conflict' when `revision` is stale. */
  readonly save: (id: string, revision: number, changes: Partial<F>) => Promise<Result<R>>;
  /** Reads the record again (after a conflict). */
  readonly load: (id: string) => Promise<Result<R>>;
  readonly pick: (record: R) => F;
  /** Fields the core may change on save (e.g. linked people): taken from its answer unless edited meanwhile. */
  readonly serverOwned?: readonly (keyof F)[];
}

/** Quiet time after the last keystroke before saving, and the longest a change may wait while typing goes on. */
const QUIET_MS = 600;
const MAX_WAIT_MS = 1500;
const RETRY_MS = 4000;

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Keeps an editor's fields and saves them: within 2 seconds of any change (600 ms after typing stops, and at
 * the latest 1.5 s after the first unsaved change), on blur (flush), on unmount, before lock and when the
 * window closes. Only changed fields are sent. A stale revision ('conflict') reloads the record.
 */
export function useAutosave<R extends Versioned, F extends object>(record: R, options: AutosaveOptions<R, F>) {
  const opts = useRef(options);
  opts.current = options;
  const [fields, setFields] = useState<F>(() => options.pick(record));
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const [reloaded, setReloaded] = useState<R | null>(null);
  const current = useRef<F>(fields);
  const base = useRef<F>(fields);
  const revision = useRef(record.revision);
  const inFlight = useRef<Promise<void> | null>(null);
  const quiet = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const deadline = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);
  const id = record.id;

  const changes = (): Partial<F> | null => {
    const out: Partial<F> = {};
    let any = false;
    for (const key of Object.keys(current.current) as (keyof F)[]) {
      if (!same(current.current[key], base.current[key])) {
        out[key] = current.current[key];
        any = true;
      }
    }
    return any ? out : null;
  };

  const clearTimers = () => {
    clearTimeout(quiet.current);
    clearTimeout(deadline.current);
    quiet.current = undefined;
    deadline.current = undefined;
  };

  /** Sends what is unsaved now. The request leaves synchronously (the lock flow relies on that). */
  const flush = useCallback((): Promise<void> => {
    clearTimers();
    if (inFlight.current) {
      // one save at a time: run again once the current one is answered
      const after = inFlight.current.then(() => flush());
      return after;
    }
    const diff = changes();
    if (!diff) return Promise.resolve();
    const sent = current.current;
    if (alive.current) setState({ kind: 'saving' });
    const run = (async () => {
      const result = await opts.current.save(id, revision.current, diff);
      if (result.ok) {
        revision.current = result.value.revision;
        const fromServer = opts.current.pick(result.value);
        base.current = { ...sent };
        const owned = opts.current.serverOwned ?? [];
        if (owned.length > 0) {
          const next = { ...current.current };
          for (const key of owned) {
            // the core's value wins unless the field was edited while the save was under way
            if (same(current.current[key], sent[key])) next[key] = fromServer[key];
            base.current = { ...base.current, [key]: fromServer[key] };
          }
          current.current = next;
          if (alive.current) setFields(next);
        }
        if (alive.current) setState(changes() ? { kind: 'dirty' } : { kind: 'saved' });
        return;
      }
      if (result.error.code === 'conflict') {
        const latest = await opts.current.load(id);
        if (latest.ok) {
          const f = opts.current.pick(latest.value);
          revision.current = latest.value.revision;
          base.current = f;
          current.current = f;
          if (alive.current) {
            setFields(f);
            setReloaded(latest.value);
            setState({ kind: 'saved' });
          }
          return;
        }
      }
      if (alive.current) setState({ kind: 'failed', error: result.error });
      // keep the edit and try again a little later
      if (alive.current) quiet.current = setTimeout(() => void flush(), RETRY_MS);
    })().finally(() => {
      inFlight.current = null;
    });
    inFlight.current = run;
    return run;
  }, [id]);

  const schedule = useCallback(() => {
    clearTimeout(quiet.current);
    quiet.current = setTimeout(() => void flush(), QUIET_MS);
    deadline.current ??= setTimeout(() => void flush(), MAX_WAIT_MS);
  }, [flush]);

  const change = useCallback(
    (patch: Partial<F>) => {
      current.current = { ...current.current, ...patch };
      setFields(current.current);
      setState((s) => (s.kind === 'saving' ? s : { kind: 'dirty' }));
      schedule();
    },
    [schedule],
  );

  /** Replaces everything (after a restore): the record as the core now has it. */
  const replace = useCallback(
    (next: R) => {
      clearTimers();
      const f = opts.current.pick(next);
      revision.current = next.revision;
      base.current = f;
      current.current = f;
      setFields(f);
      setState({ kind: 'saved' });
    },
    [],
  );

  useEffect(() => {
    alive.current = true;
    const unregister = registerFlush(flush);
    const onUnload = () => void flush();
    window.addEventListener('beforeunload', onUnload);
    return () => {
      alive.current = false;
      unregister();
      window.removeEventListener('beforeunload', onUnload);
      void flush(); // leaving the editor saves what is left
    };
  }, [flush]);

  return { fields, change, flush, replace, state, revision, reloaded, clearReloaded: () => setReloaded(null) };
}
