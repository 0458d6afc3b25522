import { useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { DamagedRecord, MissingRecord, UnlockReport } from '../../shared/domain';
import type { OperationName } from '../../shared/operations';
import { call } from '../api';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { commonError } from '../errors';
import { useT } from '../i18n/I18nProvider';
import { damageReason, exportRefusalText, recordCount, recordLabel } from '../i18n/integrity';
import { useVaultData } from './context';

const bold = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

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
  const t = useT();

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
    } else setError(commonError(r.error, t));
  };

  const refusal = exportRefusalText(t, report);
  const warningsRaised = !report.sealIntact || !report.auditChainIntact || !report.schemaIntact;
  const canAccept = report.verified && report.damaged.length === 0 && warningsRaised;

  return (
    <section className="integrity" aria-labelledby="integrity-title">
      <Alert tone="warning" title={t('integrity.banner')} onDismiss={onDismiss} className="report-banner">
        <span id="integrity-title" hidden>
          {t('integrity.title')}
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
                    {t('integrity.sealDifference', { sealed: recordCount(t, d.kind, d.sealed), present: d.present })}{' '}
                    {d.present < d.sealed ? t('integrity.sealMissing', { count: d.sealed - d.present }) : t('integrity.sealAdded')}
                  </span>
                </li>
              ))
            : null}
          {!report.sealIntact && report.missing.length === 0 && report.sealDifferences.length === 0 ? (
            <li className="integrity__item">{t('integrity.sealBroken')}</li>
          ) : null}
          {!report.auditChainIntact ? <li className="integrity__item">{t('integrity.auditBroken')}</li> : null}
          {!report.schemaIntact ? (
            <li className="integrity__item">{t('integrity.schemaForeign')}</li>
          ) : null}
        </ul>
        <p className="integrity__status">
          {refusal ?? t('integrity.exportsPossible')} {t('integrity.keepCopy')}
        </p>
        {warningsRaised ? (
          <div className="integrity__actions">
            <Button onClick={() => setConfirm({ kind: 'accept' })} disabled={!canAccept || busy !== null}>
              {t('integrity.accept')}
            </Button>
            {!canAccept ? (
              <span className="integrity__hint">{!report.verified ? t('integrity.checkingFirst') : t('integrity.restoreFirst')}</span>
            ) : null}
          </div>
        ) : null}
        {error ? (
          <Alert tone="error" title={t('integrity.failed')}>
            {error}
          </Alert>
        ) : null}
      </Alert>
      {confirm?.kind === 'remove' ? (
        <Dialog
          title={t('integrity.remove.title', { record: recordLabel(t, confirm.record) })}
          role="alertdialog"
          onClose={() => setConfirm(null)}
          description={
            <p>{t('integrity.remove.text')}</p>
          }
          actions={
            <>
              <Button onClick={() => setConfirm(null)}>{t('dialog.cancel')}</Button>
              <Button variant="danger" busy={busy !== null} onClick={() => void run({ op: 'vault.removeDamaged', id: confirm.record.id })}>
                {t('integrity.remove.confirm')}
              </Button>
            </>
          }
        />
      ) : null}
      {confirm?.kind === 'accept' ? (
        <Dialog
          title={t('integrity.acceptDialog.title')}
          role="alertdialog"
          onClose={() => setConfirm(null)}
          description={
            <>
              <p>{t('integrity.acceptDialog.text')}</p>
              {report.missing.length > 0 || report.sealDifferences.some((d) => d.sealed > d.present) ? (
                <p>
                  <strong>{t('integrity.acceptDialog.stillMissing')}</strong>{' '}
                  {report.missing.length > 0
                    ? report.missing.map((m) => recordLabel(t, m)).join(', ')
                    : report.sealDifferences
                        .filter((d) => d.sealed > d.present)
                        .map((d) => recordCount(t, d.kind, d.sealed - d.present))
                        .join(', ')}
                  . {t('integrity.acceptDialog.notRedacted')}
                </p>
              ) : null}
            </>
          }
          actions={
            <>
              <Button onClick={() => setConfirm(null)}>{t('dialog.cancel')}</Button>
              <Button variant="primary" busy={busy !== null} onClick={() => void run({ op: 'vault.acknowledgeIntegrity' })}>
                {t('integrity.acceptDialog.confirm')}
              </Button>
            </>
          }
        />
      ) : null}
    </section>
  );
}

function DamagedItem({ record, busy, onRestore, onRemove }: { readonly record: DamagedRecord; readonly busy: string | null; readonly onRestore: () => void; readonly onRemove: () => void }) {
  const intl = useIntl();
  const t = useT();
  return (
    <li className="integrity__item">
      <span>{intl.formatMessage({ id: 'integrity.damaged' }, { record: recordLabel(t, record), reason: damageReason(t, record.reason), b: bold })}</span>
      <span className="integrity__buttons">
        {record.restorable ? (
          <Button variant="primary" onClick={onRestore} disabled={busy !== null} busy={busy === `vault.restoreRecord:${record.id}`}>
            {t('integrity.restore')}
          </Button>
        ) : null}
        <Button onClick={onRemove} disabled={busy !== null}>
          {t('integrity.removeButton')}
        </Button>
      </span>
    </li>
  );
}

function MissingItem({ record, busy, onRestore }: { readonly record: MissingRecord; readonly busy: string | null; readonly onRestore: () => void }) {
  const intl = useIntl();
  const t = useT();
  return (
    <li className="integrity__item">
      <span>
        {intl.formatMessage({ id: 'integrity.missing' }, { record: recordLabel(t, record), b: bold })}
        {record.restorable ? '' : ` ${t('integrity.missingBackup')}`}
      </span>
      {record.restorable ? (
        <span className="integrity__buttons">
          <Button variant="primary" onClick={onRestore} disabled={busy !== null} busy={busy === `vault.restoreRecord:${record.id}`}>
            {t('integrity.restore')}
          </Button>
        </span>
      ) : null}
    </li>
  );
}
