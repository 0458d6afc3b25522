import { MIN_PASSPHRASE_CHARS, PASSPHRASE_SCORE_LABELS, type PassphraseAssessment } from '../../shared/passphrase';
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

const EMPTY_ADVICE = `Use four or more unrelated words, or a long sentence only you would think of (at least ${MIN_PASSPHRASE_CHARS} characters).`;
const GOOD_ADVICE = 'Good enough. One more unrelated word would make it strong.';
const STRONG_ADVICE = 'Strong. Keep a copy somewhere safe, away from this laptop.';

/** What the meter says under the bar: the policy's warning and its first suggestion, or praise with a caution. */
function adviceFor(a: PassphraseAssessment): string[] {
  if (a.acceptable) return [a.score >= 4 ? STRONG_ADVICE : GOOD_ADVICE];
  return [a.warning, a.suggestions[0]].filter((line): line is string => typeof line === 'string' && line.length > 0).slice(0, 2);
}

/**
 * Four segments, a word (Very weak, Weak, Fair, Good, Strong) and one or two lines of advice from the core's
 * passphrase policy. A passphrase is accepted from Good (score 3) and 12 characters.
 */
export function StrengthMeter({ id, assessment, empty, pending }: StrengthMeterProps) {
  const shown = empty ? null : assessment;
  const score = shown?.score ?? -1;
  const lit = shown === null ? 0 : Math.max(1, shown.score);
  const label = shown === null ? (empty ? '' : 'Checking…') : PASSPHRASE_SCORE_LABELS[shown.score];
  const verdict = shown === null ? null : shown.acceptable ? 'accepted' : 'not accepted';
  const advice = shown === null ? [EMPTY_ADVICE] : adviceFor(shown);
  return (
    <div className={`strength${pending && !empty ? ' strength--pending' : ''}`} id={id} aria-busy={(pending && !empty) || undefined}>
      <div className="strength__row">
        <div
          className={`strength__bar strength__bar--score-${score}`}
          role="meter"
          aria-label="Passphrase strength"
          aria-valuemin={0}
          aria-valuemax={4}
          aria-valuenow={Math.max(0, score)}
          aria-valuetext={empty ? 'Nothing entered' : shown === null ? 'Checking' : `${label}, ${verdict}`}
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
