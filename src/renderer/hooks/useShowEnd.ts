import { useLayoutEffect, type RefObject } from 'react';

/**
 * Keeps the end of a read-only path in view: the folder or file name the user just chose, which a long path
 * would otherwise push out of the field.
 */
export function useShowEnd(ref: RefObject<HTMLInputElement | null>, value: string, enabled: boolean): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (enabled && el) el.scrollLeft = el.scrollWidth;
  }, [ref, value, enabled]);
}
