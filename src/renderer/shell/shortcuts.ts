import { isMac } from './useLockShortcut';

/**
 * Keyboard shortcuts with Ctrl (⌘ on macOS), never a single letter: speech input types words, and a stray "n"
 * in one must not create a record (WCAG 2.1.4). `aria` goes in aria-keyshortcuts; `hint` is the visible key cap,
 * hidden from assistive technology so that a button is named "Lock", not "Lock Ctrl L".
 */
export function shortcut(key: string): { readonly aria: string; readonly hint: string } {
  return { aria: `${isMac ? 'Meta' : 'Control'}+${key.toUpperCase()}`, hint: isMac ? `⌘${key.toUpperCase()}` : `Ctrl ${key.toUpperCase()}` };
}

export const LOCK_SHORTCUT = shortcut('L');
export const NEW_INTERVIEW_SHORTCUT = shortcut('N');

/** Whether a key press is the platform modifier (Ctrl, ⌘ on macOS) with this letter and nothing else. */
export function isShortcut(e: KeyboardEvent, letter: string): boolean {
  const modifier = isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  return modifier && !e.altKey && !e.shiftKey && (e.key.toLowerCase() === letter || e.code === `Key${letter.toUpperCase()}`);
}

/** Search answers to two (useSearchShortcut.ts); aria-keyshortcuts lists both, separated by a space. */
export const SEARCH_SHORTCUT_ARIA = `${shortcut('K').aria} ${shortcut('F').aria}`;
