import { useEffect, useRef } from 'react';

/** True when a key press belongs to a text field (the single-letter keys must not fire while typing a path). */
export function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes((target as HTMLInputElement).type);
}

/** What the review's keys do now; a key whose action is absent does nothing (and is left to the page). */
export interface ReviewKeys {
  /** R: redact the selection. */
  readonly redact: () => void;
  /** N: put the selection on the allow-list (one stretch selected). */
  readonly neverRedact?: () => void;
  /** A: redact every other form offered. */
  readonly redactAll?: () => void;
  /** Escape: close the bar shown (the offer of other forms, or an allow-list message). */
  readonly escape?: () => void;
}

/**
 * The review screens' single-letter keys (the single export and the brief). They act only while focus is in the
 * review itself, `within` (its texts, its tools, a bar about them), and never while a dialog is open (WCAG 2.1.4):
 * a stray "n" from speech input elsewhere on the screen, or with focus in the options, does nothing.
 */
export function useReviewKeys(within: string, keys: ReviewKeys): void {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.composedPath()[0] ?? e.target)) return;
      const el = document.activeElement;
      if (!(el instanceof HTMLElement) || el.closest(within) === null) return;
      if (document.querySelector('dialog[open]')) return;
      const key = e.key === 'Escape' ? 'escape' : e.key.toLowerCase();
      const k = latest.current;
      const act = key === 'r' ? k.redact : key === 'n' ? k.neverRedact : key === 'a' ? k.redactAll : key === 'escape' ? k.escape : undefined;
      if (!act) return;
      e.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [within]);
}
