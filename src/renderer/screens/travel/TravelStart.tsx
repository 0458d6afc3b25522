import { useId, useMemo, useState } from 'react';
import { MAX_TRAVEL_SEAL_TO, MAX_TRAVEL_TAGS, type TravelStartResult } from '../../../shared/travel';
import { call, canChooseFile, chooseFile } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { LoadFailed } from '../../components/LoadFailed';
import { Spinner } from '../../components/Spinner';
import { useOperation } from '../../hooks/useOperation';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation, useVaultData } from '../../shell/context';
import { RecoveryCode } from './RecoveryCode';
import { travelStartError } from './travel-errors';
import { useTravel } from './travel-status';
import { Facts, Fact } from '../../components/Facts';
import { FilePicker } from '../../components/FilePicker';

/** The file name offered for a travel package: the date only (nothing about what is inside). */
export const travelPackageName = () => `fieldvault-travel-${new Date().toISOString().slice(0, 10)}.fvtravel`;

const toggled = (set: ReadonlySet<string>, key: string, on: boolean): ReadonlySet<string> => {
  const next = new Set(set);
  if (on) next.add(key);
  else next.delete(key);
  return next;
};

/**
 * Before a crossing: what travel mode does, which tagged interviews leave with the register, which colleagues may
 * also open the package, where the package goes; then a confirmation that says what will leave; then the recovery
 * code (travel.newCode) to write down and check, and only then travel.start with that code. The code lives only in
 * this component's state: leaving the screen, cancelling or a lock drops it, and nothing has left by then.
 */
export function TravelStart({ onStarted }: { readonly onStarted: (result: Omit<TravelStartResult, 'recoveryCode'>) => void }) {
  const t = useT();
  const { navigate } = useNavigation();
  const { reloadPeople } = useVaultData();
  const { refresh } = useTravel();
  // read afresh: the counts in the confirmation are what the core is about to move
  const [register, reloadRegister] = useOperation('people.list', {});
  const [interviews, reloadInterviews] = useOperation('interviews.list', {});
  const peopleCount = register.state === 'ready' ? register.value.length : 0;
  const [colleagues] = useOperation('colleagues.list', {});
  const [tags, setTags] = useState<ReadonlySet<string>>(new Set());
  const [sealTo, setSealTo] = useState<ReadonlySet<string>>(new Set());
  const native = canChooseFile();
  const [path, setPath] = useState(native ? '' : `~/Documents/${travelPackageName()}`);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // the code on screen, not yet used (null: none shown); and why travel.start refused it, if it did
  const [code, setCode] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const pathId = useId();
  const pathHintId = useId();

  // the tags in use, with how many interviews carry each; the core matches tags regardless of case, so "Border"
  // and "border" are one choice here (shown as first spelt in sorted order)
  const tagCounts = useMemo(() => {
    const counts = new Map<string, { label: string; count: number }>();
    if (interviews.state !== 'ready') return [];
    const all = [...new Set(interviews.value.flatMap((row) => row.tags))].sort((a, b) => a.localeCompare(b));
    for (const tag of all) if (!counts.has(tag.toLocaleLowerCase())) counts.set(tag.toLocaleLowerCase(), { label: tag, count: 0 });
    for (const row of interviews.value) for (const key of new Set(row.tags.map((tag) => tag.toLocaleLowerCase()))) counts.get(key)!.count++;
    return [...counts.values()].map(({ label, count }) => [label, count] as const);
  }, [interviews]);
  // the core matches tags regardless of case, so the count does too
  const leaving = useMemo(() => {
    if (interviews.state !== 'ready') return 0;
    const wanted = new Set([...tags].map((tag) => tag.toLocaleLowerCase()));
    return interviews.value.filter((row) => row.tags.some((tag) => wanted.has(tag.toLocaleLowerCase()))).length;
  }, [interviews, tags]);
  const colleagueList = colleagues.state === 'ready' ? [...colleagues.value].sort((a, b) => a.label.localeCompare(b.label)) : [];
  const sealLabels = colleagueList.filter((c) => sealTo.has(c.id)).map((c) => c.label);
  const chosenTags = tagCounts.map(([tag]) => tag).filter((tag) => tags.has(tag));

  const review = () => {
    if (!path.trim()) return setError(t('travel.start.needFile'));
    // said before a code is written down for nothing (travel.start refuses it too)
    if (peopleCount === 0 && leaving === 0) return setError(t('travel.error.nothing'));
    setError(null);
    setConfirming(true);
  };
  const showCode = async () => {
    setBusy(true);
    setError(null);
    const r = await call('travel.newCode', {});
    setBusy(false);
    setConfirming(false);
    if (!r.ok) return setError(travelStartError(r.error, t));
    setStartError(null);
    setCode(r.value.recoveryCode);
  };
  const cancelCode = () => {
    setCode(null);
    setStartError(null);
  };
  const start = async () => {
    if (code === null) return;
    setBusy(true);
    setStartError(null);
    const r = await call('travel.start', { path: path.trim(), includeTags: chosenTags, sealTo: [...sealTo], recoveryCode: code });
    setBusy(false);
    // refused: nothing left, and the same code (already on paper) may be tried again
    if (!r.ok) return setStartError(travelStartError(r.error, t));
    setCode(null);
    const { recoveryCode: _written, ...result } = r.value;
    onStarted(result);
    reloadPeople();
    await refresh();
  };

  if (code !== null) {
    return (
      <RecoveryCode
        code={code}
        plan={{ path: path.trim(), people: peopleCount, interviews: leaving, tags: chosenTags, sealLabels }}
        busy={busy}
        error={startError}
        onStart={() => void start()}
        onCancel={cancelCode}
      />
    );
  }

  return (
    <div className="travel">
      <section className="travel-explain" aria-labelledby="travel-explain-h">
        <h2 id="travel-explain-h" className="travel-section__title">
          {t('travel.explain.title')}
        </h2>
        <ol className="travel-steps">
          <li>
            <span className="travel-steps__n" aria-hidden="true">
              1
            </span>
            <p>{t('travel.explain.leave')}</p>
          </li>
          <li>
            <span className="travel-steps__n" aria-hidden="true">
              2
            </span>
            <p>{t('travel.explain.code')}</p>
          </li>
          <li>
            <span className="travel-steps__n" aria-hidden="true">
              3
            </span>
            <p>{t('travel.explain.away')}</p>
          </li>
        </ol>
      </section>

      <section className="travel-card" aria-labelledby="travel-what-h">
        <h2 id="travel-what-h" className="travel-section__title">
          {t('travel.what.title')}
        </h2>
        {register.state === 'failed' ? <LoadFailed what={t('people.loadWhat')} error={register.error} onRetry={reloadRegister} /> : null}
        {interviews.state === 'failed' ? <LoadFailed what={t('interviews.loadWhat')} error={interviews.error} onRetry={reloadInterviews} /> : null}
        <p className="travel-card__always">
          <Icon name="people" />
          <span>{t('travel.what.register', { count: peopleCount })}</span>
        </p>
        <fieldset className="travel-choices">
          <legend className="field__label">{t('travel.tags.legend')}</legend>
          <p className="field__hint">{t('travel.tags.hint')}</p>
          {interviews.state === 'loading' ? <Spinner /> : null}
          {interviews.state === 'ready' && tagCounts.length === 0 ? <p className="travel-choices__none">{t('travel.tags.none')}</p> : null}
          {tagCounts.length > 0 ? (
            <ul>
              {tagCounts.map(([tag, count]) => (
                <li key={tag}>
                  <label className="travel-choice">
                    <input type="checkbox" className="checkbox" checked={tags.has(tag)} disabled={!tags.has(tag) && tags.size >= MAX_TRAVEL_TAGS} onChange={(e) => setTags(toggled(tags, tag, e.target.checked))} />
                    <span className="travel-choice__label">{tag}</span>
                    <span className="travel-choice__count">{t('travel.tags.count', { count })}</span>
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
        </fieldset>
        <fieldset className="travel-choices">
          <legend className="field__label">{t('travel.seal.legend')}</legend>
          <p className="field__hint">{t('travel.seal.hint')}</p>
          {colleagues.state === 'ready' && colleagueList.length === 0 ? (
            <p className="travel-choices__none">
              {t('travel.seal.none')}{' '}
              <Button variant="link" onClick={() => navigate({ section: 'colleagues' })}>
                {t('seal.toColleagues')}
              </Button>
            </p>
          ) : null}
          {colleagueList.length > 0 ? (
            <ul>
              {colleagueList.map((c) => (
                <li key={c.id}>
                  <label className="travel-choice travel-choice--colleague">
                    <input type="checkbox" className="checkbox" checked={sealTo.has(c.id)} disabled={!sealTo.has(c.id) && sealTo.size >= MAX_TRAVEL_SEAL_TO} onChange={(e) => setSealTo(toggled(sealTo, c.id, e.target.checked))} />
                    <span className="travel-choice__who">
                      <span className="travel-choice__label">{c.label}</span>
                      <span className="travel-choice__words" lang="en">
                        {c.fingerprint.slice(0, 3).join(' ')}…
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
        </fieldset>
        <div className="field">
          <label className="field__label" htmlFor={pathId}>
            {t('travel.file.label')}
          </label>
          <FilePicker
            id={pathId}
            path={path}
            onPath={(p, how) => {
              setPath(p);
              if (how === 'chosen') setError(null);
            }}
            choose={native ? () => chooseFile({ purpose: 'travel-create', name: travelPackageName() }) : null}
            chooseLabel={t('travel.file.choose')}
            placeholder={t('travel.file.none')}
            busy={busy}
            icon
            describedBy={pathHintId}
          />
          <p className="field__hint" id={pathHintId}>
            {t('travel.file.hint')}
          </p>
        </div>
        <div aria-live="polite">
          {error ? (
            <Alert tone="error" title={t('travel.start.failed')} onDismiss={() => setError(null)}>
              {error}
            </Alert>
          ) : null}
        </div>
        <div className="travel-card__actions">
          <Button variant="primary" onClick={review} disabled={interviews.state !== 'ready' || register.state !== 'ready'}>
            <Icon name="travel" />
            {t('travel.start.review')}
          </Button>
        </div>
      </section>

      {confirming ? (
        <Dialog
          role="alertdialog"
          title={t('travel.confirm.title')}
          description={t('travel.confirm.description')}
          onClose={() => (busy ? undefined : setConfirming(false))}
          actions={
            <>
              <Button onClick={() => setConfirming(false)} disabled={busy}>
                {t('travel.confirm.cancel')}
              </Button>
              <Button variant="primary" onClick={() => void showCode()} busy={busy}>
                {t('travel.confirm.go')}
              </Button>
            </>
          }
        >
          <Facts labelWidth="wide" spacing="loose" emphasis className="travel-summary">
            <Fact label={t('travel.confirm.people')}>{t('travel.confirm.peopleValue', { count: peopleCount })}</Fact>
            <Fact label={t('travel.confirm.interviews')}>{chosenTags.length === 0 ? t('travel.confirm.noInterviews') : t('travel.confirm.interviewsValue', { count: leaving, tags: chosenTags.join(', ') })}</Fact>
            <Fact label={t('travel.confirm.opens')}>{sealLabels.length === 0 ? t('travel.confirm.codeOnly') : t('travel.confirm.codeAnd', { names: sealLabels.join(', ') })}</Fact>
            <Fact label={t('travel.confirm.file')} mono>{path.trim()}</Fact>
          </Facts>
          <p className="travel-summary__note">{t('travel.confirm.note')}</p>
        </Dialog>
      ) : null}
    </div>
  );
}
