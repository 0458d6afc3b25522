import { useCallback, useEffect, useRef, useState } from 'react';
import { call, onLocked, onLockRequested } from './api';
import { useT, type Translate } from './i18n/I18nProvider';
import { flushAll, unsavedEditors, type Unsaved } from './lock/flush';
import { usePanicShortcut } from './lock/usePanicShortcut';
import { CreateVaultScreen } from './screens/CreateVaultScreen';
import { UnlockScreen } from './screens/UnlockScreen';
import { RestoreScreen } from './screens/backup/RestoreScreen';
import type { LockReason, Session } from './session';
import { AppShell } from './shell/AppShell';
import { DEFAULT_VAULT_PATH } from './vault-name';
import { commonError } from './errors';


type Phase =
  | { readonly kind: 'starting' }
  | { readonly kind: 'locked'; readonly mode: 'unlock' | 'create' | 'restore' }
  | { readonly kind: 'unlocked'; readonly session: Session };

/**
 * The top of the renderer: locked (unlock or create) or unlocked (the app shell). Locking replaces the whole
 * unlocked tree, so every record, list and form value held in React state goes with it; a new `epoch` key
 * makes sure nothing is reused, not even the inputs of the unlock screen.
 */
export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  // The vault location is kept across locks so unlocking again is one field, not two. It is a folder name,
  // not content.
  const [vaultPath, setVaultPath] = useState(DEFAULT_VAULT_PATH);
  // Why the vault was locked (a message, shown in the language of the moment), or the core's own words.
  const [notice, setNotice] = useState<'app.notice.idle' | 'app.notice.auto' | { readonly text: string } | null>(null);
  const t = useT();
  // Edits the lock could not save: said on the lock screen, honestly, since they are gone.
  const [lost, setLost] = useState<readonly Unsaved[]>([]);
  const [epoch, setEpoch] = useState(0);
  const locking = useRef(false);
  const unlocked = useRef(false);
  unlocked.current = phase.kind === 'unlocked';

  useEffect(() => {
    let alive = true;
    void (async () => {
      // A renderer that starts fresh (reload, new window) never inherits an unlocked vault.
      const status = await call('vault.status', {});
      if (status.ok && status.value.state === 'unlocked') {
        await call('vault.lock', {});
        if (alive) setVaultPath(status.value.path);
      }
      if (!alive) return;
      if (!status.ok) setNotice({ text: commonError(status.error, t) });
      setPhase({ kind: 'locked', mode: 'unlock' });
    })();
    return () => {
      alive = false;
    };
  }, []);

  /**
   * Every lock goes through here. Pending edits are sent first (their requests leave at once and are awaited,
   * at most about a second), the unlocked tree is dropped right away so nothing stays on screen, and only
   * then is the core asked to lock. 'external' means the core is already locked (main did it): nothing to save.
   */
  const lock = useCallback((reason: LockReason) => {
    if (!unlocked.current) {
      // nothing on screen to save; answer a request from main at once so it need not wait
      if (reason === 'requested') void call('vault.lock', {});
      return;
    }
    if (locking.current) return;
    locking.current = true;
    // The core already locked ('external'): what is unsaved now cannot be saved any more. The panic key waits for
    // nothing: what was not saved yet is lost, and said so.
    const saved = reason === 'external' || reason === 'panic' ? Promise.resolve(unsavedEditors()) : flushAll(1200);
    setLost([]);
    setEpoch((n) => n + 1);
    setPhase({ kind: 'locked', mode: 'unlock' });
    setNotice(reason === 'user' || reason === 'panic' ? null : reason === 'idle' ? 'app.notice.idle' : 'app.notice.auto');
    void saved
      .then((left) => {
        // An edit that failed to save is dropped with the rest of the screen: keeping it anywhere but the
        // vault would mean plaintext on disk or in a locked app's memory.
        if (left.length > 0) setLost(left);
        return call('vault.lock', reason === 'external' ? {} : { reason: reason === 'panic' ? 'user' : reason });
      })
      .finally(() => {
        locking.current = false;
      });
  }, []);

  useEffect(() => onLocked(() => lock('external')), [lock]);
  usePanicShortcut(() => lock('panic'));
  useEffect(() => onLockRequested(() => lock('requested')), [lock]);

  const opened = useCallback((session: Session) => {
    setVaultPath(session.path);
    setNotice(null);
    setLost([]);
    setEpoch((n) => n + 1);
    setPhase({ kind: 'unlocked', session });
  }, []);

  switch (phase.kind) {
    case 'starting':
      return <div className="starting" aria-busy="true" />;
    case 'locked':
      if (phase.mode === 'restore')
        return (
          <RestoreScreen
            onCancel={() => setPhase({ kind: 'locked', mode: 'unlock' })}
            onRestored={(path, text) => {
              setVaultPath(path);
              setNotice({ text });
              setEpoch((n) => n + 1);
              setPhase({ kind: 'locked', mode: 'unlock' });
            }}
          />
        );
      return phase.mode === 'unlock' ? (
        <UnlockScreen
          key={`unlock-${epoch}`}
          initialPath={vaultPath}
          notice={[notice === null ? '' : typeof notice === 'string' ? t(notice) : notice.text, lostNotice(t, lost)].filter(Boolean).join(' ') || null}
          noticeTone={lost.length > 0 ? 'warning' : 'info'}
          onUnlocked={opened}
          onRestore={() => {
            setNotice(null);
            setPhase({ kind: 'locked', mode: 'restore' });
          }}
          onCreateVault={(path) => {
            setVaultPath(path);
            setNotice(null);
            setPhase({ kind: 'locked', mode: 'create' });
          }}
        />
      ) : (
        <CreateVaultScreen
          key={`create-${epoch}`}
          initialPath={vaultPath}
          onCreated={opened}
          onCancel={() => setPhase({ kind: 'locked', mode: 'unlock' })}
        />
      );
    case 'unlocked':
      return <AppShell key={`shell-${epoch}`} session={phase.session} onLock={lock} />;
  }
}

/** What the lock screen says about edits the lock could not save (or could not wait for). */
function lostNotice(t: Translate, lost: readonly Unsaved[]): string {
  const failed = lost.filter((u) => u.failed);
  const late = lost.filter((u) => !u.failed);
  const parts: string[] = [];
  if (failed.length > 0) {
    const prefix = t('save.problem.title', { what: '' });
    const problem = failed[0]!.problem;
    const why = (problem.startsWith(prefix) ? problem.slice(prefix.length) : problem).replace(/\.$/, '');
    parts.push(t('app.lost.failed', { what: failed.map((u) => u.what).join(', '), why }));
  }
  // a save still under way reaches the vault before the lock does, but nobody saw it succeed
  if (late.length > 0) parts.push(t('app.lost.late', { what: late.map((u) => u.what).join(', ') }));
  return parts.join(' ');
}
