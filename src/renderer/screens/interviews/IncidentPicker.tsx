import { useId, useRef, useState } from 'react';
import type { Taxonomy } from '../../../shared/domain';
import { Icon } from '../../components/Icon';
import { useT } from '../../i18n/I18nProvider';
import { filterTaxonomy, groupLabel, incidentTypeLabel, typeLabel } from '../../i18n/taxonomy';

/**
 * Incident types from the vault's taxonomy, grouped as in the field. The chosen ones show as chips; "Choose"
 * opens the grouped list (checkboxes, with a filter box) right below, and Escape closes it.
 */
export function IncidentPicker({ taxonomy, selected, onChange }: { readonly taxonomy: Taxonomy; readonly selected: readonly string[]; readonly onChange: (ids: readonly string[]) => void }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const panelId = useId();
  const labelId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const t = useT();
  // Matches the labels in every interface language, so "задерж" finds a type in the English interface too.
  const groups = filterTaxonomy(taxonomy, query);
  const toggle = (id: string) => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  const close = () => {
    setOpen(false);
    setQuery('');
    toggleRef.current?.focus();
  };
  return (
    <div className="field incidents">
      <div className="incidents__head">
        <span className="field__label" id={labelId}>
          {t('incidents.title')}
        </span>
        <button ref={toggleRef} type="button" className="button button--link incidents__toggle" aria-expanded={open} aria-controls={panelId} onClick={() => (open ? close() : setOpen(true))}>
          {open ? t('incidents.done') : selected.length > 0 ? t('incidents.change') : t('incidents.choose')}
        </button>
      </div>
      {selected.length > 0 ? (
        <ul className="chips__list incidents__chips" aria-labelledby={labelId}>
          {selected.map((id) => (
            <li key={id} className="chip">
              <span>{incidentTypeLabel(t, taxonomy, id)}</span>
              <button type="button" className="chip__remove" aria-label={t('incidents.remove', { label: incidentTypeLabel(t, taxonomy, id) })} onClick={() => toggle(id)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : !open ? (
        <p className="side-card__empty">{t('incidents.none')}</p>
      ) : null}
      {open ? (
        <div
          className="incidents__panel"
          id={panelId}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              close();
            }
          }}
        >
          <div className="incidents__filter">
            <Icon name="search" />
            <input className="input input--compact" aria-label={t('incidents.filter')} placeholder={t('incidents.filterPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} autoFocus autoComplete="off" spellCheck={false} />
          </div>
          <div className="incidents__groups">
            {groups.length === 0 ? <p className="side-card__empty">{t('incidents.noMatch', { query })}</p> : null}
            {groups.map((g) => (
              <fieldset key={g.id} className="incidents__group">
                <legend>{groupLabel(t, g)}</legend>
                {g.types.map((x) => (
                  <label key={x.id} className="check">
                    <input type="checkbox" checked={selected.includes(x.id)} onChange={() => toggle(x.id)} />
                    <span>{typeLabel(t, x)}</span>
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
}
