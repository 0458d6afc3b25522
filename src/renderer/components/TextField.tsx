import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { Field } from './Field';
import { useTextLimit } from './LimitNote';

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
  /** The most characters the value may have (shared/limits.ts): more is not taken, and the field says so. */
  readonly limit?: number;
}

export function TextField({ label, value, onChange, hint, error, mono, action, className, ref, limit: max, ...input }: TextFieldProps) {
  const limit = useTextLimit(label, max ?? Number.MAX_SAFE_INTEGER);
  return (
    <Field label={label} hint={hint} error={error} describedBy={limit.describedBy(value)} after={limit.note(value)}>
      {({ id, describedBy, invalid }) => {
        const control = (
          <input
            {...input}
            id={id}
            ref={ref}
            className={['input', mono ? 'input--mono' : '', className ?? ''].filter(Boolean).join(' ')}
            value={value}
            onChange={(e) => onChange(max === undefined ? e.target.value : limit.take(value, e))}
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
