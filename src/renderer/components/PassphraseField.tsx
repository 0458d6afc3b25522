import { useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { Field } from './Field';
import { useT } from '../i18n/I18nProvider';
import { Icon } from './Icon';

export interface PassphraseFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Always 'off': a browser running the preview must not offer to save a vault passphrase. */
  readonly autoComplete: 'off';
  readonly hint?: ReactNode;
  readonly error?: string | null;
  readonly describedBy?: string;
  readonly readOnly?: boolean;
  readonly autoFocus?: boolean;
  readonly inputRef?: RefObject<HTMLInputElement | null>;
  readonly name?: string;
  /** Rendered under the field (a strength meter). */
  readonly after?: ReactNode;
  readonly onBlur?: () => void;
}

/** A passphrase input with a show/hide toggle and a Caps Lock warning. Never spell-checked or autocorrected. */
export function PassphraseField({ label, value, onChange, autoComplete, hint, error, describedBy, readOnly, autoFocus, inputRef, name, after, onBlur }: PassphraseFieldProps) {
  const t = useT();
  const [visible, setVisible] = useState(false);
  const [capsLock, setCapsLock] = useState(false);
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => setCapsLock(e.getModifierState('CapsLock'));
  return (
    <Field
      label={label}
      hint={hint}
      caution={capsLock ? t('passphrase.capsLock') : null}
      error={error}
      describedBy={describedBy}
      after={after}
    >
      {({ id, describedBy: ids, invalid }) => (
        <div className="input-group">
          <input
            id={id}
            ref={inputRef}
            name={name}
            className="input"
            type={visible ? 'text' : 'password'}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            onKeyDown={onKey}
            onKeyUp={onKey}
            onBlur={() => {
              setCapsLock(false);
              onBlur?.();
            }}
            autoComplete={autoComplete}
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            readOnly={readOnly}
            autoFocus={autoFocus}
            aria-describedby={ids}
            aria-invalid={invalid || undefined}
          />
          <button
            type="button"
            className="input-group__action"
            onClick={() => setVisible((v) => !v)}
            aria-label={t(visible ? 'passphrase.hide' : 'passphrase.show', { label: label.toLowerCase() })}
            aria-pressed={visible}
            title={visible ? t('passphrase.hideTitle') : t('passphrase.showTitle')}
          >
            <Icon name={visible ? 'eye-off' : 'eye'} />
          </button>
        </div>
      )}
    </Field>
  );
}
