import type { InterviewSummaryRow } from '../../shared/domain';
import { EmptyState } from '../components/EmptyState';
import { LoadFailed, Loading } from '../components/LoadFailed';
import { PageHeader } from '../components/PageHeader';
import { Panel } from '../components/Panel';
import { formatDate } from '../format';
import { useOperation } from '../hooks/useOperation';

function place(row: InterviewSummaryRow): string {
  return [row.place.city, row.place.country].filter(Boolean).join(', ');
}

export function InterviewsScreen() {
  const [list, retry] = useOperation('interviews.list', {});
  const count = list.state === 'ready' ? list.value.length : 0;
  return (
    <>
      <PageHeader title="Interviews" description={count > 0 ? `${count} ${count === 1 ? 'interview' : 'interviews'} in this vault.` : 'Notes from the people you have spoken with.'} />
      {list.state === 'loading' ? <Loading label="Opening interviews…" /> : null}
      {list.state === 'failed' ? <LoadFailed what="interviews" error={list.error} onRetry={retry} /> : null}
      {list.state === 'ready' && list.value.length === 0 ? (
        <Panel>
          <EmptyState icon="interviews" title="No interviews yet">
            <p>Interviews you record will be listed here with their code, date and place.</p>
            <p>Titles, notes and dates are encrypted: without your passphrase nobody can tell what this vault holds.</p>
          </EmptyState>
        </Panel>
      ) : null}
      {list.state === 'ready' && list.value.length > 0 ? (
        <Panel>
          <table className="table">
            <caption className="visually-hidden">Interviews</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Title</th>
                <th scope="col">Date</th>
                <th scope="col">Place</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.value.map((row) => (
                <tr key={row.id}>
                  <td className="table__mono">{row.code}</td>
                  <td>{row.title || <span className="table__muted">Untitled</span>}</td>
                  <td className="table__nowrap">{formatDate(row.date)}</td>
                  <td>{place(row)}</td>
                  <td>
                    <span className={row.status === 'reviewed' ? 'badge badge--success' : 'badge badge--neutral'}>{row.status === 'reviewed' ? 'Reviewed' : 'Draft'}</span>
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
