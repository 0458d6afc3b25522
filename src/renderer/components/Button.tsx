import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Spinner } from './Spinner';
import './Button.css';

type Variant = 'primary' | 'secondary' | 'ghost' | 'link' | 'danger';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  readonly variant?: Variant;
  /** Shows a spinner and marks the button busy; the button is disabled meanwhile. */
  readonly busy?: boolean;
  readonly block?: boolean;
  readonly children: ReactNode;
}

export function Button({ variant = 'secondary', busy = false, block = false, className, children, disabled, type = 'button', ...rest }: ButtonProps) {
  const classes = ['button', `button--${variant}`, block ? 'button--block' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button {...rest} type={type} className={classes} disabled={disabled || busy} aria-busy={busy || undefined}>
      {busy ? <Spinner /> : null}
      {children}
    </button>
  );
}
