import { useEffect, useState } from 'react';
import type { Interview, InterviewRevisionInfo } from '../../../shared/domain';
import { call } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Loading } from '../../components/LoadFailed';
import { Markdown } from '../../components/Markdown';
import { formatDateTime } from '../../format';
import { useMounted } from '../../hooks/useMounted';

/** Earlier versions the vault kept (the last 20): pick one, read it, restore it. */
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

  useEffect(() => {
    void (async () => {
      await beforeOpen(); // what is on screen is saved first, so it becomes a version too
      const r = await call('interviews.revisions', { id });
      if (!mounted.current) return;
      if (!r.ok) return setError(r.error.message);
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
      else setError(r.error.message);
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
    if (!r.ok) return setError(r.error.message);
    onRestored(r.value);
  };

  return (
    <Dialog
      size="large"
      title="Earlier versions"
      description="Fieldvault keeps the version from before each burst of editing, and before every restore: the last 20, encrypted. Restoring keeps the current text as a version too."
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button variant="primary" onClick={() => void restore()} disabled={!preview} busy={busy}>
            Restore this version
          </Button>
        </>
      }
    >
      {error ? (
        <Alert tone="error" title="Could not read the earlier versions">
          {error}
        </Alert>
      ) : null}
      {list === null && !error ? <Loading label="Reading earlier versions…" /> : null}
      {list !== null && list.length === 0 ? <p className="revisions__empty">No earlier versions yet. A version is kept each time you come back to edit after a pause.</p> : null}
      {list !== null && list.length > 0 ? (
        <div className="revisions">
          <ul className="revisions__list" aria-label="Kept versions">
            {list.map((v) => (
              <li key={v.revisionId}>
                <button type="button" className="revisions__item" aria-pressed={chosen === v.revisionId} onClick={() => setChosen(v.revisionId)}>
                  <span className="revisions__when">{formatDateTime(v.savedAt)}</span>
                  <span className="revisions__title">{v.title || 'Untitled'}</span>
                  <span className="revisions__size">{v.characters.toLocaleString()} characters</span>
                </button>
              </li>
            ))}
          </ul>
          <section className="revisions__preview" aria-label="Version preview" tabIndex={0}>
            {preview ? (
              <>
                <h3 className="revisions__preview-title">{preview.title || 'Untitled'}</h3>
                <h4 className="revisions__label">Notes</h4>
                <Markdown text={preview.body} />
                <h4 className="revisions__label">Summary</h4>
                <Markdown text={preview.summary} />
              </>
            ) : (
              <Loading label="Opening this version…" />
            )}
          </section>
        </div>
      ) : null}
    </Dialog>
  );
}
