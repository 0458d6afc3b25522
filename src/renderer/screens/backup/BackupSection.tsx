import { useId, useState } from 'react';
import { useIntl } from 'react-intl';
import type { BackupResult } from '../../../shared/backup';
import { MAX_BACKUP_REMINDER_DAYS, DEFAULT_BACKUP_REMINDER_DAYS } from '../../../shared/backup';
import { call, canChooseFile, chooseFile } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { commonError } from '../../errors';
import { formatDateTime } from '../../format';
import { useOperation } from '../../hooks/useOperation';
import { translator } from '../../i18n/I18nProvider';
import { useVaultData } from '../../shell/context';
import { announceBackupWritten, backupName, sizeText } from './backup-events';
import { deliveryError } from '../delivery/delivery-errors';
import './backup.css';
import '../export/export.css';
import { Facts, Fact } from '../../components/Facts';

const REMIND_CHOICES = [0, 1, 3, 7, 14, 30, 60, 90, 180, MAX_BACKUP_REMINDER_DAYS];

/** Settings › Backups: when the last one was taken, "Back up now…" with its result, and the reminder. */
export function BackupSection() {
  const intl = useIntl();
  const t = translator(intl);
  const { settings, setSettings } = useVaultData();
  const [status, reloadStatus] = useOperation('backup.status', {});
  const native = canChooseFile();
  const [path, setPath] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BackupResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remindId = useId();
  const pathId = useId();
  const days = settings.backupReminderDays ?? DEFAULT_BACKUP_REMINDER_DAYS;
  const choices = REMIND_CHOICES.includes(days) ? REMIND_CHOICES : [...REMIND_CHOICES, days].sort((a, b) => a - b);

  const run = async (target: string) => {
    setBusy(true);
    setError(null);
    setResult(null);
    const r = await call('backup.create', { path: target });
    setBusy(false);
    if (!r.ok) return setError(r.error.message.startsWith('The backup cannot go inside the vault folder') ? t('backup.error.insideVault') : deliveryError(r.error, t));
    setResult(r.value);
    setPath(null);
    reloadStatus();
    announceBackupWritten();
  };
  const start = async () => {
    setError(null);
    if (!native) return setPath(`~/Documents/${backupName()}`);
    const chosen = await chooseFile({ purpose: 'backup-create', name: backupName() });
    if (chosen) await run(chosen);
  };
  const remind = async (n: number) => {
    const r = await call('settings.update', { settings: { backupReminderDays: n } });
    if (!r.ok) return setError(commonError(r.error, t));
    setSettings(r.value);
    reloadStatus();
  };

  return (
    <div className="form backup-section">
      <Facts>
        <Fact label={t('backup.last')}>{status.state === 'ready' ? (status.value.lastBackupAt ? formatDateTime(intl, status.value.lastBackupAt) : t('backup.never')) : '…'}</Fact>
      </Facts>
      {path !== null ? (
        <form
          className="backup-section__path"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) void run(path.trim());
          }}
        >
          <label className="field__label" htmlFor={pathId}>
            {t('backup.path')}
          </label>
          <div className="input-row">
            <input id={pathId} className="input input--mono" value={path} onChange={(e) => setPath(e.target.value)} autoComplete="off" spellCheck={false} disabled={busy} />
            <Button type="submit" variant="primary" busy={busy}>
              {t('backup.go')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="settings-form__actions">
          <Button variant="primary" onClick={() => void start()} busy={busy}>
            <Icon name="export" />
            {t('backup.now')}
          </Button>
        </div>
      )}
      <div aria-live="polite">
        {busy ? (
          <p className="backup-section__running">
            <Spinner /> {t('backup.running')}
          </p>
        ) : null}
        {result ? (
          <Alert tone="success" title={t('backup.done.title')} onDismiss={() => setResult(null)}>
            <Facts spacing="tight">
              <Fact label={t('backup.done.file')} mono>{result.path}</Fact>
              <Fact label={t('backup.done.size')}>{sizeText(result.bytes, intl.locale)}</Fact>
              <Fact label={t('backup.done.records')}>{intl.formatNumber(result.records)}</Fact>
              <Fact label={t('backup.done.verified')}>{formatDateTime(intl, result.verifiedAt)}</Fact>
            </Facts>
            <p className="outcome-note">{t('backup.done.note')}</p>
          </Alert>
        ) : null}
        {error ? (
          <Alert tone="error" title={t('backup.failed')} onDismiss={() => setError(null)}>
            {error}
          </Alert>
        ) : null}
      </div>
      <div className="field">
        <label className="field__label" htmlFor={remindId}>
          {t('backup.remind.label')}
        </label>
        <select id={remindId} className="select select--md settings__select" value={days} onChange={(e) => void remind(Number(e.target.value))}>
          {choices.map((n) => (
            <option key={n} value={n}>
              {n === 0 ? t('backup.remind.never') : t('backup.remind.days', { count: n })}
            </option>
          ))}
        </select>
        <p className="field__hint">{t('backup.remind.hint')}</p>
      </div>
    </div>
  );
}
