import { useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import type { Colleague } from '../../../shared/delivery';
import { COLLEAGUE_LABEL_MAX } from '../../../shared/delivery';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { TextField } from '../../components/TextField';
import { formatDateTime } from '../../format';
import { translator } from '../../i18n/I18nProvider';
import { deliveryError } from './delivery-errors';
import { FingerprintWords } from './FingerprintWords';

/** One colleague: label, words, when added; rename in place, remove after a confirmation. */
export function ColleagueRow({ colleague, onChanged, onRemoved }: { readonly colleague: Colleague; readonly onChanged: (c: Colleague) => void; readonly onRemoved: (c: Colleague) => void }) {
  const intl = useIntl();
  const t = translator(intl);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    if (renaming === null) return;
    if (!renaming.trim()) return setError(t('colleagues.add.needLabel'));
    setBusy(true);
    const r = await call('colleagues.rename', { id: colleague.id, label: renaming });
    setBusy(false);
    if (!r.ok) return setError(deliveryError(r.error, t));
    setError(null);
    setRenaming(null);
    onChanged(r.value);
  };
  const remove = async () => {
    setBusy(true);
    const r = await call('colleagues.remove', { id: colleague.id });
    setBusy(false);
    setConfirming(false);
    if (!r.ok) return setError(deliveryError(r.error, t));
    onRemoved(colleague);
  };

  return (
    <li className="colleague">
      {renaming === null ? (
        <div className="colleague__head">
          <h3 className="colleague__label">{colleague.label}</h3>
          <span className="colleague__added">{t('colleagues.list.added', { date: formatDateTime(intl, colleague.addedAt) })}</span>
          <div className="colleague__actions">
            <Button variant="ghost" onClick={() => { setError(null); setRenaming(colleague.label); }} aria-label={`${t('colleagues.rename')}: ${colleague.label}`}>
              {t('colleagues.rename')}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(true)} aria-label={`${t('colleagues.remove')}: ${colleague.label}`}>
              <Icon name="trash" />
              {t('colleagues.remove')}
            </Button>
          </div>
        </div>
      ) : (
        <form className="colleague__rename" onSubmit={(e) => void rename(e)}>
          <TextField label={t('colleagues.rename.label', { label: colleague.label })} value={renaming} onChange={setRenaming} limit={COLLEAGUE_LABEL_MAX} error={error} autoFocus autoComplete="off" />
          <div className="colleague__rename-actions">
            <Button type="submit" variant="primary" busy={busy}>
              {t('colleagues.save')}
            </Button>
            <Button onClick={() => { setRenaming(null); setError(null); }}>{t('colleagues.cancel')}</Button>
          </div>
        </form>
      )}
      <FingerprintWords words={colleague.fingerprint} size="small" />
      {error && renaming === null ? (
        <p className="colleague__error" role="alert">
          {error}
        </p>
      ) : null}
      {confirming ? (
        <Dialog
          title={t('colleagues.remove.title', { label: colleague.label })}
          role="alertdialog"
          onClose={() => setConfirming(false)}
          actions={
            <>
              <Button onClick={() => setConfirming(false)}>{t('colleagues.cancel')}</Button>
              <Button variant="danger" busy={busy} onClick={() => void remove()}>
                {t('colleagues.remove.confirm')}
              </Button>
            </>
          }
        >
          <p>{t('colleagues.remove.text')}</p>
        </Dialog>
      ) : null}
    </li>
  );
}
