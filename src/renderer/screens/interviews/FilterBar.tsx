import { useEffect, useId, useState, type ReactNode } from 'react';
import type { InterviewFilter, InterviewSummaryRow } from '../../../shared/domain';
import { call } from '../../api';
import { Icon } from '../../components/Icon';
import { incidentLabel, useVaultData } from '../../shell/context';
import { formatDate } from '../../format';
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
    return p ? (p.pseudonym ? `${p.code} · ${p.pseudonym}` : p.code) : 'Unknown person';
  };
  const chipText: Record<Key, (v: string) => string> = {
    from: (v) => `From ${formatDate(v)}`,
    to: (v) => `Until ${formatDate(v)}`,
    country: (v) => `Country: ${v}`,
    place: (v) => `Place: ${v}`,
    incidentType: (v) => `Incident: ${incidentLabel(taxonomy, v)}`,
    tag: (v) => `Tag: ${v}`,
    status: (v) => (v === 'reviewed' ? 'Reviewed' : 'Draft'),
    personId: (v) => `Person: ${person(v)}`,
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
          Filters
          {count > 0 ? <span className="filters__count">{count}</span> : null}
        </button>
        {count > 0 ? (
          <ul className="filters__chips" aria-label="Active filters">
            {(Object.keys(filter) as Key[])
              .filter((k) => value(k))
              .map((k) => (
                <li key={k} className="chip">
                  <span>{chipText[k](value(k))}</span>
                  <button type="button" className="chip__remove" aria-label={`Remove filter ${chipText[k](value(k))}`} onClick={() => set(k, '')}>
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              ))}
            <li>
              <button type="button" className="button button--link filters__clear" onClick={() => onChange({})}>
                Clear all
              </button>
            </li>
          </ul>
        ) : (
          <span className="filters__none">All interviews</span>
        )}
        {extra ? <div className="filters__extra">{extra}</div> : null}
      </div>
      <div className="filters__panel" id={panelId} hidden={!open}>
        {control('from', 'From', (id) => (
          <input id={id} type="date" className="input input--compact" value={value('from')} onChange={(e) => set('from', e.target.value)} autoComplete="off" />
        ))}
        {control('to', 'Until', (id) => (
          <input id={id} type="date" className="input input--compact" value={value('to')} onChange={(e) => set('to', e.target.value)} autoComplete="off" />
        ))}
        {control('country', 'Country', (id) => (
          <select id={id} className="select" value={value('country')} onChange={(e) => set('country', e.target.value)} autoComplete="off">
            <option value="">Any country</option>
            {countries.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        ))}
        {control('place', 'City or district', (id) => (
          <input id={id} className="input input--compact" value={value('place')} placeholder="Any place" onChange={(e) => set('place', e.target.value)} autoComplete="off" spellCheck={false} />
        ))}
        {control('incidentType', 'Incident type', (id) => (
          <select id={id} className="select" value={value('incidentType')} onChange={(e) => set('incidentType', e.target.value)} autoComplete="off">
            <option value="">Any incident type</option>
            {taxonomy.groups.map((g) => (
              <optgroup key={g.id} label={g.label}>
                {g.types.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        ))}
        {control('tag', 'Tag', (id) => (
          <select id={id} className="select" value={value('tag')} onChange={(e) => set('tag', e.target.value)} autoComplete="off">
            <option value="">Any tag</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        ))}
        {control('status', 'Status', (id) => (
          <select id={id} className="select" value={value('status')} onChange={(e) => set('status', e.target.value)} autoComplete="off">
            <option value="">Any status</option>
            <option value="draft">Draft</option>
            <option value="reviewed">Reviewed</option>
          </select>
        ))}
        {control('personId', 'Person', (id) => (
          <select id={id} className="select" value={value('personId')} onChange={(e) => set('personId', e.target.value)}>
            <option value="">Anyone</option>
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
