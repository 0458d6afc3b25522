import { useEffect, useRef } from 'react';

/** A ref that is false once the component is gone (after a lock, answers that arrive late are dropped). */
export function useMounted(): { readonly current: boolean } {
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
}
