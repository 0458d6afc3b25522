import { useId, useState, type KeyboardEvent } from 'react';
import './ChipInput.css';

export interface ChipInputProps {
  readonly label: string;
  readonly values: readonly string[];
  readonly onChange: (values: readonly string[]) => void;
  readonly placeholder?: string;
  readonly hint?: string;
  readonly suggestions?: readonly string[];
  readonly name?: string;
}

/**
 * A list of short values (tags, languages, organisations): Enter or comma adds what is typed, Backspace in an
 * empty box removes the last one, and each chip has its own remove button.
 */
export function ChipInput({ label, values, onChange, placeholder, hint, suggestions, name }: ChipInputProps) {
  const [draft, setDraft] = useState('');
  const id = useId();
  const listId = useId();
  const hintId = useId();
  const add = (raw: string) => {
    const v = raw.trim().replace(/,+$/, '').trim();
    if (!v) return;
    if (!values.some((x) => x.toLowerCase() === v.toLowerCase())) onChange([...values, v]);
    setDraft('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      if (draft.trim()) {
        e.preventDefault();
        add(draft);
      } else if (e.key === ',') e.preventDefault();
    } else if (e.key === 'Backspace' && draft === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="chips">
        {values.length > 0 ? (
          <ul className="chips__list" aria-label={label}>
            {values.map((v) => (
              <li key={v} className="chip">
                <span>{v}</span>
                <button type="button" className="chip__remove" aria-label={`Remove ${v}`} onClick={() => onChange(values.filter((x) => x !== v))}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <input
          id={id}
          name={name}
          className="chips__input"
          value={draft}
          placeholder={values.length === 0 ? placeholder : 'Add…'}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKey}
          onBlur={() => add(draft)}
          list={suggestions && suggestions.length > 0 ? listId : undefined}
          aria-describedby={hint ? hintId : undefined}
          autoComplete="off"
          spellCheck={false}
        />
        {suggestions && suggestions.length > 0 ? (
          <datalist id={listId}>
            {suggestions
              .filter((s) => !values.includes(s))
              .map((s) => (
                <option key={s} value={s} />
              ))}
          </datalist>
        ) : null}
      </div>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
