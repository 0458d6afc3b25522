import { useId, useState } from 'react';
import type { BriefDecisions, BriefFormat, BriefRequest } from '../../../shared/brief';
import { MAX_SEAL_RECIPIENTS, type SealResult } from '../../../shared/delivery';
import { call, canChooseFile, chooseFile } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { useOperation } from '../../hooks/useOperation';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation } from '../../shell/context';
import { deliveryError } from './delivery-errors';
import './delivery.css';
import { Facts, Fact } from '../../components/Facts';
import { FilePicker } from '../../components/FilePicker';

/** What brief.seal needs from the reviewed brief, built when the researcher seals (the decisions as they are then). */
export interface SealInput {
  readonly request: BriefRequest;
  readonly format: BriefFormat;
  readonly decisions: Record<string, BriefDecisions>;
  readonly reviewed: string;
}

const bundleName = () => `brief-${new Date().toISOString().slice(0, 10)}.fvb`;

/**
 * "Seal for colleagues" under the brief's review: tick colleagues (1..16), choose the .fvb file (Save dialog in the
 * app; a typed path in the developer preview) and seal. `blocked` is why the brief cannot be written now ('' if it can).
 */
export function SealPanel({ blocked, input, onSealed }: { readonly blocked: string; readonly input: () => SealInput | null; readonly onSealed?: (r: SealResult) => void }) {
  const t = useT();
  const { navigate } = useNavigation();
  const [colleagues] = useOperation('colleagues.list', {});
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const native = canChooseFile();
  const [path, setPath] = useState(native ? '' : `~/Documents/${bundleName()}`);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ readonly ok: true; readonly value: SealResult } | { readonly ok: false; readonly text: string } | null>(null);
  const pathId = useId();
  const reasonId = useId();

  if (colleagues.state !== 'ready') return null;
  const list = [...colleagues.value].sort((a, b) => a.label.localeCompare(b.label));
  const ids = list.filter((c) => chosen.has(c.id)).map((c) => c.id);
  const reason = blocked || (ids.length === 0 ? t('seal.reason.recipients') : !path.trim() ? t('seal.reason.file') : !path.trim().toLowerCase().endsWith('.fvb') ? t('seal.reason.fvb') : '');
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
    setOutcome(null);
  };
  const seal = async () => {
    const built = input();
    if (reason || !built) return;
    setBusy(true);
    setOutcome(null);
    const r = await call('brief.seal', { ...built, path: path.trim(), recipients: ids });
    setBusy(false);
    if (r.ok) {
      setOutcome({ ok: true, value: r.value });
      onSealed?.(r.value);
    } else setOutcome({ ok: false, text: deliveryError(r.error, t) });
  };

  return (
    <section className="seal" aria-labelledby="seal-h">
      <div className="seal__intro">
        <h2 id="seal-h" className="brief-section-title">
          <Icon name="lock" />
          {t('seal.title')}
        </h2>
        <p>{t('seal.description')}</p>
      </div>
      {list.length === 0 ? (
        <p className="seal__none">
          {t('seal.none')}{' '}
          <Button variant="link" onClick={() => navigate({ section: 'colleagues' })}>
            {t('seal.toColleagues')}
          </Button>
        </p>
      ) : (
        <>
          <fieldset className="seal__recipients">
            <legend className="field__label">{t('seal.recipients')}</legend>
            <ul>
              {list.map((c) => (
                <li key={c.id}>
                  <label className="seal__recipient">
                    <input type="checkbox" className="checkbox" checked={chosen.has(c.id)} disabled={!chosen.has(c.id) && chosen.size >= MAX_SEAL_RECIPIENTS} onChange={(e) => toggle(c.id, e.target.checked)} />
                    <span className="seal__label">{c.label}</span>
                    <span className="seal__words" lang="en">{c.fingerprint.slice(0, 3).join(' ')}…</span>
                  </label>
                </li>
              ))}
            </ul>
            {list.length > MAX_SEAL_RECIPIENTS ? <p className="field__hint">{t('seal.max', { max: MAX_SEAL_RECIPIENTS })}</p> : null}
          </fieldset>
          <div className="seal__bar">
            <div className="seal__path">
              <label className="export-bar__label" htmlFor={pathId}>
                {t('seal.file')}
              </label>
              <FilePicker
                id={pathId}
                path={path}
                onPath={(p, how) => {
                  setPath(p);
                  if (how === 'chosen') setOutcome(null);
                }}
                choose={native ? () => chooseFile({ purpose: 'seal', name: bundleName() }) : null}
                chooseLabel={t('seal.choose')}
                placeholder={t('seal.noFile')}
                busy={busy}
                describedBy={reasonId}
              />
            </div>
            <div className="seal__go">
              <p id={reasonId} className={reason ? 'export-bar__reason export-bar__reason--blocked' : 'export-bar__reason'}>
                {reason}
              </p>
              <Button variant="primary" onClick={() => void seal()} disabled={Boolean(reason)} busy={busy}>
                <Icon name="lock" />
                {t('seal.submit')}
              </Button>
            </div>
          </div>
        </>
      )}
      {outcome?.ok ? (
        <Alert tone="success" title={t('seal.success.title')} onDismiss={() => setOutcome(null)}>
          <Facts spacing="tight">
            <Fact label={t('export.success.savedTo')} mono>{outcome.value.path}</Fact>
            <Fact label={t('seal.success.for')}>{outcome.value.recipients.join(', ')}</Fact>
            <Fact label={t('seal.success.inside')}>
              {outcome.value.inner.format.toUpperCase()} · {t('received.interviews', { count: outcome.value.interviews })} · {outcome.value.inner.name}
            </Fact>
          </Facts>
          <p className="outcome-note">{t('seal.success.note', { names: outcome.value.recipients.join(', ') })}</p>
        </Alert>
      ) : outcome ? (
        <Alert tone="error" onDismiss={() => setOutcome(null)}>
          {outcome.text}
        </Alert>
      ) : null}
    </section>
  );
}
