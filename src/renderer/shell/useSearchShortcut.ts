import { useEffect } from 'react';
import { isMac } from './useLockShortcut';

/** Asks a mounted search screen to take the focus (the shortcut pressed while it is already open). */
export const FOCUS_SEARCH_EVENT = 'fieldvault:focus-search';

/**
 * Ctrl+K and Ctrl+F (⌘ on macOS) open Search from anywhere, inside text fields and the note editor too, and
 * put the cursor in its field. Taken in the capture phase so the editor's own find does not swallow it.
 */
export function useSearchShortcut(openSearch: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const modifier = isMac ? e.metaKey : e.ctrlKey;
      const key = e.key.toLowerCase();
      if (!modifier || e.altKey || e.shiftKey || !(key === 'k' || key === 'f' || e.code === 'KeyK' || e.code === 'KeyF')) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      e.stopPropagation();
      openSearch();
      window.dispatchEvent(new Event(FOCUS_SEARCH_EVENT));
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [openSearch]);
}
