import { useEffect, useRef, useState } from 'react';
import { DEFAULT_PANIC_SHORTCUT, keyPressMatches } from '../../shared/panic-shortcut';
import { getPanicShortcut } from '../api';
import { isMac } from '../shell/useLockShortcut';

/** Sent on window by Settings when the panic shortcut changed (detail: the new accelerator). */
export const PANIC_SHORTCUT_CHANGED = 'fieldvault:panic-shortcut-changed';

/**
 * The panic key in the page: locks at once, in every state of the app, even while typing. In Electron main's
 * system-wide shortcut usually gets the key first (and also hides the window); this one is what the browser
 * preview has, and the page's own answer if the system shortcut was taken by another application.
 */
export function usePanicShortcut(onPanic: () => void): string {
  const [accelerator, setAccelerator] = useState(DEFAULT_PANIC_SHORTCUT);
  const panic = useRef(onPanic);
  panic.current = onPanic;
  useEffect(() => {
    let alive = true;
    void getPanicShortcut().then((s) => alive && setAccelerator(s.accelerator));
    const changed = (e: Event) => {
      const next = (e as CustomEvent<unknown>).detail;
      if (typeof next === 'string') setAccelerator(next);
    };
    window.addEventListener(PANIC_SHORTCUT_CHANGED, changed);
    return () => {
      alive = false;
      window.removeEventListener(PANIC_SHORTCUT_CHANGED, changed);
    };
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!keyPressMatches(accelerator, e, isMac)) return;
      e.preventDefault();
      e.stopPropagation();
      panic.current();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [accelerator]);
  return accelerator;
}
