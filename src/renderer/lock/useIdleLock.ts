import { useEffect, useRef } from 'react';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'focusin', 'touchstart', 'input'] as const;

/**
 * Locks after `minutes` without keyboard, mouse or focus activity in the window. Time is measured with
 * Date.now (checked every second), so a machine that slept, or a throttled background tab, still locks on
 * the first tick after the idle time has passed.
 */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  const last = useRef(Date.now());
  const idle = useRef(onIdle);
  idle.current = onIdle;
  useEffect(() => {
    last.current = Date.now();
    const touch = () => {
      last.current = Date.now();
    };
    for (const name of ACTIVITY) window.addEventListener(name, touch, { capture: true, passive: true });
    const limit = Math.max(1, minutes) * 60_000;
    let fired = false;
    const timer = setInterval(() => {
      if (!fired && Date.now() - last.current >= limit) {
        fired = true;
        idle.current();
      }
    }, 1000);
    return () => {
      clearInterval(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, touch, { capture: true });
    };
  }, [minutes]);
}
