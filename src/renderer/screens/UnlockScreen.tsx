import { useRef, useState, type FormEvent } from 'react';
import { call, canChooseLocation, chooseLocation } from '../api';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { PassphraseField } from '../components/PassphraseField';
import { LocationField, LockedSubmit } from './LockedForm';
import { unlockError, type FormError } from '../errors';
import { useMounted } from '../hooks/useMounted';
import { useShowEnd } from '../hooks/useShowEnd';
import { useT } from '../i18n/I18nProvider';
import type { Session } from '../session';
import { vaultName } from '../vault-name';
import { LockedLayout } from './LockedLayout';

export interface UnlockScreenProps {
  readonly initialPath: string;
  /** A line shown above the form, e.g. "The vault was locked automatically." */
  readonly notice: string | null;
  /** 'warning' when the notice says something was lost (an edit that could not be saved before the lock). */
  readonly noticeTone?: 'info' | 'warning';
  readonly onUnlocked: (session: Session) => void;
  readonly onCreateVault: (path: string) => void;
  /** "Restore from a backup…": the restore form (a rollback), then back here to unlock the restored vault. */
  readonly onRestore?: () => void;
}

export function UnlockScreen({ initialPath, notice, noticeTone = 'info', onUnlocked, onCreateVault, onRestore }: UnlockScreenProps) {
  const [path, setPath] = useState(initialPath);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const pathRef = useRef<HTMLInputElement>(null);
  const mounted = useMounted();
  const nativeDialog = canChooseLocation();
  useShowEnd(pathRef, path, nativeDialog);
  const t = useT();

  /** Objects planted in the database were reported; the researcher may have them removed and open the vault. */
  const [foreign, setForeign] = useState(false);

  const submit = async (e: FormEvent | null, removeForeignObjects = false) => {
    e?.preventDefault();
    if (busy) return;
    const where = path.trim();
    if (!where) {
      setError({ field: 'path', message: t('unlock.enterPath') });
      pathRef.current?.focus();
      return;
    }
    if (!passphrase) {
      setError({ field: 'passphrase', message: t('unlock.enterPassphrase') });
      passphraseRef.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    const result = await call('vault.unlock', removeForeignObjects ? { path: where, passphrase, removeForeignObjects } : { path: where, passphrase });
    if (!mounted.current) return;
    if (!result.ok) {
      setForeign(result.error.code === 'tampered' && /did not create/.test(result.error.message));
      const problem = unlockError(result.error, t);
      setBusy(false);
      setError(problem);
      const target = problem.field === 'path' ? pathRef.current : passphraseRef.current;
      // let React re-enable the inputs first
      requestAnimationFrame(() => {
        target?.focus();
        target?.select();
      });
      return;
    }
    const status = await call('vault.status', {});
    if (!mounted.current) return;
    const opened = status.ok && status.value.state === 'unlocked' ? status.value.path : where;
    setPassphrase('');
    onUnlocked({ path: opened, name: vaultName(opened), report: result.value });
  };

  /** The system's dialog; once a folder is chosen the passphrase is next. */
  const browse = async () => {
    const chosen = await chooseLocation('open');
    if (chosen) passphraseRef.current?.focus();
    return chosen;
  };

  return (
    <LockedLayout
      title={t('unlock.title')}
      subtitle={t('unlock.subtitle')}
      footer={
        <>
          {t('unlock.newHere')}{' '}
          <Button variant="link" onClick={() => onCreateVault(path)} disabled={busy}>
            {t('unlock.createVault')}
          </Button>
          {onRestore ? (
            <span className="locked__footer-line">
              <Button variant="link" onClick={onRestore} disabled={busy}>
                {t('restore.link')}
              </Button>
            </span>
          ) : null}
        </>
      }
    >
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        {notice ? <Alert tone={noticeTone}>{notice}</Alert> : null}
        <LocationField
          label={t('unlock.location')}
          value={path}
          onChange={(v) => {
            setPath(v);
            if (error?.field === 'path') setError(null);
          }}
          error={error?.field === 'path' ? error.message : null}
          inputRef={pathRef}
          busy={busy}
          choose={nativeDialog ? browse : null}
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
          inputRef={passphraseRef}
          readOnly={busy}
          autoFocus
          name="passphrase"
        />
        {error?.field === 'form' ? (
          <Alert tone="error" title={error.title}>
            {error.message}
            {foreign ? (
              <p className="form__alert-actions">
                {t('unlock.foreign.keepCopy')}{' '}
                <Button onClick={() => void submit(null, true)} disabled={busy}>
                  {t('unlock.foreign.remove')}
                </Button>
              </p>
            ) : null}
          </Alert>
        ) : null}
        <LockedSubmit busy={busy} label={t('unlock.submit')} busyLabel={t('unlock.submitting')} />
      </form>
    </LockedLayout>
  );
}
