import { useCallback } from 'react';

/**
 * For a box of fixed height that scrolls only when its text does not fit (a longer language, a larger font):
 * while it scrolls it is a Tab stop, so the keyboard can scroll it too (axe: scrollable-region-focusable);
 * while everything fits it is none. A callback ref: `<div ref={useKeyboardScrollable()}>`.
 */
export function useKeyboardScrollable(): (el: HTMLElement | null) => (() => void) | undefined {
  return useCallback((el: HTMLElement | null) => {
    if (!el) return undefined;
    const update = () => {
      if (el.scrollHeight > el.clientHeight + 1) el.tabIndex = 0;
      else el.removeAttribute('tabindex');
    };
    update();
    const resized = new ResizeObserver(update);
    resized.observe(el);
    const changed = new MutationObserver(update);
    changed.observe(el, { childList: true, subtree: true, characterData: true });
    return () => {
      resized.disconnect();
      changed.disconnect();
    };
  }, []);
}
