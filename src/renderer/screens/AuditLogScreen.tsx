import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { LoadFailed, Loading } from '../components/LoadFailed';
import { PageHeader } from '../components/PageHeader';
import { Panel } from '../components/Panel';
import { useIntl } from 'react-intl';
import { formatDateTime } from '../format';
import { useOperation } from '../hooks/useOperation';
import { auditAction, auditDetail, auditSubject } from '../i18n/audit';
import { translator } from '../i18n/I18nProvider';
import './AuditLogScreen.css';

/** The vault's tamper-evident log: what happened and when, never a name. Newest first. */
export function AuditLogScreen({ chainIntact }: { readonly chainIntact: boolean }) {
  const [log, retry] = useOperation('audit.list', {});
  const entries = log.state === 'ready' ? [...log.value].sort((a, b) => b.seq - a.seq) : [];
  const intl = useIntl();
  const t = translator(intl);
  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          chainIntact ? (
            <span className="badge badge--success">
              <Icon name="check" />
              {t('audit.chainVerified')}
            </span>
          ) : (
            <span className="badge badge--danger">
              <Icon name="warning" />
              {t('audit.chainBroken')}
            </span>
          )
        }
      />
      <dl className="audit-recorded" aria-label={t('audit.recorded')}>
        <dt>{t('audit.recorded.vault')}</dt>
        <dd>{t('audit.recorded.vaultWhat')}</dd>
        <dt>{t('audit.recorded.interviews')}</dt>
        <dd>{t('audit.recorded.interviewsWhat')}</dd>
        <dt>{t('audit.recorded.people')}</dt>
        <dd>{t('audit.recorded.peopleWhat')}</dd>
        <dt>{t('audit.recorded.settings')}</dt>
        <dd>{t('audit.recorded.settingsWhat')}</dd>
      </dl>
      {log.state === 'loading' ? <Loading label={t('audit.loading')} /> : null}
      {log.state === 'failed' ? <LoadFailed what={t('audit.loadWhat')} error={log.error} onRetry={retry} /> : null}
      {log.state === 'ready' && entries.length === 0 ? (
        <Panel>
          <EmptyState icon="audit" title={t('audit.empty.title')}>
            <p>{t('audit.empty.text')}</p>
          </EmptyState>
        </Panel>
      ) : null}
      {entries.length > 0 ? (
        <Panel>
          <table className="table audit-table">
            <caption className="visually-hidden">{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="table__num">
                  #
                </th>
                <th scope="col" className="audit-table__when">{t('audit.col.when')}</th>
                <th scope="col" className="audit-table__event">{t('audit.col.event')}</th>
                <th scope="col" className="audit-table__subject">{t('audit.col.subject')}</th>
                <th scope="col" className="audit-table__detail">{t('audit.col.detail')}</th>
                <th scope="col" className="audit-table__hash">{t('audit.col.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td className="table__num">{e.seq}</td>
                  <td className="audit-table__when">
                    <time dateTime={e.at}>{formatDateTime(intl, e.at)}</time>
                  </td>
                  <td>{auditAction(t, e.action)}</td>
                  <td className={e.subject ? 'audit-table__subject' : 'audit-table__subject table__muted'}>{e.subject ? auditSubject(t, e.subject) : '—'}</td>
                  <td className={e.detail ? 'audit-table__detail' : 'audit-table__detail table__muted'}>{auditDetail(t, e.action, e.detail) || '—'}</td>
                  <td className="table__mono audit-table__hash" title={e.hash}>
                    {e.hash.slice(0, 8)}…
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      ) : null}
    </>
  );
}
