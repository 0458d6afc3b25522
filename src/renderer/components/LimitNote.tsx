import { useCallback, useId, useState, type ChangeEvent, type InputHTMLAttributes } from 'react';
import { clipToLimit, nearLimit } from '../../shared/limits';
import { useT } from '../i18n/I18nProvider';
import { Icon } from './Icon';
import './SaveStatus.css';


/** What was left out of the last change, for the message under the field. */
interface Refused {
  readonly cut: number;
  readonly pasted: boolean;
}

/**
 * A text field's limit (shared/limits.ts, the numbers the core enforces), applied while the researcher types:
 * what does not fit is not added, and the field says so; a paste keeps what fits. `take` turns a change into
 * the value to keep; `note` renders the counter (near the limit) and the message, with `describedBy` for the
 * input's aria-describedby.
 */
export function useTextLimit(label: string, max: number) {
  const id = useId();
  const [refused, setRefused] = useState<Refused | null>(null);
  /** The value to keep for a change from `prev` to `next`; `pasted` when the change came from the clipboard. */
  const clip = useCallback(
    (prev: string, next: string, pasted = false): string => {
      const r = clipToLimit(prev, next, max);
      setRefused(r.cut > 0 ? { cut: r.cut, pasted } : null);
      return r.value;
    },
    [max],
  );
  const take = useCallback(
    (prev: string, e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>): string => {
      const inputType = (e.nativeEvent as InputEvent).inputType ?? '';
      return clip(prev, e.target.value, inputType === 'insertFromPaste' || inputType === 'insertFromDrop');
    },
    [clip],
  );
  /** From an editor that shortens insertions itself (the note editor): what it left out. */
  const report = useCallback((cut: number, pasted: boolean) => setRefused(cut > 0 ? { cut, pasted } : null), []);
  const shown = (value: string) => refused !== null || nearLimit(value.length, max);
  return {
    take,
    clip,
    report,
    /** For aria-describedby: set only while the note shows. */
    describedBy: (value: string) => (shown(value) ? id : undefined),
    note: (value: string) => (shown(value) ? <LimitNote id={id} label={label} length={value.length} max={max} refused={refused} /> : null),
  };
}

function LimitNote({ id, label, length, max, refused }: { readonly id: string; readonly label: string; readonly length: number; readonly max: number; readonly refused: Refused | null }) {
  const t = useT();
  const full = length >= max;
  const message = refused
    ? t(refused.pasted ? 'limit.pasted' : 'limit.typed', { label, max, cut: refused.cut })
    : full
      ? t('limit.full', { label, max })
      : null;
  return (
    <div className="limit-note" id={id}>
      {message ? (
        <p className="limit-note__message" role="status">
          <Icon name="warning" />
          <span>{message}</span>
        </p>
      ) : null}
      <span className={full ? 'limit-note__count limit-note__count--full' : 'limit-note__count'}>
        <span className="visually-hidden">{label}: </span>
        {t('limit.count', { length, max })}
      </span>
    </div>
  );
}

/**
 * An input held to a limit, with its note under it: for inputs made in a loop (a contact per row), where a hook
 * per input cannot be called. `label` names the field in the message.
 */
export function LimitedInput({ label, max, value, onValue, ...input }: { readonly label: string; readonly max: number; readonly value: string; readonly onValue: (v: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const limit = useTextLimit(label, max);
  return (
    <>
      <input {...input} value={value} onChange={(e) => onValue(limit.take(value, e))} aria-describedby={[input['aria-describedby'] ?? '', limit.describedBy(value) ?? ''].filter(Boolean).join(' ') || undefined} />
      {limit.note(value)}
    </>
  );
}
