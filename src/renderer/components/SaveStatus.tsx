import { useEffect, useRef, useState } from 'react';
import type { SaveState } from '../hooks/useAutosave';
import { useT } from '../i18n/I18nProvider';
import { Button } from './Button';
import { Icon } from './Icon';
import { Spinner } from './Spinner';
import './SaveStatus.css';

/**
 * "Saved", "Saving…" or "Not saved", quietly, beside the title. Not a live region: a screen reader hearing
 * "Saving… Saved" at every pause in typing (28 times for 15 words) is noise. Failures are announced by
 * SaveProblemBanner instead.
 */
export function SaveStatus({ state }: { readonly state: SaveState }) {
  const t = useT();
  return (
    <span className={`save-status save-status--${state.kind}`}>
      {state.kind === 'saved' ? (
        <>
          <Icon name="check" />
          {t('save.saved')}
        </>
      ) : state.kind === 'failed' ? (
        <>
          <Icon name="warning" />
          {t('save.notSaved')}
        </>
      ) : (
        <>
          <Spinner />
          {t('save.saving')}
        </>
      )}
    </span>
  );
}

/**
 * A failed save, under the title where the researcher is looking: what failed, in plain words, and that the
 * edits are kept and retried. It stays until a save succeeds (no timeout, no dismiss). Its live region
 * announces the failure once, and once more when the changes are saved after all; routine saves never.
 */
export function SaveProblemBanner({ state, onRetry }: { readonly state: SaveState; readonly onRetry: () => void }) {
  const t = useT();
  const [recovered, setRecovered] = useState(false);
  const wasFailed = useRef(false);
  useEffect(() => {
    if (state.kind === 'failed') {
      wasFailed.current = true;
      setRecovered(false);
    } else if (state.kind === 'saved' && wasFailed.current) {
      wasFailed.current = false;
      setRecovered(true);
    }
  }, [state]);
  // the all-clear goes after a few seconds, whatever is typed meanwhile
  useEffect(() => {
    if (!recovered) return undefined;
    const timer = setTimeout(() => setRecovered(false), 6000);
    return () => clearTimeout(timer);
  }, [recovered]);
  const problem = state.kind === 'failed' ? state.problem : null;
  return (
    <div className="save-problem-slot" role="alert" aria-live="assertive">
      {problem ? (
        <div className="save-problem">
          <Icon name="error" className="save-problem__icon" />
          <div className="save-problem__body">
            <p className="save-problem__title">{problem.title}</p>
            <p className="save-problem__detail">{problem.detail}</p>
          </div>
          {problem.retries ? (
            <Button variant="ghost" onClick={onRetry}>
              {t('save.tryNow')}
            </Button>
          ) : null}
        </div>
      ) : recovered ? (
        <p className="save-problem__recovered">
          <Icon name="check" />
          {t('save.recovered')}
        </p>
      ) : null}
    </div>
  );
}
