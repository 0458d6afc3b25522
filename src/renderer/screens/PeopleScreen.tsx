import { EmptyState } from '../components/EmptyState';
import { LoadFailed, Loading } from '../components/LoadFailed';
import { PageHeader } from '../components/PageHeader';
import { Panel } from '../components/Panel';
import { sentenceCase } from '../format';
import { useOperation } from '../hooks/useOperation';

export function PeopleScreen() {
  const [list, retry] = useOperation('people.list', {});
  const count = list.state === 'ready' ? list.value.length : 0;
  return (
    <>
      <PageHeader title="People" description={count > 0 ? `${count} ${count === 1 ? 'person' : 'people'} in the register.` : 'Witnesses, victims, defenders and contacts, kept apart from interview notes.'} />
      {list.state === 'loading' ? <Loading label="Opening the register…" /> : null}
      {list.state === 'failed' ? <LoadFailed what="people" error={list.error} onRetry={retry} /> : null}
      {list.state === 'ready' && list.value.length === 0 ? (
        <Panel>
          <EmptyState icon="people" title="No people yet">
            <p>The register keeps real names, contacts and consent apart from interview notes, so findings can refer to a code or a pseudonym instead of a person.</p>
          </EmptyState>
        </Panel>
      ) : null}
      {list.state === 'ready' && list.value.length > 0 ? (
        <Panel>
          <table className="table">
            <caption className="visually-hidden">People</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Pseudonym</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {list.value.map((p) => (
                <tr key={p.id}>
                  <td className="table__mono">{p.code}</td>
                  <td>{p.pseudonym || <span className="table__muted">No pseudonym</span>}</td>
                  <td>{sentenceCase(p.role)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      ) : null}
    </>
  );
}
