import { useIntl, type IntlShape } from 'react-intl';
import type { Consent } from '../../shared/domain';
import { formatDate } from '../format';
import { translator } from '../i18n/I18nProvider';
import { Icon } from './Icon';

export interface ConsentSummary {
  readonly tone: 'success' | 'warning' | 'danger';
  readonly label: string;
  /** What it allows, in a few words. */
  readonly detail: string;
}

export function consentSummary(intl: IntlShape, c: Consent): ConsentSummary {
  const t = translator(intl);
  if (c.withdrawnOn) return { tone: 'danger', label: t('consent.withdrawn'), detail: t('consent.withdrawnDetail', { date: formatDate(intl, c.withdrawnOn) }) };
  if (!c.method && !c.givenOn) return { tone: 'warning', label: t('consent.none'), detail: t('consent.noneDetail') };
  const allows = [c.allowsQuote ? t('consent.allows.quotes') : '', c.allowsName ? t('consent.allows.name') : '', c.allowsAudio ? t('consent.allows.audio') : ''].filter(Boolean);
  const detail = allows.length > 0 ? t('consent.allows', { what: allows.join(', ') }) : t('consent.allowsNothing');
  const share = c.shareWith.length > 0 ? t('consent.shareWith', { whom: c.shareWith.join(', ') }) : '';
  return { tone: 'success', label: t('consent.given'), detail: `${detail}${share}` };
}

/** Consent, wherever a person appears: a badge, and optionally what it allows. */
export function ConsentBadge({ consent, withDetail = false }: { readonly consent: Consent; readonly withDetail?: boolean }) {
  const s = consentSummary(useIntl(), consent);
  return (
    <span className="consent">
      <span className={`badge badge--${s.tone}`} title={s.detail}>
        <Icon name={s.tone === 'success' ? 'check' : 'warning'} />
        {s.label}
      </span>
      {withDetail ? <span className="consent__detail">{s.detail}</span> : null}
    </span>
  );
}
