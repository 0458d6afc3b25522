import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { BackupStatus } from '../../../shared/backup';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { formatDateTime } from '../../format';
import { translator } from '../../i18n/I18nProvider';
import { useNavigation } from '../../shell/context';
import { BACKUP_WRITTEN_EVENT } from './backup-events';
import './backup.css';

const DISMISSED = 'backup.bannerDismissed';

/**
 * The reminder when backup.status says a backup is due. "Later" hides it until the next unlock (the shell's memory
 * goes with the lock); it never comes back on its own within the session.
 */
export function BackupBanner() {
  const intl = useIntl();
  const t = translator(intl);
  const { memory, navigate, route } = useNavigation();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [dismissed, setDismissed] = useState(() => memory.get(DISMISSED) === true);
  const check = useCallback(() => {
    void call('backup.status', {}).then((r) => r.ok && setStatus(r.value));
  }, []);
  useEffect(() => {
    check();
    window.addEventListener(BACKUP_WRITTEN_EVENT, check);
    return () => window.removeEventListener(BACKUP_WRITTEN_EVENT, check);
  }, [check]);
  // the reminder setting may have changed in Settings
  useEffect(check, [route.section, check]);
  if (!status?.due || dismissed) return null;
  return (
    <section className="backup-banner" aria-labelledby="backup-banner-h">
      <Icon name="warning" />
      <div className="backup-banner__text">
        <h2 id="backup-banner-h">{t('backup.banner.title')}</h2>
        <p>{status.lastBackupAt ? t('backup.banner.old', { date: formatDateTime(intl, status.lastBackupAt) }) : t('backup.banner.never')}</p>
      </div>
      <div className="backup-banner__actions">
        <Button
          variant="primary"
          onClick={() => {
            navigate({ section: 'settings' });
            requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById('settings-backup')?.scrollIntoView({ block: 'start' })));
          }}
        >
          {t('backup.banner.go')}
        </Button>
        <Button
          variant="ghost"
          onClick={() => {
            memory.set(DISMISSED, true);
            setDismissed(true);
          }}
        >
          {t('backup.banner.later')}
        </Button>
      </div>
    </section>
  );
}
