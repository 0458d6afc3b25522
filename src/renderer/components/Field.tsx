import { useId, type ReactNode } from 'react';
import { Icon } from './Icon';
import './Field.css';

export interface FieldIds {
  readonly id: string;
  /** ids of the hint and error texts, for aria-describedby */
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
}

export interface FieldProps {
  readonly label: string;
  readonly hint?: ReactNode;
  /** Shown under the control and announced politely; null or '' hides it. */
  readonly error?: string | null;
  /** More ids for aria-describedby (e.g. a strength meter under the field). */
  readonly describedBy?: string;
  readonly children: (ids: FieldIds) => ReactNode;
  readonly after?: ReactNode;
  /** A passing caution under the control (e.g. Caps Lock is on). */
  readonly caution?: string | null;
}

/** A label, a control, an optional hint and an error message, all tied together by ids. */
export function Field({ label, hint, error, describedBy, children, after, caution }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const cautionId = `${id}-caution`;
  const ids = [hint ? hintId : '', caution ? cautionId : '', error ? errorId : '', describedBy ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, describedBy: ids, invalid: Boolean(error) })}
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {caution ? (
        <p className="field__caution" id={cautionId} role="status">
          <Icon name="warning" />
          <span>{caution}</span>
        </p>
      ) : null}
      <div className="field__error-slot" aria-live="polite">
        {error ? (
          <p className="field__error" id={errorId}>
            <Icon name="error" />
            <span>{error}</span>
          </p>
        ) : null}
      </div>
      {after}
    </div>
  );
}
