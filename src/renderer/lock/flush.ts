/**
 * Edits that must reach the vault before a screen is left, the vault locks or the window closes. Each open
 * editor registers itself; navigation (leaveWhenSaved) and the lock flow (flushAll) send what is pending and
 * learn which editors still hold edits the vault does not have.
 */
export interface PendingEdits {
  /** Sends what is unsaved; resolves true when nothing is left unsaved. The request leaves synchronously. */
  readonly flush: () => Promise<boolean>;
  /** Whether the editor holds changes the vault does not have. */
  readonly unsaved: () => boolean;
  /** The record, for messages: "INT-0003", "the new interview". */
  readonly what: () => string;
  /** Why the last save failed, in plain words; null when it did not fail. */
  readonly problem: () => string | null;
}

/** An editor whose edits are not in the vault, as a message can name it. */
export interface Unsaved {
  readonly what: string;
  readonly problem: string;
  /** A save failed (true), or one was still under way when time ran out (false: it may yet arrive). */
  readonly failed: boolean;
}

const editors = new Set<PendingEdits>();

export function registerEditor(editor: PendingEdits): () => void {
  editors.add(editor);
  return () => {
    editors.delete(editor);
  };
}

/** What an editor without a failed save reports; the dialogs show these in the interface's language. */
export const NOT_SAVED_YET = 'Not saved yet.';
export const NOT_FINISHED = 'Saving did not finish in time.';

export function hasUnsavedEdits(): boolean {
  return [...editors].some((e) => e.unsaved());
}

/** Editors whose last save failed and that still hold the edits. */
export function failingEditors(): Unsaved[] {
  return [...editors].flatMap((e) => {
    const problem = e.problem();
    return e.unsaved() && problem ? [{ what: e.what(), problem, failed: true }] : [];
  });
}

/** Every editor holding edits the vault does not have, failed or not yet sent. */
export function unsavedEditors(): Unsaved[] {
  return [...editors].filter((e) => e.unsaved()).map((e) => ({ what: e.what(), problem: e.problem() ?? NOT_SAVED_YET, failed: true }));
}

/**
 * Starts every pending save at once and waits for them, at most `timeoutMs`. Answers which editors still hold
 * unsaved edits afterwards (a failed save, or one that did not finish in time).
 */
export async function flushAll(timeoutMs = 1200): Promise<Unsaved[]> {
  const all = [...editors];
  const done = new Set<PendingEdits>();
  const settled = Promise.allSettled(all.map((e) => e.flush().then((ok) => ok && done.add(e))));
  await Promise.race([settled, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
  return all
    .filter((e) => !done.has(e) && e.unsaved())
    .map((e) => {
      const problem = e.problem();
      return { what: e.what(), problem: problem ?? NOT_FINISHED, failed: problem !== null };
    });
}

/**
 * Leaving a screen: saves first and goes only once nothing is left unsaved. When a save fails, `hold` is told
 * which edits would be lost and the researcher stays where the text is (the edits are never dropped).
 */
export function leaveWhenSaved(go: () => void, hold: (unsaved: readonly Unsaved[]) => void): void {
  if (!hasUnsavedEdits()) {
    go();
    return;
  }
  void flushAll(8000).then((left) => (left.length === 0 ? go() : hold(left)));
}
