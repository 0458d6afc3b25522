import { useState } from 'react';
import { useIntl } from 'react-intl';
import { call, canChooseFile, chooseFile } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { formatDateTime } from '../../format';
import { useOperation } from '../../hooks/useOperation';
import { translator } from '../../i18n/I18nProvider';
import { BackLink } from '../export/ExportReviewScreen';
import { deliveryError } from './delivery-errors';
import { SenderText } from './SenderText';
import '../export/export.css';
import { Facts, Fact } from '../../components/Facts';

/** One received brief, read-only: who sent it, its text, saving a copy of its file, removing it. */
export function ReceivedReader({ id, onBack, onRemoved }: { readonly id: string; readonly onBack: () => void; readonly onRemoved: () => void }) {
  const intl = useIntl();
  const t = translator(intl);
  const [loaded, reload] = useOperation('received.get', { id });
  const native = canChooseFile();
  const [saving, setSaving] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ readonly tone: 'success' | 'error'; readonly text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  if (loaded.state === 'loading') return <Loading label={t('received.textWhat')} />;
  if (loaded.state === 'failed')
    return (
      <div className="received-reader">
        <BackLink onBack={onBack} label={t('received.back')} />
        <LoadFailed what={t('received.textWhat')} error={loaded.error} onRetry={reload} />
      </div>
    );
  const brief = loaded.value;
  const save = async (path: string) => {
    setBusy(true);
    const r = await call('received.save', { id, path });
    setBusy(false);
    setOutcome(r.ok ? { tone: 'success', text: t('received.saved', { path: r.value.path }) } : { tone: 'error', text: deliveryError(r.error, t) });
    if (r.ok) setSaving(null);
  };
  const startSave = async () => {
    setOutcome(null);
    if (!native) return setSaving(`~/Documents/${brief.meta.name}`);
    const chosen = await chooseFile({ purpose: 'received-save', name: brief.meta.name, format: brief.meta.format });
    if (chosen) await save(chosen);
  };
  const remove = async () => {
    setBusy(true);
    const r = await call('received.remove', { id });
    setBusy(false);
    setConfirming(false);
    if (r.ok) onRemoved();
    else setOutcome({ tone: 'error', text: deliveryError(r.error, t) });
  };
  return (
    <div className="received-reader">
      <BackLink onBack={onBack} label={t('received.back')} />
      <header className="received-reader__head">
        <h1>{brief.meta.title}</h1>
        <div className="received-reader__actions">
          <Button onClick={() => void startSave()} busy={busy && saving === null}>
            <Icon name="export" />
            {t('received.saveCopy')}
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(true)}>
            <Icon name="trash" />
            {t('received.remove')}
          </Button>
        </div>
      </header>
      <Facts layout="strip">
        <Fact label={t('received.from')}>
          <SenderText sender={brief.sender} words />
        </Fact>
        <Fact label={t('received.col.date')}>{formatDateTime(intl, brief.receivedAt)}</Fact>
        <Fact label={t('received.col.format')}>
          {brief.meta.format.toUpperCase()} · <span className="received-reader__name">{brief.meta.name}</span>
        </Fact>
        <Fact label={t('brief.facts.interviews')}>{brief.meta.interviews}</Fact>
      </Facts>
      {brief.sender.kind === 'unknown' ? <Alert tone="warning">{t('received.unknownHint')}</Alert> : null}
      {saving !== null ? (
        <form
          className="open-bundle received-reader__save"
          onSubmit={(e) => {
            e.preventDefault();
            if (saving.trim()) void save(saving.trim());
          }}
        >
          <label className="field__label" htmlFor="received-save-path">
            {t('received.savePath')}
          </label>
          <input id="received-save-path" className="input input--mono open-bundle__path" value={saving} onChange={(e) => setSaving(e.target.value)} autoComplete="off" spellCheck={false} />
          <Button type="submit" variant="primary" busy={busy}>
            {t('received.saveGo')}
          </Button>
          <Button onClick={() => setSaving(null)}>{t('colleagues.cancel')}</Button>
        </form>
      ) : null}
      {outcome ? (
        <Alert tone={outcome.tone} onDismiss={() => setOutcome(null)}>
          {outcome.text}
        </Alert>
      ) : null}
      <section className="received-reader__doc" aria-labelledby="received-doc-note">
        <p id="received-doc-note" className="received-reader__badge">
          <Icon name="shield-off" />
          {t('received.readonly')}
        </p>
        <pre className="received-reader__text" tabIndex={0}>
          {brief.text}
        </pre>
      </section>
      {confirming ? (
        <Dialog
          title={t('received.remove.title')}
          role="alertdialog"
          onClose={() => setConfirming(false)}
          actions={
            <>
              <Button onClick={() => setConfirming(false)}>{t('colleagues.cancel')}</Button>
              <Button variant="danger" busy={busy} onClick={() => void remove()}>
                {t('received.remove.confirm')}
              </Button>
            </>
          }
        >
          <p>{t('received.remove.text', { title: brief.meta.title })}</p>
        </Dialog>
      ) : null}
    </div>
  );
}
