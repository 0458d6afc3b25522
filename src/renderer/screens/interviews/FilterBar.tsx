import { useEffect, useId, useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { InterviewFilter, InterviewSummaryRow } from '../../../shared/domain';
import { call } from '../../api';
import { Icon } from '../../components/Icon';
import { useVaultData } from '../../shell/context';
import { formatDate } from '../../format';
import { translator } from '../../i18n/I18nProvider';
import { groupLabel, incidentTypeLabel, typeLabel } from '../../i18n/taxonomy';
import './FilterBar.css';

type Key = keyof InterviewFilter;

/** Countries and tags that occur in the vault, for the filter choices. */
function useChoices(): { countries: readonly string[]; tags: readonly string[] } {
  const [rows, setRows] = useState<readonly InterviewSummaryRow[]>([]);
  useEffect(() => {
    let alive = true;
    void call('interviews.list', {}).then((r) => alive && r.ok && setRows(r.value));
    return () => {
      alive = false;
    };
  }, []);
  const uniq = (xs: string[]) => [...new Map(xs.filter(Boolean).map((x) => [x.toLowerCase(), x])).values()].sort((a, b) => a.localeCompare(b));
  return { countries: uniq(rows.map((r) => r.place.country.trim())), tags: uniq(rows.flatMap((r) => [...r.tags])) };
}

export function activeFilterCount(f: InterviewFilter): number {
  return Object.values(f).filter((v) => v !== undefined && v !== '').length;
}

/**
 * The interview filters shared by the list and search: date range, country, place, incident type, tag, status
 * and person. Every control is a native, labelled form control; active filters show as removable chips.
 */
export function FilterBar({ filter, onChange, extra }: { readonly filter: InterviewFilter; readonly onChange: (f: InterviewFilter) => void; readonly extra?: ReactNode }) {
  const { taxonomy, people } = useVaultData();
  const { countries, tags } = useChoices();
  const intl = useIntl();
  const t = translator(intl);
  const [open, setOpen] = useState(activeFilterCount(filter) > 0);
  const panelId = useId();
  const idp = useId();
  const set = (key: Key, value: string) => {
    const next: Record<string, string> = { ...(filter as Record<string, string>) };
    if (value) next[key] = value;
    else delete next[key];
    onChange(next as InterviewFilter);
  };
  const count = activeFilterCount(filter);
  const person = (id: string) => {
    const p = people.find((x) => x.id === id);
    return p ? (p.pseudonym ? `${p.code} · ${p.pseudonym}` : p.code) : t('filters.unknownPerson');
  };
  const chipText: Record<Key, (v: string) => string> = {
    from: (v) => t('filters.chip.from', { date: formatDate(intl, v) }),
    to: (v) => t('filters.chip.to', { date: formatDate(intl, v) }),
    country: (v) => t('filters.chip.country', { value: v }),
    place: (v) => t('filters.chip.place', { value: v }),
    incidentType: (v) => t('filters.chip.incident', { value: incidentTypeLabel(t, taxonomy, v) }),
    tag: (v) => t('filters.chip.tag', { value: v }),
    status: (v) => (v === 'reviewed' ? t('status.reviewed') : t('status.draft')),
    personId: (v) => t('filters.chip.person', { value: person(v) }),
  };
  const control = (key: Key, label: string, input: (id: string) => ReactNode) => (
    <div className="filters__control">
      <label htmlFor={`${idp}-${key}`}>{label}</label>
      {input(`${idp}-${key}`)}
    </div>
  );
  const value = (key: Key) => (filter[key] as string | undefined) ?? '';

  return (
    <div className="filters">
      <div className="filters__bar">
        <button type="button" className="button button--secondary filters__toggle" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
          <Icon name="filter" />
          {t('filters.toggle')}
          {count > 0 ? <span className="filters__count">{count}</span> : null}
        </button>
        {count > 0 ? (
          <ul className="filters__chips" aria-label={t('filters.active')}>
            {(Object.keys(filter) as Key[])
              .filter((k) => value(k))
              .map((k) => (
                <li key={k} className="chip">
                  <span>{chipText[k](value(k))}</span>
                  <button type="button" className="chip__remove" aria-label={t('filters.remove', { filter: chipText[k](value(k)) })} onClick={() => set(k, '')}>
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              ))}
            <li>
              <button type="button" className="button button--link filters__clear" onClick={() => onChange({})}>
                {t('filters.clearAll')}
              </button>
            </li>
          </ul>
        ) : (
          <span className="filters__none">{t('filters.none')}</span>
        )}
        {extra ? <div className="filters__extra">{extra}</div> : null}
      </div>
      <div className="filters__panel" id={panelId} hidden={!open}>
        {control('from', t('filters.from'), (id) => (
          <input id={id} type="date" className="input input--compact" value={value('from')} onChange={(e) => set('from', e.target.value)} autoComplete="off" />
        ))}
        {control('to', t('filters.to'), (id) => (
          <input id={id} type="date" className="input input--compact" value={value('to')} onChange={(e) => set('to', e.target.value)} autoComplete="off" />
        ))}
        {control('country', t('filters.country'), (id) => (
          <select id={id} className="select" value={value('country')} onChange={(e) => set('country', e.target.value)} autoComplete="off">
            <option value="">{t('filters.anyCountry')}</option>
            {countries.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        ))}
        {control('place', t('filters.place'), (id) => (
          <input id={id} className="input input--compact" value={value('place')} placeholder={t('filters.anyPlace')} onChange={(e) => set('place', e.target.value)} autoComplete="off" spellCheck={false} />
        ))}
        {control('incidentType', t('filters.incidentType'), (id) => (
          <select id={id} className="select" value={value('incidentType')} onChange={(e) => set('incidentType', e.target.value)} autoComplete="off">
            <option value="">{t('filters.anyIncidentType')}</option>
            {taxonomy.groups.map((g) => (
              <optgroup key={g.id} label={groupLabel(t, g)}>
                {g.types.map((x) => (
                  <option key={x.id} value={x.id}>
                    {typeLabel(t, x)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        ))}
        {control('tag', t('filters.tag'), (id) => (
          <select id={id} className="select" value={value('tag')} onChange={(e) => set('tag', e.target.value)} autoComplete="off">
            <option value="">{t('filters.anyTag')}</option>
            {tags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        ))}
        {control('status', t('filters.status'), (id) => (
          <select id={id} className="select" value={value('status')} onChange={(e) => set('status', e.target.value)} autoComplete="off">
            <option value="">{t('filters.anyStatus')}</option>
            <option value="draft">{t('status.draft')}</option>
            <option value="reviewed">{t('status.reviewed')}</option>
          </select>
        ))}
        {control('personId', t('filters.person'), (id) => (
          <select id={id} className="select" value={value('personId')} onChange={(e) => set('personId', e.target.value)}>
            <option value="">{t('filters.anyone')}</option>
            {[...people]
              .sort((a, b) => a.code.localeCompare(b.code))
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.pseudonym ? `${p.code} · ${p.pseudonym}` : p.code}
                </option>
              ))}
          </select>
        ))}
      </div>
    </div>
  );
}
