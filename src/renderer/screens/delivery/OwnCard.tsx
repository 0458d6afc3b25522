import { useId, useState } from 'react';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { useOperation } from '../../hooks/useOperation';
import { useT } from '../../i18n/I18nProvider';
import { FingerprintWords } from './FingerprintWords';

/** This vault's public card, to copy and send, and its words, to read to the colleague. */
export function OwnCard() {
  const t = useT();
  const [card, reload] = useOperation('delivery.card', {});
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const cardId = useId();
  if (card.state === 'loading') return <Loading label={t('colleagues.own.title')} />;
  if (card.state === 'failed') return <LoadFailed what={t('colleagues.own.title')} error={card.error} onRetry={reload} />;
  const copy = async () => {
    try {
      // a public card: the ordinary clipboard, not the identity clipboard that clears itself
      await navigator.clipboard.writeText(card.value.card);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section className="colleagues-card" aria-labelledby="own-card-h">
      <div className="colleagues-card__intro">
        <h2 id="own-card-h">{t('colleagues.own.title')}</h2>
        <p>{t('colleagues.own.description')}</p>
      </div>
      <div className="colleagues-card__body">
        <FingerprintWords words={card.value.fingerprint} />
        <div className="colleagues-card__text">
          <label className="field__label" htmlFor={cardId}>
            {t('colleagues.own.card')}
          </label>
          <div className="colleagues-card__row">
            <textarea id={cardId} className="input textarea colleagues-card__card" value={card.value.card} readOnly rows={3} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
            <Button onClick={() => void copy()}>
              <Icon name="copy" />
              {t('colleagues.own.copy')}
            </Button>
          </div>
          <p className={copied === 'failed' ? 'colleagues-card__status colleagues-card__status--error' : 'colleagues-card__status'} role="status">
            {copied === 'yes' ? t('colleagues.own.copied') : copied === 'failed' ? t('colleagues.own.copyFailed') : ''}
          </p>
        </div>
      </div>
    </section>
  );
}
