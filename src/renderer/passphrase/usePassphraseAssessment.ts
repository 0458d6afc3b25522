import { useEffect, useRef, useState } from 'react';
import { MIN_PASSPHRASE_CHARS, type PassphraseAssessment } from '../../shared/passphrase';
import { call } from '../api';
import { useT } from '../i18n/I18nProvider';

/**
 * The passphrase policy lives in the core (src/core/passphrase/policy.ts: zxcvbn with English and Russian
 * dictionaries, about 2.5 MB that the renderer does not load); screens ask it through `passphrase.assess`.
 */

/** Shown on a form submitted with a passphrase the policy refuses; the meter says why. */
export function useWeakMessage(): string {
  const t = useT();
  return t('passphrase.weak', { min: MIN_PASSPHRASE_CHARS, good: t('strength.score.3') });
}

/** How long typing must pause before the passphrase is assessed. */
export const ASSESS_DELAY_MS = 150;

export interface PassphraseCheck {
  /** The verdict on the passphrase as it is now, or null while none is available (empty, or not yet asked). */
  readonly assessment: PassphraseAssessment | null;
  /** The last verdict received, possibly for an earlier spelling: the meter keeps showing it while typing goes on. */
  readonly shown: PassphraseAssessment | null;
  /** A verdict for the current text is on its way (or waits for typing to pause). */
  readonly pending: boolean;
}

/** Asks the policy for a verdict. Null if the core could not be reached (the core still enforces at submit). */
export async function assessNow(passphrase: string, userInputs: readonly string[]): Promise<PassphraseAssessment | null> {
  if (passphrase.length === 0) return null;
  const result = await call('passphrase.assess', { passphrase, userInputs: userInputs.filter((s) => s.length > 0).slice(0, 8) });
  return result.ok ? result.value : null;
}

/**
 * Debounced assessment of a passphrase being typed. `userInputs` are words tied to the vault (its path), which
 * the policy treats as guessable.
 */
export function usePassphraseAssessment(passphrase: string, userInputs: readonly string[]): PassphraseCheck {
  const [state, setState] = useState<{ readonly text: string; readonly inputs: string; readonly assessment: PassphraseAssessment } | null>(null);
  const inputs = JSON.stringify(userInputs);
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    if (passphrase.length === 0) {
      setState(null);
      return;
    }
    const timer = setTimeout(() => {
      void assessNow(passphrase, JSON.parse(inputs) as string[]).then((assessment) => {
        if (assessment !== null && request === latest.current) setState({ text: passphrase, inputs, assessment });
      });
    }, ASSESS_DELAY_MS);
    return () => clearTimeout(timer);
  }, [passphrase, inputs]);

  const current = state !== null && state.text === passphrase && state.inputs === inputs ? state.assessment : null;
  return { assessment: current, shown: passphrase.length === 0 ? null : (state?.assessment ?? null), pending: passphrase.length > 0 && current === null };
}
