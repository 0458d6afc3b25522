import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { call } from '../api';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { PassphraseField } from '../components/PassphraseField';
import { StrengthMeter } from '../components/StrengthMeter';
import { changePassphraseError } from '../errors';
import { useMounted } from '../hooks/useMounted';
import { useT } from '../i18n/I18nProvider';
import { assessNow, usePassphraseAssessment, useWeakMessage } from '../passphrase/usePassphraseAssessment';

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
  const t = useT();
  const weakMessage = useWeakMessage();
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
    if (!current) return fail({ field: 'current', message: t('change.enterCurrent') });
    const verdict = check.assessment ?? (await assessNow(next, userInputs));
    if (!mounted.current) return;
    // If the core could not be asked, vault.changePassphrase below still enforces the policy.
    if (verdict !== null && !verdict.acceptable) {
      return fail({ field: 'next', message: weakMessage });
    }
    if (next === current) return fail({ field: 'next', message: t('change.same') });
    if (confirm !== next) {
      setConfirmTouched(true);
      return fail({ field: 'confirm', message: confirm ? t('create.mismatch') : t('change.confirmMissing') });
    }
    setProblem(null);
    setBusy(true);
    const result = await call('vault.changePassphrase', reencrypt ? { current, next, reencrypt } : { current, next });
    if (!mounted.current) return;
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'weak-passphrase') return fail({ field: 'next', message: weakMessage });
      const p = changePassphraseError(result.error, t);
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
      <PassphraseField label={t('change.current')} value={current} onChange={edit(setCurrent, 'current')} autoComplete="off" error={errorFor('current')} inputRef={refs.current} readOnly={busy} name="current-passphrase" />
      <PassphraseField
        label={t('change.new')}
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
        label={t('change.confirm')}
        value={confirm}
        onChange={edit(setConfirm, 'confirm')}
        onBlur={() => setConfirmTouched(true)}
        autoComplete="off"
        error={mismatch ? t('create.mismatch') : errorFor('confirm')}
        inputRef={refs.confirm}
        readOnly={busy}
        name="confirm-new-passphrase"
      />
      <label className="toggle settings__toggle" htmlFor={reencryptId}>
        <input id={reencryptId} type="checkbox" role="switch" checked={reencrypt} onChange={(e) => setReencrypt(e.target.checked)} disabled={busy} />
        <span className="toggle__track" aria-hidden="true" />
        <span>{t('change.reencrypt')}</span>
      </label>
      <p className="field__hint settings__after-toggle">
        {t('change.reencryptHint')}
      </p>
      {problem?.field === 'form' ? (
        <Alert tone="error" title={t('change.failed')}>
          {problem.message}
        </Alert>
      ) : null}
      {done ? (
        <Alert tone="success" title={done === 'reencrypted' ? t('change.doneReencrypted') : t('change.done')}>
          {t('change.doneMessage')}
          {done === 'reencrypted' ? ` ${t('change.doneReencryptedMessage')}` : ''}
        </Alert>
      ) : null}
      <div className="settings-form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          {busy ? (reencrypt ? t('change.reencrypting') : t('change.changing')) : reencrypt ? t('change.submitReencrypt') : t('change.submit')}
        </Button>
      </div>
    </form>
  );
}
