import { useId, useState, type ReactNode } from 'react';
import type { ThemeChoice, VaultSettings } from '../../shared/domain';
import { call } from '../api';
import { PageHeader } from '../components/PageHeader';
import { interfaceLanguages, resolveLanguage } from '../i18n/catalogs';
import { useT, type Translate } from '../i18n/I18nProvider';
import { useVaultData } from '../shell/context';
import { AllowListEditor } from './AllowListEditor';
import { TaxonomyEditor } from './TaxonomyEditor';
import type { Session } from '../session';
import { isMac } from '../shell/useLockShortcut';
import { ChangePassphraseForm } from './ChangePassphraseForm';
import { BackupSection } from './backup/BackupSection';
import { PanicShortcutSection } from './PanicShortcutSection';
import { Alert } from '../components/Alert';
import './SearchScreen.css';
import './interviews/FilterBar.css';
import './SettingsScreen.css';
import { commonError } from '../errors';
import { Facts, Fact } from '../components/Facts';

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

function minutes(t: Translate, n: number): string {
  return n < 60 || n % 60 !== 0 ? t('settings.lock.minutes', { count: n }) : t('settings.lock.hours', { count: n / 60 });
}

/** Auto-lock and search settings: each change is saved at once. */
function PreferencesForm() {
  const { settings, setSettings } = useVaultData();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const lockId = useId();
  const peopleId = useId();
  const themeId = useId();
  const languageId = useId();
  const t = useT();
  const languages = interfaceLanguages();
  const systemLanguage = languages.find((l) => l.code === resolveLanguage('system'))?.name ?? '';
  const update = async (patch: Partial<VaultSettings>) => {
    setSaved(false);
    const r = await call('settings.update', { settings: patch });
    if (!r.ok) return setError(commonError(r.error, t));
    setError(null);
    setSettings(r.value);
    setSaved(true);
  };
  const choices = LOCK_CHOICES.includes(settings.autoLockMinutes) ? LOCK_CHOICES : [...LOCK_CHOICES, settings.autoLockMinutes].sort((a, b) => a - b);
  return (
    <div className="form settings-form">
      <div className="field">
        <label className="field__label" htmlFor={lockId}>
          {t('settings.lock.label')}
        </label>
        <select id={lockId} className="select select--md settings__select" value={settings.autoLockMinutes} onChange={(e) => void update({ autoLockMinutes: Number(e.target.value) })}>
          {choices.map((n) => (
            <option key={n} value={n}>
              {minutes(t, n)}
            </option>
          ))}
        </select>
        <p className="field__hint">{t('settings.lock.hint')}</p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={themeId}>
          {t('settings.theme.label')}
        </label>
        <select id={themeId} className="select select--md settings__select" value={settings.theme} onChange={(e) => void update({ theme: e.target.value as ThemeChoice })}>
          <option value="system">{t('settings.theme.system')}</option>
          <option value="light">{t('settings.theme.light')}</option>
          <option value="dark">{t('settings.theme.dark')}</option>
        </select>
        <p className="field__hint">{t('settings.theme.hint')}</p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={languageId}>
          {t('settings.language.label')}
        </label>
        {/* The list is the catalogs found in i18n/messages, each named in its own language. */}
        <select id={languageId} className="select select--md settings__select" value={settings.language} onChange={(e) => void update({ language: e.target.value })}>
          <option value="system">{t('settings.language.system', { language: systemLanguage })}</option>
          {languages.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.name}
            </option>
          ))}
          {settings.language !== 'system' && !languages.some((l) => l.code === settings.language) ? <option value={settings.language}>{settings.language}</option> : null}
        </select>
        <p className="field__hint">{t('settings.language.hint')}</p>
      </div>
      <label className="toggle settings__toggle" htmlFor={peopleId}>
        <input id={peopleId} type="checkbox" role="switch" checked={settings.searchIncludesPeople} onChange={(e) => void update({ searchIncludesPeople: e.target.checked })} />
        <span className="toggle__track" aria-hidden="true" />
        <span>{t('settings.people.toggle')}</span>
      </label>
      <p className="field__hint settings__after-toggle">{t('settings.people.hint')}</p>
      <p className={error ? 'settings__status settings__status--error' : 'settings__status'} role="status">
        {error ? t('settings.notSaved', { error }) : saved ? t('settings.saved') : ''}
      </p>
    </div>
  );
}

export function SettingsScreen({ session }: { readonly session: Session }) {
  const t = useT();
  // On a read-only disk the vault's settings cannot be saved: shown, not offered (the core refuses them anyway).
  const readOnly = session.report.readOnly === true;
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      {readOnly ? (
        <Alert tone="warning" title={t('readOnly.settings.title')}>
          {t('readOnly.settings.text')}
        </Alert>
      ) : null}
      <fieldset className="settings__vault-sections" disabled={readOnly}>
      <SettingsSection id="settings-locking" title={t('settings.preferences.title')} description={t('settings.preferences.description')}>
        <PreferencesForm />
      </SettingsSection>
      <SettingsSection
        id="settings-allow"
        title={t('settings.allow.title')}
        description={t('settings.allow.description')}
      >
        <AllowListEditor />
      </SettingsSection>
      <SettingsSection id="settings-taxonomy" title={t('settings.taxonomy.title')} description={t('settings.taxonomy.description')}>
        <TaxonomyEditor />
      </SettingsSection>
      <SettingsSection id="settings-backup" title={t('backup.title')} description={t('backup.description')}>
        <BackupSection />
      </SettingsSection>
      <SettingsSection
        id="settings-passphrase"
        title={t('settings.passphrase.title')}
        description={t('settings.passphrase.description')}
      >
        <ChangePassphraseForm />
      </SettingsSection>
      </fieldset>
      <SettingsSection id="settings-panic" title={t('settings.panic.title')} description={t('settings.panic.description')}>
        <PanicShortcutSection />
      </SettingsSection>
      <SettingsSection id="settings-vault" title={t('settings.vault.title')} description={t('settings.vault.description')}>
        <Facts spacing="loose">
          <Fact label={t('settings.vault.location')} mono>{session.path}</Fact>
          <Fact label={t('settings.vault.lock')}>
            <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd> <kbd>L</kbd> <span className="fact__aside">{t('settings.vault.lockAnywhere')}</span>
          </Fact>
        </Facts>
      </SettingsSection>
    </>
  );
}
