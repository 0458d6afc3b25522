import { useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { IntlProvider, useIntl, type IntlShape } from 'react-intl';
import type { LanguageChoice } from '../../shared/domain';
import { setNativeText } from '../api';
import { messagesFor, resolveLanguage, SOURCE_LANGUAGE, systemLanguages, type MessageId } from './catalogs';

/**
 * The interface language, as the theme: the vault's choice while it is open, the system's (navigator.languages)
 * before unlock and after lock. A change of the system's languages applies at once while the choice is 'system'.
 */
let choice: LanguageChoice = 'system';
const listeners = new Set<() => void>();

function changed(): void {
  for (const l of listeners) l();
}

if (typeof window !== 'undefined') window.addEventListener('languagechange', changed);

export function applyLanguage(next: LanguageChoice | undefined): void {
  const value = next ?? 'system';
  if (value === choice) return;
  choice = value;
  changed();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The language shown now, as a catalog code ("en", "ru"). */
function activeLanguage(): string {
  return resolveLanguage(choice);
}

export function useActiveLanguage(): string {
  return useSyncExternalStore(subscribe, activeLanguage, activeLanguage);
}

/**
 * The locale for dates and numbers: the system's own tag when it is in the shown language (en-GB keeps day-month
 * order), else the catalog's code.
 */
function formattingLocale(code: string): string {
  for (const tag of systemLanguages()) if (tag.toLowerCase().split('-')[0] === code.toLowerCase()) return tag;
  return code;
}

// A message missing from a catalog is English by construction (messagesFor); other errors are bugs in a
// message. Only the error's code is logged: never a message's values, which can be a researcher's text.
function reportError(error: { readonly code: string }): void {
  if (error.code === 'MISSING_TRANSLATION') return;
  console.error(`i18n: ${error.code}`);
}

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const code = useActiveLanguage();
  useEffect(() => {
    document.documentElement.lang = code;
    // The app's own menu and file dialogs follow the interface (the catalogs live here, not in main).
    const messages = messagesFor(code);
    const say = (id: MessageId) => messages[id] ?? id;
    setNativeText({
      vaultMenu: say('native.menu.vault'),
      lockVault: say('native.menu.lockVault'),
      editMenu: say('native.menu.edit'),
      viewMenu: say('native.menu.view'),
      createTitle: say('native.dialog.createTitle'),
      createButton: say('native.dialog.createButton'),
      folderLabel: say('native.dialog.folderLabel'),
      openTitle: say('native.dialog.openTitle'),
      openButton: say('native.dialog.openButton'),
      exportTitle: say('native.dialog.exportTitle'),
      exportButton: say('native.dialog.exportButton'),
      sealTitle: say('native.dialog.sealTitle'),
      sealButton: say('native.dialog.sealButton'),
      receivedSaveTitle: say('native.dialog.receivedSaveTitle'),
      bundleOpenTitle: say('native.dialog.bundleOpenTitle'),
      bundleOpenButton: say('native.dialog.bundleOpenButton'),
      backupTitle: say('native.dialog.backupTitle'),
      backupButton: say('native.dialog.backupButton'),
      backupOpenTitle: say('native.dialog.backupOpenTitle'),
      backupOpenButton: say('native.dialog.backupOpenButton'),
      travelTitle: say('native.dialog.travelTitle'),
      travelButton: say('native.dialog.travelButton'),
      travelOpenTitle: say('native.dialog.travelOpenTitle'),
      travelOpenButton: say('native.dialog.travelOpenButton'),
    });
  }, [code]);
  return (
    <IntlProvider locale={formattingLocale(code)} messages={messagesFor(code)} defaultLocale={SOURCE_LANGUAGE} onError={reportError}>
      {children}
    </IntlProvider>
  );
}

export type MessageValues = Readonly<Record<string, string | number | boolean | Date | null | undefined>>;
/** A message by id, as plain text in the active language. */
export type Translate = (id: MessageId, values?: MessageValues) => string;

export function translator(intl: IntlShape): Translate {
  return (id, values) => intl.formatMessage({ id }, values as Record<string, string | number | boolean | Date | null | undefined>);
}

/** `t('interviews.list.empty.title', { count })`: the active language's text for a message. */
export function useT(): Translate {
  const intl = useIntl();
  return useMemo(() => translator(intl), [intl]);
}
