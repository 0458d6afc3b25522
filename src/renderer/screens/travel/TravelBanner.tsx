import { useIntl } from 'react-intl';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { formatDateTime } from '../../format';
import { translator } from '../../i18n/I18nProvider';
import { useNavigation } from '../../shell/context';
import { AwayCodes } from './TravelAway';
import { useAway } from './travel-status';
import './travel.css';

/**
 * Across the app while the register is away: since when, what left, and that exports are off. Not dismissable: it is
 * the state of the vault, not a reminder.
 */
export function TravelBanner() {
  const intl = useIntl();
  const t = translator(intl);
  const { navigate, route } = useNavigation();
  const away = useAway();
  // the Travel screen says all of it, and the people list has its own notice (AwayPeople)
  if (route.section === 'travel' || (route.section === 'people' && !route.id && !route.view)) return null;
  const go = () => navigate({ section: 'travel' });
  if (!away) return null;
  return (
    <section className="travel-banner" aria-labelledby="travel-banner-h">
      <Icon name="travel" />
      <div className="travel-banner__text">
        <h2 id="travel-banner-h">{t('travel.banner.title', { date: formatDateTime(intl, away.since) })}</h2>
        <p>{t('travel.banner.text', { people: away.moved.people, interviews: away.moved.interviews })}</p>
      </div>
      <Button onClick={go}>{t('travel.banner.go')}</Button>
    </section>
  );
}

/**
 * Where an export or a brief would be: the register is away, so the core refuses them (redaction needs the names).
 * Says so plainly, with the way back.
 */
export function AwayRefusal({ what }: { readonly what: 'export' | 'brief' }) {
  const intl = useIntl();
  const t = translator(intl);
  const { navigate } = useNavigation();
  const away = useAway();
  return (
    <div className="travel-refusal" role="status">
      <Icon name="travel" />
      <div className="travel-refusal__text">
        <h2>{what === 'export' ? t('travel.refusal.export.title') : t('travel.refusal.brief.title')}</h2>
        <p>
          {away ? t('travel.refusal.since', { date: formatDateTime(intl, away.since) }) : null} {t('travel.refusal.text')}
        </p>
        <Button variant="link" onClick={() => navigate({ section: 'travel' })}>
          {t('travel.refusal.go')}
        </Button>
      </div>
    </div>
  );
}

/** Above the people list while the register is away: who left (code names only) and the way back. */
export function AwayPeople() {
  const intl = useIntl();
  const t = translator(intl);
  const { navigate } = useNavigation();
  const away = useAway();
  if (!away) return null;
  return (
    <section className="travel-refusal" aria-labelledby="travel-people-h">
      <Icon name="travel" />
      <div className="travel-refusal__text">
        <h2 id="travel-people-h">{t('travel.people.title')}</h2>
        <p>{t('travel.people.text', { count: away.moved.people, date: formatDateTime(intl, away.since) })}</p>
        {away.awayCodes.length > 0 ? <AwayCodes codes={away.awayCodes} /> : null}
        <Button variant="link" onClick={() => navigate({ section: 'travel' })}>
          {t('travel.people.go')}
        </Button>
      </div>
    </section>
  );
}
