import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { TravelStartResult } from '../../../shared/travel';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { translator } from '../../i18n/I18nProvider';
import { codeWords } from './travel-errors';
import { Facts, Fact } from '../../components/Facts';

/** How many words the researcher types back from the paper before anything leaves. */
export const CHECKED_WORDS = 3;

/** `count` distinct word positions (0-based, ascending) out of `of`, chosen afresh each time the code is shown. */
export function checkPositions(of: number, count = CHECKED_WORDS): readonly number[] {
  const all = Array.from({ length: of }, (_, i) => i);
  const random = new Uint32Array(of);
  crypto.getRandomValues(random);
  // a Fisher-Yates shuffle; the slight modulo bias does not matter for picking which words to ask
  for (let i = of - 1; i > 0; i--) {
    const j = random[i]! % (i + 1);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, Math.min(count, of)).sort((a, b) => a - b);
}

/**
 * Whether a word typed from the paper is the code's word: any case and surrounding spaces, or its first four letters
 * or more (BIP-39 words differ in their first four, and travel.end takes them so too).
 */
export function wordMatches(typed: string, word: string): boolean {
  const w = typed.normalize('NFKD').trim().toLowerCase();
  return w === word || (w.length >= 4 && word.startsWith(w));
}

/** What the confirmation said will leave, repeated on the code screen. */
export interface TravelPlan {
  readonly path: string;
  readonly people: number;
  /** Interviews leaving, and the tags that take them (empty: none). */
  readonly interviews: number;
  readonly tags: readonly string[];
  readonly sealLabels: readonly string[];
}

/**
 * The recovery code from travel.newCode, BEFORE anything leaves: the words large and numbered, to be written on paper,
 * then three of them (chosen at random) typed back from the paper. Only then may travel.start run with this code, so
 * a lock, a crash or a miscopied word while the code is on screen costs nothing: the register is still in the vault
 * and the code is simply dropped (it lives only in the caller's state, which the lock unmounts). Nothing copies it
 * anywhere (a clipboard is one more place it could stay).
 */
export function RecoveryCode({
  code,
  plan,
  busy,
  error,
  onStart,
  onCancel,
}: {
  readonly code: string;
  readonly plan: TravelPlan;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onStart: () => void;
  readonly onCancel: () => void;
}) {
  const intl = useIntl();
  const t = translator(intl);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const words = codeWords(code);
  const asked = useMemo(() => checkPositions(words.length), [words.length]);
  const [typed, setTyped] = useState<readonly string[]>(() => asked.map(() => ''));
  // a wrong word is said once the researcher leaves its field, not while the first letters are typed
  const [left, setLeft] = useState<ReadonlySet<number>>(new Set());
  const matches = asked.map((n, i) => wordMatches(typed[i] ?? '', words[n]!));
  const allMatch = matches.every(Boolean);
  const baseId = useId();
  // the code replaces the form the researcher scrolled through: start at the top, on the heading
  useEffect(() => {
    document.getElementById('main')?.scrollTo({ top: 0 });
    headingRef.current?.focus({ preventScroll: true });
  }, []);
  return (
    <section className="recovery" aria-labelledby="recovery-h">
      <div className="recovery__head">
        <h2 id="recovery-h" ref={headingRef} tabIndex={-1}>
          {t('travel.code.title')}
        </h2>
        <p className="recovery__nothing">
          <Icon name="check" />
          <span>{t('travel.code.nothingYet')}</span>
        </p>
      </div>
      <Alert tone="warning" title={t('travel.code.paperNow')}>
        {t('travel.code.notStored')}
      </Alert>
      <ol className="recovery__words" aria-label={t('travel.code.wordsLabel', { count: words.length })} lang="en">
        {words.map((w, i) => (
          <li key={i} className="recovery__word">
            <span className="recovery__n" aria-hidden="true">
              {i + 1}
            </span>
            <span className="recovery__text">{w}</span>
          </li>
        ))}
      </ol>
      <ul className="recovery__advice">
        <li>{t('travel.code.advice.paper')}</li>
        <li>{t('travel.code.advice.leave')}</li>
      </ul>
      <fieldset className="recovery__check-words" disabled={busy}>
        <legend className="recovery__check-title">{t('travel.code.check.title')}</legend>
        <p className="field__hint">{t('travel.code.check.hint')}</p>
        <div className="recovery__inputs">
          {asked.map((n, i) => {
            const id = `${baseId}-w${n}`;
            const wrong = left.has(i) && (typed[i] ?? '').trim() !== '' && !matches[i];
            return (
              <div key={n} className={`recovery__input${matches[i] ? ' recovery__input--ok' : ''}`}>
                <label className="field__label" htmlFor={id}>
                  {t('travel.code.check.word', { n: n + 1 })}
                </label>
                <div className="recovery__input-row">
                  <input
                    id={id}
                    className="input input--mono"
                    value={typed[i] ?? ''}
                    lang="en"
                    autoComplete="off"
                    autoCapitalize="off"
                    autoCorrect="off"
                    spellCheck={false}
                    aria-invalid={wrong || undefined}
                    aria-describedby={wrong ? `${id}-error` : matches[i] ? `${id}-ok` : undefined}
                    onChange={(e) => setTyped(typed.map((v, j) => (j === i ? e.target.value : v)))}
                    onBlur={() => setLeft(new Set(left).add(i))}
                  />
                  {matches[i] ? <Icon name="check" className="recovery__ok" /> : null}
                </div>
                {matches[i] ? <span className="visually-hidden" id={`${id}-ok`}>
                    {t('travel.code.check.ok')}
                  </span> : null}
                {wrong ? (
                  <p className="field__error" id={`${id}-error`}>
                    <Icon name="error" />
                    <span>{t('travel.code.check.wrong', { n: n + 1 })}</span>
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
      <Facts labelWidth="wide" className="recovery__facts">
        <Fact label={t('travel.confirm.people')}>{t('travel.confirm.peopleValue', { count: plan.people })}</Fact>
        <Fact label={t('travel.confirm.interviews')}>{plan.tags.length === 0 ? t('travel.confirm.noInterviews') : t('travel.confirm.interviewsValue', { count: plan.interviews, tags: plan.tags.join(', ') })}</Fact>
        <Fact label={t('travel.code.opens')}>{plan.sealLabels.length === 0 ? t('travel.confirm.codeOnly') : t('travel.confirm.codeAnd', { names: plan.sealLabels.join(', ') })}</Fact>
        <Fact label={t('travel.code.package')} mono>{plan.path}</Fact>
      </Facts>
      <div className="recovery__live" aria-live="polite">
        {error ? (
          <Alert tone="error" title={t('travel.start.failed')}>
            {error} {t('travel.code.retry')}
          </Alert>
        ) : null}
        {busy ? (
          <p className="recovery__progress" role="status">
            {t('travel.code.running')}
          </p>
        ) : null}
      </div>
      <div className="recovery__confirm">
        <p>{allMatch ? t('travel.code.ready') : t('travel.code.checkFirst')}</p>
        <div className="recovery__actions">
          <Button onClick={onCancel} disabled={busy}>
            {t('travel.confirm.cancel')}
          </Button>
          <Button variant="primary" onClick={onStart} disabled={!allMatch} busy={busy}>
            <Icon name="travel" />
            {busy ? t('travel.confirm.running') : t('travel.code.go')}
          </Button>
        </div>
      </div>
    </section>
  );
}

/**
 * After travel.start: what left and where the package is, and where the paper goes. The words are not shown again:
 * they are on the paper, and the app never had them anywhere but on screen.
 */
export function TravelStarted({ result, onDone }: { readonly result: Omit<TravelStartResult, 'recoveryCode'>; readonly onDone: () => void }) {
  const intl = useIntl();
  const t = translator(intl);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.getElementById('main')?.scrollTo({ top: 0 });
    headingRef.current?.focus({ preventScroll: true });
  }, []);
  return (
    <section className="recovery recovery--done" aria-labelledby="started-h">
      <div className="recovery__head">
        <h2 id="started-h" ref={headingRef} tabIndex={-1}>
          {t('travel.started.title')}
        </h2>
        <p>{t('travel.started.lead', { people: result.moved.people, interviews: result.moved.interviews })}</p>
      </div>
      <Alert tone="warning" title={t('travel.started.paperTitle')}>
        {t('travel.started.paperText')}
      </Alert>
      <Facts labelWidth="wide" className="recovery__facts">
        <Fact label={t('travel.started.left')}>{t('travel.started.leftValue', { people: result.moved.people, interviews: result.moved.interviews, records: result.moved.records })}</Fact>
        <Fact label={t('travel.code.package')} mono>{result.package}</Fact>
        <Fact label={t('travel.code.opens')}>{result.sealedTo.length === 0 ? t('travel.confirm.codeOnly') : t('travel.confirm.codeAnd', { names: result.sealedTo.join(', ') })}</Fact>
      </Facts>
      <p className="recovery__next">{t('travel.started.next')}</p>
      <div className="recovery__done-actions">
        <Button variant="primary" onClick={onDone}>
          {t('travel.started.done')}
        </Button>
      </div>
    </section>
  );
}
