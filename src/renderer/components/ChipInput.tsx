import { useId, useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n/I18nProvider';
import { useTextLimit } from './LimitNote';
import './ChipInput.css';

export interface ChipInputProps {
  readonly label: string;
  readonly values: readonly string[];
  readonly onChange: (values: readonly string[]) => void;
  readonly placeholder?: string;
  readonly hint?: string;
  readonly suggestions?: readonly string[];
  readonly name?: string;
  /** The most characters one value may have (shared/limits.ts): longer ones are shortened, and the field says so. */
  readonly maxLength?: number;
}

/** What separates values typed or pasted together: "Russian, Uzbek" and "Russian; Uzbek" are two values. */
const SEPARATORS = /[,;\n]/;

/**
 * A list of short values (tags, languages, organisations): Enter, comma or semicolon adds what is typed, text
 * pasted with commas or semicolons becomes one chip per part, Backspace in an empty box removes the last one,
 * and each chip has its own remove button.
 */
export function ChipInput({ label, values, onChange, placeholder, hint, suggestions, name, maxLength = Number.MAX_SAFE_INTEGER }: ChipInputProps) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const id = useId();
  const listId = useId();
  const hintId = useId();
  const limit = useTextLimit(label, maxLength);
  /** Adds every part not already there (compared case-insensitively). */
  const addParts = (parts: readonly string[]) => {
    const next = [...values];
    for (const part of parts) {
      const v = part.trim();
      if (v && !next.some((x) => x.toLowerCase() === v.toLowerCase())) next.push(v);
    }
    if (next.length !== values.length) onChange(next);
  };
  const add = (raw: string) => {
    if (!raw.trim()) return;
    addParts(raw.split(SEPARATORS));
    setDraft('');
  };
  const onInput = (text: string, pasted: boolean) => {
    if (!SEPARATORS.test(text)) {
      setDraft(limit.clip(draft, text, pasted));
      return;
    }
    // pasted (or dictated) text with separators: every complete part becomes a chip, the last stays in the box
    const parts = text.split(SEPARATORS).map((p) => p.trim());
    const rest = parts.pop() ?? '';
    const cut = [...parts, rest].reduce((n, p) => n + Math.max(0, p.length - maxLength), 0);
    addParts(parts.map((p) => p.slice(0, maxLength)));
    setDraft(rest.slice(0, maxLength));
    limit.report(cut, pasted);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',' || e.key === ';') {
      if (draft.trim()) {
        e.preventDefault();
        add(draft);
      } else if (e.key !== 'Enter') e.preventDefault();
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
                <button type="button" className="chip__remove" aria-label={t('chips.remove', { value: v })} onClick={() => onChange(values.filter((x) => x !== v))}>
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
          placeholder={values.length === 0 ? placeholder : t('chips.add')}
          onChange={(e) => onInput(e.target.value, (e.nativeEvent as InputEvent).inputType === 'insertFromPaste')}
          onKeyDown={onKey}
          onBlur={() => add(draft)}
          list={suggestions && suggestions.length > 0 ? listId : undefined}
          aria-describedby={[hint ? hintId : '', limit.describedBy(draft) ?? ''].filter(Boolean).join(' ') || undefined}
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
      {limit.note(draft)}
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
