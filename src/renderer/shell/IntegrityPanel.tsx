import { useState } from 'react';
import { exportRefusal, type DamagedRecord, type MissingRecord, type RecordKindName, type UnlockReport } from '../../shared/domain';
import type { OperationName } from '../../shared/operations';
import { call } from '../api';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { useVaultData } from './context';

const PLURAL: Readonly<Record<RecordKindName, string>> = {
  interview: 'interviews',
  person: 'people',
  'audit entry': 'audit entries',
  'code counters': 'code counters',
  'earlier versions': 'sets of earlier versions',
  'incident taxonomy': 'incident taxonomies',
  settings: 'settings records',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function recordLabel(r: { readonly kind?: RecordKindName; readonly code?: string }): string {
  if (r.kind && r.code) return `${capital(r.kind)} ${r.code}`;
  if (r.kind) return `A record (${r.kind})`;
  return 'A record of unknown kind';
}

type Action = { readonly op: Extract<OperationName, 'vault.restoreRecord' | 'vault.removeDamaged'>; readonly id: string } | { readonly op: 'vault.acknowledgeIntegrity' };

/**
 * What the unlock and the background check found wrong, record by record, with what the researcher can do
 * about each. Exports stay refused until it is resolved (the core enforces it; this says why and how).
 */
export function IntegrityPanel({
  report,
  onReport,
  onDismiss,
}: {
  readonly report: UnlockReport;
  readonly onReport: (r: UnlockReport) => void;
  readonly onDismiss: () => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ readonly kind: 'remove'; readonly record: DamagedRecord } | { readonly kind: 'accept' } | null>(null);
  // A person put back or removed changes the register the screens show.
  const { reloadPeople } = useVaultData();

  const run = async (action: Action) => {
    const key = action.op === 'vault.acknowledgeIntegrity' ? action.op : `${action.op}:${action.id}`;
    setBusy(key);
    setError(null);
    const r = action.op === 'vault.acknowledgeIntegrity' ? await call(action.op, {}) : await call(action.op, { id: action.id });
    setBusy(null);
    setConfirm(null);
    if (r.ok) {
      onReport(r.value);
      if (action.op !== 'vault.acknowledgeIntegrity') reloadPeople();
    } else setError(r.error.message);
  };

  const refusal = exportRefusal(report);
  const warningsRaised = !report.sealIntact || !report.auditChainIntact || !report.schemaIntact;
  const canAccept = report.verified && report.damaged.length === 0 && warningsRaised;

  return (
    <section className="integrity" aria-labelledby="integrity-title">
      <Alert tone="warning" title="This vault may have been tampered with or damaged" onDismiss={onDismiss} className="report-banner">
        <span id="integrity-title" hidden>
          Vault integrity
        </span>
        <ul className="integrity__list">
          {report.damaged.map((d) => (
            <DamagedItem key={d.id} record={d} busy={busy} onRestore={() => void run({ op: 'vault.restoreRecord', id: d.id })} onRemove={() => setConfirm({ kind: 'remove', record: d })} />
          ))}
          {report.missing.map((m) => (
            <MissingItem key={m.id} record={m} busy={busy} onRestore={() => void run({ op: 'vault.restoreRecord', id: m.id })} />
          ))}
          {report.missing.length === 0
            ? report.sealDifferences.map((d) => (
                <li key={d.kind} className="integrity__item">
                  <span>
                    The seal counts {d.sealed} {d.sealed === 1 ? d.kind : PLURAL[d.kind]}; {d.present} {d.present === 1 ? 'is' : 'are'} here.{' '}
                    {d.present < d.sealed
                      ? `Which ${d.sealed - d.present === 1 ? 'one is' : 'ones are'} missing cannot be told from this copy.`
                      : 'Records were added outside Fieldvault.'}
                  </span>
                </li>
              ))
            : null}
          {!report.sealIntact && report.missing.length === 0 && report.sealDifferences.length === 0 ? (
            <li className="integrity__item">Records were removed, rolled back to an older version or added outside Fieldvault; nothing more can be named or restored from the last session’s copy.</li>
          ) : null}
          {!report.auditChainIntact ? <li className="integrity__item">The audit log chain is broken: entries were removed or changed outside Fieldvault.</li> : null}
          {!report.schemaIntact ? (
            <li className="integrity__item">Objects Fieldvault did not create were found in the database file and removed before anything was written.</li>
          ) : null}
        </ul>
        <p className="integrity__status">
          {refusal ?? 'Exports are possible again.'} Keep a copy of this vault folder as evidence before changing anything.
        </p>
        {warningsRaised ? (
          <div className="integrity__actions">
            <Button onClick={() => setConfirm({ kind: 'accept' })} disabled={!canAccept || busy !== null}>
              Accept the vault as it is…
            </Button>
            {!canAccept ? (
              <span className="integrity__hint">{!report.verified ? 'Checking every record first…' : 'Restore or remove the damaged records first.'}</span>
            ) : null}
          </div>
        ) : null}
        {error ? (
          <Alert tone="error" title="That did not work">
            {error}
          </Alert>
        ) : null}
      </Alert>
      {confirm?.kind === 'remove' ? (
        <Dialog
          title={`Remove ${recordLabel(confirm.record).replace(/^A /, 'the ')}?`}
          role="alertdialog"
          onClose={() => setConfirm(null)}
          description={
            <p>
              It cannot be read and will be deleted from the vault for good. If it was a person, their names are no longer redacted
              from exports; add them to the register again if they are still named in your notes.
            </p>
          }
          actions={
            <>
              <Button onClick={() => setConfirm(null)}>Cancel</Button>
              <Button variant="danger" busy={busy !== null} onClick={() => void run({ op: 'vault.removeDamaged', id: confirm.record.id })}>
                Remove the record
              </Button>
            </>
          }
        />
      ) : null}
      {confirm?.kind === 'accept' ? (
        <Dialog
          title="Accept the vault as it is?"
          role="alertdialog"
          onClose={() => setConfirm(null)}
          description={
            <>
              <p>Every record has been checked and none is damaged. What the checks found stays in the audit log.</p>
              {report.missing.length > 0 || report.sealDifferences.some((d) => d.sealed > d.present) ? (
                <p>
                  <strong>Still missing:</strong>{' '}
                  {report.missing.length > 0
                    ? report.missing.map((m) => recordLabel(m)).join(', ')
                    : report.sealDifferences
                        .filter((d) => d.sealed > d.present)
                        .map((d) => `${d.sealed - d.present} ${d.sealed - d.present === 1 ? d.kind : PLURAL[d.kind]}`)
                        .join(', ')}
                  . Anyone missing from the register is not redacted from exports.
                </p>
              ) : null}
            </>
          }
          actions={
            <>
              <Button onClick={() => setConfirm(null)}>Cancel</Button>
              <Button variant="primary" busy={busy !== null} onClick={() => void run({ op: 'vault.acknowledgeIntegrity' })}>
                Accept the vault as it is
              </Button>
            </>
          }
        />
      ) : null}
    </section>
  );
}

function DamagedItem({ record, busy, onRestore, onRemove }: { readonly record: DamagedRecord; readonly busy: string | null; readonly onRestore: () => void; readonly onRemove: () => void }) {
  return (
    <li className="integrity__item">
      <span>
        <strong>{recordLabel(record)}</strong> cannot be read: {record.reason}.
      </span>
      <span className="integrity__buttons">
        {record.restorable ? (
          <Button variant="primary" onClick={onRestore} disabled={busy !== null} busy={busy === `vault.restoreRecord:${record.id}`}>
            Restore from the last session’s copy
          </Button>
        ) : null}
        <Button onClick={onRemove} disabled={busy !== null}>
          Remove…
        </Button>
      </span>
    </li>
  );
}

function MissingItem({ record, busy, onRestore }: { readonly record: MissingRecord; readonly busy: string | null; readonly onRestore: () => void }) {
  return (
    <li className="integrity__item">
      <span>
        <strong>{recordLabel(record)}</strong> is missing from the database.
        {record.restorable ? '' : ' Restore the vault folder from a backup to get it back.'}
      </span>
      {record.restorable ? (
        <span className="integrity__buttons">
          <Button variant="primary" onClick={onRestore} disabled={busy !== null} busy={busy === `vault.restoreRecord:${record.id}`}>
            Restore from the last session’s copy
          </Button>
        </span>
      ) : null}
    </li>
  );
}
