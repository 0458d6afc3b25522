import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Icon, type IconName } from './Icon';
import './Alert.css';

export type AlertTone = 'error' | 'warning' | 'success' | 'info';

const icons: Record<AlertTone, IconName> = { error: 'error', warning: 'warning', success: 'check', info: 'info' };

export interface AlertProps {
  readonly tone: AlertTone;
  readonly title?: string;
  readonly children?: ReactNode;
  readonly onDismiss?: () => void;
  readonly className?: string;
}

/** A message box. Errors are announced assertively (role=alert); the rest politely (role=status). */
export function Alert({ tone, title, children, onDismiss, className }: AlertProps) {
  return (
    <div className={['alert', `alert--${tone}`, className ?? ''].filter(Boolean).join(' ')} role={tone === 'error' ? 'alert' : 'status'}>
      <Icon name={icons[tone]} className="alert__icon" />
      <div className="alert__body">
        {title ? <p className="alert__title">{title}</p> : null}
        {children ? <div className="alert__text">{children}</div> : null}
      </div>
      {onDismiss ? (
        <button type="button" className="alert__dismiss" onClick={onDismiss}>
          <FormattedMessage id="alert.dismiss" />
        </button>
      ) : null}
    </div>
  );
}
