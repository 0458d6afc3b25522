import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { LoadFailed, Loading } from '../components/LoadFailed';
import { PageHeader } from '../components/PageHeader';
import { Panel } from '../components/Panel';
import { formatDateTime, sentenceCase } from '../format';
import { useOperation } from '../hooks/useOperation';

/** The vault's tamper-evident log: what happened and when, never a name. Newest first. */
export function AuditLogScreen({ chainIntact }: { readonly chainIntact: boolean }) {
  const [log, retry] = useOperation('audit.list', {});
  const entries = log.state === 'ready' ? [...log.value].sort((a, b) => b.seq - a.seq) : [];
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to this vault, chained so that removing or editing an entry shows. Entries name record codes, never people."
        actions={
          chainIntact ? (
            <span className="badge badge--success">
              <Icon name="check" />
              Chain verified
            </span>
          ) : (
            <span className="badge badge--danger">
              <Icon name="warning" />
              Chain broken
            </span>
          )
        }
      />
      {log.state === 'loading' ? <Loading label="Reading the audit log…" /> : null}
      {log.state === 'failed' ? <LoadFailed what="the audit log" error={log.error} onRetry={retry} /> : null}
      {log.state === 'ready' && entries.length === 0 ? (
        <Panel>
          <EmptyState icon="audit" title="No entries">
            <p>Changes to the vault will be recorded here.</p>
          </EmptyState>
        </Panel>
      ) : null}
      {entries.length > 0 ? (
        <Panel>
          <table className="table">
            <caption className="visually-hidden">Audit log, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className="table__num">
                  #
                </th>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Subject</th>
                <th scope="col">Detail</th>
                <th scope="col">Hash</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td className="table__num">{e.seq}</td>
                  <td className="table__nowrap">
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </td>
                  <td>{sentenceCase(e.action)}</td>
                  <td className={e.subject ? undefined : 'table__muted'}>{e.subject || '—'}</td>
                  <td className={e.detail ? undefined : 'table__muted'}>{e.detail || '—'}</td>
                  <td className="table__mono" title={e.hash}>
                    {e.hash.slice(0, 10)}
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
