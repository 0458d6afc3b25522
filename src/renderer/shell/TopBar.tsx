import { Button } from '../components/Button';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Spinner';
import { useT } from '../i18n/I18nProvider';
import { LOCK_SHORTCUT } from './shortcuts';

export function TopBar({
  name,
  path,
  checking,
  readOnly,
  onLock,
}: {
  readonly name: string;
  readonly path: string;
  readonly checking: boolean;
  /** Opened from a read-only disk (UnlockReport.readOnly): said beside the state, not only in the banner. */
  readonly readOnly: boolean;
  readonly onLock: () => void;
}) {
  const t = useT();
  return (
    <header className="topbar">
      <div className="topbar__vault">
        <span className="topbar__mark">
          <Icon name="logo" />
        </span>
        <div className="topbar__titles">
          <span className="topbar__name" title={path}>
            {name}
          </span>
          <span className={readOnly ? 'topbar__state topbar__state--read-only' : 'topbar__state'}>
            <span className="topbar__dot" aria-hidden="true" />
            {readOnly ? t('topbar.unlockedReadOnly') : t('topbar.unlocked')}
          </span>
          {checking ? (
            <span className="topbar__checking" role="status">
              <Spinner />
              {t('topbar.checking')}
            </span>
          ) : null}
        </div>
      </div>
      <Button onClick={onLock} className="topbar__lock" aria-keyshortcuts={LOCK_SHORTCUT.aria}>
        <Icon name="lock" />
        {t('topbar.lock')}
        <kbd aria-hidden="true">{LOCK_SHORTCUT.hint}</kbd>
      </Button>
    </header>
  );
}
