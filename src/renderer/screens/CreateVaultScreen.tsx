import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { call, canChooseLocation, chooseLocation } from '../api';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { PassphraseField } from '../components/PassphraseField';
import { StrengthMeter } from '../components/StrengthMeter';
import { LocationField, LockedSubmit } from './LockedForm';
import { createError, type FormError } from '../errors';
import { useMounted } from '../hooks/useMounted';
import { useShowEnd } from '../hooks/useShowEnd';
import { useT } from '../i18n/I18nProvider';
import { assessNow, usePassphraseAssessment, useWeakMessage } from '../passphrase/usePassphraseAssessment';
import type { Session } from '../session';
import { vaultName } from '../vault-name';
import { LockedLayout } from './LockedLayout';

export interface CreateVaultScreenProps {
  readonly initialPath: string;
  readonly onCreated: (session: Session) => void;
  readonly onCancel: () => void;
}

type CreateFieldError = FormError | { readonly field: 'confirm'; readonly message: string };

export function CreateVaultScreen({ initialPath, onCreated, onCancel }: CreateVaultScreenProps) {
  const [path, setPath] = useState(initialPath);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [confirmTouched, setConfirmTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CreateFieldError | null>(null);
  const pathRef = useRef<HTMLInputElement>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const meterId = useId();
  const mounted = useMounted();
  const nativeDialog = canChooseLocation();
  useShowEnd(pathRef, path, nativeDialog);
  const t = useT();
  const weakMessage = useWeakMessage();

  // The vault's folder names count as guessable words for the policy.
  const userInputs = useMemo(() => [path.trim()], [path]);
  const check = usePassphraseAssessment(passphrase, userInputs);
  const mismatch = confirm.length > 0 && confirm !== passphrase && (confirmTouched || confirm.length >= passphrase.length);
  const confirmError = mismatch ? t('create.mismatch') : error?.field === 'confirm' ? error.message : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const where = path.trim();
    if (!where) {
      setError({ field: 'path', message: t('create.choosePath') });
      pathRef.current?.focus();
      return;
    }
    setBusy(true);
    const verdict = check.assessment ?? (await assessNow(passphrase, [where]));
    if (!mounted.current) return;
    setBusy(false);
    // If the core could not be asked, vault.create below still enforces the policy.
    if (verdict !== null && !verdict.acceptable) {
      setError({ field: 'passphrase', message: weakMessage });
      passphraseRef.current?.focus();
      return;
    }
    if (confirm !== passphrase) {
      setConfirmTouched(true);
      setError({ field: 'confirm', message: confirm ? t('create.mismatch') : t('create.confirmMissing') });
      confirmRef.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    const result = await call('vault.create', { path: where, passphrase });
    if (!mounted.current) return;
    if (!result.ok) {
      const problem: CreateFieldError = result.error.code === 'weak-passphrase' ? { field: 'passphrase', message: weakMessage } : createError(result.error, t);
      setBusy(false);
      setError(problem);
      if (problem.field === 'path') requestAnimationFrame(() => pathRef.current?.focus());
      if (problem.field === 'passphrase') requestAnimationFrame(() => passphraseRef.current?.focus());
      return;
    }
    const status = await call('vault.status', {});
    if (!mounted.current) return;
    const created = status.ok && status.value.state === 'unlocked' ? status.value.path : where;
    setPassphrase('');
    setConfirm('');
    onCreated({ path: created, name: vaultName(created), report: result.value });
  };

  return (
    <LockedLayout
      title={t('create.title')}
      subtitle={t('create.subtitle')}
      footer={
        <>
          {t('create.haveVault')}{' '}
          <Button variant="link" onClick={onCancel} disabled={busy}>
            {t('create.unlockIt')}
          </Button>
        </>
      }
    >
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <LocationField
          label={t('create.location')}
          hint={t('create.locationHint')}
          value={path}
          onChange={(v) => {
            setPath(v);
            if (error?.field === 'path') setError(null);
          }}
          error={error?.field === 'path' ? error.message : null}
          inputRef={pathRef}
          busy={busy}
          choose={nativeDialog ? () => chooseLocation('create') : null}
          chooseLabel={t('unlock.browse')}
          name="vault-path"
        />
        <PassphraseField
          label={t('unlock.passphrase')}
          value={passphrase}
          onChange={(v) => {
            setPassphrase(v);
            if (error?.field === 'passphrase') setError(null);
          }}
          autoComplete="off"
          error={error?.field === 'passphrase' ? error.message : null}
          describedBy={meterId}
          inputRef={passphraseRef}
          readOnly={busy}
          autoFocus
          name="new-passphrase"
          after={<StrengthMeter id={meterId} assessment={check.shown} pending={check.pending} empty={passphrase.length === 0} />}
        />
        <PassphraseField
          label={t('create.confirm')}
          value={confirm}
          onChange={(v) => {
            setConfirm(v);
            if (error?.field === 'confirm') setError(null);
          }}
          onBlur={() => setConfirmTouched(true)}
          autoComplete="off"
          error={confirmError}
          inputRef={confirmRef}
          readOnly={busy}
          name="confirm-passphrase"
        />
        <Alert tone="warning" title={t('create.lostWarning.title')}>
          {t('create.lostWarning.message')}
        </Alert>
        {error?.field === 'form' ? (
          <Alert tone="error" title={error.title}>
            {error.message}
          </Alert>
        ) : null}
        <LockedSubmit busy={busy} label={t('create.submit')} busyLabel={t('create.submitting')} />
      </form>
    </LockedLayout>
  );
}
