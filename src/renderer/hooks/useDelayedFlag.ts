import { useEffect, useState } from 'react';

/** True only once `value` has stayed true for `ms`: keeps short waits from flashing an indicator. */
export function useDelayedFlag(value: boolean, ms: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!value) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return value && shown;
}
