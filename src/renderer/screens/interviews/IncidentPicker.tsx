import { useId, useRef, useState } from 'react';
import type { Taxonomy } from '../../../shared/domain';
import { Icon } from '../../components/Icon';
import { incidentLabel } from '../../shell/context';

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

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
  const q = fold(query.trim());
  const groups = taxonomy.groups
    .map((g) => ({ ...g, types: q ? g.types.filter((t) => fold(t.label).includes(q) || fold(g.label).includes(q)) : g.types }))
    .filter((g) => g.types.length > 0);
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
          Incident types
        </span>
        <button ref={toggleRef} type="button" className="button button--link incidents__toggle" aria-expanded={open} aria-controls={panelId} onClick={() => (open ? close() : setOpen(true))}>
          {open ? 'Done' : selected.length > 0 ? 'Change' : 'Choose'}
        </button>
      </div>
      {selected.length > 0 ? (
        <ul className="chips__list incidents__chips" aria-labelledby={labelId}>
          {selected.map((id) => (
            <li key={id} className="chip">
              <span>{incidentLabel(taxonomy, id)}</span>
              <button type="button" className="chip__remove" aria-label={`Remove ${incidentLabel(taxonomy, id)}`} onClick={() => toggle(id)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : !open ? (
        <p className="side-card__empty">None chosen.</p>
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
            <input className="input input--compact" aria-label="Filter incident types" placeholder="Filter types" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus autoComplete="off" spellCheck={false} />
          </div>
          <div className="incidents__groups">
            {groups.length === 0 ? <p className="side-card__empty">No type matches “{query}”.</p> : null}
            {groups.map((g) => (
              <fieldset key={g.id} className="incidents__group">
                <legend>{g.label}</legend>
                {g.types.map((t) => (
                  <label key={t.id} className="check">
                    <input type="checkbox" checked={selected.includes(t.id)} onChange={() => toggle(t.id)} />
                    <span>{t.label}</span>
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
