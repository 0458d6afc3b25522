import { useRef, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { call, canChooseFile, canChooseLocation, chooseFile, chooseLocation } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { PassphraseField } from '../../components/PassphraseField';
import { LocationField, LockedSubmit } from '../LockedForm';
import { commonError, locationMessage } from '../../errors';
import { formatDateTime } from '../../format';
import { useMounted } from '../../hooks/useMounted';
import { translator } from '../../i18n/I18nProvider';
import { LockedLayout } from '../LockedLayout';
import { deliveryError } from '../delivery/delivery-errors';

type RestoreError = { readonly field: 'file' | 'path' | 'passphrase' | 'form'; readonly message: string };

/**
 * Restore from a backup, on the locked side: the backup file (Open dialog in the app), a new folder (the folder
 * dialog) and the passphrase it was taken under. It is a rollback, and the text says so; then the normal unlock.
 */
export function RestoreScreen({ onCancel, onRestored }: { readonly onCancel: () => void; readonly onRestored: (path: string, notice: string) => void }) {
  const intl = useIntl();
  const t = translator(intl);
  const [file, setFile] = useState('');
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RestoreError | null>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const mounted = useMounted();
  const nativeFile = canChooseFile();
  const nativeFolder = canChooseLocation();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!file.trim()) return setError({ field: 'file', message: t('restore.needFile') });
    if (!path.trim()) return setError({ field: 'path', message: t('restore.needFolder') });
    if (!passphrase) return setError({ field: 'passphrase', message: t('restore.needPassphrase') });
    setError(null);
    setBusy(true);
    const r = await call('backup.restore', { file: file.trim(), path: path.trim(), passphrase });
    if (!mounted.current) return;
    setBusy(false);
    if (!r.ok) {
      const { code, message } = r.error;
      if (code === 'wrong-passphrase') {
        setError({ field: 'passphrase', message: t('restore.wrongPassphrase') });
        passphraseRef.current?.focus();
      } else if (code === 'vault-exists' || /network share|Device paths/.test(message)) setError({ field: 'path', message: locationMessage(message, t) });
      else setError({ field: 'form', message: code === 'permission-denied' ? deliveryError(r.error, t) : commonError(r.error, t) });
      return;
    }
    setPassphrase('');
    const v = r.value;
    onRestored(v.path, t('restore.done', { date: formatDateTime(intl, v.takenAt), interviews: v.interviews, people: v.people }));
  };

  return (
    <LockedLayout title={t('restore.title')} subtitle={t('restore.subtitle')} footer={<Button variant="link" onClick={onCancel} disabled={busy}>{t('restore.cancel')}</Button>}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <LocationField
          label={t('restore.file')}
          value={file}
          onChange={(v) => {
            setFile(v);
            if (error?.field === 'file') setError(null);
          }}
          error={error?.field === 'file' ? error.message : null}
          busy={busy}
          choose={nativeFile ? () => chooseFile({ purpose: 'backup-open' }) : null}
          chooseLabel={t('restore.choose')}
          name="backup-file"
        />
        <LocationField
          label={t('restore.folder')}
          hint={t('restore.folderHint')}
          value={path}
          onChange={(v) => {
            setPath(v);
            if (error?.field === 'path') setError(null);
          }}
          error={error?.field === 'path' ? error.message : null}
          busy={busy}
          choose={nativeFolder ? () => chooseLocation('create') : null}
          chooseLabel={t('restore.choose')}
          name="restore-folder"
        />
        <PassphraseField
          label={t('restore.passphrase')}
          value={passphrase}
          onChange={(v) => {
            setPassphrase(v);
            if (error?.field === 'passphrase') setError(null);
          }}
          autoComplete="off"
          error={error?.field === 'passphrase' ? error.message : null}
          inputRef={passphraseRef}
          readOnly={busy}
          name="restore-passphrase"
          hint={t('restore.passphraseHint')}
        />
        {error?.field === 'form' ? (
          <Alert tone="error" title={t('restore.failed')}>
            {error.message}
          </Alert>
        ) : null}
        <LockedSubmit busy={busy} label={t('restore.submit')} busyLabel={t('restore.submitting')} />
      </form>
    </LockedLayout>
  );
}
