import { useState } from 'react';
import type { TravelStartResult } from '../../../shared/travel';
import { Alert } from '../../components/Alert';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/I18nProvider';
import { TravelStarted } from './RecoveryCode';
import { AwayStatus, TravelEnd } from './TravelAway';
import { TravelStart } from './TravelStart';
import { useTravel } from './travel-status';
import './travel.css';

/**
 * Travel mode: at home, what it does and how to start it (with the recovery code written down and checked before
 * anything leaves); right after the start, what left (without the code); while away, what is away and the form that
 * brings it back.
 */
export function TravelScreen() {
  const t = useT();
  const { status, failed, refresh } = useTravel();
  // what travel.end brought back, said once on the home screen it leads to
  const [returned, setReturned] = useState<string | null>(null);

  // what travel.start moved, until the researcher has read it (the recovery code is not part of it)
  const [started, setStarted] = useState<Omit<TravelStartResult, 'recoveryCode'> | null>(null);

  if (started) {
    return (
      <>
        <PageHeader title={t('travel.title')} />
        <TravelStarted result={started} onDone={() => setStarted(null)} />
      </>
    );
  }
  const away = status?.state === 'away' ? status : null;
  return (
    <>
      <PageHeader title={t('travel.title')} description={away ? t('travel.description.away') : t('travel.description.home')} />
      {returned ? (
        <Alert tone="success" title={t('travel.end.doneTitle')} onDismiss={() => setReturned(null)}>
          {returned}
        </Alert>
      ) : null}
      {status === null ? (
        failed ? (
          <LoadFailed what={t('travel.loadWhat')} error={failed} onRetry={() => void refresh()} />
        ) : (
          <Loading label={t('travel.loading')} />
        )
      ) : away ? (
        <div className="travel">
          <AwayStatus away={away} />
          <TravelEnd
            onReturned={(text) => {
              setReturned(text);
              document.getElementById('main')?.scrollTo({ top: 0 });
            }}
          />
        </div>
      ) : (
        <TravelStart onStarted={setStarted} />
      )}
    </>
  );
}
