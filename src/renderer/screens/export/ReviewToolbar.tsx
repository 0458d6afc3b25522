import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { RedactionKind } from '../../../shared/domain';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { useT } from '../../i18n/I18nProvider';
import { KIND_LABELS, KIND_ORDER } from './redaction';

const hidden = (chunks: ReactNode[]) => <span className="visually-hidden">{chunks}</span>;

export interface ReviewToolbarProps {
  /** How many of each kind the review redacts, for the legend. */
  readonly counts: ReadonlyMap<RedactionKind, number>;
  /** How many texts are selected (Redact needs one or more, Never redact exactly one). */
  readonly selected: number;
  readonly allowBusy: boolean;
  readonly onRedact: () => void;
  readonly onNeverRedact: () => void;
  readonly className?: string;
}

/** The legend, the key to the highlights and the Redact / Never redact tools, above every review (export, brief). */
export function ReviewToolbar({ counts, selected, allowBusy, onRedact, onNeverRedact, className }: ReviewToolbarProps) {
  const t = useT();
  const intl = useIntl();
  return (
    <div className={className ? `review__toolbar ${className}` : 'review__toolbar'}>
      <ul className="legend" aria-label={t('export.legend')}>
        {KIND_ORDER.filter((k) => counts.get(k)).map((k) => (
          <li key={k} className={`legend__item kind--${k}`}>
            <span className="legend__swatch" aria-hidden="true" />
            {t(KIND_LABELS[k])}
            <span className="legend__count">{counts.get(k)}</span>
          </li>
        ))}
        {counts.size === 0 ? <li className="legend__none">{t('export.legend.none')}</li> : null}
      </ul>
      <p className="review__key">
        <span className="key-sample key-sample--auto" aria-hidden="true" />
        {t('export.key.redacted')}
        <span className="key-sample key-sample--suggestion" aria-hidden="true" />
        {t('export.key.suggestion')}
        <span className="key-sample key-sample--kept" aria-hidden="true" />
        {t('export.key.kept')}
      </p>
      <div className="review__tools" role="group" aria-label={t('export.tools')}>
        <Button
          className="review__tool"
          onMouseDown={(e) => e.preventDefault()}
          onClick={onRedact}
          disabled={selected === 0}
          aria-keyshortcuts="R"
          title={t('export.tool.redactTitle')}
        >
          <Icon name="redact" />
          {/* the name begins with the visible word, for speech input ("click Redact"); the key cap is not part of it */}
          {intl.formatMessage({ id: 'export.tool.redact' }, { hidden })}
          <kbd aria-hidden="true">R</kbd>
        </Button>
        <Button
          className="review__tool"
          onMouseDown={(e) => e.preventDefault()}
          onClick={onNeverRedact}
          disabled={selected !== 1 || allowBusy}
          aria-keyshortcuts="N"
          title={t('export.tool.neverTitle')}
        >
          <Icon name="shield-off" />
          {intl.formatMessage({ id: 'export.tool.never' }, { hidden })}
          <kbd aria-hidden="true">N</kbd>
        </Button>
      </div>
    </div>
  );
}
