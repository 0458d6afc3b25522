import { useEffect, useState } from 'react';
import type { Colleague } from '../../../shared/delivery';
import { Alert } from '../../components/Alert';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { useOperation } from '../../hooks/useOperation';
import { useT } from '../../i18n/I18nProvider';
import { AddColleague } from './AddColleague';
import { ColleagueRow } from './ColleagueRow';
import { OwnCard } from './OwnCard';
import './delivery.css';

/** The vault's own card, the colleagues' cards it holds, and adding one (after comparing its words). */
export function ColleaguesScreen() {
  const t = useT();
  const [loaded, reload] = useOperation('colleagues.list', {});
  const [list, setList] = useState<readonly Colleague[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (loaded.state === 'ready') setList(loaded.value);
  }, [loaded]);
  const sorted = [...list].sort((a, b) => a.label.localeCompare(b.label));
  return (
    <div className="colleagues">
      <PageHeader title={t('colleagues.title')} description={t('colleagues.description')} />
      <OwnCard />
      <section className="colleagues-section" aria-labelledby="colleagues-list-h">
        <h2 id="colleagues-list-h" className="colleagues-section__title">
          {t('colleagues.list.title')}
        </h2>
        {notice ? (
          <Alert tone="success" onDismiss={() => setNotice(null)}>
            {notice}
          </Alert>
        ) : null}
        {loaded.state === 'loading' ? <Loading label={t('colleagues.list.title')} /> : null}
        {loaded.state === 'failed' ? <LoadFailed what={t('colleagues.loadWhat')} error={loaded.error} onRetry={reload} /> : null}
        {loaded.state === 'ready' && sorted.length === 0 ? <p className="colleagues-section__empty">{t('colleagues.list.empty')}</p> : null}
        {sorted.length > 0 ? (
          <ul className="colleague-list">
            {sorted.map((c) => (
              <ColleagueRow
                key={c.id}
                colleague={c}
                onChanged={(next) => setList((l) => l.map((x) => (x.id === next.id ? next : x)))}
                onRemoved={(gone) => {
                  setList((l) => l.filter((x) => x.id !== gone.id));
                  setNotice(t('colleagues.removed', { label: gone.label }));
                }}
              />
            ))}
          </ul>
        ) : null}
      </section>
      <section className="colleagues-section" aria-labelledby="colleagues-add-h">
        <h2 id="colleagues-add-h" className="colleagues-section__title">
          {t('colleagues.add.title')}
        </h2>
        <p className="colleagues-section__description">{t('colleagues.add.description')}</p>
        <div className="colleagues-section__card">
          <AddColleague
            onAdded={(c) => {
              setList((l) => [...l, c]);
              setNotice(t('colleagues.add.added', { label: c.label }));
            }}
          />
        </div>
      </section>
    </div>
  );
}
