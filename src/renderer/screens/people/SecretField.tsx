import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { copySecret } from '../../api';
import { Icon } from '../../components/Icon';

/** How long a revealed identity field stays visible after the last interaction with it. */
export const REVEAL_MS = 30_000;

export interface SecretFieldProps {
  readonly label: string;
  /** The person's code, shown in place of the value while it is hidden. */
  readonly code: string;
  readonly value: string;
  /** What the value is made of, for copying (the text of a list of spellings). */
  readonly copyText?: string;
  readonly empty: boolean;
  /** The editor shown while revealed. It receives the input id and a function to call on every change. */
  readonly children: (ids: { readonly id: string; readonly touch: () => void }) => ReactNode;
  readonly autoReveal?: boolean;
}

/**
 * A real name or a contact: hidden by default (the code name and dots, the value itself is not in the page),
 * revealed by an explicit action, hidden again 30 seconds after the last change. Copying puts it on the
 * clipboard for 30 seconds.
 */
export function SecretField({ label, code, value, copyText, empty, children, autoReveal = false }: SecretFieldProps) {
  const [revealed, setRevealed] = useState(autoReveal);
  const [stamp, setStamp] = useState(0);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const id = useId();
  const revealButton = useRef<HTMLButtonElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!revealed) return;
    const timer = setTimeout(() => {
      const hadFocus = wrapper.current?.contains(document.activeElement) ?? false;
      setRevealed(false);
      if (hadFocus) requestAnimationFrame(() => revealButton.current?.focus());
    }, REVEAL_MS);
    return () => clearTimeout(timer);
  }, [revealed, stamp]);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 4000);
    return () => clearTimeout(timer);
  }, [copied]);

  const reveal = () => {
    setRevealed(true);
    setStamp((n) => n + 1);
    requestAnimationFrame(() => (document.getElementById(id) as HTMLElement | null)?.focus());
  };
  const hide = () => {
    setRevealed(false);
    requestAnimationFrame(() => revealButton.current?.focus());
  };
  const copy = async () => setCopied((await copySecret(copyText ?? value)) ? 'copied' : 'failed');

  return (
    <div className={revealed ? 'secret secret--revealed' : 'secret'} ref={wrapper}>
      {revealed ? (
        <label className="secret__label" htmlFor={id}>
          {label}
        </label>
      ) : (
        <span className="secret__label">{label}</span>
      )}
      <div className="secret__row">
        {revealed ? (
          <div className="secret__editor">{children({ id, touch: () => setStamp((n) => n + 1) })}</div>
        ) : (
          <span className={empty ? 'secret__mask secret__mask--empty' : 'secret__mask'} aria-label={empty ? `${label}: not recorded` : `${label}: hidden`}>
            {empty ? (
              'Not recorded'
            ) : (
              <>
                <span className="secret__code">{code}</span>
                <span aria-hidden="true" className="secret__dots">
                  ••••••••
                </span>
              </>
            )}
          </span>
        )}
        <div className="secret__actions">
          {revealed ? (
            <button type="button" className="secret__button" onClick={hide} aria-label={`Hide ${label}`} title="Hide">
              <Icon name="eye-off" />
            </button>
          ) : (
            <button type="button" ref={revealButton} className="secret__button" onClick={reveal} aria-label={empty ? `Add ${label}` : `Reveal ${label}`} title={empty ? 'Add' : 'Reveal for 30 seconds'}>
              <Icon name={empty ? 'plus' : 'eye'} />
            </button>
          )}
          {!empty ? (
            <button type="button" className="secret__button" onClick={() => void copy()} aria-label={`Copy ${label}`} title="Copy (the clipboard clears after 30 seconds)">
              <Icon name="copy" />
            </button>
          ) : null}
        </div>
      </div>
      {revealed ? <p className="secret__note">Hides again 30 seconds after your last change.</p> : null}
      {copied ? (
        <p className={copied === 'copied' ? 'secret__note secret__note--ok' : 'secret__note secret__note--error'} role="status">
          {copied === 'copied' ? 'Copied. The clipboard will be cleared in 30 seconds.' : 'Could not copy to the clipboard.'}
        </p>
      ) : null}
    </div>
  );
}
