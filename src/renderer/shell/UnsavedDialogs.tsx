import { useState } from 'react';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { useT } from '../i18n/I18nProvider';
import { NOT_FINISHED, NOT_SAVED_YET, type Unsaved } from '../lock/flush';
import '../components/SaveStatus.css';

function List({ unsaved }: { readonly unsaved: readonly Unsaved[] }) {
  const t = useT();
  // a save problem's title without its "Not saved: " (the dialog says that already)
  const prefix = t('save.problem.title', { what: '' });
  const text = (p: string) => (p === NOT_SAVED_YET ? t('save.notYet') : p === NOT_FINISHED ? t('save.timeout') : p.startsWith(prefix) ? p.slice(prefix.length) : p);
  return (
    <ul className="unsaved-list">
      {unsaved.map((u) => (
        <li key={u.what}>
          <strong>{u.what}</strong>: {text(u.problem)}
        </li>
      ))}
    </ul>
  );
}

/**
 * Leaving a screen whose edits could not be saved. The researcher stays with the text: it is on screen, it is
 * retried, and nothing offers to throw it away. Try again leaves as soon as the save succeeds.
 */
export function UnsavedLeaveDialog({ unsaved, onStay, onRetry }: { readonly unsaved: readonly Unsaved[]; readonly onStay: () => void; readonly onRetry: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const t = useT();
  return (
    <Dialog
      role="alertdialog"
      title={t('unsaved.leave.title')}
      description={t('unsaved.leave.text')}
      onClose={onStay}
      actions={
        <>
          <Button
            busy={busy}
            onClick={() => {
              setBusy(true);
              void onRetry().finally(() => setBusy(false));
            }}
          >
            {t('unsaved.leave.retry')}
          </Button>
          <Button variant="primary" onClick={onStay} autoFocus>
            {t('unsaved.leave.stay')}
          </Button>
        </>
      }
    >
      <List unsaved={unsaved} />
    </Dialog>
  );
}

/**
 * Locking by hand while a save is failing. Locking discards those edits (they cannot be written anywhere but
 * the vault, and never in plain text), so the researcher decides. Automatic locks do not ask: they lock.
 */
export function UnsavedLockDialog({ unsaved, onStay, onLock }: { readonly unsaved: readonly Unsaved[]; readonly onStay: () => void; readonly onLock: () => void }) {
  const t = useT();
  return (
    <Dialog
      role="alertdialog"
      title={t('unsaved.lock.title')}
      description={t('unsaved.lock.text')}
      onClose={onStay}
      actions={
        <>
          <Button variant="danger" onClick={onLock}>
            {t('unsaved.lock.discard')}
          </Button>
          <Button variant="primary" onClick={onStay} autoFocus>
            {t('unsaved.lock.stay')}
          </Button>
        </>
      }
    >
      <List unsaved={unsaved} />
    </Dialog>
  );
}
