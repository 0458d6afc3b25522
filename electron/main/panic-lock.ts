import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPanicShortcut, DEFAULT_PANIC_SHORTCUT, type PanicShortcutResult, type PanicShortcutState } from '../../src/shared/panic-shortcut';

/**
 * The panic lock's system-wide shortcut, without electron (index.ts hands in globalShortcut and the lock): tests
 * drive it with fakes.
 *
 * Registered when the app starts and kept until it quits, not only while a vault is unlocked: it must work with
 * the window hidden or in the background, and a press while locked still hides the window at once. The lock it
 * triggers ends the key-holding worker without waiting for anything (lock-policy.ts, 'panic').
 *
 * Where the shortcut is kept: the vault's settings are encrypted and readable only once a vault is unlocked, but
 * the shortcut must work before that, and for whichever vault is opened. So it lives in a small preference file
 * in the app's own folder (userData/panic-shortcut.json) holding the accelerator string and nothing else: not user
 * content, the same for every vault, and readable before any unlock.
 */

/** Electron's globalShortcut, as far as this module uses it. */
export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/** Where the chosen accelerator is kept between runs (null: none chosen yet, or the file is unreadable). */
export interface ShortcutPreference {
  read(): string | null;
  write(accelerator: string): void;
}

export const PANIC_PREFERENCE_FILE = 'panic-shortcut.json';

/** The preference file in `dir` (app.getPath('userData')). Anything unexpected in it is ignored, never fatal. */
export function filePreference(dir: string): ShortcutPreference {
  const path = join(dir, PANIC_PREFERENCE_FILE);
  return {
    read() {
      try {
        const raw = readFileSync(path, 'utf8');
        if (raw.length > 1000) return null;
        const value = (JSON.parse(raw) as { accelerator?: unknown } | null)?.accelerator;
        return typeof value === 'string' ? value : null;
      } catch {
        return null;
      }
    },
    write(accelerator) {
      mkdirSync(dir, { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, `${JSON.stringify({ accelerator })}\n`, { mode: 0o600 });
        renameSync(tmp, path);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw err;
      }
    },
  };
}

export interface PanicLock {
  /** Registers the stored (or default) shortcut; what it is and whether the system took it. */
  start(): PanicShortcutState;
  /** Checks and registers a new shortcut, then stores it; the old one stays if the new one cannot be used. */
  change(text: unknown): PanicShortcutResult;
  state(): PanicShortcutState;
  /** Releases the shortcut (at quit). */
  stop(): void;
}

export function createPanicLock(options: { readonly registry: ShortcutRegistry; readonly preference: ShortcutPreference; readonly onPanic: () => void }): PanicLock {
  const { registry, preference } = options;
  let accelerator = DEFAULT_PANIC_SHORTCUT;
  let registered = false;
  const fire = () => {
    try {
      options.onPanic();
    } catch {
      /* the window may be gone; the lock itself does not throw */
    }
  };
  const tryRegister = (a: string): boolean => {
    try {
      return registry.register(a, fire);
    } catch {
      return false; // Electron throws on an accelerator it cannot parse: treated like one it cannot get
    }
  };
  const release = () => {
    if (!registered) return;
    try {
      registry.unregister(accelerator);
    } catch {
      /* already gone */
    }
    registered = false;
  };
  return {
    start() {
      const stored = checkPanicShortcut(preference.read());
      accelerator = stored.ok ? stored.accelerator : DEFAULT_PANIC_SHORTCUT;
      registered = tryRegister(accelerator);
      return { accelerator, global: registered };
    },
    change(text) {
      const checked = checkPanicShortcut(text);
      if (!checked.ok) return checked;
      if (checked.accelerator === accelerator && registered) return { ok: true, state: { accelerator, global: true } };
      // The new one first: if another application holds it, the old one keeps working.
      if (!tryRegister(checked.accelerator)) return { ok: false, problem: 'taken' };
      if (checked.accelerator !== accelerator) release();
      accelerator = checked.accelerator;
      registered = true;
      try {
        preference.write(accelerator);
      } catch {
        /* it works for this run; the next start goes back to the stored one (Settings shows what is active) */
      }
      return { ok: true, state: { accelerator, global: true } };
    },
    state() {
      return { accelerator, global: registered };
    },
    stop() {
      release();
    },
  };
}
