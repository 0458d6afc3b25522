import { useId, useRef, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import type { TravelStatus } from '../../../shared/travel';
import { call, canChooseFile, chooseFile } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { formatDateTime } from '../../format';
import { useMounted } from '../../hooks/useMounted';
import { translator, useT } from '../../i18n/I18nProvider';
import { useVaultData } from '../../shell/context';
import { travelEndError, type TravelEndError } from './travel-errors';
import { useTravel } from './travel-status';
import { Facts, Fact } from '../../components/Facts';
import { FilePicker } from '../../components/FilePicker';

type Away = Extract<TravelStatus, { state: 'away' }>;

/** What is away and since when: the state the vault is in until travel.end. */
export function AwayStatus({ away }: { readonly away: Away }) {
  const intl = useIntl();
  const t = translator(intl);
  return (
    <section className="travel-away" aria-labelledby="travel-away-h">
      <div className="travel-away__head">
        <Icon name="travel" />
        <div>
          <h2 id="travel-away-h">{t('travel.away.title', { date: formatDateTime(intl, away.since) })}</h2>
          <p>{t('travel.away.text')}</p>
        </div>
      </div>
      <Facts labelWidth="widest" emphasis className="travel-away__facts">
        <Fact label={t('travel.away.people')}>{intl.formatNumber(away.moved.people)}</Fact>
        <Fact label={t('travel.away.interviews')}>{away.includeTags.length === 0 ? t('travel.away.noInterviews') : t('travel.away.interviewsValue', { count: away.moved.interviews, tags: away.includeTags.join(', ') })}</Fact>
        <Fact label={t('travel.code.opens')}>{away.sealedTo.length === 0 ? t('travel.confirm.codeOnly') : t('travel.confirm.codeAnd', { names: away.sealedTo.join(', ') })}</Fact>
        {away.awayCodes.length > 0 ? (
          <Fact label={t('travel.away.codes')}>
            <AwayCodes codes={away.awayCodes} />
          </Fact>
        ) : null}
      </Facts>
    </section>
  );
}

/** The code names of the people who are away (safe to show), as a compact list. */
export function AwayCodes({ codes }: { readonly codes: readonly string[] }) {
  const t = useT();
  const sorted = [...codes].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return (
    <ul className="away-codes" aria-label={t('travel.away.codes')}>
      {sorted.map((c) => (
        <li key={c} className="away-codes__code">
          {c}
        </li>
      ))}
    </ul>
  );
}

/**
 * After the crossing: the package (Open dialog in the app, a typed path in the preview) and the recovery code as the
 * researcher reads it from paper. Each refusal says what was wrong; nothing changes in the vault until all is right.
 */
export function TravelEnd({ onReturned }: { readonly onReturned: (text: string) => void }) {
  const intl = useIntl();
  const t = translator(intl);
  const { refresh } = useTravel();
  const { reloadPeople } = useVaultData();
  const native = canChooseFile();
  const mounted = useMounted();
  const [path, setPath] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TravelEndError | null>(null);
  const pathId = useId();
  const codeId = useId();
  const codeRef = useRef<HTMLTextAreaElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!path.trim()) return setError({ field: 'file', message: t('travel.end.needFile') });
    if (!code.trim()) {
      codeRef.current?.focus();
      return setError({ field: 'code', message: t('travel.end.needCode') });
    }
    setError(null);
    setBusy(true);
    const r = await call('travel.end', { path: path.trim(), recoveryCode: code });
    if (!mounted.current) return;
    setBusy(false);
    if (!r.ok) {
      const err = travelEndError(r.error, t);
      setError(err);
      if (err.field === 'code') codeRef.current?.focus();
      return;
    }
    setCode('');
    const v = r.value;
    const done = t('travel.end.done', { people: v.returned.people, interviews: v.returned.interviews, records: v.returned.records, date: formatDateTime(intl, v.startedAt) });
    onReturned(v.conflicts ? `${done} ${t('travel.end.conflicts', { count: v.conflicts })}` : done);
    reloadPeople();
    await refresh();
  };

  const fileError = error?.field === 'file' ? error.message : null;
  const codeError = error?.field === 'code' ? error.message : null;
  return (
    <section className="travel-card" aria-labelledby="travel-end-h">
      <div>
        <h2 id="travel-end-h" className="travel-section__title">
          {t('travel.end.title')}
        </h2>
        <p className="travel-section__description">{t('travel.end.description')}</p>
      </div>
      <form className="form travel-end" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <div className="field">
          <label className="field__label" htmlFor={pathId}>
            {t('travel.end.file')}
          </label>
          <FilePicker
            id={pathId}
            path={path}
            onPath={(p) => {
              setPath(p);
              if (error?.field === 'file') setError(null);
            }}
            choose={native ? () => chooseFile({ purpose: 'travel-open' }) : null}
            chooseLabel={t('travel.end.choose')}
            placeholder={t('travel.file.none')}
            busy={busy}
            icon
            invalid={fileError !== null}
            describedBy={fileError ? `${pathId}-error` : undefined}
          />
          <div className="field__error-slot" aria-live="polite">
            {fileError ? (
              <p className="field__error" id={`${pathId}-error`}>
                <Icon name="error" />
                <span>{fileError}</span>
              </p>
            ) : null}
          </div>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={codeId}>
            {t('travel.end.code')}
          </label>
          <textarea
            id={codeId}
            ref={codeRef}
            className="input textarea travel-end__code"
            rows={3}
            value={code}
            onChange={(e) => {
              setCode(e.target.value.slice(0, 1024));
              if (error?.field === 'code') setError(null);
            }}
            readOnly={busy}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            lang="en"
            aria-invalid={codeError ? true : undefined}
            aria-describedby={`${codeId}-hint${codeError ? ` ${codeId}-error` : ''}`}
          />
          <p className="field__hint" id={`${codeId}-hint`}>
            {t('travel.end.codeHint')}
          </p>
          <div className="field__error-slot" aria-live="polite">
            {codeError ? (
              <p className="field__error" id={`${codeId}-error`}>
                <Icon name="error" />
                <span>{codeError}</span>
              </p>
            ) : null}
          </div>
        </div>
        {error?.field === 'form' ? (
          <Alert tone="error" title={t('travel.end.failed')}>
            {error.message}
          </Alert>
        ) : null}
        <div className="travel-card__actions">
          <Button type="submit" variant="primary" busy={busy}>
            {busy ? t('travel.end.running') : t('travel.end.submit')}
          </Button>
          <p className="travel-end__unchanged">{error ? t('travel.end.unchanged') : ''}</p>
        </div>
      </form>
    </section>
  );
}
