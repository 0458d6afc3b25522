import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { TravelStatus } from '../../../shared/travel';
import type { AppError } from '../../../shared/result';
import { call } from '../../api';

export interface TravelState {
  /** travel.status as last read (null until the first answer, or when it could not be read). */
  readonly status: TravelStatus | null;
  /** Why travel.status could not be read the last time (null when it was, or is still on its way). */
  readonly failed: AppError | null;
  /** Reads travel.status again (after unlock, travel start and travel end). */
  readonly refresh: () => Promise<void>;
}

const TravelContext = createContext<TravelState | null>(null);

/** Travel state for the unlocked shell: read once when the shell appears (that is, after every unlock). */
export function TravelProvider({ children }: { readonly children: ReactNode }) {
  const [status, setStatus] = useState<TravelStatus | null>(null);
  const [failed, setFailed] = useState<AppError | null>(null);
  const refresh = useCallback(async () => {
    const r = await call('travel.status', {});
    setStatus(r.ok ? r.value : null);
    setFailed(r.ok ? null : r.error);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const value = useMemo(() => ({ status, failed, refresh }), [status, failed, refresh]);
  return <TravelContext.Provider value={value}>{children}</TravelContext.Provider>;
}

export function useTravel(): TravelState {
  const state = useContext(TravelContext);
  if (!state) throw new Error('useTravel outside the app shell');
  return state;
}

/** Whether the register is away now (false while unknown). */
export function useAway(): Extract<TravelStatus, { state: 'away' }> | null {
  const { status } = useTravel();
  return status?.state === 'away' ? status : null;
}
