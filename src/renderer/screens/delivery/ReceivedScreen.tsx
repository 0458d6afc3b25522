import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { ReceivedBrief } from '../../../shared/delivery';
import { canChooseFile } from '../../api';
import { Alert } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { formatDateTime } from '../../format';
import { useOperation } from '../../hooks/useOperation';
import { translator } from '../../i18n/I18nProvider';
import { useNavigation } from '../../shell/context';
import { OpenBundle } from './OpenBundle';
import { ReceivedReader } from './ReceivedReader';
import { SenderText } from './SenderText';
import './delivery.css';

/** Briefs colleagues sealed to this vault: the list, opening a bundle, and one brief to read. */
export function ReceivedScreen({ id }: { readonly id?: string }) {
  const { navigate } = useNavigation();
  const [notice, setNotice] = useState<{ readonly tone: 'success' | 'error'; readonly text: string } | null>(null);
  if (id) return <ReceivedReader id={id} onBack={() => navigate({ section: 'received' })} onRemoved={() => navigate({ section: 'received' })} />;
  return <ReceivedList notice={notice} onNotice={setNotice} />;
}

function ReceivedList({ notice, onNotice }: { readonly notice: { readonly tone: 'success' | 'error'; readonly text: string } | null; readonly onNotice: (n: { readonly tone: 'success' | 'error'; readonly text: string } | null) => void }) {
  const intl = useIntl();
  const t = translator(intl);
  const { navigate } = useNavigation();
  const [loaded, reload] = useOperation('received.list', {});
  const [list, setList] = useState<readonly ReceivedBrief[]>([]);
  useEffect(() => {
    if (loaded.state === 'ready') setList(loaded.value);
  }, [loaded]);
  const sorted = [...list].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  const open = <OpenBundle onOpened={(r) => { setList((l) => [r, ...l.filter((x) => x.id !== r.id)]); onNotice({ tone: 'success', text: t('received.filed', { title: r.meta.title }) }); }} onRefused={(text) => onNotice({ tone: 'error', text })} />;
  return (
    <div className="received">
      {/* the app's single button sits in the header; the preview's path field gets a row of its own */}
      <PageHeader title={t('received.title')} description={t('received.description')} actions={canChooseFile() ? open : undefined} />
      {canChooseFile() ? null : open}
      {notice ? (
        <Alert tone={notice.tone} title={notice.tone === 'error' ? t('received.refused.title') : undefined} onDismiss={() => onNotice(null)} className="received__notice">
          {notice.text}
        </Alert>
      ) : null}
      {loaded.state === 'loading' ? <Loading label={t('received.title')} /> : null}
      {loaded.state === 'failed' ? <LoadFailed what={t('received.loadWhat')} error={loaded.error} onRetry={reload} /> : null}
      {loaded.state === 'ready' && sorted.length === 0 ? (
        <Panel>
          <EmptyState icon="inbox" title={t('received.empty.title')}>
            {t('received.empty.text')}
          </EmptyState>
        </Panel>
      ) : null}
      {sorted.length > 0 ? (
        <Panel>
          <table className="table table--rows received__table">
            <caption className="visually-hidden">{t('received.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('received.col.title')}</th>
                <th scope="col">{t('received.col.sender')}</th>
                <th scope="col">{t('received.col.date')}</th>
                <th scope="col">{t('received.col.format')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.id}>
                  <td>
                    <button type="button" className="button button--link received__title" onClick={() => navigate({ section: 'received', id: r.id })}>
                      {r.meta.title}
                    </button>
                    <span className="received__count">{t('received.interviews', { count: r.meta.interviews })}</span>
                  </td>
                  <td>
                    <SenderText sender={r.sender} />
                  </td>
                  <td className="table__nowrap">{formatDateTime(intl, r.receivedAt)}</td>
                  <td className="received__format">{r.meta.format.toUpperCase()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      ) : null}
    </div>
  );
}
