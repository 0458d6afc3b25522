import type { ReactNode } from 'react';
import { PageHeader } from '../components/PageHeader';
import type { Session } from '../session';
import { isMac } from '../shell/useLockShortcut';
import { ChangePassphraseForm } from './ChangePassphraseForm';
import './SettingsScreen.css';

/** One settings topic: what it is on the left, the controls in a card on the right. */
function SettingsSection({ id, title, description, children }: { readonly id: string; readonly title: string; readonly description: ReactNode; readonly children: ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby={id}>
      <div className="settings-section__intro">
        <h2 id={id}>{title}</h2>
        <p>{description}</p>
      </div>
      <div className="settings-section__card">{children}</div>
    </section>
  );
}

export function SettingsScreen({ session }: { readonly session: Session }) {
  return (
    <>
      <PageHeader title="Settings" description="These settings belong to this vault and travel with its folder." />
      <SettingsSection
        id="settings-passphrase"
        title="Change passphrase"
        description="The vault key is re-wrapped with the new passphrase; the current one stops working at once. Nothing else changes."
      >
        <ChangePassphraseForm />
      </SettingsSection>
      <SettingsSection id="settings-vault" title="This vault" description="Where the vault lives and how to close it quickly.">
        <dl className="facts">
          <div className="facts__row">
            <dt>Location</dt>
            <dd className="facts__mono">{session.path}</dd>
          </div>
          <div className="facts__row">
            <dt>Lock</dt>
            <dd>
              <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd> <kbd>L</kbd> <span className="facts__muted">from anywhere in Fieldvault</span>
            </dd>
          </div>
        </dl>
      </SettingsSection>
    </>
  );
}
