import { useId, useState, type FormEvent } from 'react';
import { COLLEAGUE_LABEL_MAX, type Colleague } from '../../../shared/delivery';
import { call } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/I18nProvider';
import { deliveryError } from './delivery-errors';
import { FingerprintWords } from './FingerprintWords';

type Step = { readonly kind: 'paste' } | { readonly kind: 'compare'; readonly fingerprint: readonly string[] };

/**
 * Adding a colleague in two steps: paste the card and name it; then see its words, compare them with the colleague
 * and say so explicitly. Only then is the card added.
 */
export function AddColleague({ onAdded }: { readonly onAdded: (c: Colleague) => void }) {
  const t = useT();
  const [card, setCard] = useState('');
  const [label, setLabel] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'paste' });
  const [compared, setCompared] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ readonly field: 'card' | 'label' | 'form'; readonly message: string } | null>(null);
  const cardId = useId();
  const cardHint = useId();
  const cardError = useId();
  const confirmId = useId();

  const field = (message: string): 'card' | 'label' | 'form' => (/name/.test(message) ? 'label' : 'card');

  const check = async (e: FormEvent) => {
    e.preventDefault();
    if (!card.trim()) return setError({ field: 'card', message: t('colleagues.add.needCard') });
    if (!label.trim()) return setError({ field: 'label', message: t('colleagues.add.needLabel') });
    setBusy(true);
    const r = await call('colleagues.check', { card });
    setBusy(false);
    if (!r.ok) return setError({ field: field(r.error.message), message: deliveryError(r.error, t) });
    setError(null);
    setCompared(false);
    setStep({ kind: 'compare', fingerprint: r.value.fingerprint });
  };

  const add = async () => {
    if (!compared) return;
    setBusy(true);
    const r = await call('colleagues.add', { card, label });
    setBusy(false);
    if (!r.ok) {
      const message = deliveryError(r.error, t);
      setError({ field: field(r.error.message), message });
      setStep({ kind: 'paste' });
      return;
    }
    setCard('');
    setLabel('');
    setError(null);
    setStep({ kind: 'paste' });
    onAdded(r.value);
  };

  if (step.kind === 'compare') {
    return (
      <div className="add-colleague add-colleague--compare">
        <h3 className="add-colleague__compare-title">{t('colleagues.add.compareTitle', { label: label.trim() })}</h3>
        <p className="add-colleague__compare-text">{t('colleagues.add.compare')}</p>
        <FingerprintWords words={step.fingerprint} />
        <label className="add-colleague__confirm" htmlFor={confirmId}>
          <input id={confirmId} type="checkbox" className="checkbox" checked={compared} onChange={(e) => setCompared(e.target.checked)} />
          <span>{t('colleagues.add.confirm')}</span>
        </label>
        {error?.field === 'form' ? <Alert tone="error">{error.message}</Alert> : null}
        <div className="add-colleague__actions">
          <Button variant="primary" disabled={!compared} busy={busy} onClick={() => void add()}>
            <Icon name="plus" />
            {t('colleagues.add.submit')}
          </Button>
          <Button onClick={() => setStep({ kind: 'paste' })}>{t('colleagues.add.back')}</Button>
        </div>
      </div>
    );
  }

  return (
    <form className="add-colleague" onSubmit={(e) => void check(e)} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={cardId}>
          {t('colleagues.add.card')}
        </label>
        <textarea
          id={cardId}
          className="input textarea input--mono add-colleague__card"
          value={card}
          maxLength={2000}
          rows={3}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error?.field === 'card' || undefined}
          aria-describedby={error?.field === 'card' ? `${cardError} ${cardHint}` : cardHint}
          onChange={(e) => {
            setCard(e.target.value);
            if (error?.field === 'card') setError(null);
          }}
        />
        {error?.field === 'card' ? (
          <p className="field__error" id={cardError} role="alert">
            {error.message}
          </p>
        ) : null}
        <p className="field__hint" id={cardHint}>
          {t('colleagues.add.cardHint')}
        </p>
      </div>
      <TextField
        label={t('colleagues.add.label')}
        value={label}
        onChange={(v) => {
          setLabel(v);
          if (error?.field === 'label') setError(null);
        }}
        limit={COLLEAGUE_LABEL_MAX}
        hint={t('colleagues.add.labelHint')}
        error={error?.field === 'label' ? error.message : null}
        autoComplete="off"
        name="colleague-label"
      />
      <div className="add-colleague__actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('colleagues.add.check')}
        </Button>
      </div>
    </form>
  );
}
