import { Icon } from '../components/Icon';
import { useT } from '../i18n/I18nProvider';
import '../screens/backup/backup.css';

/**
 * Always shown while the vault is open from a read-only disk (UnlockReport.readOnly): what works, what does not,
 * and that nothing is being recorded. It cannot be dismissed: every refused save would otherwise surprise.
 */
export function ReadOnlyBanner() {
  const t = useT();
  return (
    <section className="backup-banner read-only-banner" aria-labelledby="read-only-banner-h" data-testid="read-only-banner">
      <Icon name="warning" />
      <div className="backup-banner__text">
        <h2 id="read-only-banner-h">{t('readOnly.banner.title')}</h2>
        <p>{t('readOnly.banner.text')}</p>
      </div>
    </section>
  );
}
