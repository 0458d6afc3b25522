import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { LoadFailed, Loading } from '../components/LoadFailed';
import { PageHeader } from '../components/PageHeader';
import { Panel } from '../components/Panel';
import { formatDateTime, sentenceCase } from '../format';
import { useOperation } from '../hooks/useOperation';
import './AuditLogScreen.css';

/** The vault's tamper-evident log: what happened and when, never a name. Newest first. */
export function AuditLogScreen({ chainIntact }: { readonly chainIntact: boolean }) {
  const [log, retry] = useOperation('audit.list', {});
  const entries = log.state === 'ready' ? [...log.value].sort((a, b) => b.seq - a.seq) : [];
  return (
    <>
      <PageHeader
        title="Audit log"
        description="What happened to this vault and when, each entry chained to the one before so that removing or editing one shows. Entries give record codes and field names: never names, contact details, allow-list entries or note text."
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
      <dl className="audit-recorded" aria-label="What is recorded">
        <dt>Vault</dt>
        <dd>Created, unlocked, locked (by you, after inactivity, or by the system), passphrase changed, re-encrypted, integrity warnings and repairs.</dd>
        <dt>Interviews</dt>
        <dd>Created, imported, edited (once per editing session), earlier version restored, exported (with a checksum of the file), deleted.</dd>
        <dt>People</dt>
        <dd>Added, imported, edited (which kind of field: pseudonym, names, contacts, details, role, consent, risk notes), consent withdrawn, deleted.</dd>
        <dt>Settings</dt>
        <dd>Which setting changed (auto-lock, search, theme, allow-list entries added or removed) and taxonomy changes.</dd>
      </dl>
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
          <table className="table audit-table">
            <caption className="visually-hidden">Audit log, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className="table__num">
                  #
                </th>
                <th scope="col" className="audit-table__when">When</th>
                <th scope="col" className="audit-table__event">Event</th>
                <th scope="col" className="audit-table__subject">Subject</th>
                <th scope="col" className="audit-table__detail">Detail</th>
                <th scope="col" className="audit-table__hash">Hash</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td className="table__num">{e.seq}</td>
                  <td className="audit-table__when">
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </td>
                  <td>{sentenceCase(e.action)}</td>
                  <td className={e.subject ? 'audit-table__subject' : 'audit-table__subject table__muted'}>{e.subject || '—'}</td>
                  <td className={e.detail ? 'audit-table__detail' : 'audit-table__detail table__muted'}>{e.detail || '—'}</td>
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
