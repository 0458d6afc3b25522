import { useEffect, type RefObject } from 'react';

/** How long a view may take to show its heading (a record still loading) before focus is left alone. */
const WAIT_MS = 15_000;

/**
 * After every change of view (section, opening a record, Back, Export…) focus goes to the new view's level-one
 * heading. The control that was pressed is usually gone with the old view, so focus would otherwise fall to the
 * page body: the next Tab would land on Lock and a screen reader would say nothing. Focusing the heading makes
 * screen readers read it ("Interviews, heading level 1") in NVDA, JAWS, VoiceOver and Orca alike, so no live
 * region repeats it (that would read the title twice).
 *
 * A view still loading gets its heading focused when it appears. A view that puts focus somewhere itself (the
 * search field, the title of a brand-new interview) keeps it, and so does the user who moves focus meanwhile.
 */
export function useViewFocus(viewKey: string, main: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = main.current;
    if (!root) return;
    // autoFocus in the new view has already run (it happens during the commit, before this effect)
    const active = document.activeElement;
    let moved = active !== null && active !== root && root.contains(active);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onFocusIn = () => {
      moved = true;
    };
    const stop = () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn, true);
      clearTimeout(giveUp);
      clearTimeout(timer);
    };
    const tryFocus = () => {
      if (moved) return stop();
      const heading = root.querySelector('h1');
      if (!heading) return;
      stop();
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
    };
    // After the view's own effects (autoFocus, a focus in useEffect), which run after this commit's DOM changes.
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(tryFocus, 0);
    };
    const observer = new MutationObserver(later);
    const giveUp = setTimeout(stop, WAIT_MS);
    document.addEventListener('focusin', onFocusIn, true);
    observer.observe(root, { childList: true, subtree: true });
    later();
    return stop;
  }, [viewKey, main]);
}
