import type { Consent } from '../../shared/domain';
import { formatDate } from '../format';
import { Icon } from './Icon';

export interface ConsentSummary {
  readonly tone: 'success' | 'warning' | 'danger';
  readonly label: string;
  /** What it allows, in a few words. */
  readonly detail: string;
}

export function consentSummary(c: Consent): ConsentSummary {
  if (c.withdrawnOn) return { tone: 'danger', label: 'Consent withdrawn', detail: `Withdrawn ${formatDate(c.withdrawnOn)}: do not use.` };
  if (!c.method && !c.givenOn) return { tone: 'warning', label: 'No consent recorded', detail: 'Record consent before using anything this person said.' };
  const allows = [c.allowsQuote ? 'quotes' : '', c.allowsName ? 'name' : '', c.allowsAudio ? 'audio' : ''].filter(Boolean);
  const detail = allows.length > 0 ? `Allows ${allows.join(', ')}` : 'Allows no quotes, name or audio';
  const share = c.shareWith.length > 0 ? `; share with ${c.shareWith.join(', ')}` : '';
  return { tone: 'success', label: 'Consent given', detail: `${detail}${share}` };
}

/** Consent, wherever a person appears: a badge, and optionally what it allows. */
export function ConsentBadge({ consent, withDetail = false }: { readonly consent: Consent; readonly withDetail?: boolean }) {
  const s = consentSummary(consent);
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
