import { useEffect } from 'react';
import { isShortcut } from './shortcuts';

/**
 * Ctrl+N (⌘N on macOS) starts a new interview from anywhere, text fields and the note editor included, like
 * Lock and Search. Not a bare N: speech input would fire it on any word with an "n" in it. Taken in the capture
 * phase so the editor does not see it; left alone while a dialog is open.
 */
export function useNewInterviewShortcut(newInterview: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isShortcut(e, 'n')) return;
      e.preventDefault();
      if (document.querySelector('dialog[open]')) return;
      e.stopPropagation();
      newInterview();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [newInterview]);
}
