import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { call } from '../api';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { PassphraseField } from '../components/PassphraseField';
import { StrengthMeter } from '../components/StrengthMeter';
import { changePassphraseError } from '../errors';
import { useMounted } from '../hooks/useMounted';
import { assessNow, usePassphraseAssessment, WEAK_MESSAGE } from '../passphrase/usePassphraseAssessment';

type Problem = { readonly field: 'current' | 'next' | 'confirm' | 'form'; readonly message: string };

/**
 * Re-wraps the vault key under a new passphrase (about a second), or, when the old passphrase may be known to
 * someone, re-encrypts every record under a fresh key (longer: every record is rewritten).
 */
export function ChangePassphraseForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [confirmTouched, setConfirmTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<'changed' | 'reencrypted' | null>(null);
  const [reencrypt, setReencrypt] = useState(false);
  const reencryptId = useId();
  const refs = { current: useRef<HTMLInputElement>(null), next: useRef<HTMLInputElement>(null), confirm: useRef<HTMLInputElement>(null) };
  const meterId = useId();
  const mounted = useMounted();
  // The open vault's folder names count as guessable words for the policy, as they do in the core.
  const [vaultPath, setVaultPath] = useState('');
  useEffect(() => {
    void call('vault.status', {}).then((r) => {
      if (mounted.current && r.ok && r.value.state === 'unlocked') setVaultPath(r.value.path);
    });
  }, [mounted]);
  const userInputs = useMemo(() => [vaultPath], [vaultPath]);
  const check = usePassphraseAssessment(next, userInputs);
  const mismatch = confirm.length > 0 && confirm !== next && (confirmTouched || confirm.length >= next.length);

  const fail = (p: Problem) => {
    setProblem(p);
    const field = p.field;
    if (field !== 'form') requestAnimationFrame(() => refs[field].current?.focus());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setDone(null);
    if (!current) return fail({ field: 'current', message: 'Enter the current passphrase.' });
    const verdict = check.assessment ?? (await assessNow(next, userInputs));
    if (!mounted.current) return;
    // If the core could not be asked, vault.changePassphrase below still enforces the policy.
    if (verdict !== null && !verdict.acceptable) {
      return fail({ field: 'next', message: WEAK_MESSAGE });
    }
    if (next === current) return fail({ field: 'next', message: 'The new passphrase is the same as the current one.' });
    if (confirm !== next) {
      setConfirmTouched(true);
      return fail({ field: 'confirm', message: confirm ? 'The passphrases do not match.' : 'Type the new passphrase again to confirm it.' });
    }
    setProblem(null);
    setBusy(true);
    const result = await call('vault.changePassphrase', reencrypt ? { current, next, reencrypt } : { current, next });
    if (!mounted.current) return;
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'weak-passphrase') return fail({ field: 'next', message: result.error.message });
      const p = changePassphraseError(result.error);
      return fail({ field: p.field, message: p.message });
    }
    setCurrent('');
    setNext('');
    setConfirm('');
    setConfirmTouched(false);
    setDone(reencrypt ? 'reencrypted' : 'changed');
  };

  const errorFor = (field: Problem['field']) => (problem?.field === field ? problem.message : null);
  const edit = (setter: (v: string) => void, field: Problem['field']) => (v: string) => {
    setter(v);
    setDone(null);
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
        after={<StrengthMeter id={meterId} assessment={check.shown} pending={check.pending} empty={next.length === 0} />}
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
      <label className="toggle settings__toggle" htmlFor={reencryptId}>
        <input id={reencryptId} type="checkbox" role="switch" checked={reencrypt} onChange={(e) => setReencrypt(e.target.checked)} disabled={busy} />
        <span className="toggle__track" aria-hidden="true" />
        <span>Also re-encrypt everything under a new key</span>
      </label>
      <p className="field__hint settings__after-toggle">
        Use this if the current passphrase may be known to someone. A plain change keeps the vault’s key, so an old copy of the header
        still opens this vault with the old passphrase; re-encryption makes it useless against what is on this disk now (copies taken
        before, such as backups, still open with it). Takes longer on a large vault.
      </p>
      {problem?.field === 'form' ? (
        <Alert tone="error" title="The passphrase was not changed">
          {problem.message}
        </Alert>
      ) : null}
      {done ? (
        <Alert tone="success" title={done === 'reencrypted' ? 'Passphrase changed and everything re-encrypted' : 'Passphrase changed'}>
          Use the new passphrase the next time you unlock this vault.
          {done === 'reencrypted' ? ' Every record is now encrypted under a new key; the old passphrase opens nothing on this disk.' : ''}
        </Alert>
      ) : null}
      <div className="settings-form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          {busy ? (reencrypt ? 'Re-encrypting…' : 'Changing…') : reencrypt ? 'Change passphrase and re-encrypt' : 'Change passphrase'}
        </Button>
      </div>
    </form>
  );
}
