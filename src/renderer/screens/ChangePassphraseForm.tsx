import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { call } from '../api';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { PassphraseField } from '../components/PassphraseField';
import { StrengthMeter } from '../components/StrengthMeter';
import { changePassphraseError } from '../errors';
import { useMounted } from '../hooks/useMounted';
import { estimateStrength, WEAK_MESSAGE } from '../passphrase/strength';

type Problem = { readonly field: 'current' | 'next' | 'confirm' | 'form'; readonly message: string };

/** Re-wraps the vault key under a new passphrase. Records are not re-encrypted, so it takes about a second. */
export function ChangePassphraseForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [confirmTouched, setConfirmTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const refs = { current: useRef<HTMLInputElement>(null), next: useRef<HTMLInputElement>(null), confirm: useRef<HTMLInputElement>(null) };
  const meterId = useId();
  const mounted = useMounted();
  const estimate = useMemo(() => estimateStrength(next), [next]);
  const mismatch = confirm.length > 0 && confirm !== next && (confirmTouched || confirm.length >= next.length);

  const fail = (p: Problem) => {
    setProblem(p);
    const field = p.field;
    if (field !== 'form') requestAnimationFrame(() => refs[field].current?.focus());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setDone(false);
    if (!current) return fail({ field: 'current', message: 'Enter the current passphrase.' });
    if (!estimate.meetsMinimum) {
      return fail({ field: 'next', message: WEAK_MESSAGE });
    }
    if (next === current) return fail({ field: 'next', message: 'The new passphrase is the same as the current one.' });
    if (confirm !== next) {
      setConfirmTouched(true);
      return fail({ field: 'confirm', message: confirm ? 'The passphrases do not match.' : 'Type the new passphrase again to confirm it.' });
    }
    setProblem(null);
    setBusy(true);
    const result = await call('vault.changePassphrase', { current, next });
    if (!mounted.current) return;
    setBusy(false);
    if (!result.ok) {
      const p = changePassphraseError(result.error);
      return fail({ field: p.field, message: p.message });
    }
    setCurrent('');
    setNext('');
    setConfirm('');
    setConfirmTouched(false);
    setDone(true);
  };

  const errorFor = (field: Problem['field']) => (problem?.field === field ? problem.message : null);
  const edit = (setter: (v: string) => void, field: Problem['field']) => (v: string) => {
    setter(v);
    setDone(false);
    if (problem?.field === field) setProblem(null);
  };

  return (
    <form className="form settings-form" onSubmit={submit} noValidate aria-busy={busy}>
      <PassphraseField label="Current passphrase" value={current} onChange={edit(setCurrent, 'current')} autoComplete="off" error={errorFor('current')} inputRef={refs.current} readOnly={busy} name="current-passphrase" />
      <PassphraseField
        label="New passphrase"
        value={next}
        onChange={edit(setNext, 'next')}
        autoComplete="off"
        error={errorFor('next')}
        describedBy={meterId}
        inputRef={refs.next}
        readOnly={busy}
        name="new-passphrase"
        after={<StrengthMeter id={meterId} estimate={estimate} empty={next.length === 0} />}
      />
      <PassphraseField
        label="Confirm new passphrase"
        value={confirm}
        onChange={edit(setConfirm, 'confirm')}
        onBlur={() => setConfirmTouched(true)}
        autoComplete="off"
        error={mismatch ? 'The passphrases do not match.' : errorFor('confirm')}
        inputRef={refs.confirm}
        readOnly={busy}
        name="confirm-new-passphrase"
      />
      {problem?.field === 'form' ? (
        <Alert tone="error" title="The passphrase was not changed">
          {problem.message}
        </Alert>
      ) : null}
      {done ? (
        <Alert tone="success" title="Passphrase changed">
          Use the new passphrase the next time you unlock this vault.
        </Alert>
      ) : null}
      <div className="settings-form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          {busy ? 'Changing…' : 'Change passphrase'}
        </Button>
      </div>
    </form>
  );
}
