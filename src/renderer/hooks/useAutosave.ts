import { useCallback, useEffect, useRef, useState } from 'react';
import type { ZodType } from 'zod';
import type { Result } from '../../shared/result';
import { useT } from '../i18n/I18nProvider';
import { registerEditor } from '../lock/flush';
import { checkFields, saveProblem, type FieldLabels, type SaveProblem } from './saveProblem';

export type SaveState =
  | { readonly kind: 'saved' }
  | { readonly kind: 'dirty' }
  | { readonly kind: 'saving' }
  /** The edits are kept in memory; `retries` says whether a timer tries again (else the next edit does). */
  | { readonly kind: 'failed'; readonly problem: SaveProblem };

/** A record the vault versions: its fields plus the revision number optimistic concurrency checks. */
export interface Versioned {
  readonly id: string;
  readonly revision: number;
}

export interface AutosaveOptions<R extends Versioned, F extends object> {
  /** Sends the changed fields; the core answers with the whole record or 'conflict' when `revision` is stale. */
  readonly save: (id: string, revision: number, changes: Partial<F>) => Promise<Result<R>>;
  /**
   * Creates the record from its first edit. Given when the editor opens a record that is not in the vault yet
   * (its id is ''): nothing is created until something is typed, so an abandoned new record leaves nothing.
   */
  readonly create?: (changes: Partial<F>) => Promise<Result<R>>;
  /** Told once the first edit created the record. */
  readonly onCreated?: (record: R) => void;
  /** Reads the record again (after a conflict). */
  readonly load: (id: string) => Promise<Result<R>>;
  readonly pick: (record: R) => F;
  /** Fields the core may change on save (e.g. linked people): taken from its answer unless edited meanwhile. */
  readonly serverOwned?: readonly (keyof F)[];
  /** The core's schema for the fields (partial): a change it would refuse is named before it is sent. */
  readonly schema?: ZodType;
  readonly labels?: FieldLabels;
  /** The record as messages name it ("INT-0003"); asked when needed, since a new record gets its code late. */
  readonly what: () => string;
}

/** Quiet time after the last keystroke before saving, and the longest a change may wait while typing goes on. */
const QUIET_MS = 600;
const MAX_WAIT_MS = 1500;
/**
 * After a failed save: 2 s, 4 s, 8 s, then every 15 s for as long as the editor is open (a local write is cheap,
 * and freed space should be noticed soon). "Try now" does not wait.
 */
export const retryDelay = (failures: number) => Math.min(15_000, 2000 * 2 ** Math.max(0, failures - 1));

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Keeps an editor's fields and saves them: within 2 seconds of any change (600 ms after typing stops, and at
 * the latest 1.5 s after the first unsaved change), on blur (flush), before leaving (the shell asks), before
 * lock and when the window closes. Only changed fields are sent. A stale revision ('conflict') reloads the
 * record. A failed save keeps the edits in memory and tries again with growing pauses until it succeeds.
 */
export function useAutosave<R extends Versioned, F extends object>(record: R, options: AutosaveOptions<R, F>) {
  const opts = useRef(options);
  opts.current = options;
  // the language of the moment for a save problem's message (read when the save fails)
  const t = useT();
  const tRef = useRef(t);
  tRef.current = t;
  const [fields, setFields] = useState<F>(() => options.pick(record));
  const [state, setStateNow] = useState<SaveState>({ kind: 'saved' });
  const stateRef = useRef<SaveState>(state);
  const [reloaded, setReloaded] = useState<R | null>(null);
  const [createdId, setCreatedId] = useState<string>(record.id);
  /**
   * Counts replacements from outside (a restore, a reload after a conflict). Editors that keep their own text
   * (CodeMirror) are keyed on it: a restored text may equal one they produced earlier, which they would
   * otherwise take for a late echo of their own typing and not show.
   */
  const [generation, setGeneration] = useState(0);
  const current = useRef<F>(fields);
  const base = useRef<F>(fields);
  const revision = useRef(record.revision);
  const id = useRef(record.id);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const quiet = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const deadline = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const failures = useRef(0);
  const alive = useRef(true);

  const setState = (s: SaveState) => {
    stateRef.current = s;
    if (alive.current) setStateNow(s);
  };

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
    clearTimeout(retry.current);
    quiet.current = undefined;
    deadline.current = undefined;
    retry.current = undefined;
  };

  /** Sends what is unsaved now; true when nothing is left unsaved. The request leaves synchronously. */
  const flush = useCallback((): Promise<boolean> => {
    clearTimers();
    if (inFlight.current) {
      // one save at a time: run again once the current one is answered
      return inFlight.current.then(() => flush());
    }
    const diff = changes();
    if (!diff) return Promise.resolve(true);
    const failed = (problem: SaveProblem): boolean => {
      failures.current += 1;
      setState({ kind: 'failed', problem });
      // keep the edits and try again a little later; a refused field waits for the next edit instead
      if (problem.retries && alive.current) retry.current = setTimeout(() => void flush(), retryDelay(failures.current));
      return false;
    };
    const refused = checkFields(opts.current.schema, diff, opts.current.labels ?? {}, tRef.current);
    if (refused) return Promise.resolve(failed(refused));
    const sent = current.current;
    // a failure stays on screen while the next attempt runs: it is still true until one succeeds
    if (stateRef.current.kind !== 'failed') setState({ kind: 'saving' });
    const run = (async (): Promise<boolean> => {
      const creating = id.current === '';
      const create = opts.current.create;
      const result = creating ? (create ? await create(diff) : null) : await opts.current.save(id.current, revision.current, diff);
      if (!result) return true; // a new record without a way to create it: nothing to do
      if (result.ok) {
        failures.current = 0;
        revision.current = result.value.revision;
        if (creating) {
          id.current = result.value.id;
          if (alive.current) setCreatedId(result.value.id);
          opts.current.onCreated?.(result.value);
        }
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
        const left = changes() !== null;
        setState(left ? { kind: 'dirty' } : { kind: 'saved' });
        return !left;
      }
      if (result.error.code === 'conflict' && !creating) {
        const latest = await opts.current.load(id.current);
        if (latest.ok) {
          const f = opts.current.pick(latest.value);
          revision.current = latest.value.revision;
          base.current = f;
          current.current = f;
          if (alive.current) {
            setFields(f);
            setReloaded(latest.value);
            setGeneration((n) => n + 1);
          }
          setState({ kind: 'saved' });
          return true;
        }
      }
      return failed(saveProblem(result.error, tRef.current));
    })().finally(() => {
      inFlight.current = null;
    });
    inFlight.current = run;
    return run;
  }, []);

  const schedule = useCallback(() => {
    clearTimeout(quiet.current);
    quiet.current = setTimeout(() => void flush(), QUIET_MS);
    deadline.current ??= setTimeout(() => void flush(), MAX_WAIT_MS);
  }, [flush]);

  const change = useCallback(
    (patch: Partial<F>) => {
      current.current = { ...current.current, ...patch };
      setFields(current.current);
      const s = stateRef.current.kind;
      if (s !== 'saving' && s !== 'failed') setState({ kind: 'dirty' });
      schedule();
    },
    [schedule],
  );

  /** Replaces everything (after a restore): the record as the core now has it. */
  const replace = useCallback((next: R) => {
    clearTimers();
    const f = opts.current.pick(next);
    revision.current = next.revision;
    base.current = f;
    current.current = f;
    setFields(f);
    setGeneration((n) => n + 1);
    setState({ kind: 'saved' });
  }, []);

  /** After the record was deleted: nothing is left to save, and leaving must not try. */
  const discard = useCallback(() => {
    clearTimers();
    base.current = current.current;
    setState({ kind: 'saved' });
  }, []);

  useEffect(() => {
    alive.current = true;
    const unregister = registerEditor({
      flush,
      unsaved: () => changes() !== null,
      what: () => opts.current.what(),
      problem: () => (stateRef.current.kind === 'failed' ? stateRef.current.problem.title : null),
    });
    const onUnload = () => void flush();
    window.addEventListener('beforeunload', onUnload);
    return () => {
      alive.current = false;
      clearTimers();
      unregister();
      window.removeEventListener('beforeunload', onUnload);
      void flush(); // leaving the editor saves what is left (the shell already waited for it when it could)
    };
  }, [flush]);

  return { fields, change, flush, replace, discard, state, revision, id: createdId, generation, reloaded, clearReloaded: () => setReloaded(null) };
}
