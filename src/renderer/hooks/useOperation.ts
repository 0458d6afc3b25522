import { useCallback, useEffect, useState } from 'react';
import type { OperationName, OperationPayload, OperationResult } from '../../shared/operations';
import type { AppError } from '../../shared/result';
import { call } from '../api';

export type Loadable<T> = { readonly state: 'loading' } | { readonly state: 'ready'; readonly value: T } | { readonly state: 'failed'; readonly error: AppError };

/** Runs a read operation when the component appears; the result lives only as long as the component. */
export function useOperation<N extends OperationName>(operation: N, payload: OperationPayload<N>): [Loadable<OperationResult<N>>, () => void] {
  const [data, setData] = useState<Loadable<OperationResult<N>>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(payload);
  useEffect(() => {
    let alive = true;
    setData({ state: 'loading' });
    void call(operation, JSON.parse(key) as OperationPayload<N>).then((result) => {
      if (!alive) return;
      setData(result.ok ? { state: 'ready', value: result.value } : { state: 'failed', error: result.error });
    });
    return () => {
      alive = false;
    };
  }, [operation, key, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return [data, retry];
}
