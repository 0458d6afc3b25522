import { useEffect, useId, useRef, type ReactNode } from 'react';
import './Dialog.css';

export interface DialogProps {
  readonly title: string;
  readonly description?: ReactNode;
  readonly onClose: () => void;
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
  readonly size?: 'small' | 'large';
  readonly role?: 'dialog' | 'alertdialog';
}

/**
 * A modal dialog on the native <dialog> element: focus moves in and is kept there, Escape closes, and focus
 * returns to where it was when the dialog closes.
 */
export function Dialog({ title, description, onClose, children, actions, size = 'small', role = 'dialog' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className={`dialog dialog--${size}`} role={role} aria-labelledby={titleId} aria-describedby={description ? descId : undefined}>
      <header className="dialog__header">
        <h2 id={titleId}>{title}</h2>
        {description ? (
          <div className="dialog__description" id={descId}>
            {description}
          </div>
        ) : null}
      </header>
      {children ? <div className="dialog__body">{children}</div> : null}
      {actions ? <footer className="dialog__actions">{actions}</footer> : null}
    </dialog>
  );
}
