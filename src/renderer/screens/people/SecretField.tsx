import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { copySecret } from '../../api';
import { Icon } from '../../components/Icon';
import { useT } from '../../i18n/I18nProvider';

/** How long a revealed identity field stays visible after the last interaction with it. */
export const REVEAL_MS = 30_000;

interface RevealState {
  /** The one revealed field of the scope, by its id. */
  readonly open: string | null;
  readonly setOpen: Dispatch<SetStateAction<string | null>>;
  /** Says something politely to assistive technology (a field that hid itself). */
  readonly announce: (text: string) => void;
}

const RevealContext = createContext<RevealState | null>(null);

/**
 * The fields of one record: revealing one hides any other, so at most one real name or contact is on screen.
 * Also the place where a field that hides itself says so to screen readers (one polite live region, present
 * before anything is said in it, as live regions must be).
 */
export function RevealScope({ children }: { readonly children: ReactNode }) {
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  const announce = useCallback((text: string) => {
    timers.current.forEach(clearTimeout);
    // emptied first, so that the same sentence twice is read twice
    setMessage('');
    timers.current = [setTimeout(() => setMessage(text), 100), setTimeout(() => setMessage(''), 10_000)];
  }, []);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);
  const state = useMemo(() => ({ open, setOpen, announce }), [open, announce]);
  return (
    <RevealContext.Provider value={state}>
      {children}
      <p className="visually-hidden" role="status" data-testid="reveal-announcer">
        {message}
      </p>
    </RevealContext.Provider>
  );
}

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
  const scope = useContext(RevealContext);
  const t = useT();
  const id = useId();
  const [alone, setAlone] = useState(autoReveal);
  // In a scope the field is revealed while it is the scope's open one; alone (no scope), by itself.
  const revealed = scope ? scope.open === id : alone;
  const setOpen = scope?.setOpen;
  const setRevealed = useCallback(
    (on: boolean) => {
      if (!setOpen) return setAlone(on);
      setOpen((current) => (on ? id : current === id ? null : current));
    },
    [setOpen, id],
  );
  const [stamp, setStamp] = useState(0);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const announce = scope?.announce;

  // a field that starts revealed (a contact just added) takes the scope's one open place
  useEffect(() => {
    if (autoReveal) setRevealed(true);
    // only when it appears
  }, []);
  const revealButton = useRef<HTMLButtonElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!revealed) return;
    const timer = setTimeout(() => {
      const hadFocus = wrapper.current?.contains(document.activeElement) ?? false;
      setRevealed(false);
      announce?.(t('secret.hiddenAgain', { label }));
      if (hadFocus) requestAnimationFrame(() => revealButton.current?.focus());
    }, REVEAL_MS);
    return () => clearTimeout(timer);
  }, [revealed, stamp, setRevealed, announce, label, t]);

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
          <span className={empty ? 'secret__mask secret__mask--empty' : 'secret__mask'} aria-label={empty ? t('secret.notRecordedLabel', { label }) : t('secret.hiddenLabel', { label })}>
            {empty ? (
              t('secret.notRecorded')
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
            <button type="button" className="secret__button" onClick={hide} aria-label={t('secret.hide', { label })} title={t('secret.hideTitle')}>
              <Icon name="eye-off" />
            </button>
          ) : (
            <button type="button" ref={revealButton} className="secret__button" onClick={reveal} aria-label={empty ? t('secret.add', { label }) : t('secret.reveal', { label })} title={empty ? t('secret.addTitle') : t('secret.revealTitle')}>
              <Icon name={empty ? 'plus' : 'eye'} />
            </button>
          )}
          {!empty ? (
            <button type="button" className="secret__button" onClick={() => void copy()} aria-label={t('secret.copy', { label })} title={t('secret.copyTitle')}>
              <Icon name="copy" />
            </button>
          ) : null}
        </div>
      </div>
      {revealed ? <p className="secret__note">{t('secret.hidesAgain')}</p> : null}
      {copied ? (
        <p className={copied === 'copied' ? 'secret__note secret__note--ok' : 'secret__note secret__note--error'} role="status">
          {copied === 'copied' ? t('secret.copied') : t('secret.copyFailed')}
        </p>
      ) : null}
    </div>
  );
}
