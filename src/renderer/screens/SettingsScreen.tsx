import { PageHeader } from '../components/PageHeader';
import { Panel } from '../components/Panel';
import type { Session } from '../session';
import { isMac } from '../shell/useLockShortcut';
import { ChangePassphraseForm } from './ChangePassphraseForm';
import './SettingsScreen.css';

export function SettingsScreen({ session }: { readonly session: Session }) {
  return (
    <>
      <PageHeader title="Settings" description="Settings of this vault. They travel with the vault folder." />
      <Panel title="Change passphrase" labelledBy="settings-passphrase" description="Choose a new passphrase for this vault. The current one stops working at once.">
        <div className="panel__body">
          <ChangePassphraseForm />
        </div>
      </Panel>
      <Panel title="This vault" labelledBy="settings-vault">
        <div className="panel__body">
          <dl className="facts">
            <div className="facts__row">
              <dt>Location</dt>
              <dd className="facts__mono">{session.path}</dd>
            </div>
            <div className="facts__row">
              <dt>Lock now</dt>
              <dd>
                <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd> <kbd>L</kbd> from anywhere in Fieldvault
              </dd>
            </div>
          </dl>
        </div>
      </Panel>
    </>
  );
}
