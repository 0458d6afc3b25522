import { Button } from '../components/Button';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Spinner';
import { isMac } from './useLockShortcut';

export function TopBar({ name, path, checking, onLock }: { readonly name: string; readonly path: string; readonly checking: boolean; readonly onLock: () => void }) {
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
          <span className="topbar__state">
            <span className="topbar__dot" aria-hidden="true" />
            Unlocked
          </span>
          {checking ? (
            <span className="topbar__checking" role="status">
              <Spinner />
              Checking every record…
            </span>
          ) : null}
        </div>
      </div>
      <Button onClick={onLock} className="topbar__lock" aria-keyshortcuts={isMac ? 'Meta+L' : 'Control+L'}>
        <Icon name="lock" />
        Lock
        <kbd>{isMac ? '⌘L' : 'Ctrl L'}</kbd>
      </Button>
    </header>
  );
}
