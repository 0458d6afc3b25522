import { MIN_PASSPHRASE_CHARS, type PassphraseAssessment, type PassphraseFeedbackKey, type PassphraseScore } from '../../shared/passphrase';
import type { MessageId } from '../i18n/catalogs';
import { useT, type Translate } from '../i18n/I18nProvider';
import './StrengthMeter.css';

export interface StrengthMeterProps {
  readonly id: string;
  /** The latest verdict of the passphrase policy (possibly for the text as it was a moment ago), or null. */
  readonly assessment: PassphraseAssessment | null;
  /** Nothing typed yet: show the advice without a verdict. */
  readonly empty: boolean;
  /** A verdict for the current text is on its way. */
  readonly pending: boolean;
}

/** The policy's feedback key in the interface's language (the core sends keys, see PASSPHRASE_FEEDBACK_EN). */
function feedback(t: Translate, key: PassphraseFeedbackKey): string {
  return t(`passphrase.feedback.${key}` as MessageId, { min: MIN_PASSPHRASE_CHARS });
}

export function scoreLabel(t: Translate, score: PassphraseScore): string {
  return t(`strength.score.${score}` as MessageId);
}

/** What the meter says under the bar: the policy's warning and its first suggestion, or praise with a caution. */
function adviceFor(t: Translate, a: PassphraseAssessment): string[] {
  if (a.acceptable) return [a.score >= 4 ? t('strength.strong') : t('strength.good')];
  return [a.warning, a.suggestions[0]].filter((key): key is PassphraseFeedbackKey => typeof key === 'string' && key.length > 0).map((key) => feedback(t, key)).slice(0, 2);
}

/**
 * Four segments, a word (Very weak, Weak, Fair, Good, Strong) and one or two lines of advice from the core's
 * passphrase policy. A passphrase is accepted from Good (score 3) and 12 characters.
 */
export function StrengthMeter({ id, assessment, empty, pending }: StrengthMeterProps) {
  const t = useT();
  const shown = empty ? null : assessment;
  const score = shown?.score ?? -1;
  const lit = shown === null ? 0 : Math.max(1, shown.score);
  const label = shown === null ? (empty ? '' : t('strength.checking')) : scoreLabel(t, shown.score);
  const advice = shown === null ? [t('strength.empty', { min: MIN_PASSPHRASE_CHARS })] : adviceFor(t, shown);
  return (
    <div className={`strength${pending && !empty ? ' strength--pending' : ''}`} id={id} aria-busy={(pending && !empty) || undefined}>
      <div className="strength__row">
        <div
          className={`strength__bar strength__bar--score-${score}`}
          role="meter"
          aria-label={t('strength.meter')}
          aria-valuemin={0}
          aria-valuemax={4}
          aria-valuenow={Math.max(0, score)}
          aria-valuetext={empty ? t('strength.nothing') : shown === null ? t('strength.checkingValue') : t(shown.acceptable ? 'strength.accepted' : 'strength.notAccepted', { label })}
        >
          {[1, 2, 3, 4].map((i) => (
            <span key={i} className={i <= lit ? 'strength__segment strength__segment--on' : 'strength__segment'} />
          ))}
        </div>
        {empty ? null : (
          <span className={`strength__label strength__label--score-${score}`} aria-hidden="true">
            {label}
          </span>
        )}
      </div>
      <ul className="strength__advice" aria-live="polite">
        {advice.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
