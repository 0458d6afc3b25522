import { useMemo } from 'react';
import { Button } from '../../components/Button';
import { ConsentBadge } from '../../components/Consent';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { useOperation } from '../../hooks/useOperation';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation, useReport } from '../../shell/context';
import { NewPerson, PersonEditorLoader, roleLabel } from './PersonEditor';
import { AwayPeople } from '../travel/TravelBanner';
import { useAway } from '../travel/travel-status';
import '../interviews/interviews.css';
import './people.css';

export function PeopleScreen({ id, view, draft }: { readonly id?: string; readonly view?: 'export' | 'new'; readonly draft?: number }) {
  // a new person is not in the register until something is typed (NewPerson)
  if (view === 'new') return <NewPerson key={`new-${draft ?? 0}`} />;
  return id ? <PersonEditorLoader key={id} id={id} /> : <PeopleList />;
}

function PeopleList() {
  const [list, retry] = useOperation('people.list', {});
  const { navigate } = useNavigation();
  const t = useT();
  const rows = useMemo(() => (list.state === 'ready' ? [...list.value].sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true })) : []), [list]);
  const count = rows.length;
  const away = useAway();

  const add = () => navigate({ section: 'people', view: 'new', draft: Date.now() });
  // A vault opened from a read-only disk can be read, searched and exported, never added to.
  const readOnly = useReport().report.readOnly === true;
  const cannotAdd = readOnly ? t('readOnly.cannotAdd') : undefined;

  return (
    <>
      <PageHeader
        title={t('people.title')}
        description={count > 0 ? t('people.count', { count }) : t('people.description')}
        actions={
          <Button variant="primary" onClick={() => void add()} disabled={readOnly} title={cannotAdd}>
            <Icon name="plus" />
            {t('people.add')}
          </Button>
        }
      />
      {list.state === 'loading' ? <Loading label={t('people.loading')} /> : null}
      {list.state === 'failed' ? <LoadFailed what={t('people.loadWhat')} error={list.error} onRetry={retry} /> : null}
      <AwayPeople />
      {list.state === 'ready' && count === 0 && !away ? (
        <Panel>
          <EmptyState
            icon="people"
            title={t('people.empty.title')}
            action={
              <Button variant="primary" onClick={() => void add()} disabled={readOnly} title={cannotAdd}>
                <Icon name="plus" />
                {t('people.add')}
              </Button>
            }
          >
            <p>{t('people.empty.text')}</p>
          </EmptyState>
        </Panel>
      ) : null}
      {count > 0 ? (
        <Panel>
          <table className="table table--rows people-table">
            <caption className="visually-hidden">{t('people.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.col.code')}</th>
                <th scope="col">{t('people.col.pseudonym')}</th>
                <th scope="col">{t('people.col.role')}</th>
                <th scope="col">{t('people.col.consent')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} className="table__row--link" onClick={() => navigate({ section: 'people', id: p.id })}>
                  <td className="table__mono">
                    <button type="button" className="row-link row-link--mono" onClick={(e) => (e.stopPropagation(), navigate({ section: 'people', id: p.id }))} aria-label={p.pseudonym ? t('people.openWithPseudonym', { code: p.code, pseudonym: p.pseudonym }) : t('people.open', { code: p.code })}>
                      {p.code}
                    </button>
                  </td>
                  <td className="people-table__pseudonym" title={p.pseudonym.trim() ? p.pseudonym : undefined}>
                    {p.pseudonym.trim() ? p.pseudonym : <span className="table__muted">{t('people.noPseudonym')}</span>}
                  </td>
                  <td className="table__nowrap">{roleLabel(t, p.role)}</td>
                  <td className="table__nowrap">
                    <ConsentBadge consent={p.consent} />
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
