import { useId, useState, type ReactNode } from 'react';
import type { ThemeChoice, VaultSettings } from '../../shared/domain';
import { call } from '../api';
import { PageHeader } from '../components/PageHeader';
import { useVaultData } from '../shell/context';
import { AllowListEditor } from './AllowListEditor';
import { TaxonomyEditor } from './TaxonomyEditor';
import type { Session } from '../session';
import { isMac } from '../shell/useLockShortcut';
import { ChangePassphraseForm } from './ChangePassphraseForm';
import './SearchScreen.css';
import './interviews/FilterBar.css';
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

const LOCK_CHOICES = [1, 2, 5, 10, 15, 30, 60, 120, 240];

function minutes(n: number): string {
  return n < 60 ? `${n} ${n === 1 ? 'minute' : 'minutes'}` : `${n / 60} ${n === 60 ? 'hour' : 'hours'}`;
}

/** Auto-lock and search settings: each change is saved at once. */
function PreferencesForm() {
  const { settings, setSettings } = useVaultData();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const lockId = useId();
  const peopleId = useId();
  const themeId = useId();
  const update = async (patch: Partial<VaultSettings>) => {
    setSaved(false);
    const r = await call('settings.update', { settings: patch });
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setSettings(r.value);
    setSaved(true);
  };
  const choices = LOCK_CHOICES.includes(settings.autoLockMinutes) ? LOCK_CHOICES : [...LOCK_CHOICES, settings.autoLockMinutes].sort((a, b) => a - b);
  return (
    <div className="form settings-form">
      <div className="field">
        <label className="field__label" htmlFor={lockId}>
          Lock after inactivity
        </label>
        <select id={lockId} className="select select--md settings__select" value={settings.autoLockMinutes} onChange={(e) => void update({ autoLockMinutes: Number(e.target.value) })}>
          {choices.map((n) => (
            <option key={n} value={n}>
              {minutes(n)}
            </option>
          ))}
        </select>
        <p className="field__hint">No key press, click or mouse movement in Fieldvault for this long locks the vault. Edits are saved first.</p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={themeId}>
          Appearance
        </label>
        <select id={themeId} className="select select--md settings__select" value={settings.theme} onChange={(e) => void update({ theme: e.target.value as ThemeChoice })}>
          <option value="system">Same as the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
        <p className="field__hint">Kept in this vault: before unlock and after lock, Fieldvault follows the system.</p>
      </div>
      <label className="toggle settings__toggle" htmlFor={peopleId}>
        <input id={peopleId} type="checkbox" role="switch" checked={settings.searchIncludesPeople} onChange={(e) => void update({ searchIncludesPeople: e.target.checked })} />
        <span className="toggle__track" aria-hidden="true" />
        <span>Search includes people from the register</span>
      </label>
      <p className="field__hint settings__after-toggle">Off: search finds interviews only, unless you switch people on for one search. Names are never shown in results.</p>
      <p className={error ? 'settings__status settings__status--error' : 'settings__status'} role="status">
        {error ? `Not saved: ${error}` : saved ? 'Saved.' : ''}
      </p>
    </div>
  );
}

export function SettingsScreen({ session }: { readonly session: Session }) {
  return (
    <>
      <PageHeader title="Settings" description="These settings belong to this vault and travel with its folder." />
      <SettingsSection id="settings-locking" title="Locking, appearance and search" description="How soon an unattended vault locks itself, how it looks, and what search looks through.">
        <PreferencesForm />
      </SettingsSection>
      <SettingsSection
        id="settings-allow"
        title="Never redacted on export"
        description="Names and numbers that may leave the laptop as written: public officials, your organisation's own letterhead phone numbers and addresses."
      >
        <AllowListEditor />
      </SettingsSection>
      <SettingsSection id="settings-taxonomy" title="Incident types" description="The types interviews are classified with, grouped as in the field. Renaming a type keeps it on the interviews that already use it.">
        <TaxonomyEditor />
      </SettingsSection>
      <SettingsSection
        id="settings-passphrase"
        title="Change passphrase"
        description="The vault key is re-wrapped with the new passphrase and the current one stops working at once. If it may be known to someone, also re-encrypt everything under a new key."
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
