import { useMemo, useState } from 'react';
import { call } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConsentBadge } from '../../components/Consent';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { useOperation } from '../../hooks/useOperation';
import { useNavigation, useVaultData } from '../../shell/context';
import { PersonEditorLoader, ROLES } from './PersonEditor';
import '../interviews/interviews.css';
import './people.css';

export function PeopleScreen({ id }: { readonly id?: string }) {
  return id ? <PersonEditorLoader key={id} id={id} /> : <PeopleList />;
}

function PeopleList() {
  const [list, retry] = useOperation('people.list', {});
  const { navigate } = useNavigation();
  const { putPerson } = useVaultData();
  const [error, setError] = useState<string | null>(null);
  const rows = useMemo(() => (list.state === 'ready' ? [...list.value].sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true })) : []), [list]);
  const count = rows.length;

  const add = async () => {
    const r = await call('people.create', { fields: {} });
    if (!r.ok) return setError(r.error.message);
    putPerson(r.value);
    navigate({ section: 'people', id: r.value.id });
  };

  return (
    <>
      <PageHeader
        title="People"
        description={count > 0 ? `${count} ${count === 1 ? 'person' : 'people'} in the register. Names and contacts stay hidden until you reveal them.` : 'Witnesses, victims, defenders and contacts, kept apart from interview notes.'}
        actions={
          <Button variant="primary" onClick={() => void add()}>
            <Icon name="plus" />
            Add person
          </Button>
        }
      />
      {error ? (
        <Alert tone="error" title="Could not add a person" onDismiss={() => setError(null)}>
          {error}
        </Alert>
      ) : null}
      {list.state === 'loading' ? <Loading label="Opening the register…" /> : null}
      {list.state === 'failed' ? <LoadFailed what="people" error={list.error} onRetry={retry} /> : null}
      {list.state === 'ready' && count === 0 ? (
        <Panel>
          <EmptyState
            icon="people"
            title="No people yet"
            action={
              <Button variant="primary" onClick={() => void add()}>
                <Icon name="plus" />
                Add person
              </Button>
            }
          >
            <p>The register keeps real names, contacts and consent apart from interview notes, so findings can refer to a code or a pseudonym instead of a person.</p>
          </EmptyState>
        </Panel>
      ) : null}
      {count > 0 ? (
        <Panel>
          <table className="table table--rows people-table">
            <caption className="visually-hidden">People</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Pseudonym</th>
                <th scope="col">Role</th>
                <th scope="col">Consent</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} className="table__row--link" onClick={() => navigate({ section: 'people', id: p.id })}>
                  <td className="table__mono">
                    <button type="button" className="row-link row-link--mono" onClick={(e) => (e.stopPropagation(), navigate({ section: 'people', id: p.id }))} aria-label={`Open ${p.code}${p.pseudonym ? `, ${p.pseudonym}` : ''}`}>
                      {p.code}
                    </button>
                  </td>
                  <td className="people-table__pseudonym" title={p.pseudonym.trim() ? p.pseudonym : undefined}>
                    {p.pseudonym.trim() ? p.pseudonym : <span className="table__muted">No pseudonym</span>}
                  </td>
                  <td className="table__nowrap">{ROLES.find((r) => r.value === p.role)?.label ?? p.role}</td>
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
