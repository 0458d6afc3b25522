import { useEffect, useState } from 'react';
import type { UnlockReport } from '../../shared/domain';
import { call } from '../api';

/**
 * Unlock answers from the encrypted search cache and checks every record in the background afterwards
 * (report.verified false until then). This follows vault.status until the check is done, so damage found late
 * still reaches the screen.
 */
export function useVerifiedReport(initial: UnlockReport): readonly [UnlockReport, (r: UnlockReport) => void] {
  const [report, setReport] = useState(initial);
  useEffect(() => {
    if (initial.verified) return;
    let alive = true;
    let delay = 250;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      const status = await call('vault.status', {});
      if (!alive || !status.ok || status.value.state !== 'unlocked') return;
      setReport(status.value.report);
      if (status.value.report.verified) return;
      delay = Math.min(delay * 1.5, 3000);
      timer = setTimeout(() => void tick(), delay);
    };
    timer = setTimeout(() => void tick(), delay);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [initial]);
  return [report, setReport] as const;
}
