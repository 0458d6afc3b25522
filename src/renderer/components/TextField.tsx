import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { Field } from './Field';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint?: ReactNode;
  readonly error?: string | null;
  readonly mono?: boolean;
  /** A button (e.g. "Browse…") shown beside the input. */
  readonly action?: ReactNode;
  readonly ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, value, onChange, hint, error, mono, action, className, ref, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => {
        const control = (
          <input
            {...input}
            id={id}
            ref={ref}
            className={['input', mono ? 'input--mono' : '', className ?? ''].filter(Boolean).join(' ')}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        );
        return action ? (
          <div className="input-row">
            {control}
            {action}
          </div>
        ) : (
          control
        );
      }}
    </Field>
  );
}
