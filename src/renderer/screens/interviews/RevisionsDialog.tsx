import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { Interview, InterviewRevisionInfo } from '../../../shared/domain';
import { call } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Loading } from '../../components/LoadFailed';
import { Markdown } from '../../components/Markdown';
import { formatDateTime } from '../../format';
import { useMounted } from '../../hooks/useMounted';
import { commonError } from '../../errors';
import { translator } from '../../i18n/I18nProvider';

/** Earlier versions the vault kept (the last 20; core/domain/history.ts says which): pick one, read it, restore it. */
export function RevisionsDialog({
  id,
  beforeOpen,
  currentRevision,
  onRestored,
  onClose,
}: {
  readonly id: string;
  readonly beforeOpen: () => Promise<void>;
  readonly currentRevision: () => number;
  readonly onRestored: (r: Interview) => void;
  readonly onClose: () => void;
}) {
  const [list, setList] = useState<readonly InterviewRevisionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [preview, setPreview] = useState<Interview | null>(null);
  const [busy, setBusy] = useState(false);
  const mounted = useMounted();
  const intl = useIntl();
  const t = translator(intl);

  useEffect(() => {
    void (async () => {
      await beforeOpen(); // what is on screen is saved first: a restore then keeps exactly it as a version
      const r = await call('interviews.revisions', { id });
      if (!mounted.current) return;
      if (!r.ok) return setError(commonError(r.error, t));
      const newest = [...r.value].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
      setList(newest);
      if (newest[0]) setChosen(newest[0].revisionId);
    })();
  }, [id, beforeOpen, mounted]);

  useEffect(() => {
    if (!chosen) return;
    let alive = true;
    setPreview(null);
    void call('interviews.revision', { id, revisionId: chosen }).then((r) => {
      if (!alive) return;
      if (r.ok) setPreview(r.value);
      else setError(commonError(r.error, t));
    });
    return () => {
      alive = false;
    };
  }, [id, chosen]);

  const restore = async () => {
    if (!chosen) return;
    setBusy(true);
    await beforeOpen();
    const r = await call('interviews.restoreRevision', { id, revisionId: chosen, revision: currentRevision() });
    if (!mounted.current) return;
    setBusy(false);
    if (!r.ok) return setError(commonError(r.error, t));
    onRestored(r.value);
  };

  return (
    <Dialog
      size="large"
      title={t('revisions.title')}
      description={t('revisions.description')}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose}>{t('dialog.close')}</Button>
          <Button variant="primary" onClick={() => void restore()} disabled={!preview} busy={busy}>
            {t('revisions.restore')}
          </Button>
        </>
      }
    >
      {error ? (
        <Alert tone="error" title={t('revisions.readFailed')}>
          {error}
        </Alert>
      ) : null}
      {list === null && !error ? <Loading label={t('revisions.loading')} /> : null}
      {list !== null && list.length === 0 ? <p className="revisions__empty">{t('revisions.empty')}</p> : null}
      {list !== null && list.length > 0 ? (
        <div className="revisions">
          <ul className="revisions__list" aria-label={t('revisions.list')}>
            {list.map((v) => (
              <li key={v.revisionId}>
                <button type="button" className="revisions__item" aria-pressed={chosen === v.revisionId} onClick={() => setChosen(v.revisionId)}>
                  <span className="revisions__when">{formatDateTime(intl, v.savedAt)}</span>
                  <span className="revisions__title">{v.title || t('revisions.untitled')}</span>
                  <span className="revisions__size">{t('revisions.characters', { count: v.characters })}</span>
                </button>
              </li>
            ))}
          </ul>
          <section className="revisions__preview" aria-label={t('revisions.preview')} tabIndex={0}>
            {preview ? (
              <>
                <h3 className="revisions__preview-title">{preview.title || t('revisions.untitled')}</h3>
                <h4 className="revisions__label">{t('revisions.notes')}</h4>
                <Markdown text={preview.body} empty={t('editor.empty')} />
                <h4 className="revisions__label">{t('revisions.summary')}</h4>
                <Markdown text={preview.summary} empty={t('editor.empty')} />
              </>
            ) : (
              <Loading label={t('revisions.opening')} />
            )}
          </section>
        </div>
      ) : null}
    </Dialog>
  );
}
