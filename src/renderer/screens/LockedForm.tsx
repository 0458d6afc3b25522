import type { ReactNode, Ref } from 'react';
import { LIMITS } from '../../shared/limits';
import { Button } from '../components/Button';
import { TextField } from '../components/TextField';
import { useMounted } from '../hooks/useMounted';
import { useT } from '../i18n/I18nProvider';

/**
 * The pieces the locked screens' forms share (unlock, create, restore): a path chosen with the system's dialog,
 * and the submit row that says what the wait is for.
 */

export interface LocationFieldProps {
  readonly label: string;
  readonly hint?: ReactNode;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: string | null;
  readonly busy: boolean;
  /**
   * The system's dialog, or null where there is none (the developer preview types the path). In the app the
   * field is read-only: a path comes only from the dialog, which grants it to main.
   */
  readonly choose: (() => Promise<string | null>) | null;
  readonly chooseLabel: string;
  readonly name: string;
  readonly inputRef?: Ref<HTMLInputElement>;
}

export function LocationField({ label, hint, value, onChange, error, busy, choose, chooseLabel, name, inputRef }: LocationFieldProps) {
  const mounted = useMounted();
  const native = choose !== null;
  return (
    <TextField
      label={label}
      hint={hint}
      value={value}
      onChange={onChange}
      error={error}
      ref={inputRef}
      readOnly={busy || native}
      title={native ? value : undefined}
      limit={LIMITS.vaultPath}
      mono
      autoComplete="off"
      spellCheck={false}
      name={name}
      action={
        native ? (
          <Button
            onClick={async () => {
              const chosen = await choose();
              if (chosen && mounted.current) onChange(chosen);
            }}
            disabled={busy}
          >
            {chooseLabel}
          </Button>
        ) : undefined
      }
    />
  );
}

/** The primary button, and while busy the reason (Argon2id takes a second or two on purpose). */
export function LockedSubmit({ busy, label, busyLabel }: { readonly busy: boolean; readonly label: string; readonly busyLabel: string }) {
  const t = useT();
  return (
    <div className="form__actions">
      <Button type="submit" variant="primary" block busy={busy}>
        {busy ? busyLabel : label}
      </Button>
      <p className="form__busy" aria-live="polite">
        {busy ? t('locked.deriving') : ''}
      </p>
    </div>
  );
}
