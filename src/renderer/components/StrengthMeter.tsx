import type { StrengthEstimate } from '../passphrase/strength';
import './StrengthMeter.css';

export interface StrengthMeterProps {
  readonly id: string;
  readonly estimate: StrengthEstimate;
  /** Nothing typed yet: show the advice without a verdict. */
  readonly empty: boolean;
}

/** Four segments, a word (Weak, Fair, Good, Strong) and one or two lines of advice. */
export function StrengthMeter({ id, estimate, empty }: StrengthMeterProps) {
  const level = empty ? -1 : estimate.score;
  const advice = empty ? [estimate.suggestion] : [...estimate.warnings.slice(0, 1), estimate.suggestion];
  return (
    <div className="strength" id={id}>
      <div className="strength__row">
        <div
          className={`strength__bar strength__bar--${level + 1}`}
          role="meter"
          aria-label="Passphrase strength"
          aria-valuemin={0}
          aria-valuemax={4}
          aria-valuenow={level + 1}
          aria-valuetext={empty ? 'Nothing entered' : estimate.label}
        >
          {[0, 1, 2, 3].map((i) => (
            <span key={i} className={i <= level ? 'strength__segment strength__segment--on' : 'strength__segment'} />
          ))}
        </div>
        {empty ? null : (
          <span className={`strength__label strength__label--${level + 1}`} aria-hidden="true">
            {estimate.label}
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
