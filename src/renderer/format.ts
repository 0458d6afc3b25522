import type { IntlShape } from 'react-intl';

/**
 * Dates in the interface's language and the system's conventions for it (react-intl's locale, see
 * i18n/I18nProvider.tsx): "2 дек. 2026 г., 14:05" in Russian, "Dec 2, 2026, 2:05 PM" in US English.
 */

/** An ISO timestamp in the reader's locale; the raw text when it does not parse. */
export function formatDateTime(intl: IntlShape, iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : intl.formatDate(t, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A yyyy-mm-dd date (no time zone shift); '' stays ''. */
export function formatDate(intl: IntlShape, isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
  return intl.formatDate(Date.parse(`${isoDate}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
}

/** "vault unlocked" -> "Vault unlocked". */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
